/**
 * The recording links of the notifications: signed and expiring, played through the service
 * without signing in, refused (403) when tampered with or expired, and audited like any play.
 */
import request from 'supertest';
import { recordingLink } from '../../../src/app/recording-links';
import type { WebRuntime } from '../../../src/main/runtime';
import { listAuditEvents } from '../../../src/store/audit';
import type { Message } from '../../../src/store/messages';
import { useTestDatabase } from '../../helpers/db';
import { startMediaStandIn, type MediaStandIn } from './twilio-media-stand-in';
import { makeClient, makeMessage, startTestWeb, testConfig } from './web-fixture';

useTestDatabase(__filename);

describe('a signed recording link of a notification', () => {
  let web: WebRuntime;
  let media: MediaStandIn;
  let message: Message;
  const sid = `RE${'b2'.repeat(16)}`;

  beforeAll(async () => {
    const base = testConfig(__filename);
    media = await startMediaStandIn(base.twilio.accountSid, base.twilio.authToken);
    web = await startTestWeb(testConfig(__filename, { TWILIO_MEDIA_BASE_URL: media.baseUrl }));
    const client = await makeClient('Cabinet Lien');
    const url = `https://api.twilio.com/2010-04-01/Accounts/${base.twilio.accountSid}/Recordings/${sid}`;
    message = await makeMessage(client.id, { recording: { sid, url, durationSeconds: 2 } });
  });
  afterAll(async () => {
    await web.stop();
    await media.close();
  });

  const pathOf = (link: string) => {
    const u = new URL(link);
    return `${u.pathname}${u.search}`;
  };
  const link = () => recordingLink(web.config.publicBaseUrl, message, web.config.recordingLinks)!;

  it('when it is valid, then the recording streams without sign-in, through the service, and the play is audited', async () => {
    expect(link().startsWith(`${web.config.publicBaseUrl}/recordings/${message.id}?expires=`)).toBe(true);
    const res = await request(web.server).get(pathOf(link())).buffer(true).expect(200);
    expect(res.headers['content-type']).toBe('audio/mpeg');
    expect(res.body.length).toBeGreaterThan(10_000);
    expect(media.requests.at(-1)?.path).toBe(
      `/2010-04-01/Accounts/${web.config.twilio.accountSid}/Recordings/${sid}.mp3`,
    );
    const plays = await listAuditEvents({ action: 'recording.play', targetId: message.id });
    expect(plays).toHaveLength(1);
    expect(plays[0]).toMatchObject({ actor: { type: 'system', id: 'recording-link' } });
  });

  it('when the player asks for a byte range, then it passes through (206), audited once per listening', async () => {
    const res = await request(web.server).get(pathOf(link())).set('Range', 'bytes=100-199').expect(206);
    expect(res.headers['content-range']).toMatch(/^bytes 100-199\//);
    expect(await listAuditEvents({ action: 'recording.play', targetId: message.id })).toHaveLength(1);
  });

  it.each([
    [
      'its signature is tampered with',
      (l: string) => l.replace(/sig=(.)/, (_, c: string) => `sig=${c === 'A' ? 'B' : 'A'}`),
    ],
    [
      'its expiry is pushed back',
      (l: string) => l.replace(/expires=(\d+)/, (_, e: string) => `expires=${Number(e) + 86_400}`),
    ],
    [
      'it names another message',
      // Another last hex digit: an id ending in 0 must not be "changed" into itself.
      (l: string) =>
        l.replace(message.id, `${message.id.slice(0, -1)}${message.id.endsWith('0') ? '1' : '0'}`),
    ],
    ['it has no signature', (l: string) => l.replace(/&sig=.*$/, '')],
  ])(
    'when %s, then it is refused with 403 and a page saying so, and Twilio is never asked',
    async (_what, tamper) => {
      const before = media.requests.length;
      const res = await request(web.server)
        .get(pathOf(tamper(link())))
        .set('Accept', 'text/html')
        .expect(403);
      expect(res.text).toContain('Ce lien d’écoute n’est pas valide');
      expect(res.text).toContain('This recording link is not valid');
      expect(media.requests.length).toBe(before);
    },
  );

  it('when it has expired, then it is refused with 403 saying it expired', async () => {
    const expired = recordingLink(web.config.publicBaseUrl, message, {
      secret: web.config.recordingLinks.secret,
      ttlMs: -1000,
    })!;
    const page = await request(web.server).get(pathOf(expired)).set('Accept', 'text/html').expect(403);
    expect(page.text).toContain('Ce lien d’écoute a expiré');
    const audio = await request(web.server).get(pathOf(expired)).set('Accept', 'audio/*').expect(403);
    expect(audio.text).toMatch(/expiré[\s\S]*expired/);
  });
});
