/**
 * The SMS acknowledgement use case through the signed inbound webhook, on the real store and Redis:
 * the reply claims the message for the client (in progress, `claimedBy`), writes one audit entry
 * naming the number, tells the assistants' live list, and cancels the pending escalation. "OK 2"
 * claims the message whose SMS carried the reference 2; a message an assistant has, or handled, is
 * not taken back.
 */
import { Types } from 'mongoose';
import { redisNamespace } from '../../../src/infra/redis';
import { createFollowUps, deliveryKey, type FollowUps } from '../../../src/notify';
import { createRedis } from '../../../src/infra/redis';
import {
  publishMessageEvent,
  subscribeMessageEvents,
  type MessageEvent,
} from '../../../src/infra/message-events';
import { listAuditEvents } from '../../../src/store/audit';
import { deliveriesOf, ensureDeliveries, recordDelivery } from '../../../src/store/deliveries';
import { getMessage, type Message } from '../../../src/store/messages';
import { MessageModel } from '../../../src/store/models';
import { createUser } from '../../../src/store/users';
import { useTestDatabase } from '../../helpers/db';
import {
  freshPrefix,
  inboundSms,
  makeClient,
  makeMessage,
  obliterate,
  quietLogger,
  testConfig,
  waitFor,
} from './helpers';

useTestDatabase(__filename);

const config = testConfig();
const prefix = freshPrefix();
const redis = createRedis(config.redisUrl);
const subscriber = createRedis(config.redisUrl);
let followUps: FollowUps;
let unsubscribe: () => Promise<void>;
// Every message event published while the tests run (the channel is shared: filter by message).
const published: MessageEvent[] = [];

beforeAll(async () => {
  // Command connections do not queue while connecting: start once both answer.
  await Promise.all(
    [redis, subscriber].map((r) => r.status === 'ready' || new Promise((ready) => r.once('ready', ready))),
  );
  followUps = createFollowUps({ redis, logger: quietLogger(), config, prefix });
  unsubscribe = await subscribeMessageEvents(subscriber, redisNamespace(config.mongodbUri), (e) =>
    published.push(e),
  );
});
afterAll(async () => {
  await unsubscribe();
  await followUps.close();
  await obliterate(prefix);
  subscriber.disconnect();
  redis.disconnect();
});

const post = inboundSms(config, redis, () => followUps);
const reply = (from: string, body: string) =>
  post({ From: from, To: '+33180000000', Body: body, MessageSid: 'SM1' });

/** An urgent message whose first SMS went to `phone`, with its resend still pending. */
async function urgentSentTo(
  phone: string,
  options: {
    client?: Awaited<ReturnType<typeof makeClient>>;
    smsRef?: number;
    set?: Record<string, unknown>;
  } = {},
): Promise<Message> {
  const client = options.client ?? (await makeClient());
  const message = await makeMessage(client, {
    urgent: true,
    ...(options.set?.callerName !== undefined && { callerName: String(options.set.callerName) }),
  });
  const $set = { ...options.set, ...(options.smsRef !== undefined && { smsRef: options.smsRef }) };
  if (Object.keys($set).length) {
    await MessageModel.collection.updateOne({ _id: new Types.ObjectId(message.id) }, { $set });
  }
  const notify = {
    key: deliveryKey(message.id, 'sms', 'notify', 0),
    channel: 'sms' as const,
    purpose: 'notify',
    to: phone,
  };
  const resend = {
    key: deliveryKey(message.id, 'sms', 'resend1', 0),
    channel: 'sms' as const,
    purpose: 'resend1',
    to: phone,
  };
  await ensureDeliveries(message.id, [notify, resend]);
  await recordDelivery(message.id, notify, { status: 'sent', attempts: 1 });
  return message;
}

const auditOf = (messageId: string) => listAuditEvents({ targetId: messageId });
const answerOf = (xml: string) => /<Message>([^]*)<\/Message>/.exec(xml)?.[1]?.replace(/&apos;/g, "'");

test('when the client replies "OK", then the message is theirs: in progress, claimed by the client, audited once, shown live, its escalation cancelled', async () => {
  const phone = '+33611112001';
  const message = await urgentSentTo(phone);

  const res = await reply(phone, 'Ok !');

  expect(answerOf(res.text)).toBe('Bien reçu\u202f: le message de Jean Dupont est pris en charge par vous.');
  const stored = await getMessage(message.id);
  expect(stored.acknowledgedAt).toBeInstanceOf(Date);
  expect(stored).toMatchObject({
    status: 'in_progress',
    assigneeId: null,
    claimedBy: { kind: 'client', label: '06 11 11 20 01', phone, at: stored.acknowledgedAt },
  });
  const audit = await auditOf(message.id);
  expect(audit).toHaveLength(1);
  expect(audit[0]).toMatchObject({
    action: 'message.acknowledge',
    actor: { type: 'system', id: phone, label: `sms:${phone}` },
    target: { type: 'message', id: message.id },
    detail: { from: phone, ref: null, claimed: true },
  });
  expect(String(audit[0]!.clientId)).toBe(message.clientId);
  await waitFor(async () => published.some((e) => e.messageId === message.id), 'the live-list event');
  expect(published.filter((e) => e.messageId === message.id)).toEqual([
    { type: 'message.updated', messageId: message.id, clientId: message.clientId, urgent: true },
  ]);
  const resend = (await deliveriesOf(message.id)).find((d) => d.purpose === 'resend1');
  expect(resend).toMatchObject({ status: 'cancelled', lastError: `acknowledged by sms:${phone}` });
});

