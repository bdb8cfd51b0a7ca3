import type { WebRuntime } from '../../../src/main/runtime';
import { listAuditEvents } from '../../../src/store/audit';
import { makeClient, makeMessage, makeUser, signIn, startTestWeb, testConfig } from './web-fixture';
import { startMediaStandIn, type MediaStandIn } from './twilio-media-stand-in';

describe('recording playback through the service', () => {
  let web: WebRuntime;
  let media: MediaStandIn;
  let session: Awaited<ReturnType<typeof signIn>>;
  const sid = `RE${'a1'.repeat(16)}`;
  let messageId: string;

  beforeAll(async () => {
    const base = testConfig(__filename);
    media = await startMediaStandIn(base.twilio.accountSid, base.twilio.authToken);
    web = await startTestWeb(testConfig(__filename, { TWILIO_MEDIA_BASE_URL: media.baseUrl }));
    const client = await makeClient('Cabinet Son');
    const url = `https://api.twilio.com/2010-04-01/Accounts/${base.twilio.accountSid}/Recordings/${sid}`;
    messageId = (await makeMessage(client.id, { recording: { sid, url, durationSeconds: 2 } })).id;
    session = await signIn(web.server, (await makeUser('assistant', [client.id], 'Écoute')).email);
  });
  afterAll(async () => {
    await web.stop();
    await media.close();
  });

  it('when the page is shown, then the audio points at the service, never at Twilio', async () => {
    const page = await session.agent.get(`/messages/${messageId}`).expect(200);
    expect(page.text).toContain(`src="/messages/${messageId}/recording"`);
    expect(page.text).not.toContain('twilio.com');
  });

  it('when the recording is asked, then it is streamed with the service credentials and audited', async () => {
    const res = await session.agent.get(`/messages/${messageId}/recording`).buffer(true).expect(200);
    expect(res.headers['content-type']).toBe('audio/mpeg');
    expect(res.body.length).toBeGreaterThan(10_000);
    expect(media.requests.at(-1)?.path).toMatch(new RegExp(`/Recordings/${sid}\\.mp3$`));
    expect(await listAuditEvents({ action: 'recording.play', targetId: messageId })).toHaveLength(1);
  });

  it('when the browser asks for a byte range, then the range passes through (206)', async () => {
    const res = await session.agent
      .get(`/messages/${messageId}/recording`)
      .set('Range', 'bytes=100-199')
      .expect(206);
    expect(res.headers['content-range']).toMatch(/^bytes 100-199\//);
  });
});
