/**
 * One message per call, whatever happens: with a deliberately slow store, the webhook that stores
 * the message misses its deadline, the caller is moved to the fail-safe recording, and the late
 * flow and the recording meet on one message with one set of notifications.
 */
import { createClient } from '../../../src/store/clients';
import { MessageModel } from '../../../src/store/models';
import { useTestDatabase } from '../../helpers/db';
import { newCallSid, parseTwiml, voiceParams, type Verb } from '../../helpers/twilio';
import { MESSAGE_ANSWERS, pathOf, useWebhookService, slowInserts } from './harness';

const CLIENT_NUMBER = '+33180000711';
/** Monday 2 March 2026, 10:00 in Paris: open. */
const NOW = new Date('2026-03-02T09:00:00Z');

const { records: slowRecords, delays: insertDelays } = slowInserts();

useTestDatabase(__filename);
const svc = useWebhookService(__filename, {
  now: () => NOW,
  records: slowRecords,
  webhookDeadlineMs: 800,
  // Longer than the webhook's deadline: the flow's insert is not parked, the webhook gives up first.
  storeDeadlineMs: 5000,
});

beforeAll(async () => {
  await createClient({
    name: 'Plomberie Dupuis',
    numbers: [CLIENT_NUMBER],
    weeklyHours: { mon: [{ start: '09:00', end: '18:00' }] },
  });
});
afterEach(() => {
  insertDelays.length = 0;
});

const find = (verb: Verb, name: string): Verb[] =>
  verb.children.flatMap((c) => (c.name === name ? [c] : find(c, name)));

/** Takes a message up to the final confirmation; returns the fail-safe TwiML the caller got. */
async function callUntilFailSafe(callSid: string, from: string): Promise<Verb> {
  let twiml = parseTwiml(
    (await svc.post('/webhooks/voice/incoming', voiceParams(callSid, from, CLIENT_NUMBER)).expect(200)).text,
  );
  for (const answer of MESSAGE_ANSWERS) {
    const gather = find(twiml, 'Gather')[0]!;
    const res = await svc.post(
      pathOf(gather.attrs.action!),
      voiceParams(callSid, from, CLIENT_NUMBER, answer),
    );
    twiml = parseTwiml(res.text);
  }
  expect(find(twiml, 'Say')[0]!.text).toMatch(/problème technique/);
  return twiml;
}

function recordingParams(callSid: string, from: string, sid: string) {
  return voiceParams(callSid, from, CLIENT_NUMBER, {
    RecordingSid: sid,
    RecordingUrl: `https://api.twilio.com/2010-04-01/Accounts/AC00000000000000000000000000000000/Recordings/${sid}`,
    RecordingDuration: '9',
  });
}

async function settle(callSid: string, from: string): Promise<void> {
  await svc
    .post('/webhooks/voice/status', voiceParams(callSid, from, CLIENT_NUMBER, { CallStatus: 'completed' }))
    .expect(200);
  // Let the late insert (if any) land before counting.
  await new Promise((resolve) => setTimeout(resolve, 1500));
}

describe('when the store is slower than the webhook deadline at the final confirmation', () => {
  it('then the late flow and the fail-safe recording converge on one message, notified once (flow first)', async () => {
    const callSid = newCallSid();
    const from = '+33655550001';
    insertDelays.push(1200);
    const failSafe = await callUntilFailSafe(callSid, from);
    // The late insert lands while the caller is still recording.
    await new Promise((resolve) => setTimeout(resolve, 800));
    const record = find(failSafe, 'Record')[0]!;
    await svc
      .post(pathOf(record.attrs.action!), recordingParams(callSid, from, `RE${'1'.repeat(32)}`))
      .expect(200);
    await settle(callSid, from);

    const messages = await MessageModel.find({ callSid }).lean();
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({
      callerName: 'Jeanne Durand',
      recording: { sid: `RE${'1'.repeat(32)}` },
    });
    expect(svc.notified.filter((m) => m.callSid === callSid)).toHaveLength(1);
  });

  it('then they converge too when the recording is stored before the late flow finishes (recording first)', async () => {
    const callSid = newCallSid();
    const from = '+33655550002';
    insertDelays.push(2500);
    const failSafe = await callUntilFailSafe(callSid, from);
    const record = find(failSafe, 'Record')[0]!;
    await svc
      .post(pathOf(record.attrs.action!), recordingParams(callSid, from, `RE${'2'.repeat(32)}`))
      .expect(200);
    expect(await MessageModel.countDocuments({ callSid })).toBe(1);
    await settle(callSid, from);
    await new Promise((resolve) => setTimeout(resolve, 1000));

    const messages = await MessageModel.find({ callSid }).lean();
    expect(messages).toHaveLength(1);
    // The caller's own words complete the fail-safe message.
    expect(messages[0]).toMatchObject({
      callerName: 'Jeanne Durand',
      recording: { sid: `RE${'2'.repeat(32)}` },
    });
    expect(messages[0]!.reason).toMatch(/fuite/);
    expect(svc.notified.filter((m) => m.callSid === callSid)).toHaveLength(1);
  });
});
