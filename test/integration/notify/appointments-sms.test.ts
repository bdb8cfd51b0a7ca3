/**
 * A caller's "ANNULER" / "CANCEL" SMS through the signed inbound webhook, on the real store and
 * Redis, with the real appointment use cases (built-in book) and follow-ups: the right appointment
 * is cancelled, audited as the caller's, its reminder job removed, the answer in its language.
 * The client's "OK" still acknowledges its urgent message.
 */
import express from 'express';
import request from 'supertest';
import twilio from 'twilio';
import type { AppointmentDeps } from '../../../src/app/appointments';
import { builtinCalendar } from '../../../src/app/builtin-calendar';
import { isCancelRequest } from '../../../src/app/sms-appointment-cancel';
import { redisCalendarLocks } from '../../../src/infra/calendar-locks';
import { createRedis } from '../../../src/infra/redis';
import { deliveryKey, createFollowUps, type FollowUps } from '../../../src/notify';
import type { AppointmentFollowUps } from '../../../src/notify/appointment-follow-ups';
import { reminderJobId } from '../../../src/notify/appointment-jobs';
import { listAuditEvents } from '../../../src/store/audit';
import { findAppointment } from '../../../src/store/appointments';
import type { Client } from '../../../src/store/clients';
import { ensureDeliveries, recordDelivery } from '../../../src/store/deliveries';
import { getMessage } from '../../../src/store/messages';
import { useTestDatabase } from '../../helpers/db';
import { smsWebhookRouter } from '../../../webhooks/sms';
import { appointmentPort, makeAppointment } from './appointments-helpers';
import {
  freshPrefix,
  makeClient,
  makeMessage,
  obliterate,
  PUBLIC_BASE_URL,
  quietLogger,
  testConfig,
  uniqueNumber,
} from './helpers';

const { uri } = useTestDatabase(__filename);

const config = testConfig();
const prefix = freshPrefix();
const redis = createRedis(config.redisUrl);
const logger = quietLogger();
let port: AppointmentFollowUps;
let followUps: FollowUps;
let app: express.Express;

beforeAll(async () => {
  await new Promise((ready) => (redis.status === 'ready' ? ready(null) : redis.once('ready', ready)));
  port = appointmentPort(redis, logger, prefix);
  followUps = createFollowUps({ redis, logger, config, prefix });
  const appointments: AppointmentDeps = {
    logger,
    now: () => new Date(),
    calendarOf: async (client) => builtinCalendar(client),
    locks: redisCalendarLocks(redis, { namespace: `test-${uri}` }),
    followUps: port,
    timeoutMs: 2000,
  };
  const messages = { logger, now: () => new Date(), publish: async () => undefined, followUps };
  app = express();
  app.use(
    '/webhooks/sms',
    smsWebhookRouter({
      authToken: config.twilio.authToken,
      publicBaseUrl: PUBLIC_BASE_URL,
      logger,
      messages,
      appointments,
    }),
  );
});
afterAll(async () => {
  await port.close();
  await followUps.close();
  await obliterate(prefix);
  redis.disconnect();
});

function sms(from: string, to: string, body: string) {
  const params = { From: from, To: to, Body: body, MessageSid: 'SM1' };
  const signature = twilio.getExpectedTwilioSignature(
    config.twilio.authToken,
    `${PUBLIC_BASE_URL}/webhooks/sms/incoming`,
    params,
  );
  return request(app)
    .post('/webhooks/sms/incoming')
    .type('form')
    .set('X-Twilio-Signature', signature)
    .send(params);
}

const answerOf = (xml: string) => /<Message>([^]*)<\/Message>/.exec(xml)?.[1]?.replace(/&apos;/g, "'");

const martin = (input: Parameters<typeof makeClient>[0] = {}) =>
  makeClient({
    name: 'Cabinet Martin',
    numbers: [uniqueNumber()],
    notifications: { sms: { enabled: false } },
    ...input,
  });

test.each([
  ['ANNULER', true],
  ['annuler', true],
  ['Annuler RDV !', true],
  ['annulér.', true],
  ['Cancel appointment', true],
  ['CANCEL', true],
  ['annuler mon rendez-vous', true],
  ['OK', false],
  ['je voudrais annuler demain', false],
  ['STOP', false],
])('"%s" is a cancellation: %s', (body, expected) => {
  expect(isCancelRequest(body)).toBe(expected);
});

