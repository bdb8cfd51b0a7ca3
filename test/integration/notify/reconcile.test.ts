/**
 * At most once: a `deliver` job that finds its last attempt's outcome unknown (the mark set before
 * sending, never cleared) asks Twilio before sending again. The processor runs directly against
 * the real store and the local Twilio stand-in (scripts/lib/twilio-stand-in.ts).
 */
import type { Job } from 'bullmq';
import { useTestDatabase } from '../../helpers/db';
import { startTwilioStandIn, type TwilioStandIn } from '../../../scripts/lib/twilio-stand-in';
import { deliveryKey } from '../../../src/notify';
import { createTransports } from '../../../src/notify/channels';
import { TransientError, UnknownOutcomeError } from '../../../src/notify/errors';
import { CLOCK_SKEW_MS, deliverProcessor } from '../../../src/notify/processor';
import { renderSms } from '../../../src/notify/render';
import type { DeliverJobData, Purpose } from '../../../src/notify/types';
import type { Client } from '../../../src/store/clients';
import {
  ensureDeliveries,
  findDelivery,
  markAttemptStarted,
  recordDelivery,
} from '../../../src/store/deliveries';
import type { Message } from '../../../src/store/messages';
import {
  ACCOUNT_SID,
  AUTH_TOKEN,
  liveTwilio,
  makeClient,
  makeMessage,
  PUBLIC_BASE_URL,
  quietLogger,
  testConfig,
  uniqueNumber,
} from './helpers';

useTestDatabase(__filename);

let twilio: TwilioStandIn;
/** `To` numbers whose list requests the stand-in answers with a 500, and how many more times. */
const failingLookups = new Map<string, number>();

beforeAll(async () => {
  twilio = await startTwilioStandIn({
    accountSid: ACCOUNT_SID,
    authToken: AUTH_TOKEN,
    failListWith: (_kind, query) => {
      const left = failingLookups.get(query.get('To') ?? '') ?? 0;
      if (left <= 0) return null;
      failingLookups.set(query.get('To')!, left - 1);
      return 500;
    },
    failWith: (_kind, form) => (form.get('To') === REFUSED ? 400 : null),
  });
});
afterAll(() => twilio.close());

const REFUSED = '+33600000400';

function processorFor(apiBaseUrl: string) {
  const config = testConfig({ ...liveTwilio, TWILIO_API_BASE_URL: apiBaseUrl });
  const logger = quietLogger();
  return deliverProcessor({
    transports: createTransports(config, logger),
    logger,
    publicBaseUrl: PUBLIC_BASE_URL,
    recordingLinks: config.recordingLinks,
  });
}

const job = (data: DeliverJobData, attemptsMade = 0) =>
  ({ data, attemptsMade, opts: { attempts: 3 } }) as unknown as Job<DeliverJobData>;

type Arranged = { client: Client; message: Message; data: DeliverJobData; to: string };

/** A message, its log entry, and optionally an attempt that started at `startedAt` and never ended. */
async function arrange(
  channel: 'sms' | 'call' = 'sms',
  startedAt: Date | null = new Date(),
  purpose: Purpose = channel === 'sms' ? 'notify' : 'backup',
): Promise<Arranged> {
  const to = uniqueNumber();
  const client = await makeClient({ notifications: { sms: { enabled: true, to: [to] } } });
  const message = await makeMessage(client, { reason: `Demande ${to}` });
  const key = deliveryKey(message.id, channel, purpose, 0);
  const data: DeliverJobData = {
    key,
    messageId: message.id,
    clientId: client.id,
    channel,
    purpose,
    to,
    storedAt: Date.now(),
  };
  await ensureDeliveries(message.id, [data]);
  if (startedAt) await markAttemptStarted(message.id, data, startedAt);
  return { client, message, data, to };
}

const smsBody = ({ client, message }: Arranged) =>
  renderSms({ message, client, publicBaseUrl: PUBLIC_BASE_URL }, 'notify');
const smsTo = (to: string) => twilio.messages.filter((m) => m.to === to);
const requestsFor = (to: string) =>
  twilio.requests.filter((r) => decodeURIComponent(r.path).includes(`To=${to}`));

/** What a killed worker left at Twilio: the SMS, created when its request arrived. */
function acceptedEarlier(a: Arranged, createdAt = new Date(), body = smsBody(a)) {
  const sid = `SM${'e'.repeat(24)}${String(twilio.messages.length).padStart(8, '0')}`;
  twilio.messages.push({ sid, to: a.to, from: a.client.numbers[0]!, body, dateCreated: createdAt });
  return sid;
}

test('when an SMS attempt’s outcome is unknown and Twilio holds it, then its sid is adopted and nothing is sent again', async () => {
  const a = await arrange('sms');
  const sid = acceptedEarlier(a);

  const result = await processorFor(twilio.url)(job(a.data, 0));

  expect(result).toEqual({ providerId: sid, adopted: true });
  expect(smsTo(a.to)).toHaveLength(1);
  const entry = await findDelivery(a.data.key);
  expect(entry).toMatchObject({ status: 'sent', providerId: sid });
  expect(entry?.attemptStartedAt).toBeUndefined();
});

