/**
 * Escalation with BullMQ delayed jobs on the real Redis (one escalation "minute" = 400 ms here):
 * resend, then the backup contact by SMS and by a call that speaks the message; an acknowledgement
 * (web list or an SMS reply through the signed inbound webhook) cancels what is pending.
 */
import { useTestDatabase } from '../../helpers/db';
import { deliveryKey } from '../../../src/notify';
import { createRedis } from '../../../src/infra/redis';
import { OutboxModel } from '../../../src/store/models';
import { deliveriesOf } from '../../../src/store/deliveries';
import { getMessage } from '../../../src/store/messages';
import {
  deliveryOf,
  inboundSms,
  makeClient,
  makeMessage,
  startPipeline,
  testConfig,
  waitFor,
  type Pipeline,
} from './helpers';

useTestDatabase(__filename);

const MINUTE_MS = 400;
const config = testConfig(); // no Twilio credentials: SMS and calls go to the outbox
let pipeline: Pipeline;
beforeAll(async () => {
  pipeline = await startPipeline(config, { minuteMs: MINUTE_MS, callAfterSmsMs: 100 });
});
afterAll(() => pipeline.close());

const escalating = (smsTo: string, delayMinutes = 1) =>
  makeClient({
    locale: 'fr-FR',
    voice: 'Polly.Lea-Neural',
    notifications: {
      sms: { enabled: true, to: [smsTo] },
      escalation: {
        enabled: true,
        delayMinutes,
        resends: 1,
        backup: { name: 'Dr Martin', number: '+33600000009' },
      },
    },
  });

const outboxOf = async (messageId: string) =>
  (await OutboxModel.find({ messageId }).sort({ createdAt: 1 }).lean()).map((o) => ({
    key: o.key,
    at: o.createdAt.getTime(),
    body: o.body,
  }));

test('when an urgent message is not acknowledged, then it is re-sent, then the backup gets an SMS and a call', async () => {
  const client = await escalating('+33611110001');
  const message = await makeMessage(client, { urgent: true, reason: 'Malaise, rappeler vite' });
  await pipeline.followUps.messageStored(message);
  const keys = {
    notify: deliveryKey(message.id, 'sms', 'notify', 0),
    resend: deliveryKey(message.id, 'sms', 'resend1', 0),
    backupSms: deliveryKey(message.id, 'sms', 'backup', 0),
    call: deliveryKey(message.id, 'call', 'backup', 0),
  };
  const sent = await waitFor(async () => {
    const o = await outboxOf(message.id);
    return o.length === 4 && o;
  }, 'four notifications');
  const byKey = Object.fromEntries(sent.map((o) => [o.key, o]));
  const stored = message.createdAt.getTime();
  expect(byKey[keys.notify]!.at - stored).toBeLessThan(MINUTE_MS);
  expect(byKey[keys.resend]!.at - stored).toBeGreaterThanOrEqual(MINUTE_MS);
  expect(byKey[keys.backupSms]!.at - stored).toBeGreaterThanOrEqual(2 * MINUTE_MS);
  expect(byKey[keys.call]!.at - stored).toBeGreaterThanOrEqual(2 * MINUTE_MS + 100);
  // The day's first urgent message of this client: its SMS carry the reference 1.
  expect(byKey[keys.notify]!.body).toBe(
    `Urgent - Jean Dupont (06 98 76 54 32) : Malaise, rappeler vite. Répondez OK 1 pour le prendre en charge. https://rx.example.test/messages/${message.id}`,
  );
  expect(byKey[keys.resend]!.body).toMatch(/^Rappel - Urgent - Jean Dupont .* Répondez OK 1 /);
  expect(byKey[keys.backupSms]!.body).toMatch(/^Urgent pour Cabinet Test - Jean Dupont .* Répondez OK 1 /);
  expect(byKey[keys.call]!.body).toMatch(
    /^<\?xml version="1.0" encoding="UTF-8"\?><Response><Say language="fr-FR" voice="Polly.Lea-Neural">Bonjour Dr Martin\. Message urgent pour Cabinet Test\. Jean Dupont a appelé .*Motif : Malaise, rappeler vite\./,
  );
  // The outbox entry is written before the delivery log entry: wait for the log to catch up.
  const deliveries = await waitFor(async () => {
    const log = await deliveriesOf(message.id);
    return log.length === 4 && log.every((d) => d.status !== 'pending') && log;
  }, 'four delivery log entries settled');
  expect(deliveries.map((d) => [d.key, d.status]).sort()).toEqual(
    Object.values(keys)
      .map((k) => [k, 'sent'])
      .sort(),
  );
});

