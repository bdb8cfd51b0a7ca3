/**
 * The appointment use cases on the built-in book, against the real FerretDB and Redis: slots,
 * booking, moving, cancelling, and the guarantee that two bookings of one slot never both succeed,
 * even from two web instances (two lock objects on the same Redis).
 */
import { Redis } from 'ioredis';
import {
  bookAppointment,
  callCalendar,
  cancelAppointment,
  findSlots,
  moveAppointment,
  nextAppointmentOf,
  SlotTakenError,
  type AppointmentDeps,
} from '../../../src/app/appointments';
import { builtinCalendar } from '../../../src/app/builtin-calendar';
import { CalendarUnavailableError } from '../../../src/app/calendar-port';
import type { ActionSource } from '../../../src/domain/access';
import { ConflictError, InvalidInputError } from '../../../src/domain/errors';
import { redisCalendarLocks } from '../../../src/infra/calendar-locks';
import { createLogger } from '../../../src/infra/logger';
import { listAuditEvents } from '../../../src/store/audit';
import { createClient, type Client } from '../../../src/store/clients';
import type { Appointment } from '../../../src/store/appointments';
import { redisUrl, useTestDatabase } from '../../helpers/db';

const { uri } = useTestDatabase(__filename);
const logger = createLogger({ level: 'error', json: false });
// Monday 7 December 2026, 09:00 in Paris.
const NOW = new Date('2026-12-07T08:00:00Z');
const admin: ActionSource = {
  actor: { type: 'api-token', id: 'admin-api-token', label: 'admin-api-token' },
  ip: '127.0.0.1',
  via: 'api',
};

let redis: Redis;
let client: Client;
const followed: string[] = [];

function deps(overrides: Partial<AppointmentDeps> = {}): AppointmentDeps {
  return {
    logger,
    now: () => NOW,
    calendarOf: async (c) => builtinCalendar(c),
    locks: redisCalendarLocks(redis, { namespace: `test-${uri}` }),
    followUps: {
      booked: async (a) => void followed.push(`booked ${a.id}`),
      moved: async (a) => void followed.push(`moved ${a.id}`),
      cancelled: async (a, by) => void followed.push(`cancelled ${a.id} by ${by}`),
    },
    timeoutMs: 2000,
    ...overrides,
  };
}

const at = (iso: string) => new Date(iso);
const booking = (start: string, callerNumber = '+33612345601') => ({
  typeId: 'consultation',
  start: at(start),
  callerName: 'Jeanne Dupont',
  callerNumber,
  reason: 'contrôle annuel',
});

beforeAll(async () => {
  redis = new Redis(redisUrl());
  client = await createClient({
    name: 'Cabinet Martin',
    numbers: ['+33180000701'],
    timezone: 'Europe/Paris',
    weeklyHours: {
      mon: [
        { start: '09:00', end: '12:00' },
        { start: '14:00', end: '18:00' },
      ],
      tue: [{ start: '09:00', end: '12:00' }],
    },
    appointments: {
      types: [
        {
          id: 'consultation',
          name: 'Consultation',
          durationMinutes: 30,
          minNoticeMinutes: 60,
          slotStepMinutes: 30,
          bufferMinutes: 0,
        },
        {
          id: 'long',
          name: 'Bilan',
          durationMinutes: 60,
          bufferMinutes: 15,
          minNoticeMinutes: 0,
          slotStepMinutes: 15,
        },
      ],
    },
  });
});

afterAll(async () => {
  redis.disconnect();
});