test('when an SMS attempt’s outcome is unknown and Twilio holds nothing, then it is sent once', async () => {
  const a = await arrange('sms');

  const result = await processorFor(twilio.url)(job(a.data, 0));

  const sent = smsTo(a.to);
  expect(sent).toHaveLength(1);
  expect(result).toEqual({ providerId: sent[0]!.sid });
  expect(await findDelivery(a.data.key)).toMatchObject({ status: 'sent', providerId: sent[0]!.sid });
  // Asked first (Twilio's list by To, From and day), then sent.
  const asked = requestsFor(a.to);
  expect(asked.map((r) => r.method)).toEqual(['GET']);
  expect(decodeURIComponent(asked[0]!.path)).toMatch(/DateSent>=\d{4}-\d\d-\d\dT00:00:00Z/);
});

test('when the same text went to the same phone before the attempt, or for another notification, then it is not adopted', async () => {
  const a = await arrange('sms', new Date());
  acceptedEarlier(a, new Date(Date.now() - CLOCK_SKEW_MS - 5000)); // an older SMS, same text
  const otherSid = acceptedEarlier(a); // in the window, but another entry of the message owns it
  const other = {
    ...a.data,
    key: deliveryKey(a.message.id, 'sms', 'resend1', 0),
    purpose: 'resend1' as const,
  };
  await ensureDeliveries(a.message.id, [other]);
  await recordDelivery(a.message.id, other, { status: 'sent', providerId: otherSid });

  const result = await processorFor(twilio.url)(job(a.data, 0));

  expect(smsTo(a.to)).toHaveLength(3);
  expect(result).not.toHaveProperty('adopted');
  expect((await findDelivery(a.data.key))?.providerId).toBe(smsTo(a.to)[2]!.sid);
});

test('when Twilio cannot be asked (500 on the list), then the attempt is retried later, never sent blind', async () => {
  const a = await arrange('sms');
  const startedAt = (await findDelivery(a.data.key))!.attemptStartedAt!;
  failingLookups.set(a.to, 2);
  const deliver = processorFor(twilio.url);

  for (const attemptsMade of [0, 1]) {
    const failure = await deliver(job(a.data, attemptsMade)).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(TransientError);
    expect((failure as Error).message).toMatch(/lookup failed/);
    expect(smsTo(a.to)).toHaveLength(0);
    const entry = await findDelivery(a.data.key);
    expect(entry).toMatchObject({ status: 'pending', attempts: attemptsMade + 1 });
    // Still unknown: the mark stays for the next attempt.
    expect(entry?.attemptStartedAt).toEqual(startedAt);
  }
  await deliver(job(a.data, 2));
  expect(smsTo(a.to)).toHaveLength(1);
  expect(await findDelivery(a.data.key)).toMatchObject({ status: 'sent', attempts: 3 });
});

test('when an escalation call’s outcome is unknown and Twilio holds a call placed since, then it is adopted', async () => {
  const a = await arrange('call');
  const sid = `CA${'e'.repeat(32)}`;
  twilio.calls.push({
    sid,
    to: a.to,
    from: a.client.numbers[0]!,
    twiml: '<Response/>',
    dateCreated: new Date(),
  });

  const result = await processorFor(twilio.url)(job(a.data, 0));

  expect(result).toEqual({ providerId: sid, adopted: true });
  expect(twilio.calls.filter((c) => c.to === a.to)).toHaveLength(1);
  expect(await findDelivery(a.data.key)).toMatchObject({ status: 'sent', providerId: sid });
});

test('when an escalation call’s outcome is unknown and Twilio placed none, then it is placed once', async () => {
  const a = await arrange('call');

  await processorFor(twilio.url)(job(a.data, 0));

  const placed = twilio.calls.filter((c) => c.to === a.to);
  expect(placed).toHaveLength(1);
  expect(await findDelivery(a.data.key)).toMatchObject({ status: 'sent', providerId: placed[0]!.sid });
});

test('when no attempt is unfinished, then Twilio is not asked before sending', async () => {
  const a = await arrange('sms', null);

  await processorFor(twilio.url)(job(a.data, 0));

  expect(requestsFor(a.to)).toHaveLength(0); // the POST carries To in its body, not its path
  expect(smsTo(a.to)).toHaveLength(1);
});

test('when Twilio cannot be reached, then the outcome stays unknown; when it refuses, then the mark is cleared', async () => {
  const unreachable = await arrange('sms', null);
  const closed = await startTwilioStandIn({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
  await closed.close();
  const failure = await processorFor(closed.url)(job(unreachable.data, 0)).catch((err: unknown) => err);
  expect(failure).toBeInstanceOf(UnknownOutcomeError);
  expect((await findDelivery(unreachable.data.key))?.attemptStartedAt).toBeInstanceOf(Date);

  const refused = await arrange('sms', null);
  await recordDelivery(refused.message.id, refused.data, { status: 'pending' });
  const data = { ...refused.data, to: REFUSED };
  const permanent = await processorFor(twilio.url)(job(data, 0)).catch((err: unknown) => err);
  expect((permanent as Error).name).toBe('PermanentError');
  const entry = await findDelivery(refused.data.key);
  expect(entry).toMatchObject({ status: 'failed' });
  expect(entry?.attemptStartedAt).toBeUndefined();
});
