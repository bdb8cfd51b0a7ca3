/**
 * Failure injection: the database stops in the middle of a call. The caller must still get valid
 * TwiML quickly (an apology and a way to leave a message), and the message must not be lost.
 */
import path from 'node:path';
import mongoose from 'mongoose';
import { drainParkedMessages, parkedMessagesKey } from '../../../src/app/failsafe-messages';
import { createClient } from '../../../src/store/clients';
import { NO_CALL_STATE_CACHE } from '../../../src/infra/call-state-cache';
import { connectMongo } from '../../../src/store/mongo';
import { MessageModel } from '../../../src/store/models';
import { freePort, ROOT, startFerretDB, type Service } from '../../../scripts/lib/services';
import { newCallSid, parseTwiml, voiceParams, type Verb } from '../../helpers/twilio';
import { pathOf, useWebhookService } from './harness';

const CLIENT_NUMBER = '+33180000801';
const dataDir = path.join(ROOT, 'var', 'test', `ferretdb-failure-${process.pid}`);
let ferret: Service;
let port: number;
let uri: string;

const find = (verb: Verb, name: string): Verb[] =>
  verb.children.flatMap((c) => (c.name === name ? [c] : find(c, name)));

beforeAll(async () => {
  port = await freePort();
  ferret = await startFerretDB(dataDir, 'failure', port);
  uri = ferret.url;
});

const svc = useWebhookService(__filename, {
  get mongodbUri() {
    return uri;
  },
  webhookDeadlineMs: 1000,
});

afterAll(async () => {
  await ferret.stop();
});

describe('when the database stops mid-call', () => {
  it('then the caller gets an apology and a recording within 2 s, and the recording is kept until the database is back', async () => {
    await createClient({ name: 'Plomberie Dupuis', numbers: [CLIENT_NUMBER] });
    const callSid = newCallSid();
    const from = '+33655555555';
    const first = parseTwiml(
      (await svc.post('/webhooks/voice/incoming', voiceParams(callSid, from, CLIENT_NUMBER)).expect(200))
        .text,
    );
    const menu = find(first, 'Gather')[0]!;

    await ferret.stop();

    const started = Date.now();
    const res = await svc
      .post(pathOf(menu.attrs.action!), voiceParams(callSid, from, CLIENT_NUMBER, { Digits: '2' }))
      .expect(200);
    const elapsed = Date.now() - started;
    expect(elapsed).toBeLessThan(2000);
    expect(res.headers['content-type']).toMatch(/^text\/xml/);
    const failSafe = parseTwiml(res.text);
    expect(find(failSafe, 'Say')[0]!.text).toMatch(/excuser/);
    const record = find(failSafe, 'Record')[0]!;
    expect(record.attrs.action).toMatch(/\/webhooks\/voice\/failsafe-recording$/);

    // The caller leaves a message while the database is still down: it is parked in Redis.
    const recordingSid = `RE${'a'.repeat(32)}`;
    const afterRecord = await svc
      .post(
        pathOf(record.attrs.action!),
        voiceParams(callSid, from, CLIENT_NUMBER, {
          RecordingSid: recordingSid,
          RecordingUrl: `https://api.twilio.com/2010-04-01/Accounts/AC00000000000000000000000000000000/Recordings/${recordingSid}`,
          RecordingDuration: '12',
        }),
      )
      .expect(200);
    expect(find(parseTwiml(afterRecord.text), 'Hangup')).toHaveLength(1);
    const redis = svc.web().redis;
    const parked = await redis.lrange(parkedMessagesKey(uri), 0, -1);
    expect(parked.some((p) => p.includes(recordingSid))).toBe(true);

    // The database comes back; the parked message is moved into it.
    ferret = await startFerretDB(dataDir, 'failure', port);
    await mongoose.disconnect();
    await connectMongo(uri);
    const moved = await drainParkedMessages(redis, parkedMessagesKey(uri), {
      logger: svc.web().logger,
      followUps: { messageStored: async () => undefined },
      publish: async () => undefined,
      parkMessage: async () => undefined,
      now: () => new Date(),
      lock: (_sid, work) => work(),
      replies: { get: async () => null, put: async () => undefined },
      callStates: NO_CALL_STATE_CACHE,
    });
    expect(moved).toBeGreaterThanOrEqual(1);
    const message = await MessageModel.findOne({ 'recording.sid': recordingSid }).lean();
    expect(message).toMatchObject({ callSid, callerNumber: from, status: 'new' });
    expect(message!.summary).toMatch(/Message vocal joint/);
  });
});