describe('slots and booking on the built-in book', () => {
  it('offers slots from the opening hours after the notice, and a booked slot is no longer offered', async () => {
    const before = await findSlots(deps(), client, { typeId: 'consultation', limit: 3 });
    expect(before.map((s) => s.start.toISOString())).toEqual([
      '2026-12-07T09:00:00.000Z', // 10:00 Paris: 09:00 and 09:30 are within the hour of notice
      '2026-12-07T09:30:00.000Z',
      '2026-12-07T10:00:00.000Z',
    ]);
    const a = await bookAppointment(deps(), admin, client, booking('2026-12-07T09:00:00Z'));
    expect(a).toMatchObject({
      status: 'booked',
      typeName: 'Consultation',
      bookedVia: 'api',
      calendar: { kind: 'builtin' },
    });
    expect(a.end.toISOString()).toBe('2026-12-07T09:30:00.000Z');
    // 24 h before (the default) is already past: no reminder.
    expect(a.reminderAt).toBeNull();
    const after = await findSlots(deps(), client, { typeId: 'consultation', limit: 1 });
    expect(after[0]?.start.toISOString()).toBe('2026-12-07T09:30:00.000Z');
    expect(followed).toContain(`booked ${a.id}`);
    const audited = await listAuditEvents({ action: 'appointment.book' });
    expect(audited.some((e) => e.target?.id === a.id)).toBe(true);
  });

  it('keeps the buffer of a long appointment free on both sides', async () => {
    const a = await bookAppointment(deps(), admin, client, {
      ...booking('2026-12-07T13:00:00Z'),
      typeId: 'long',
    });
    // 14:00–15:00 Paris with 15 min on each side: a 30-minute consultation cannot start at 15:00.
    const slots = await findSlots(deps(), client, {
      typeId: 'consultation',
      preference: { day: '2026-12-07', partOfDay: 'afternoon' },
    });
    const starts = slots.map((s) => s.start.toISOString());
    expect(starts).not.toContain('2026-12-07T14:00:00.000Z');
    expect(starts[0]).toBe('2026-12-07T14:30:00.000Z');
    await cancelAppointment(deps(), admin, a.id, 'staff');
  });

  it('refuses a start off the grid or outside the hours, naming the field', async () => {
    await expect(
      bookAppointment(deps(), admin, client, booking('2026-12-07T09:10:00Z')),
    ).rejects.toBeInstanceOf(InvalidInputError);
    await expect(
      bookAppointment(deps(), admin, client, booking('2026-12-07T12:00:00Z')),
    ).rejects.toMatchObject({
      details: [{ path: 'start' }],
    });
    await expect(
      bookAppointment(deps(), admin, client, { ...booking('2026-12-07T10:00:00Z'), typeId: 'nope' }),
    ).rejects.toMatchObject({
      details: [{ path: 'typeId' }],
    });
  });

  it('gives exactly one of five concurrent bookings of the same slot, from two instances', async () => {
    const instanceA = deps();
    const instanceB = deps({ locks: redisCalendarLocks(redis, { namespace: `test-${uri}` }) });
    const attempts = await Promise.allSettled(
      [0, 1, 2, 3, 4].map((i) =>
        bookAppointment(
          i % 2 ? instanceA : instanceB,
          admin,
          client,
          booking('2026-12-07T15:00:00Z', `+3361234561${i}`),
        ),
      ),
    );
    const won = attempts.filter((r) => r.status === 'fulfilled');
    const lost = attempts.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(4);
    for (const r of lost) {
      expect(r.reason).toBeInstanceOf(SlotTakenError);
      // The next free slots are offered instead, never the taken one.
      expect((r.reason as SlotTakenError).alternatives[0]?.start.toISOString()).toBe(
        '2026-12-07T15:30:00.000Z',
      );
    }
  });

  it('moves an appointment (its old slot is free again) and cancels it once', async () => {
    const a = await bookAppointment(deps(), admin, client, booking('2026-12-08T08:00:00Z', '+33612345620'));
    expect(a.reminderAt).toBeNull(); // due exactly now: too late to remind
    // Moving onto its own time's neighbour: its own slot does not count as busy.
    const moved = await moveAppointment(deps(), admin, a.id, at('2026-12-08T08:30:00Z'));
    expect(moved.start.toISOString()).toBe('2026-12-08T08:30:00.000Z');
    expect(moved.reminderAt?.toISOString()).toBe('2026-12-07T08:30:00.000Z');
    expect(moved.history.map((h) => h.action)).toEqual(['booked', 'moved']);
    expect(moved.history[1]?.previousStart?.toISOString()).toBe('2026-12-08T08:00:00.000Z');
    const tuesday = await findSlots(deps(), client, {
      typeId: 'consultation',
      preference: { day: '2026-12-08' },
      limit: 2,
    });
    expect(tuesday.map((s) => s.start.toISOString())).toEqual([
      '2026-12-08T08:00:00.000Z',
      '2026-12-08T09:00:00.000Z',
    ]);

    expect((await nextAppointmentOf(client.id, '+33612345620', NOW))?.id).toBe(a.id);
    const cancelled = await cancelAppointment(deps(), admin, a.id, 'staff');
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.reminderAt).toBeNull();
    await expect(cancelAppointment(deps(), admin, a.id, 'staff')).rejects.toBeInstanceOf(ConflictError);
    expect(await nextAppointmentOf(client.id, '+33612345620', NOW)).toBeNull();
    expect(followed).toEqual(expect.arrayContaining([`moved ${a.id}`, `cancelled ${a.id} by staff`]));
  });

  it('an assistant of another client sees none of it', async () => {
    const stranger: ActionSource = {
      actor: {
        type: 'user',
        id: 'u1',
        label: 'x@y.z',
        name: 'X',
        role: 'assistant',
        clientIds: ['000000000000000000000000'],
      },
      ip: '',
      via: 'web',
    };
    await expect(
      bookAppointment(deps(), stranger, client.id, booking('2026-12-07T16:00:00Z')),
    ).rejects.toThrow('no such client');
  });
});

