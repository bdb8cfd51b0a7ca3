/**
 * A caller who could not be understood leaves a voice message; Twilio's transcription arrives
 * later. The message then has the caller's name, the number they stated and the reason, its
 * summary says them, and the client is notified once — after the transcription, within the wait —
 * with recording links on the service, never at Twilio's host. Real FerretDB, Redis and BullMQ.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { invalidateClientCache } from '../../../src/app/client-cache';
import { messageKey } from '../../../src/flow';
import { parseEnv, type Config } from '../../../src/config/env';
import { createLogger } from '../../../src/infra/logger';
import { startWeb, type WebRuntime } from '../../../src/main/runtime';
import { deliveryKey } from '../../../src/notify';
import { createClient, type Client } from '../../../src/store/clients';
import { getMessage, messageIdFor } from '../../../src/store/messages';
import { OutboxModel } from '../../../src/store/models';
import { sweep } from '../../../src/notify/sweeper';
import { freePort } from '../../../scripts/lib/services';
import { redisUrl, testDatabaseUri, useTestDatabase } from '../../helpers/db';
import { newCallSid, parseTwiml, sign, voiceParams, type Verb } from '../../helpers/twilio';
import { deliveryOf, makeMessage, startPipeline, waitFor, type Pipeline } from '../notify/helpers';
import request from 'supertest';

/** Short for the test; the product's default is 90 s. */
const WAIT_MS = 6000;
const CLIENT_NUMBER = '+33180000741';
const ACCOUNT = 'AC00000000000000000000000000000000';

type Received = { at: number; body: { message: Record<string, unknown> } };

useTestDatabase(__filename);

let config: Config;
let web: WebRuntime;
let pipeline: Pipeline;
let receiver: http.Server;
const received: Received[] = [];
let client: Client;

