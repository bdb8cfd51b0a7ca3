/**
 * Booking in a real CalDAV calendar (the Radicale `npm test` starts): what the client puts in the
 * calendar from their phone is never offered, the last slot goes to exactly one of two callers,
 * the written event carries the client's time zone, and a calendar that does not answer books
 * nothing.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import {
  bookAppointment,
  callCalendar,
  cancelAppointment,
  findSlots,
  moveAppointment,
  SlotTakenError,
  type AppointmentDeps,
} from '../../../src/app/appointments';
import { CalendarUnavailableError } from '../../../src/app/calendar-port';
import type { ActionSource } from '../../../src/domain/access';
import { caldavCalendar } from '../../../src/infra/caldav-calendar';
import { redisCalendarLocks } from '../../../src/infra/calendar-locks';
import { createLogger } from '../../../src/infra/logger';
import { createClient, type Client } from '../../../src/store/clients';
import { findAppointment } from '../../../src/store/appointments';
import { redisUrl, useTestDatabase } from '../../helpers/db';

const { uri } = useTestDatabase(__filename);
const logger = createLogger({ level: 'error', json: false });
// Tuesday 8 December 2026, 08:00 in Paris.
const NOW = new Date('2026-12-08T07:00:00Z');
const staff: ActionSource = {
  actor: { type: 'api-token', id: 'admin-api-token', label: 'admin-api-token' },
  ip: '127.0.0.1',
  via: 'api',
};

const server = process.env.CALDAV_TEST_URL ?? '';
const username = process.env.CALDAV_TEST_USERNAME ?? '';
const password = process.env.CALDAV_TEST_PASSWORD ?? '';
const auth = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;

let redis: Redis;
let client: Client;
let calendarUrl: string;

async function makeCalendar(): Promise<string> {
  const url = `${server}${username}/${randomUUID()}/`;
  const res = await fetch(url, {
    method: 'MKCALENDAR',
    headers: { authorization: auth, 'content-type': 'application/xml' },
    body: '<?xml version="1.0"?><C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"/>',
  });
  if (res.status !== 201) throw new Error(`MKCALENDAR answered ${res.status}`);
  return url;
}

/** An event put in the calendar by someone else: the client on their phone. */
async function putEvent(url: string, ics: string): Promise<void> {
  const res = await fetch(`${url}${randomUUID()}.ics`, {
    method: 'PUT',
    headers: { authorization: auth, 'content-type': 'text/calendar; charset=utf-8' },
    body: ics,
  });
  if (res.status !== 201) throw new Error(`PUT answered ${res.status}`);
}