describe('the call side', () => {
  const call = { callSid: 'CA-appointments-1', clientId: '', from: '+33612345630' };
  beforeAll(() => {
    call.clientId = client.id;
  });

  it('books for the caller, then answers slot-taken with the next slots for a second caller', async () => {
    const calendar = callCalendar(deps());
    const slots = await calendar.fulfil(call, {
      type: 'find-slots',
      typeId: 'consultation',
      preference: { day: '2026-12-08' },
    });
    expect(slots.type).toBe('slots');
    const first = slots.type === 'slots' ? slots.slots[0]! : null;
    const request = {
      type: 'book' as const,
      typeId: 'consultation',
      start: first!.start,
      callerName: 'Paul',
      callerNumber: call.from,
    };
    const booked = await calendar.fulfil(call, request);
    expect(booked).toMatchObject({
      type: 'booked',
      appointment: { typeName: 'Consultation', start: first!.start },
    });
    const again = await calendar.fulfil(
      { ...call, callSid: 'CA-appointments-2', from: '+33612345631' },
      { ...request, callerNumber: '+33612345631' },
    );
    expect(again.type).toBe('slot-taken');
    expect(again.type === 'slot-taken' && again.slots[0]?.start).not.toBe(first!.start);
    const next = await calendar.fulfil(call, { type: 'next-appointment' });
    expect(next).toMatchObject({ type: 'next-appointment', appointment: { start: first!.start } });
    // Another caller cannot cancel it.
    const id = booked.type === 'booked' ? booked.appointment.id : '';
    const foreign = await calendar.fulfil(
      { ...call, from: '+33612345631' },
      { type: 'cancel', appointmentId: id },
    );
    expect(foreign.type).toBe('unavailable');
    const mine = await calendar.fulfil(call, { type: 'cancel', appointmentId: id });
    expect(mine).toMatchObject({ type: 'cancelled' });
  });

  it('tells the flow "unavailable" when the calendar fails, and books nothing', async () => {
    const broken = deps({
      calendarOf: async () => ({
        ...builtinCalendar(client),
        kind: 'caldav',
        busy: async () => {
          throw new CalendarUnavailableError('connection refused');
        },
      }),
    });
    const result = await callCalendar(broken).fulfil(call, {
      type: 'book',
      typeId: 'consultation',
      start: '2026-12-07T16:00:00.000Z',
      callerName: 'Paul',
      callerNumber: call.from,
    });
    expect(result).toEqual({ type: 'unavailable' });
    const list = await findSlots(deps(), client, {
      typeId: 'consultation',
      preference: { day: '2026-12-07', partOfDay: 'evening' },
    });
    expect(list.map((s) => s.start.toISOString())).toContain('2026-12-07T16:00:00.000Z');
  });
});

export type { Appointment };
