/**
 * The SMS acknowledgement use case through the signed inbound webhook, on the real store and Redis:
 * the reply marks the message acknowledged, writes one audit entry naming the number, tells the
 * assistants' live list, and cancels the pending escalation.
 */
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
async function urgentSentTo(phone: string): Promise<Message> {
  const client = await makeClient();
  const message = await makeMessage(client, { urgent: true });
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

test('when the client replies "OK", then the message is acknowledged, audited once, shown live, and its escalation cancelled', async () => {
  const phone = '+33611112001';
  const message = await urgentSentTo(phone);

  const res = await reply(phone, 'Ok !');

  expect(res.text).toContain('Bien reçu : le message de Jean Dupont est pris en charge');
  const stored = await getMessage(message.id);
  expect(stored.acknowledgedAt).toBeInstanceOf(Date);
  // The reply acknowledges; what it does to the status and the assignee is left as it was.
  expect(stored).toMatchObject({ status: message.status, assigneeId: message.assigneeId });
  const audit = await auditOf(message.id);
  expect(audit).toHaveLength(1);
  expect(audit[0]).toMatchObject({
    action: 'message.acknowledge',
    actor: { type: 'system', id: phone, label: `sms:${phone}` },
    target: { type: 'message', id: message.id },
  });
  expect(String(audit[0]!.clientId)).toBe(message.clientId);
  await waitFor(async () => published.some((e) => e.messageId === message.id), 'the live-list event');
  expect(published.filter((e) => e.messageId === message.id)).toEqual([
    { type: 'message.updated', messageId: message.id, clientId: message.clientId, urgent: true },
  ]);
  const resend = (await deliveriesOf(message.id)).find((d) => d.purpose === 'resend1');
  expect(resend).toMatchObject({ status: 'cancelled', lastError: `acknowledged by sms:${phone}` });
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
