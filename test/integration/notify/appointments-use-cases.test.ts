/**
 * The follow-ups behind the real appointment use cases (built-in book), with a worker and the local
 * Twilio stand-in: booking, moving and cancelling through `bookAppointment`, `moveAppointment`,
 * `cancelAppointment` send the caller's SMS and keep the reminder's delayed job at the use case's
 * `reminderAt`.
 */
import {
  bookAppointment,
  cancelAppointment,
  findSlots,
  moveAppointment,
  type AppointmentDeps,
} from '../../../src/app/appointments';
import { builtinCalendar } from '../../../src/app/builtin-calendar';
import type { ActionSource } from '../../../src/domain/access';
import { redisCalendarLocks } from '../../../src/infra/calendar-locks';
import { createRedis } from '../../../src/infra/redis';
import { startTwilioStandIn, type TwilioStandIn } from '../../../scripts/lib/twilio-stand-in';
import type { AppointmentFollowUps } from '../../../src/notify/appointment-follow-ups';
import { reminderJobId } from '../../../src/notify/appointment-jobs';
import { useTestDatabase } from '../../helpers/db';
import { appointmentPort, delayedUntil } from './appointments-helpers';
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

const { uri } = useTestDatabase(__filename);

const HOUR = 3600_000;
const redis = createRedis(process.env.REDIS_URL ?? '');
const logger = quietLogger();
const assistant: ActionSource = {
  actor: { type: 'api-token', id: 'admin-api-token', label: 'admin-api-token' },
  ip: '127.0.0.1',
  via: 'api',
};
let twilio: TwilioStandIn;
let pipeline: Pipeline;
let port: AppointmentFollowUps;
let deps: AppointmentDeps;

beforeAll(async () => {
  await new Promise((ready) => (redis.status === 'ready' ? ready(null) : redis.once('ready', ready)));
  twilio = await startTwilioStandIn({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
  pipeline = await startPipeline(testConfig({ ...liveTwilio, TWILIO_API_BASE_URL: twilio.url }), { logger });
  port = appointmentPort(redis, logger, pipeline.prefix);
  deps = {
    logger,
    now: () => new Date(),
    calendarOf: async (client) => builtinCalendar(client),
    locks: redisCalendarLocks(redis, { namespace: `test-${uri}` }),
    followUps: port,
    timeoutMs: 2000,
  };
});
afterAll(async () => {
  await port.close();
  await pipeline.close();
  await twilio.close();
  redis.disconnect();
});

const allDay = [{ start: '08:00', end: '20:00' }];

test('when an assistant books, moves and cancels through the use cases, then the caller is told each time and the reminder follows the appointment', async () => {
  const client = await makeClient({
    name: 'Cabinet Martin',
    notifications: { sms: { enabled: false } },
    weeklyHours: {
      mon: allDay,
      tue: allDay,
      wed: allDay,
      thu: allDay,
      fri: allDay,
      sat: allDay,
      sun: allDay,
    },
    appointments: {
      types: [{ id: 'consultation', name: 'Consultation', durationMinutes: 30, slotStepMinutes: 30 }],
      reminderHoursBefore: 24,
    },
  });
  const caller = uniqueNumber();
  const notBefore = new Date(Date.now() + 3 * 24 * HOUR).toISOString();
  const [first, , , , later] = await findSlots(deps, client, {
    typeId: 'consultation',
    preference: { notBefore },
    limit: 5,
  });

  const booked = await bookAppointment(deps, assistant, client, {
    typeId: 'consultation',
    start: first!.start,
    callerName: 'Jeanne Dupont',
    callerNumber: caller,
  });

  expect(booked.reminderAt!.getTime()).toBe(first!.start.getTime() - 24 * HOUR);
  expect(await delayedUntil(port.queue, reminderJobId(booked.id, booked.reminderAt!))).toBe(
    booked.reminderAt!.getTime(),
  );
  await waitFor(async () => twilio.messages.filter((m) => m.to === caller).length === 1, 'the confirmation');

  const moved = await moveAppointment(deps, assistant, booked.id, later!.start);

  expect(await port.queue.getJob(reminderJobId(booked.id, booked.reminderAt!))).toBeUndefined();
  expect(await delayedUntil(port.queue, reminderJobId(moved.id, moved.reminderAt!))).toBe(
    later!.start.getTime() - 24 * HOUR,
  );
  await waitFor(async () => twilio.messages.filter((m) => m.to === caller).length === 2, 'the move’s SMS');

  await cancelAppointment(deps, assistant, booked.id, 'staff');

  expect(await port.queue.getJob(reminderJobId(moved.id, moved.reminderAt!))).toBeUndefined();
  const texts = await waitFor(
    async () =>
      twilio.messages.filter((m) => m.to === caller).length === 3 &&
      twilio.messages.filter((m) => m.to === caller),
    'the cancellation’s SMS',
  );
  expect(texts.map((m) => m.body.replace(/ (le|au|du) .+? à \d+ h( \d\d)?/, ' <when>'))).toEqual([
    "Cabinet Martin : votre rendez-vous (consultation) est confirmé <when>. Pour l'annuler, répondez ANNULER.",
    "Cabinet Martin : votre rendez-vous (consultation) est déplacé <when>. Pour l'annuler, répondez ANNULER.",
    expect.stringMatching(
      /^Cabinet Martin : votre rendez-vous \(consultation\) <when> est annulé\. Pour en prendre un autre, appelez le /,
    ),
  ]);
  expect(texts.every((m) => m.from === client.numbers[0])).toBe(true);
});
