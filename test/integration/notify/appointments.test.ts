/**
 * The caller's side of an appointment's follow-ups, on the real Redis and store, with the local
 * Twilio stand-in: the confirmation SMS, the reminder's delayed job (added, moved, removed), the
 * reminder sent once and never for a time the appointment no longer has, the sweep that puts lost
 * reminder jobs back.
 */
import type { Job } from 'bullmq';
import { startTwilioStandIn, type TwilioStandIn } from '../../../scripts/lib/twilio-stand-in';
import { createRedis } from '../../../src/infra/redis';
import { createTransports } from '../../../src/notify/channels';
import {
  addReminderJob,
  reminderJobId,
  type AppointmentDeliverJobData,
} from '../../../src/notify/appointment-jobs';
import { appointmentProcessors } from '../../../src/notify/appointment-processor';
import type { AppointmentFollowUps } from '../../../src/notify/appointment-follow-ups';
import {
  cancelAppointmentRecord,
  findAppointment,
  moveAppointmentRecord,
  type Appointment,
} from '../../../src/store/appointments';
import type { Client } from '../../../src/store/clients';
import { useTestDatabase } from '../../helpers/db';
import { appointmentPort, delayedUntil, makeAppointment } from './appointments-helpers';
import {
  ACCOUNT_SID,
  AUTH_TOKEN,
  liveTwilio,
  makeClient,
  quietLogger,
  startPipeline,
  testConfig,
  uniqueNumber,
  waitFor,
  type Pipeline,
} from './helpers';

useTestDatabase(__filename);

const HOUR = 3600_000;
let twilio: TwilioStandIn;
let pipeline: Pipeline;
let port: AppointmentFollowUps;
const redis = createRedis(process.env.REDIS_URL ?? '');
const logger = quietLogger();

