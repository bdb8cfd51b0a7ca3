/**
 * Redis stops in the middle of a call, and comes back empty: the caller still gets valid TwiML
 * quickly at every webhook (the fail-safe takes their message), and once Redis answers again the
 * message is stored once and notified once, by the worker that kept running; the call is on record.
 */
import { invalidateClientCache } from '../../../src/app/client-cache';
import { parseEnv } from '../../../src/config/env';
import { createRedis } from '../../../src/infra/redis';
import { startWeb, type WebRuntime } from '../../../src/main/runtime';
import { deliveryKey, startNotificationWorker, type NotificationWorkerOptions } from '../../../src/notify';
import type { NotificationWorker } from '../../../src/notify/worker';
import { createClient } from '../../../src/store/clients';
import { CallModel, MessageModel } from '../../../src/store/models';
import { freePort } from '../../../scripts/lib/services';
import { testDatabaseUri, useTestDatabase } from '../../helpers/db';
import { newCallSid, parseTwiml, sign, voiceParams, type Verb } from '../../helpers/twilio';
import { quietLogger, waitFor } from '../notify/helpers';
import { MESSAGE_ANSWERS, pathOf } from '../webhooks/harness';
import { countingTransports, privateRedis } from './private-redis';
import request from 'supertest';

const CLIENT_NUMBER = '+33180000901';
const CALLER = '+33655550901';
const SMS_TO = '+33622220903';

useTestDatabase(__filename);
const redis = privateRedis('mid-call');
const lines: string[] = [];
const counted = countingTransports();
let web: WebRuntime;
let worker: NotificationWorker;
let connection: NotificationWorkerOptions['connection'];

const find = (verb: Verb, name: string): Verb[] =>
  verb.children.flatMap((c) => (c.name === name ? [c] : find(c, name)));

beforeAll(async () => {
  await redis.start();
  invalidateClientCache();
  const port = await freePort();
  const config = parseEnv({
    NODE_ENV: 'test',
    PORT: String(port),
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    MONGODB_URI: testDatabaseUri(__filename),
    REDIS_URL: redis.url(),
    // The fail-safe voice messages here get no transcription: their notification waits only briefly.
    TRANSCRIPTION_WAIT_MS: '500',
  });
  const logger = quietLogger(lines);
  // The real web service with its real follow-ups (BullMQ on the private Redis), and a worker.
  web = await startWeb(config, { logger, host: '127.0.0.1', webhookDeadlineMs: 1000 });
  connection = createRedis(config.redisUrl, 'blocking');
  connection.on('error', () => undefined);
  worker = await startNotificationWorker({
    connection,
    logger,
    config,
    transports: counted.transports,
    sweepEveryMs: 300,
    scheduleCheckEveryMs: 300,
    sweep: { graceMs: 0, deliveryGraceMs: 300 },
  });
});

afterAll(async () => {
  await worker.close();
  await web.stop();
  connection.disconnect();
  await redis.stop();
  if (process.env.FAULT_DEBUG) console.log(lines.join(''));
});

/** One webhook as Twilio sends it; answered with TwiML within 2 s whatever Redis does. */
async function post(path: string, params: Record<string, string>): Promise<Verb> {
  const url = `${web.config.publicBaseUrl}${path}`;
  const started = Date.now();
  const res = await request(web.server)
    .post(path)
    .type('form')
    .set('X-Twilio-Signature', sign(web.config.twilio.authToken, url, params))
    .send(params)
    .expect(200);
  expect(Date.now() - started).toBeLessThan(2000);
  return parseTwiml(res.text);
}

const recordingParams = (recordingSid: string) => ({
  RecordingSid: recordingSid,
  RecordingUrl: `https://api.twilio.com/2010-04-01/Accounts/AC00000000000000000000000000000000/Recordings/${recordingSid}`,
  RecordingDuration: '9',
});