test('when the message is acknowledged in the web list, then the pending escalation is cancelled', async () => {
  const client = await escalating('+33611110002');
  const message = await makeMessage(client, { urgent: true });
  await pipeline.followUps.messageStored(message);
  await waitFor(async () => (await outboxOf(message.id)).length === 1, 'the first SMS');
  await pipeline.followUps.acknowledge(message.id, 'user:claire');

  await new Promise((r) => setTimeout(r, 4 * MINUTE_MS));
  expect((await outboxOf(message.id)).map((o) => o.key)).toEqual([
    deliveryKey(message.id, 'sms', 'notify', 0),
  ]);
  expect((await getMessage(message.id)).acknowledgedAt).toBeInstanceOf(Date);
  const log = await deliveriesOf(message.id);
  expect(log.filter((d) => d.status === 'cancelled')).toHaveLength(3);
  expect(log.find((d) => d.status === 'cancelled')!.lastError).toBe('acknowledged by user:claire');
  expect(await pipeline.worker.queue.getJob(deliveryKey(message.id, 'call', 'backup', 0))).toBeUndefined();
});

describe('inbound SMS webhook', () => {
  const redis = createRedis(config.redisUrl);
  afterAll(() => redis.disconnect());
  const post = inboundSms(config, redis, () => pipeline.followUps);

  test('when the client replies "OK" to the SMS, then the latest urgent message is acknowledged and escalation stops', async () => {
    const client = await escalating('+33611110003');
    const message = await makeMessage(client, { urgent: true });
    await pipeline.followUps.messageStored(message);
    const first = deliveryKey(message.id, 'sms', 'notify', 0);
    await waitFor(async () => (await deliveryOf(message.id, first))?.status === 'sent', 'the first SMS');

    const res = await post({ From: '+33611110003', To: client.numbers[0]!, Body: ' ok ', MessageSid: 'SM1' });
    expect(res.status).toBe(200);
    expect(res.type).toBe('text/xml');
    expect(res.text).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response><Message>Bien reçu\u202f: le message de Jean Dupont est pris en charge par vous.</Message></Response>',
    );
    await new Promise((r) => setTimeout(r, 4 * MINUTE_MS));
    expect(await outboxOf(message.id)).toHaveLength(1);
    expect((await getMessage(message.id)).acknowledgedAt).toBeInstanceOf(Date);
  });

  test('when two urgent SMS went out, then each carries its own reference and "OK 1" takes the first, not the latest', async () => {
    const client = await escalating('+33611110004', 6);
    const first = await makeMessage(client, {
      urgent: true,
      callerName: 'Élodie Fournier',
      reason: 'Malaise',
    });
    await pipeline.followUps.messageStored(first);
    const firstKey = deliveryKey(first.id, 'sms', 'notify', 0);
    await waitFor(async () => (await deliveryOf(first.id, firstKey))?.status === 'sent', 'the first SMS');
    const second = await makeMessage(client, { urgent: true, callerName: 'Nadia Roux', reason: 'Fièvre' });
    await pipeline.followUps.messageStored(second);
    const secondKey = deliveryKey(second.id, 'sms', 'notify', 0);
    await waitFor(async () => (await deliveryOf(second.id, secondKey))?.status === 'sent', 'the second SMS');
    const bodies = Object.fromEntries(
      [...(await outboxOf(first.id)), ...(await outboxOf(second.id))].map((o) => [o.key, o.body]),
    );
    expect(bodies[firstKey]).toContain('Répondez OK 1 pour le prendre en charge.');
    expect(bodies[secondKey]).toContain('Répondez OK 2 pour le prendre en charge.');

    const res = await post({
      From: '+33611110004',
      To: client.numbers[0]!,
      Body: 'Ok n°1',
      MessageSid: 'SM2',
    });

    expect(res.text).toContain('Bien reçu\u202f: le message d’Élodie Fournier est pris en charge par vous.');
    expect(await getMessage(first.id)).toMatchObject({ status: 'in_progress', smsRef: 1 });
    expect(await getMessage(second.id)).toMatchObject({
      status: 'new',
      claimedBy: null,
      acknowledgedAt: null,
    });
    // The second one's escalation goes on: only the first's is cancelled.
    await waitFor(
      async () =>
        (await deliveryOf(second.id, deliveryKey(second.id, 'sms', 'resend1', 0)))?.status === 'sent',
      'the second message’s resend',
    );
    const firstResend = await deliveryOf(first.id, deliveryKey(first.id, 'sms', 'resend1', 0));
    expect(firstResend?.status).toBe('cancelled');
  });

  test('when the request is not signed, then 403 and nothing is acknowledged', async () => {
    const res = await post({ From: '+33611110003', Body: 'OK' }, false);
    expect(res.status).toBe(403);
  });

  test('when the reply is not an acknowledgement, then the help text is answered', async () => {
    const res = await post({ From: '+33611110099', Body: 'Qui est-ce ?' });
    expect(res.text).toContain('Répondez OK');
  });
});
