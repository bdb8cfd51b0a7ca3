/**
 * GET /messages/:id/recording: streams the recording through the service, with the service's
 * Twilio credentials, so no Twilio URL or credential ever reaches the browser. Range requests
 * pass through (the audio element seeks with them).
 */
import { Readable } from 'node:stream';
import { accessOf } from '../domain/access';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { Router, type Request, type RequestHandler, type Response } from 'express';
import type { Config } from '../config/env';
import { HttpError } from '../http/errors';
import { NotFoundError } from '../domain/errors';
import { auditRecordingPlayed, readMessage } from '../app/message-reads';
import type { Message } from '../store/messages';
import { currentUser, sourceOf } from './auth';

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

export function recordingRoute(pageStack: RequestHandler[], config: Config): Router {
  const router = Router();
  const auth =
    'Basic ' + Buffer.from(`${config.twilio.accountSid}:${config.twilio.authToken}`).toString('base64');

  router.get('/messages/:id/recording', ...pageStack, async (req: Request<{ id: string }>, res: Response) => {
    const user = currentUser(res);
    const message = await readMessage(accessOf(user), req.params.id);
    const url = config.twilio.mediaBaseUrl + recordingPath(message, config.twilio.accountSid);
    const range = req.get('range');
    const upstream = await fetch(url, {
      headers: { Authorization: auth, ...(range ? { Range: range } : {}) },
      signal: AbortSignal.timeout(15_000),
    }).catch((err: Error) => {
      throw new HttpError(502, `recording unavailable: ${err.message}`);
    });
    if (upstream.status === 404) throw new NotFoundError('recording not found upstream');
    if (!upstream.ok || !upstream.body)
      throw new HttpError(502, `recording unavailable (${upstream.status})`);
    // One audit line per listening, not per range request of the same listening.
    if (!range || /^bytes=0-/.test(range)) await auditRecordingPlayed(sourceOf(req, res), message);
    res.status(upstream.status);
    for (const h of PASSED_HEADERS) {
      const v = upstream.headers.get(h);
      if (v) res.setHeader(h, v);
    }
    res.setHeader('Cache-Control', 'private, no-store');
    Readable.fromWeb(upstream.body as WebReadableStream)
      .on('error', () => res.destroy())
      .pipe(res);
  });

  return router;
}
