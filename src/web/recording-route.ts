/**
 * GET /messages/:id/recording (signed in) and GET /recordings/:id?expires=…&sig=… (a signed link
 * of a notification): stream the recording through the service, with the service's Twilio
 * credentials, so no Twilio URL or credential ever reaches the browser. Range requests pass
 * through (the audio element seeks with them).
 */
import { Readable } from 'node:stream';
import { accessOf } from '../domain/access';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { Router, type Request, type RequestHandler, type Response } from 'express';
import type { Config } from '../config/env';
import { HttpError } from '../http/errors';
import { NotFoundError } from '../domain/errors';
import { auditRecordingPlayed, readMessage } from '../app/message-reads';
import {
  openSignedRecording,
  RecordingLinkRefusedError,
  SIGNED_RECORDING_PATH,
} from '../app/recording-links';
import type { Message } from '../store/messages';
import { currentUser, sourceOf } from './auth';
import { html } from './html';
import { texts } from './i18n';
import { layout } from './views/layout';
import { sessionlessContext } from './web-errors';

const RECORDING_PATH = /^\/2010-04-01\/Accounts\/AC[0-9a-f]{32}\/Recordings\/RE[0-9a-f]{32}$/;
const PASSED_HEADERS = [
  'content-type',
  'content-length',
  'content-range',
  'accept-ranges',
  'last-modified',
  'etag',
];

/** The media path of a recording: the path of Twilio's RecordingUrl, else built from its sid. */
export function recordingPath(message: Message, accountSid: string): string {
  const rec = message.recording;
  if (!rec) throw new NotFoundError('no recording');
  let path = '';
  try {
    path = new URL(rec.url).pathname.replace(/\.(mp3|wav)$/, '');
  } catch {
    path = '';
  }
  if (!RECORDING_PATH.test(path)) path = `/2010-04-01/Accounts/${accountSid}/Recordings/${rec.sid}`;
  if (!RECORDING_PATH.test(path)) throw new NotFoundError('no usable recording reference');
  return `${path}.mp3`;
}

/**
 * Streams a message's recording from Twilio with the service's credentials: the one path of both
 * routes. `audit` runs once per listening (not per range request of the same listening).
 */
async function streamRecording(
  req: Request,
  res: Response,
  message: Message,
  config: Config,
  audit: () => Promise<void>,
): Promise<void> {
  const auth =
    'Basic ' + Buffer.from(`${config.twilio.accountSid}:${config.twilio.authToken}`).toString('base64');
  const url = config.twilio.mediaBaseUrl + recordingPath(message, config.twilio.accountSid);
  const range = req.get('range');
  const upstream = await fetch(url, {
    headers: { Authorization: auth, ...(range ? { Range: range } : {}) },
    signal: AbortSignal.timeout(15_000),
  }).catch((err: Error) => {
    throw new HttpError(502, `recording unavailable: ${err.message}`);
  });
  if (upstream.status === 404) throw new NotFoundError('recording not found upstream');
  if (!upstream.ok || !upstream.body) throw new HttpError(502, `recording unavailable (${upstream.status})`);
  if (!range || /^bytes=0-/.test(range)) await audit();
  res.status(upstream.status);
  for (const h of PASSED_HEADERS) {
    const v = upstream.headers.get(h);
    if (v) res.setHeader(h, v);
  }
  res.setHeader('Cache-Control', 'private, no-store');
  Readable.fromWeb(upstream.body as WebReadableStream)
    .on('error', () => res.destroy())
    .pipe(res);
}

/** The refusal of a bad or expired signed link: a short page in both languages, or plain text. */
function refuseLink(req: Request, res: Response, reason: 'expired' | 'invalid'): void {
  const fr = texts('fr');
  const en = texts('en');
  const [titleFr, titleEn] =
    reason === 'expired'
      ? [fr.recordingLinkExpired, en.recordingLinkExpired]
      : [fr.recordingLinkInvalid, en.recordingLinkInvalid];
  res.status(403).setHeader('Cache-Control', 'no-store');
  if (req.accepts(['html', 'text']) !== 'html') {
    res.type('text/plain').send(`${titleFr}\n${titleEn}\n`);
    return;
  }
  const ctx = sessionlessContext();
  const body = html`<section class="card error-card">
    <h1>${titleFr}</h1>
    <p>${fr.recordingLinkHelp}</p>
    <p lang="en">${titleEn} ${en.recordingLinkHelp}</p>
    <p><a href="/">${fr.back}</a></p>
  </section>`;
  res.send(layout(ctx, titleFr, body, 'page-error'));
}

export function recordingRoute(
  pageStack: RequestHandler[],
  linkStack: RequestHandler[],
  config: Config,
): Router {
  const router = Router();

  router.get('/messages/:id/recording', ...pageStack, async (req: Request<{ id: string }>, res: Response) => {
    const message = await readMessage(accessOf(currentUser(res)), req.params.id);
    await streamRecording(req, res, message, config, () => auditRecordingPlayed(sourceOf(req, res), message));
  });

  // The links of the notifications: no sign-in, the signature and its expiry stand for it.
  router.get(
    `${SIGNED_RECORDING_PATH}/:id`,
    ...linkStack,
    async (req: Request<{ id: string }>, res: Response) => {
      let opened: Awaited<ReturnType<typeof openSignedRecording>>;
      try {
        opened = await openSignedRecording(
          { messageId: req.params.id, expires: req.query.expires, sig: req.query.sig },
          req.ip ?? '',
          config.recordingLinks,
        );
      } catch (err) {
        if (err instanceof RecordingLinkRefusedError) return refuseLink(req, res, err.reason);
        throw err;
      }
      await streamRecording(req, res, opened.message, config, opened.audit);
    },
  );

  return router;
}