test('when a caller answers "ANNULER", then their next appointment with that client is cancelled, audited as theirs, its reminder removed, and the answer says so', async () => {
  const client = await martin();
  const other = await martin();
  const caller = uniqueNumber();
  // Tuesday 8 December 2027, 10:00 in Paris: the next one; a later one stays.
  const next = await makeAppointment(client, {
    callerNumber: caller,
    start: new Date('2027-12-07T09:00:00Z'),
  });
  const later = await makeAppointment(client, {
    callerNumber: caller,
    start: new Date('2027-12-14T09:00:00Z'),
  });
  const elsewhere = await makeAppointment(other, {
    callerNumber: caller,
    start: new Date('2027-12-06T09:00:00Z'),
  });
  await Promise.all([next, later, elsewhere].map((a) => port.booked(a)));
  expect(await port.queue.getJob(reminderJobId(next.id, next.reminderAt!))).toBeDefined();

  const res = await sms(caller, client.numbers[0]!, 'Annuler');

  expect(res.status).toBe(200);
  expect(answerOf(res.text)).toMatch(
    /^Votre rendez-vous du mardi 7 décembre 2027 à 10 h est annulé\. Pour en prendre un autre, appelez Cabinet Martin au 01 8\d \d\d \d\d \d\d\.$/,
  );
  expect((await findAppointment(next.id))!.status).toBe('cancelled');
  expect((await findAppointment(later.id))!.status).toBe('booked');
  expect((await findAppointment(elsewhere.id))!.status).toBe('booked');
  const audit = await listAuditEvents({ targetId: next.id });
  expect(audit).toHaveLength(1);
  expect(audit[0]).toMatchObject({
    action: 'appointment.cancel',
    actor: { type: 'system', id: caller, label: `caller:${caller}` },
    detail: { by: 'caller' },
  });
  expect((await findAppointment(next.id))!.history.at(-1)).toMatchObject({
    action: 'cancelled',
    by: 'caller',
    via: 'sms',
  });
  expect(await port.queue.getJob(reminderJobId(next.id, next.reminderAt!))).toBeUndefined();
  // The client's notifications of the change are queued (the caller, who wrote, gets the answer only).
  expect(await port.queue.getJob(`appt.${next.id}.cancelled`)).toBeDefined();
});

test('when an English-speaking caller answers "cancel appointment", then the answer is in English', async () => {
  const client = await martin();
  const caller = uniqueNumber();
  const a = await makeAppointment(client, {
    callerNumber: caller,
    locale: 'en-US',
    start: new Date('2027-12-07T13:30:00Z'),
  });

  const res = await sms(caller, client.numbers[0]!, 'cancel appointment');

  expect(answerOf(res.text)).toMatch(
    /^Your appointment on Tuesday, December 7, 2027 at 2:30 PM is cancelled\. To book another, call Cabinet Martin at 01 8\d \d\d \d\d \d\d\.$/,
  );
  expect((await findAppointment(a.id))!.status).toBe('cancelled');
});

test('when there is nothing to cancel, then the answer says so politely and gives the client’s number', async () => {
  const client = await martin();

  const res = await sms(uniqueNumber(), client.numbers[0]!, 'ANNULER');

  expect(answerOf(res.text)).toMatch(
    /^Nous ne trouvons aucun rendez-vous à venir pour ce numéro\. Pour toute question, appelez Cabinet Martin au 01 8\d \d\d \d\d \d\d\.$/,
  );
});

test('when the client does not let callers change appointments, then nothing is cancelled and the answer says whom to call', async () => {
  const client: Client = await martin({ appointments: { callerChanges: false } });
  const caller = uniqueNumber();
  const a = await makeAppointment(client, { callerNumber: caller });

  const res = await sms(caller, client.numbers[0]!, 'ANNULER');

  expect(answerOf(res.text)).toMatch(/^Pour annuler votre rendez-vous, appelez Cabinet Martin au 01 8\d/);
  expect((await findAppointment(a.id))!.status).toBe('booked');
  expect(await listAuditEvents({ targetId: a.id })).toHaveLength(0);
});

test('when the client answers "OK" to an urgent message, then it is still acknowledged', async () => {
  const client = await martin();
  const phone = uniqueNumber();
  const message = await makeMessage(client, { urgent: true });
  const notify = {
    key: deliveryKey(message.id, 'sms', 'notify', 0),
    channel: 'sms' as const,
    purpose: 'notify',
    to: phone,
  };
  await ensureDeliveries(message.id, [notify]);
  await recordDelivery(message.id, notify, { status: 'sent', attempts: 1 });

  const res = await sms(phone, client.numbers[0]!, 'OK');

  expect(answerOf(res.text)).toContain('Bien reçu');
  expect((await getMessage(message.id)).acknowledgedAt).toBeInstanceOf(Date);
});

test('when a caller with an appointment ahead writes something else, then the answer says when it is and how to cancel, and nothing changes', async () => {
  const client = await martin();
  const caller = uniqueNumber();
  const a = await makeAppointment(client, { callerNumber: caller, start: new Date('2027-12-07T09:00:00Z') });

  const res = await sms(caller, client.numbers[0]!, 'Merci, à bientôt');

  expect(answerOf(res.text)).toMatch(
    /^Votre prochain rendez-vous avec Cabinet Martin : mardi 7 décembre 2027 à 10 h\. Pour l'annuler, répondez ANNULER\. Pour toute question, appelez le 01 8\d \d\d \d\d \d\d\.$/,
  );
  expect((await findAppointment(a.id))!.status).toBe('booked');
  // Someone with nothing ahead still gets the acknowledgement's help.
  const other = await sms(uniqueNumber(), client.numbers[0]!, 'Merci');
  expect(answerOf(other.text)).toContain('Répondez OK');
});