describe('when Redis stops mid-call and comes back empty', () => {
  it('then every webhook answers TwiML in time, and the caller’s message is stored once and notified once', async () => {
    await createClient({
      name: 'Serrurerie Martin',
      numbers: [CLIENT_NUMBER],
      notifications: { sms: { enabled: true, to: [SMS_TO] } },
    });
    const callSid = newCallSid();
    const params = (extra: Record<string, string> = {}) => voiceParams(callSid, CALLER, CLIENT_NUMBER, extra);
    let twiml = await post('/webhooks/voice/incoming', params());
    // The menu and the name, while Redis answers.
    for (const answer of MESSAGE_ANSWERS.slice(0, 2)) {
      twiml = await post(pathOf(find(twiml, 'Gather')[0]!.attrs.action!), params(answer));
    }

    await redis.stop();

    // The caller gives the reason: the live call is out of reach, the fail-safe takes the message.
    twiml = await post(pathOf(find(twiml, 'Gather')[0]!.attrs.action!), params(MESSAGE_ANSWERS[2]));
    const record = find(twiml, 'Record')[0];
    expect(record?.attrs.action).toBeDefined();
    const recordingSid = `RE${'b'.repeat(32)}`;
    twiml = await post(pathOf(record!.attrs.action!), params(recordingParams(recordingSid)));
    expect(find(twiml, 'Hangup')).toHaveLength(1);
    twiml = await post('/webhooks/voice/status', params({ CallStatus: 'completed', CallDuration: '40' }));
    expect(twiml.children).toHaveLength(0);
    // The call is on record although its live state was out of reach at its end.
    const [call] = await waitFor(async () => {
      const found = await CallModel.find({ callSid }).lean();
      return found.length > 0 ? found : null;
    }, 'the Call record');
    expect(call).toMatchObject({ from: CALLER, to: CLIENT_NUMBER, status: 'completed', outcome: 'failed' });

    await redis.restartEmpty();

    const key = (messageId: string) => deliveryKey(messageId, 'sms', 'notify', 0);
    const stored = await waitFor(async () => {
      const found = await MessageModel.find({ callSid }).lean();
      return found.length === 1 && counted.sent.get(key(found[0]!._id.toString())) === 1 ? found : null;
    }, 'the caller’s message, stored and notified');
    expect(stored[0]).toMatchObject({ callerNumber: CALLER, recording: { sid: recordingSid } });
    // More sweeps go by: still one message, one SMS.
    let sweeps = 0;
    worker.worker.on('completed', (job) => void (job.name === 'sweep' && (sweeps += 1)));
    await waitFor(async () => sweeps >= 3, 'three more sweeps');
    expect(await MessageModel.countDocuments({ callSid })).toBe(1);
    expect(await CallModel.countDocuments({ callSid })).toBe(1);
    expect(Object.fromEntries(counted.sent)).toEqual({ [key(stored[0]!._id.toString())]: 1 });
  });

  it('then a call whose live state was flushed between two webhooks goes on through the fail-safe, and is stored, notified and on record once', async () => {
    const callSid = newCallSid();
    const caller = '+33655550902';
    const params = (extra: Record<string, string> = {}) => voiceParams(callSid, caller, CLIENT_NUMBER, extra);
    let twiml = await post('/webhooks/voice/incoming', params());
    twiml = await post(pathOf(find(twiml, 'Gather')[0]!.attrs.action!), params(MESSAGE_ANSWERS[0]));

    await redis.restartEmpty();

    // Redis answers, empty: the call is unknown to it, and the fail-safe takes the message.
    twiml = await post(pathOf(find(twiml, 'Gather')[0]!.attrs.action!), params(MESSAGE_ANSWERS[1]));
    const record = find(twiml, 'Record')[0];
    expect(record?.attrs.action).toBeDefined();
    twiml = await post(pathOf(record!.attrs.action!), params(recordingParams(`RE${'c'.repeat(32)}`)));
    expect(find(twiml, 'Hangup')).toHaveLength(1);
    await post('/webhooks/voice/status', params({ CallStatus: 'completed', CallDuration: '25' }));

    const [message] = await waitFor(async () => {
      const found = await MessageModel.find({ callSid }).lean();
      const key = found[0] && deliveryKey(found[0]._id.toString(), 'sms', 'notify', 0);
      return key && counted.sent.get(key) === 1 ? found : null;
    }, 'the caller’s message, stored and notified');
    const [call] = await waitFor(async () => {
      const found = await CallModel.find({ callSid }).lean();
      return found.length > 0 ? found : null;
    }, 'the Call record');
    expect(call).toMatchObject({ from: caller, to: CLIENT_NUMBER, outcome: 'failed' });
    // The status callback again (Twilio retries): nothing more.
    await post('/webhooks/voice/status', params({ CallStatus: 'completed', CallDuration: '25' }));
    let sweeps = 0;
    worker.worker.on('completed', (job) => void (job.name === 'sweep' && (sweeps += 1)));
    await waitFor(async () => sweeps >= 3, 'three more sweeps');
    expect(await MessageModel.countDocuments({ callSid })).toBe(1);
    expect(await CallModel.countDocuments({ callSid })).toBe(1);
    expect(counted.sent.get(deliveryKey(message!._id.toString(), 'sms', 'notify', 0))).toBe(1);
  });
});