beforeAll(async () => {
  invalidateClientCache();
  receiver = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      received.push({ at: Date.now(), body: JSON.parse(raw) as Received['body'] });
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const port = await freePort();
  config = parseEnv({
    NODE_ENV: 'test',
    PORT: String(port),
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    MONGODB_URI: testDatabaseUri(__filename),
    REDIS_URL: redisUrl(),
    WEBHOOK_ALLOW_PRIVATE: 'true',
    TRANSCRIPTION_WAIT_MS: String(WAIT_MS),
  });
  pipeline = await startPipeline(config);
  const f = pipeline.followUps;
  web = await startWeb(config, {
    logger: createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'error', json: true }),
    host: '127.0.0.1',
    webhookDeadlineMs: 8000,
    // The pipeline closes its own queue.
    followUps: {
      messageStored: (m) => f.messageStored(m),
      messageCompleted: (id) => f.messageCompleted(id),
      acknowledge: (id, by) => f.acknowledge(id, by),
      retryDelivery: (id, key) => f.retryDelivery(id, key),
    },
  });
  const { port: receiverPort } = receiver.address() as AddressInfo;
  client = await createClient({
    name: 'Pharmacie du Port',
    numbers: [CLIENT_NUMBER],
    locale: 'fr-FR',
    timezone: 'Europe/Paris',
    weeklyHours: Object.fromEntries(
      ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [{ start: '00:00', end: '23:59' }]]),
    ),
    notifications: {
      sms: { enabled: false },
      email: { enabled: true, to: ['pharmacie@example.test'] },
      webhook: {
        enabled: true,
        url: `http://127.0.0.1:${receiverPort}/hook`,
        secret: 'a-webhook-secret-0123',
      },
    },
  });
});
afterAll(async () => {
  await web.stop();
  await pipeline.close();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

const post = (path: string, params: Record<string, string>) =>
  request(web.server)
    .post(path)
    .type('form')
    .set('X-Twilio-Signature', sign(config.twilio.authToken, `${config.publicBaseUrl}${path}`, params))
    .send(params);

const pathOf = (url: string) => {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
};
const find = (verb: Verb, name: string): Verb[] =>
  verb.children.flatMap((c) => (c.name === name ? [c] : find(c, name)));
const webhooksFor = (messageId: string) => received.filter((r) => r.body.message.id === messageId);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A caller silent at every question, until the receptionist offers the voice message; records it. */
async function silentCallerLeavesVoicemail(callSid: string, from: string, recordingSid: string) {
  let twiml = parseTwiml(
    (await post('/webhooks/voice/incoming', voiceParams(callSid, from, CLIENT_NUMBER)).expect(200)).text,
  );
  for (let turn = 0; turn < 12 && find(twiml, 'Record').length === 0; turn += 1) {
    // Silence: Twilio runs the verb after the Gather, the redirect.
    const redirect = twiml.children.find((v) => v.name === 'Redirect');
    if (!redirect) throw new Error(`no redirect after a silent turn: ${JSON.stringify(twiml)}`);
    twiml = parseTwiml(
      (await post(pathOf(redirect.text), voiceParams(callSid, from, CLIENT_NUMBER)).expect(200)).text,
    );
  }
  const record = find(twiml, 'Record')[0]!;
  expect(record.attrs.transcribe).toBe('true');
  const recordingUrl = `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT}/Recordings/${recordingSid}`;
  await post(
    pathOf(record.attrs.action!),
    voiceParams(callSid, from, CLIENT_NUMBER, {
      RecordingSid: recordingSid,
      RecordingUrl: recordingUrl,
      RecordingDuration: '14',
    }),
  ).expect(200);
  await post(
    '/webhooks/voice/status',
    voiceParams(callSid, from, CLIENT_NUMBER, { CallStatus: 'completed' }),
  ).expect(200);
  return { transcribeCallback: pathOf(record.attrs.transcribeCallback!), recordingUrl };
}

const TRANSCRIPTION =
  "Bonjour, c'est Camille Martin, j'appelle pour le renouvellement de mon ordonnance. Rappelez-moi au 06 12 34 56 78";

describe('a voice message whose transcription arrives within the wait', () => {
  it('then the message has the name, the stated number and the reason, and one notification goes out after the transcription', async () => {
    const callSid = newCallSid();
    const from = '+33620000211';
    const recordingSid = `RE${'c3'.repeat(16)}`;
    const { transcribeCallback, recordingUrl } = await silentCallerLeavesVoicemail(
      callSid,
      from,
      recordingSid,
    );
    const messageId = messageIdFor(messageKey(callSid)).toString();
    const stored = await getMessage(messageId);
    expect(stored).toMatchObject({ callerName: '', reason: '', callbackNumber: from, transcription: '' });
    expect(stored.summary).toMatch(/non identifié.*Objet : non précisé/);

    // Held: nothing goes out while the transcription is awaited.
    await sleep(2000);
    expect(webhooksFor(messageId)).toHaveLength(0);

    const transcribed = {
      TranscriptionSid: `TR${'d4'.repeat(16)}`,
      TranscriptionText: TRANSCRIPTION,
      TranscriptionStatus: 'completed',
      RecordingSid: recordingSid,
      RecordingUrl: recordingUrl,
    };
    const sentAt = Date.now();
    await post(transcribeCallback, voiceParams(callSid, from, CLIENT_NUMBER, transcribed)).expect(200);

    const message = await getMessage(messageId);
    expect(message).toMatchObject({
      callerName: 'Camille Martin',
      callerNumber: from,
      callbackNumber: '+33612345678',
      reason: 'Le renouvellement de mon ordonnance',
      transcription: TRANSCRIPTION,
    });
    expect(message.summary).toBe(
      'Message de Camille Martin, à rappeler au 06 12 34 56 78. Objet : Le renouvellement de mon ordonnance. Message vocal joint.',
    );

    const [hook] = await waitFor(async () => {
      const hooks = webhooksFor(messageId);
      return hooks.length > 0 && hooks;
    }, 'the webhook notification');
    // Released by the transcription: well before the wait would have ended.
    expect(hook!.at).toBeGreaterThanOrEqual(sentAt);
    expect(hook!.at - message.createdAt.getTime()).toBeLessThan(WAIT_MS);
    expect(hook!.body.message).toMatchObject({
      callerName: 'Camille Martin',
      callbackNumber: '+33612345678',
      reason: 'Le renouvellement de mon ordonnance',
      summary: message.summary,
    });
    expect(String(hook!.body.message.recordingUrl)).toMatch(
      new RegExp(`^${config.publicBaseUrl}/recordings/${messageId}\\?expires=\\d+&sig=`),
    );
    const email = await waitFor(
      () => OutboxModel.findOne({ key: deliveryKey(messageId, 'email', 'notify', 0) }).lean(),
      'the email',
    );
    expect(email.body).toContain('Camille Martin');
    expect(email.body).toContain(`${config.publicBaseUrl}/recordings/${messageId}?expires=`);
    for (const body of [email.body, JSON.stringify(hook!.body)]) expect(body).not.toContain('api.twilio.com');

    // Twilio delivers the callback again: nothing changes, nothing more is sent.
    await post(
      transcribeCallback,
      voiceParams(callSid, from, CLIENT_NUMBER, { ...transcribed, TranscriptionText: 'Autre chose' }),
    ).expect(200);
    const replayed = await getMessage(messageId);
    expect(replayed.updatedAt).toEqual(message.updatedAt);
    expect(replayed.transcription).toBe(TRANSCRIPTION);
    await sleep(WAIT_MS - (Date.now() - message.createdAt.getTime()) + 1000);
    expect(webhooksFor(messageId)).toHaveLength(1);
    expect(await OutboxModel.countDocuments({ messageId })).toBe(1);
  });
});

const voiceOnly = (sid: string) => ({
  callerName: '',
  reason: '',
  callerNumber: '+33620000212',
  callbackNumber: '+33620000212',
  summary:
    "Message d'un appelant non identifié, à rappeler au 06 20 00 02 12. Objet : non précisé. Message vocal joint.",
  recording: {
    sid,
    url: `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT}/Recordings/${sid}`,
    durationSeconds: 8,
  },
});

describe('a voice message whose transcription never comes', () => {
  it('then it is notified after the wait, with what there is', async () => {
    const message = await makeMessage(client, voiceOnly(`RE${'e5'.repeat(16)}`));
    await pipeline.followUps.messageStored(message);
    const key = deliveryKey(message.id, 'webhook', 'notify', 0);
    const sent = await waitFor(
      async () => {
        const d = await deliveryOf(message.id, key);
        return d?.status === 'sent' && webhooksFor(message.id)[0];
      },
      'the webhook after the wait',
      WAIT_MS + 10_000,
    );
    expect(sent.at - message.createdAt.getTime()).toBeGreaterThanOrEqual(WAIT_MS - 50);
    expect(sent.body.message).toMatchObject({ callerName: '', reason: '', transcription: '' });
    expect(webhooksFor(message.id)).toHaveLength(1);
  });
});

describe('an urgent voice message', () => {
  it('then it is never held for its transcription', async () => {
    const message = await makeMessage(client, { ...voiceOnly(`RE${'f6'.repeat(16)}`), urgent: true });
    await pipeline.followUps.messageStored(message);
    const sent = await waitFor(async () => webhooksFor(message.id)[0], 'the urgent webhook', WAIT_MS);
    expect(sent.at - message.createdAt.getTime()).toBeLessThan(WAIT_MS / 2);
  });
});

describe('a voice message whose transcription fails', () => {
  it('then its held notification goes out at once, with what there is; the sweeper never took the held job for lost', async () => {
    const callSid = newCallSid();
    const message = await makeMessage(client, {
      ...voiceOnly(`RE${'a7'.repeat(16)}`),
      key: messageKey(callSid),
      callSid,
    });
    await pipeline.followUps.messageStored(message);
    const key = deliveryKey(message.id, 'webhook', 'notify', 0);
    const job = await waitFor(async () => {
      const j = await pipeline.worker.queue.getJob(key);
      return j && (await j.isDelayed()) && j;
    }, 'the held job');
    // A sweep while it is held: the delayed job exists, nothing is queued again.
    const swept = await sweep(pipeline.worker.queue, createLogger({ level: 'error', json: true }), {
      graceMs: 0,
      deliveryGraceMs: 0,
      plan: { transcriptionWaitMs: WAIT_MS },
    });
    expect(swept.requeued).toBe(0);
    expect(await (await pipeline.worker.queue.getJob(key))?.isDelayed()).toBe(true);

    await post(
      '/webhooks/voice/transcription',
      voiceParams(callSid, message.callerNumber, CLIENT_NUMBER, {
        TranscriptionSid: `TR${'b8'.repeat(16)}`,
        TranscriptionText: '',
        TranscriptionStatus: 'failed',
        RecordingSid: message.recording!.sid,
        RecordingUrl: message.recording!.url,
      }),
    ).expect(200);
    const sent = await waitFor(async () => webhooksFor(message.id)[0], 'the released webhook', WAIT_MS);
    expect(sent.at - message.createdAt.getTime()).toBeLessThan(WAIT_MS);
    expect(sent.body.message).toMatchObject({ callerName: '', transcription: '' });
    expect(job.id).toBe(key);
    await sleep(WAIT_MS - (Date.now() - message.createdAt.getTime()) + 500);
    expect(webhooksFor(message.id)).toHaveLength(1);
  });
});
