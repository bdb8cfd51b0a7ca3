/**
 * Failure injection: the database stops in the middle of a call. The caller must still get valid
 * TwiML quickly, and the message must not be lost.
 */
import path from 'node:path';
import mongoose from 'mongoose';
import { drainParkedMessages } from '../../../src/app/failsafe-messages';
import { createClient } from '../../../src/store/clients';
import { connectMongo } from '../../../src/store/mongo';
import { MessageModel } from '../../../src/store/models';
import { freePort, ROOT, startFerretDB, type Service } from '../../../scripts/lib/services';
import { newCallSid, parseTwiml, voiceParams, type Verb } from '../../helpers/twilio';
import { MESSAGE_ANSWERS, pathOf, useWebhookService } from './harness';

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
  it('then the caller goes on undisturbed, the message is parked in Redis, and it reaches MongoDB once the database is back', async () => {
    await createClient({ name: 'Plomberie Dupuis', numbers: [CLIENT_NUMBER] });
    const callSid = newCallSid();
    const from = '+33655555555';
    let twiml = parseTwiml(
      (await svc.post('/webhooks/voice/incoming', voiceParams(callSid, from, CLIENT_NUMBER)).expect(200))
        .text,
    );

    await ferret.stop();

    for (const answer of MESSAGE_ANSWERS) {
      const gather = find(twiml, 'Gather')[0]!;
      const started = Date.now();
      const res = await svc
        .post(pathOf(gather.attrs.action!), voiceParams(callSid, from, CLIENT_NUMBER, answer))
        .expect(200);
      expect(Date.now() - started).toBeLessThan(2000);
      twiml = parseTwiml(res.text);
      expect(
        find(twiml, 'Say')
          .map((say) => say.text)
          .join(' '),
      ).not.toMatch(/problème technique/);
    }
    expect(find(twiml, 'Say').at(-1)!.text).toMatch(/message a bien été transmis/);
    const parking = svc.web().calls.parking;
    expect(await parking.size()).toBe(1);

    // Another call, already on the fail-safe: its recording is parked too.
    const failSafeSid = newCallSid();
    const recordingSid = `RE${'a'.repeat(32)}`;
    const afterRecord = await svc
      .post(
        '/webhooks/voice/failsafe-recording',
        voiceParams(failSafeSid, from, CLIENT_NUMBER, {
          RecordingSid: recordingSid,
          RecordingUrl: `https://api.twilio.com/2010-04-01/Accounts/AC00000000000000000000000000000000/Recordings/${recordingSid}`,
          RecordingDuration: '12',
        }),
      )
      .expect(200);
    expect(find(parseTwiml(afterRecord.text), 'Hangup')).toHaveLength(1);
    expect(await parking.size()).toBe(2);

    // The database comes back; the parked messages are moved into it, each once.
    ferret = await startFerretDB(dataDir, 'failure', port);
    await mongoose.disconnect();
    await connectMongo(uri);
    expect(await drainParkedMessages(svc.web().calls)).toBe(2);
    expect(await parking.size()).toBe(0);
    const taken = await MessageModel.find({ callSid }).lean();
    expect(taken).toHaveLength(1);
    expect(taken[0]).toMatchObject({ callerName: 'Jeanne Durand', callerNumber: from, status: 'new' });
    const recorded = await MessageModel.find({ callSid: failSafeSid }).lean();
    expect(recorded).toHaveLength(1);
    expect(recorded[0]!.summary).toMatch(/Message vocal joint/);
    expect(recorded[0]!.recording).toMatchObject({ sid: recordingSid });
    expect(svc.notified.filter((m) => m.callSid === callSid || m.callSid === failSafeSid)).toHaveLength(2);
  });
});