beforeAll(async () => {
  await new Promise((ready) => (redis.status === 'ready' ? ready(null) : redis.once('ready', ready)));
  twilio = await startTwilioStandIn({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
  pipeline = await startPipeline(testConfig({ ...liveTwilio, TWILIO_API_BASE_URL: twilio.url }), { logger });
  port = appointmentPort(redis, logger, pipeline.prefix);
});
afterAll(async () => {
  await port.close();
  await pipeline.close();
  await twilio.close();
  redis.disconnect();
});

const queue = () => pipeline.worker.queue;
const smsTo = (to: string) => twilio.messages.filter((m) => m.to === to);
/** A client whose own notifications are off: only the caller's SMS go. */
const quietClient = (input: Parameters<typeof makeClient>[0] = {}) =>
  makeClient({
    name: 'Cabinet Martin',
    address: '12 rue des Lilas, Lyon',
    notifications: { sms: { enabled: false } },
    ...input,
  });
const moved = (a: Appointment, start: Date, reminderAt: Date | null) =>
  moveAppointmentRecord(
    a.id,
    { start, end: new Date(start.getTime() + 30 * 60_000), calendar: a.calendar, reminderAt },
    { at: new Date(), action: 'moved', by: 'caller', via: 'system', previousStart: a.start },
  );

test('when an appointment is booked, then the caller gets the confirmation from the client’s number and the reminder waits in Redis until its time', async () => {
  const client = await quietClient();
  const caller = uniqueNumber();
  const a = await makeAppointment(client, { callerNumber: caller });

  await port.booked(a);

  const [sms] = await waitFor(async () => smsTo(caller).length > 0 && smsTo(caller), 'the confirmation');
  expect(sms!.from).toBe(client.numbers[0]);
  expect(sms!.body).toMatch(
    /^Cabinet Martin : votre rendez-vous \(consultation\) est confirmé le \w+ \d+ \S+ à \d+ h( \d\d)?, 12 rue des Lilas, Lyon\. Pour l'annuler, répondez ANNULER\.$/,
  );
  await waitFor(async () => (await findAppointment(a.id))?.confirmationSentAt, 'the confirmation’s mark');
  // The reminder: 24 hours before (the client's default), delayed in the real Redis.
  const job = await queue().getJob(reminderJobId(a.id, a.reminderAt!));
  expect(await job!.isDelayed()).toBe(true);
  expect(a.reminderAt!.getTime()).toBe(a.start.getTime() - 24 * HOUR);
  expect(await delayedUntil(queue(), job!.id!)).toBe(a.reminderAt!.getTime());
});

test('when the client sets no reminder, or the reminder time is past, then no reminder job is added', async () => {
  const none = await quietClient({ appointments: { reminderHoursBefore: 0 } });
  const a = await makeAppointment(none);
  const soon = await makeAppointment(await quietClient(), { inMs: 2 * HOUR });
  expect(a.reminderAt).toBeNull();
  expect(soon.reminderAt).toBeNull();
  expect(await addReminderJob(queue(), soon, new Date())).toBe(false);
  await port.booked(soon);
  const delayed = await queue().getDelayed();
  expect(delayed.filter((j) => String(j.id).startsWith(`appt.${soon.id}.`))).toEqual([]);
});

test('when an appointment moves, then its old reminder job is gone, a new one waits for the new time, and the caller is told', async () => {
  const client = await quietClient();
  const caller = uniqueNumber();
  const a = await makeAppointment(client, { callerNumber: caller });
  await port.booked(a);
  // Confirmed first: a confirmation still queued when the time changes is left for the move's.
  await waitFor(async () => smsTo(caller).length === 1, 'the confirmation');
  const newStart = new Date(a.start.getTime() + 26 * HOUR);
  const after = (await moved(a, newStart, new Date(newStart.getTime() - 24 * HOUR)))!;

  await port.moved(after, a.start);

  expect(await queue().getJob(reminderJobId(a.id, a.reminderAt!))).toBeUndefined();
  const next = reminderJobId(a.id, after.reminderAt!);
  expect(await delayedUntil(queue(), next)).toBe(newStart.getTime() - 24 * HOUR);
  const texts = await waitFor(async () => smsTo(caller).length === 2 && smsTo(caller), 'two SMS');
  expect(texts.map((m) => m.body)).toEqual(
    expect.arrayContaining([expect.stringMatching(/est déplacé au .+ à \d+ h/)]),
  );
});

test('when an appointment is cancelled, then its reminder job is gone; the caller is told only when the client’s side cancelled', async () => {
  const client = await quietClient();
  const [byStaff, byCaller] = [uniqueNumber(), uniqueNumber()];
  const a = await makeAppointment(client, { callerNumber: byStaff });
  const b = await makeAppointment(client, { callerNumber: byCaller });
  await Promise.all([port.booked(a), port.booked(b)]);
  await waitFor(async () => smsTo(byStaff).length + smsTo(byCaller).length === 2, 'the confirmations');
  const change = { at: new Date(), action: 'cancelled' as const, by: 'x', via: 'web', previousStart: null };

  await port.cancelled((await cancelAppointmentRecord(a.id, change))!, 'staff');
  await port.cancelled((await cancelAppointmentRecord(b.id, change))!, 'caller');

  expect(await queue().getJob(reminderJobId(a.id, a.reminderAt!))).toBeUndefined();
  expect(await queue().getJob(reminderJobId(b.id, b.reminderAt!))).toBeUndefined();
  const [, cancelled] = await waitFor(async () => smsTo(byStaff).length === 2 && smsTo(byStaff), 'the SMS');
  expect(cancelled!.body).toMatch(
    /^Cabinet Martin : votre rendez-vous \(consultation\) du .+ est annulé\. Pour en prendre un autre, appelez le 01 8/,
  );
  // The caller who cancelled heard or read it already: the change job ran, and sent them nothing.
  await waitFor(async () => (await queue().getJob(`appt.${b.id}.cancelled`))?.finishedOn, 'the change job');
  expect(smsTo(byCaller)).toHaveLength(1);
});

/** An appointment whose reminder is due in `dueInMs`, booked through the port. */
async function dueSoon(client: Client, caller: string, dueInMs: number): Promise<Appointment> {
  const a = await makeAppointment(client, { callerNumber: caller, inMs: 24 * HOUR + dueInMs });
  const reminderAt = new Date(Date.now() + dueInMs);
  const withReminder = (await moved(a, a.start, reminderAt))!;
  await port.booked(withReminder);
  return withReminder;
}

test('when the reminder is due, then it is marked and sent once; queued again, it sends nothing more', async () => {
  const client = await quietClient();
  const caller = uniqueNumber();
  const a = await dueSoon(client, caller, 300);

  const reminder = await waitFor(
    async () => smsTo(caller).find((m) => m.body.includes('rappel de votre rendez-vous')),
    'the reminder',
  );
  expect(reminder.body).toMatch(
    /^Cabinet Martin : rappel de votre rendez-vous \(consultation\) demain à \d+ h/,
  );
  expect((await findAppointment(a.id))!.remindedAt).toBeInstanceOf(Date);

  // A replay of the reminder (its job removed, then added again as the sweep would).
  const id = reminderJobId(a.id, a.reminderAt!);
  await waitFor(async () => (await queue().getJob(id))?.finishedOn, 'the reminder job');
  await queue().remove(id);
  await addReminderJob(queue(), a, new Date(), true);
  const replay = await waitFor(async () => (await queue().getJob(id))?.returnvalue, 'the replay');
  expect(replay).toEqual({ skipped: 'moved, cancelled or already reminded' });
  expect(smsTo(caller).filter((m) => m.body.includes('rappel'))).toHaveLength(1);
});

test('when the appointment moved after its reminder was queued, then the old reminder sends nothing', async () => {
  const client = await quietClient();
  const caller = uniqueNumber();
  const a = await dueSoon(client, caller, 400);
  // Moved without the port (another instance whose queue add failed): the job stays in Redis.
  await moved(a, new Date(a.start.getTime() + 48 * HOUR), new Date(a.start.getTime() + 24 * HOUR));

  const id = reminderJobId(a.id, a.reminderAt!);
  const result = await waitFor(async () => (await queue().getJob(id))?.returnvalue, 'the old reminder job');

  expect(result).toEqual({ skipped: 'moved, cancelled or already reminded' });
  expect(smsTo(caller).filter((m) => m.body.includes('rappel'))).toHaveLength(0);
  expect((await findAppointment(a.id))!.remindedAt).toBeNull();
});

test('when a reminder SMS attempt’s outcome was unknown and Twilio holds it, then the retry adopts it and sends nothing again', async () => {
  const config = testConfig({ ...liveTwilio, TWILIO_API_BASE_URL: twilio.url });
  const client = await quietClient();
  const caller = uniqueNumber();
  const a = await makeAppointment(client, { callerNumber: caller });
  const data: AppointmentDeliverJobData = {
    key: `appt.${a.id}.reminder.${a.reminderAt!.getTime()}.caller.sms.0`,
    appointmentId: a.id,
    clientId: client.id,
    start: a.start.getTime(),
    end: a.end.getTime(),
    previousStart: null,
    by: null,
    sequence: 0,
    purpose: 'reminder',
    audience: 'caller',
    channel: 'sms',
    to: caller,
    from: client.numbers[0]!,
    dueAt: a.reminderAt!.getTime(),
  };
  const processors = appointmentProcessors(queue(), { transports: createTransports(config, logger), logger });
  // The first attempt: marked, sent, then its worker died before the outcome was recorded.
  let progress: unknown = {};
  const attempt = (attemptsMade: number) =>
    ({
      data,
      attemptsMade,
      opts: { attempts: 3 },
      get progress() {
        return progress;
      },
      updateProgress: async (p: unknown) => void (progress = p),
    }) as unknown as Job<AppointmentDeliverJobData>;
  const first = await processors.deliver(attempt(0));
  expect(smsTo(caller)).toHaveLength(1);
  expect(progress).toMatchObject({ sendingSince: expect.any(Number) });

  const retry = await processors.deliver(attempt(1));

  expect(retry).toEqual({ providerId: (first as { providerId: string }).providerId, adopted: true });
  expect(smsTo(caller)).toHaveLength(1);
});

test('when Redis lost a reminder due within 48 hours, then the maintenance sweep puts its job back at its time', async () => {
  const client = await quietClient();
  const a = await makeAppointment(client, { inMs: 30 * HOUR });
  const later = await makeAppointment(client, { inMs: 100 * HOUR });
  await Promise.all([port.booked(a), port.booked(later)]);
  const id = reminderJobId(a.id, a.reminderAt!);
  await queue().remove(id);
  await queue().remove(reminderJobId(later.id, later.reminderAt!));

  const restored = await port.restoreReminders();

  expect(restored).toBeGreaterThanOrEqual(1);
  expect(await delayedUntil(queue(), id)).toBe(a.reminderAt!.getTime());
  // Beyond 48 hours: left to a later sweep.
  expect(await queue().getJob(reminderJobId(later.id, later.reminderAt!))).toBeUndefined();
  expect(await port.restoreReminders()).toBe(0);
});