test.each(['OK 2', 'ok2', 'OK n°2', 'Ok N° 2 !', 'vu 2'])(
  'when the client replies "%s", then exactly the message whose SMS carried 2 is claimed',
  async (body) => {
    const phone = `+336111130${String(Math.floor(Math.random() * 90) + 10)}`;
    const client = await makeClient();
    const one = await urgentSentTo(phone, { client, smsRef: 1 });
    const two = await urgentSentTo(phone, { client, smsRef: 2, set: { callerName: 'Élodie Fournier' } });
    const three = await urgentSentTo(phone, { client, smsRef: 3 });

    const res = await reply(phone, body);

    expect(answerOf(res.text)).toBe(
      'Bien reçu\u202f: le message d’Élodie Fournier est pris en charge par vous.',
    );
    expect(await getMessage(two.id)).toMatchObject({ status: 'in_progress', claimedBy: { phone } });
    for (const other of [one, three]) {
      expect(await getMessage(other.id)).toMatchObject({
        status: 'new',
        claimedBy: null,
        acknowledgedAt: null,
      });
    }
    expect((await auditOf(two.id))[0]).toMatchObject({ detail: { from: phone, ref: 2, claimed: true } });
  },
);

test('when the reference names no SMS sent to that number, then the reply explains and nothing changes', async () => {
  const phone = '+33611112011';
  const other = '+33611112012';
  const mine = await urgentSentTo(phone, { smsRef: 1 });
  // Reference 2 went to another number: not this one's to take.
  const theirs = await urgentSentTo(other, { smsRef: 2 });

  const res = await reply(phone, 'OK 2');

  expect(answerOf(res.text)).toContain('Aucun message urgent envoyé à ce numéro ne porte la référence 2');
  expect(answerOf(res.text)).toContain('No urgent message sent to this number has the reference 2');
  for (const m of [mine, theirs]) {
    expect(await getMessage(m.id)).toMatchObject({ status: 'new', claimedBy: null, acknowledgedAt: null });
    expect(await auditOf(m.id)).toHaveLength(0);
  }
});

test('when an assistant already has the message, then it is not taken back: the reply says so, only the escalation stops', async () => {
  const phone = '+33611112021';
  const client = await makeClient();
  const claire = await createUser({
    email: `claire-${Date.now()}@test.local`,
    name: 'Claire',
    role: 'assistant',
    password: 'correct horse battery',
    clientIds: [client.id],
  });
  const message = await urgentSentTo(phone, {
    client,
    set: { status: 'in_progress', assigneeId: new Types.ObjectId(claire.id) },
  });

  const res = await reply(phone, 'OK');

  expect(answerOf(res.text)).toBe(
    'Le message de Jean Dupont est déjà pris en charge par l’équipe\u202f: vous n’avez rien à faire.',
  );
  const stored = await getMessage(message.id);
  expect(stored).toMatchObject({ status: 'in_progress', assigneeId: claire.id, claimedBy: null });
  expect(stored.acknowledgedAt).toBeInstanceOf(Date);
  expect((await auditOf(message.id))[0]).toMatchObject({ detail: { claimed: false } });
  const resend = (await deliveriesOf(message.id)).find((d) => d.purpose === 'resend1');
  expect(resend).toMatchObject({ status: 'cancelled' });
});

test('when the message is already handled, then the reply says so and it stays handled', async () => {
  const phone = '+33611112031';
  const message = await urgentSentTo(phone, { smsRef: 4, set: { status: 'handled', handledAt: new Date() } });

  const res = await reply(phone, 'OK 4');

  expect(answerOf(res.text)).toBe(
    'Le message de Jean Dupont est déjà traité\u202f: vous n’avez rien à faire.',
  );
  expect(await getMessage(message.id)).toMatchObject({ status: 'handled', claimedBy: null });
});

test('when the client replies "OK" again, then nothing is pending and nothing more is recorded', async () => {
  const phone = '+33611112002';
  const message = await urgentSentTo(phone);
  await reply(phone, 'OK');
  await waitFor(async () => published.some((e) => e.messageId === message.id), 'the first event');

  const res = await reply(phone, 'vu');

  expect(res.text).toContain('Aucun message urgent en attente');
  expect(await auditOf(message.id)).toHaveLength(1);
  // Published events of one message keep their order: a second one would have arrived by now.
  await publishMessageEvent(redis, redisNamespace(config.mongodbUri), {
    type: 'message.created',
    messageId: 'marker',
    clientId: 'x',
    urgent: false,
  });
  await waitFor(async () => published.some((e) => e.messageId === 'marker'), 'the marker event');
  expect(published.filter((e) => e.messageId === message.id)).toHaveLength(1);
});

test('when the reply is not an acknowledgement, then the help text is answered and the message is untouched', async () => {
  const phone = '+33611112003';
  const message = await urgentSentTo(phone);

  const res = await reply(phone, 'Qui est-ce ?');

  expect(res.text).toContain('Répondez OK');
  expect((await getMessage(message.id)).acknowledgedAt).toBeNull();
  expect(await auditOf(message.id)).toHaveLength(0);
});