const phoneEvent = (start: string, end: string) =>
  [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//test//phone//FR',
    'BEGIN:VEVENT',
    `UID:${randomUUID()}`,
    'DTSTAMP:20261201T000000Z',
    `DTSTART;TZID=Europe/Paris:${start}`,
    `DTEND;TZID=Europe/Paris:${end}`,
    'SUMMARY:Réunion',
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');

function deps(calendar = calendarUrl, timeoutMs = 3000): AppointmentDeps {
  return {
    logger,
    now: () => NOW,
    calendarOf: async (c) =>
      caldavCalendar({ url: calendar, username, password, timeZone: c.timezone, timeoutMs }),
    locks: redisCalendarLocks(redis, { namespace: `test-${uri}` }),
    followUps: {
      booked: async () => undefined,
      moved: async () => undefined,
      cancelled: async () => undefined,
    },
    timeoutMs,
  };
}

const booking = (start: string, callerNumber: string) => ({
  typeId: 'consultation',
  start: new Date(start),
  callerName: 'Jeanne Dupont',
  callerNumber,
});

beforeAll(async () => {
  redis = new Redis(redisUrl());
  calendarUrl = await makeCalendar();
  client = await createClient({
    name: 'Cabinet Durand',
    numbers: ['+33180000702'],
    timezone: 'Europe/Paris',
    address: '3 place Bellecour, Lyon',
    weeklyHours: { tue: [{ start: '09:00', end: '11:00' }], wed: [{ start: '09:00', end: '10:00' }] },
    appointments: {
      types: [
        {
          id: 'consultation',
          name: 'Consultation',
          durationMinutes: 30,
          minNoticeMinutes: 0,
          slotStepMinutes: 30,
        },
      ],
    },
  });
});

afterAll(() => redis.disconnect());

it('never offers a time the client filled from their phone, and writes events in the client’s zone', async () => {
  await putEvent(calendarUrl, phoneEvent('20261208T093000', '20261208T103000'));
  const slots = await findSlots(deps(), client, {
    typeId: 'consultation',
    preference: { day: '2026-12-08' },
  });
  // 09:00–11:00 with 09:30–10:30 busy: only 09:00 and 10:30 are left.
  expect(slots.map((s) => s.start.toISOString())).toEqual([
    '2026-12-08T08:00:00.000Z',
    '2026-12-08T09:30:00.000Z',
  ]);

  const a = await bookAppointment(deps(), staff, client, booking('2026-12-08T08:00:00Z', '+33612345640'));
  expect(a.calendar).toMatchObject({
    kind: 'caldav',
    href: expect.stringContaining(calendarUrl.replace(server, '')),
  });
  const written = await fetch(new URL(a.calendar.href!, server), { headers: { authorization: auth } });
  const ics = await written.text();
  expect(ics).toContain(`UID:${a.id}`);
  expect(ics).toMatch(/DTSTART;TZID=Europe\/Paris:20261208T090000/);
  expect(ics).toContain('3 place Bellecour');

  // Moved, then cancelled: the event follows, then goes.
  const moved = await moveAppointment(deps(), staff, a.id, new Date('2026-12-08T09:30:00Z'));
  const after = await fetch(new URL(moved.calendar.href!, server), { headers: { authorization: auth } });
  expect(await after.text()).toMatch(/DTSTART;TZID=Europe\/Paris:20261208T103000/);
  await cancelAppointment(deps(), staff, a.id, 'staff');
  const gone = await fetch(new URL(moved.calendar.href!, server), { headers: { authorization: auth } });
  expect(gone.status).toBe(404);
  expect((await findAppointment(a.id))?.status).toBe('cancelled');
});

it('gives the last slot of a day to exactly one of two concurrent callers', async () => {
  const [first, second] = await Promise.allSettled([
    bookAppointment(deps(), staff, client, booking('2026-12-09T08:30:00Z', '+33612345641')),
    bookAppointment(deps(), staff, client, booking('2026-12-09T08:30:00Z', '+33612345642')),
  ]);
  const outcomes = [first, second].map((r) => r.status);
  expect(outcomes.sort()).toEqual(['fulfilled', 'rejected']);
  const lost = [first, second].find((r): r is PromiseRejectedResult => r.status === 'rejected');
  expect(lost?.reason).toBeInstanceOf(SlotTakenError);
  // Only one event in the calendar at that time.
  const busy = await caldavCalendar({
    url: calendarUrl,
    username,
    password,
    timeZone: 'Europe/Paris',
    timeoutMs: 3000,
  }).busy(new Date('2026-12-09T08:00:00Z'), new Date('2026-12-09T09:00:00Z'));
  expect(busy.filter((b) => b.start.toISOString() === '2026-12-09T08:30:00.000Z')).toHaveLength(1);
});

it('offers the next slot when the client fills it between the proposal and the confirmation', async () => {
  const calendar = callCalendar(deps());
  const call = { callSid: 'CA-caldav-1', clientId: client.id, from: '+33612345643' };
  const proposed = await calendar.fulfil(call, {
    type: 'find-slots',
    typeId: 'consultation',
    preference: { day: '2026-12-15' },
  });
  expect(proposed.type === 'slots' && proposed.slots.length).toBe(4);
  const first = proposed.type === 'slots' ? proposed.slots[0]! : { start: '', end: '' };
  await putEvent(calendarUrl, phoneEvent('20261215T090000', '20261215T093000'));
  const result = await calendar.fulfil(call, {
    type: 'book',
    typeId: 'consultation',
    start: first.start,
    callerName: 'Paul',
    callerNumber: call.from,
  });
  expect(result.type).toBe('slot-taken');
  // The next free slot first; never the one just taken.
  const offered = result.type === 'slot-taken' ? result.slots.map((s) => s.start) : [];
  expect(offered[0]).toBe('2026-12-15T08:30:00.000Z');
  expect(offered).not.toContain(first.start);
});

it('books nothing and says "unavailable" when the calendar does not answer', async () => {
  const closed = deps('http://127.0.0.1:9/nobody/calendar/', 300);
  const started = Date.now();
  const result = await callCalendar(closed).fulfil(
    { callSid: 'CA-caldav-2', clientId: client.id, from: '+33612345644' },
    {
      type: 'book',
      typeId: 'consultation',
      start: '2026-12-16T08:00:00.000Z',
      callerName: 'Paul',
      callerNumber: '+33612345644',
    },
  );
  expect(result).toEqual({ type: 'unavailable' });
  expect(Date.now() - started).toBeLessThan(2000);
  await expect(findSlots(closed, client, { typeId: 'consultation' })).rejects.toBeInstanceOf(
    CalendarUnavailableError,
  );
});
