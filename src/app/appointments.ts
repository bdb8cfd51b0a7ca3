/**
 * The appointment use cases, for every edge: the call (through `callCalendar`), the web list, the
 * admin API and the SMS reply. They find free slots in the client's calendar, and book, move and
 * cancel appointments so that two people can never get the same slot: under the calendar's lock,
 * the slot is checked again against fresh busy times, then written (CalDAV `If-None-Match` /
 * `If-Match` guard against writers outside the service).
 */
import { randomUUID } from 'node:crypto';
import type { ActionSource } from '../domain/access';
import { accessOf, canSeeClient } from '../domain/access';
import { InvalidInputError, NotFoundError, ConflictError } from '../domain/errors';
import { isE164Phone } from '../domain/phone';
import type { Locale } from '../domain/vocabulary';
import { checkSlot, freeSlots, searchWindow, type Slot } from '../flow/appointment-slots';
import type { AppointmentType, CalendarRequest, CalendarResult, SlotPreference } from '../flow';
import { CalendarBusyError, type CalendarLocks } from '../infra/calendar-locks';
import type { Logger } from '../infra/logger';
import {
  appointmentsStarting,
  bookedOverlapping,
  cancelAppointmentRecord,
  deleteAppointmentRecord,
  findAppointment,
  insertAppointment,
  moveAppointmentRecord,
  nextAppointmentFor,
  paddedEnd,
  paddedStart,
  setAppointmentCalendar,
  type Appointment,
  type AppointmentChange,
  type BookedVia,
  type CalendarPlace,
} from '../store/appointments';
import type { Client } from '../store/clients';
import { withTimeout } from '../store/timeout';
import { audit } from './audit';
import {
  CalendarUnavailableError,
  type BusyTime,
  type CalendarBackend,
  type CalendarEvent,
} from './calendar-port';
import { clientForId } from './client-cache';
import type { AppointmentFollowUpsPort, CallCalendar } from './ports';

export type { Slot };

export type AppointmentDeps = {
  logger: Logger;
  now: () => Date;
  /** The client's calendar: its CalDAV calendar when connected, else the built-in book. */
  calendarOf: (client: Client) => Promise<CalendarBackend>;
  locks: CalendarLocks;
  followUps: AppointmentFollowUpsPort;
  /** The most one calendar request may take (ms): `config().calendars.timeoutMs`. */
  timeoutMs: number;
  /** Observes the time from a booking's request to its calendar write (ms): the p95 the note gives. */
  observeBooking?: (ms: number) => void;
};

/** The slot was taken meanwhile; `alternatives` are the next free ones. */
export class SlotTakenError extends ConflictError {
  override name = 'SlotTakenError';
  constructor(readonly alternatives: Slot[]) {
    super('this slot was just taken', [{ path: 'start', message: 'this slot was just taken' }]);
  }
}

const NOT_BOOKABLE: Record<string, string> = {
  notice: 'too soon: this appointment type needs more notice',
  'too-far': 'too far ahead for this appointment type',
  'outside-hours': 'outside the hours this appointment type can be booked',
  closed: 'the client is closed that day',
  'off-grid': 'not a slot start for this appointment type (see its slot step)',
  busy: 'this slot is not free',
};

/** Busy times fetched around one slot when it is checked again. */
const AROUND_SLOT_MS = 12 * 3600_000;

function typeOf(client: Client, typeId: string): AppointmentType {
  const type = client.appointments.types.find((t) => t.id === typeId);
  if (!type) {
    throw new InvalidInputError([
      {
        path: 'typeId',
        message: `unknown appointment type; this client has: ${client.appointments.types.map((t) => t.id).join(', ') || 'none'}`,
      },
    ]);
  }
  return type;
}

/** A booked appointment's own type, or one rebuilt from the record when its type was removed since. */
function typeOfAppointment(client: Client, a: Appointment): AppointmentType {
  const type = client.appointments.types.find((t) => t.id === a.typeId);
  if (type) return type;
  return {
    id: a.typeId,
    name: a.typeName,
    durationMinutes: Math.round((a.end.getTime() - a.start.getTime()) / 60_000),
    bufferMinutes: a.bufferMinutes,
    minNoticeMinutes: 0,
    maxDaysAhead: 365,
    slotStepMinutes: 5,
    slotsOffered: 2,
    newCallers: 'book',
  };
}

function unavailable(err: unknown): CalendarUnavailableError {
  if (err instanceof CalendarUnavailableError) return err;
  return new CalendarUnavailableError(`calendar did not answer: ${(err as Error).message}`);
}

/** Busy times of [from, to) within the timeout; our own appointments count with their buffers. */
async function busyTimes(
  deps: AppointmentDeps,
  client: Client,
  calendar: CalendarBackend,
  from: Date,
  to: Date,
  exclude?: string,
): Promise<BusyTime[]> {
  let busy: BusyTime[];
  try {
    busy = await withTimeout(calendar.busy(from, to), deps.timeoutMs);
  } catch (err) {
    throw unavailable(err);
  }
  // The events we wrote to a CalDAV calendar carry no buffer: our records add it.
  if (calendar.kind !== 'builtin') {
    const ours = await bookedOverlapping(client.id, from, to);
    busy = [...busy, ...ours.map((a) => ({ start: paddedStart(a), end: paddedEnd(a), uid: a.id }))];
  }
  return exclude ? busy.filter((b) => b.uid !== exclude) : busy;
}

export type SlotQuery = {
  typeId: string;
  preference?: SlotPreference;
  /** Moving an appointment: its own time is free. */
  excludeAppointmentId?: string;
  limit?: number;
};

/** The free slots a caller could book now, in order. */
export async function findSlots(deps: AppointmentDeps, client: Client, query: SlotQuery): Promise<Slot[]> {
  const type = typeOf(client, query.typeId);
  const now = deps.now();
  const search = {
    profile: client,
    type,
    now,
    limit: query.limit ?? 20,
    ...(query.preference ? { preference: query.preference } : {}),
  };
  const window = searchWindow(search);
  if (!window) return [];
  const calendar = await deps.calendarOf(client);
  const busy = await busyTimes(deps, client, calendar, window.from, window.to, query.excludeAppointmentId);
  return freeSlots({ ...search, busy });
}

async function assertCanSee(source: ActionSource, clientId: string): Promise<Client> {
  if (!canSeeClient(accessOf(source.actor), clientId)) throw new NotFoundError('no such client');
  return clientForId(clientId).catch(() => {
    throw new NotFoundError('no such client');
  });
}

/** The slot at `start`, checked against fresh busy times: bookable, or why not. */
async function checkFresh(
  deps: AppointmentDeps,
  client: Client,
  calendar: CalendarBackend,
  type: AppointmentType,
  start: Date,
  exclude?: string,
): Promise<Slot> {
  const around = {
    from: new Date(start.getTime() - AROUND_SLOT_MS),
    to: new Date(start.getTime() + AROUND_SLOT_MS),
  };
  const busy = await busyTimes(deps, client, calendar, around.from, around.to, exclude);
  const checked = checkSlot({ profile: client, type, busy, now: deps.now(), start });
  if (checked.ok) return checked.slot;
  if (checked.reason === 'busy') {
    const next = await findSlots(deps, client, {
      typeId: type.id,
      preference: { notBefore: start.toISOString() },
      limit: 3,
      ...(exclude ? { excludeAppointmentId: exclude } : {}),
    }).catch(() => []);
    throw new SlotTakenError(next);
  }
  throw new InvalidInputError([{ path: 'start', message: NOT_BOOKABLE[checked.reason] ?? checked.reason }]);
}

const calendarKey = (client: Client, calendar: CalendarBackend) => `${calendar.kind}:${client.id}`;

async function underLock<T>(
  deps: AppointmentDeps,
  client: Client,
  calendar: CalendarBackend,
  work: () => Promise<T>,
): Promise<T> {
  try {
    // Waits for another booking of the same calendar about as long as one calendar request may take.
    return await deps.locks.withLock(calendarKey(client, calendar), deps.timeoutMs, work);
  } catch (err) {
    if (err instanceof CalendarBusyError)
      throw new CalendarUnavailableError('calendar busy with another booking');
    throw err;
  }
}

function eventOf(
  client: Client,
  a: Pick<
    Appointment,
    'id' | 'typeName' | 'start' | 'end' | 'callerName' | 'callerNumber' | 'reason' | 'bookedVia'
  >,
): CalendarEvent {
  const who = a.callerName || a.callerNumber;
  const lines = [
    `${a.typeName} – ${who}`,
    `Tél. / Phone: ${a.callerNumber}`,
    ...(a.reason ? [`Motif / Reason: ${a.reason}`] : []),
    `Pris par / Booked by: ${a.bookedVia === 'call' ? 'accueil téléphonique / phone receptionist' : a.bookedVia}`,
  ];
  return {
    uid: a.id,
    start: a.start,
    end: a.end,
    timeZone: client.timezone,
    summary: `${a.typeName} – ${who}`,
    description: lines.join('\n'),
    ...(client.address ? { location: client.address } : {}),
  };
}

function reminderAt(client: Client, start: Date, now: Date): Date | null {
  const hours = client.appointments.reminderHoursBefore;
  if (hours <= 0) return null;
  const at = new Date(start.getTime() - hours * 3600_000);
  return at > now ? at : null;
}

function changeBy(
  source: ActionSource,
  action: AppointmentChange['action'],
  at: Date,
  previousStart: Date | null = null,
): AppointmentChange {
  const callerSide = source.actor.type === 'system' && source.actor.label.startsWith('caller');
  return {
    at,
    action,
    by: callerSide ? 'caller' : source.actor.label,
    via: source.via ?? 'system',
    previousStart,
  };
}

export type BookingInput = {
  typeId: string;
  start: Date;
  callerName: string;
  /** E.164: the confirmation and the reminder go there. */
  callerNumber: string;
  reason?: string;
  /** The call it is booked in, when a caller books. */
  callSid?: string;
  locale?: Locale;
};

/** The action source of a caller acting by phone (`callSid`) or SMS (their number). */
export function callerSource(id: string, ip = '', via: ActionSource['via'] = 'system'): ActionSource {
  return { actor: { type: 'system', id, label: `caller:${id}` }, ip, via };
}

function bookedVia(source: ActionSource, input: BookingInput): BookedVia {
  if (input.callSid) return 'call';
  return source.via === 'web' ? 'web' : 'api';
}

/** Books a slot: checked again under the calendar's lock, written to the calendar, then followed up. */
export async function bookAppointment(
  deps: AppointmentDeps,
  source: ActionSource,
  clientOrId: Client | string,
  input: BookingInput,
): Promise<Appointment> {
  const client = typeof clientOrId === 'string' ? await assertCanSee(source, clientOrId) : clientOrId;
  if (!canSeeClient(accessOf(source.actor), client.id)) throw new NotFoundError('no such client');
  const type = typeOf(client, input.typeId);
  if (!isE164Phone(input.callerNumber)) {
    throw new InvalidInputError([{ path: 'callerNumber', message: 'expected a phone number in E.164 form' }]);
  }
  const started = Date.now();
  const calendar = await deps.calendarOf(client);
  const appointment = await underLock(deps, client, calendar, async () => {
    const slot = await checkFresh(deps, client, calendar, type, input.start);
    const now = deps.now();
    const id = randomUUID();
    const via = bookedVia(source, input);
    const record = await insertAppointment({
      id,
      clientId: client.id,
      typeId: type.id,
      typeName: type.name,
      start: slot.start,
      end: slot.end,
      bufferMinutes: type.bufferMinutes,
      callerName: input.callerName.trim(),
      callerNumber: input.callerNumber,
      reason: input.reason?.trim() ?? '',
      locale: input.locale ?? client.locale,
      callSid: input.callSid ?? '',
      bookedVia: via,
      calendar: { kind: calendar.kind },
      reminderAt: reminderAt(client, slot.start, now),
      history: [changeBy(source, 'booked', now)],
    });
    try {
      const ref = await withTimeout(calendar.create(eventOf(client, record)), deps.timeoutMs);
      if (!ref) return record;
      const place: CalendarPlace = {
        kind: calendar.kind,
        href: ref.href,
        ...(ref.etag ? { etag: ref.etag } : {}),
      };
      await setAppointmentCalendar(id, place);
      return { ...record, calendar: place };
    } catch (err) {
      // Not in the calendar: not booked. The record goes, so the slot is free again.
      await deleteAppointmentRecord(id);
      throw unavailable(err);
    }
  });
  deps.observeBooking?.(Date.now() - started);
  await audit(source, {
    action: 'appointment.book',
    target: { type: 'appointment', id: appointment.id },
    clientId: client.id,
    detail: { typeId: type.id, start: appointment.start.toISOString(), via: appointment.bookedVia },
  });
  await deps.followUps.booked(appointment);
  return appointment;
}

async function bookedOne(
  source: ActionSource,
  id: string,
): Promise<{ appointment: Appointment; client: Client }> {
  const appointment = await findAppointment(id);
  if (!appointment || !canSeeClient(accessOf(source.actor), appointment.clientId)) {
    throw new NotFoundError('no such appointment');
  }
  if (appointment.status !== 'booked') throw new ConflictError('this appointment is cancelled');
  return { appointment, client: await clientForId(appointment.clientId) };
}

/** Moves an appointment to another free slot of its type, under the calendar's lock. */
export async function moveAppointment(
  deps: AppointmentDeps,
  source: ActionSource,
  id: string,
  start: Date,
): Promise<Appointment> {
  const { appointment, client } = await bookedOne(source, id);
  const type = typeOfAppointment(client, appointment);
  const calendar = await deps.calendarOf(client);
  const moved = await underLock(deps, client, calendar, async () => {
    const slot = await checkFresh(deps, client, calendar, type, start, appointment.id);
    const now = deps.now();
    let place = appointment.calendar;
    if (appointment.calendar.href) {
      const next = { ...appointment, start: slot.start, end: slot.end };
      try {
        const ref = await withTimeout(
          calendar.update(
            {
              href: appointment.calendar.href,
              ...(appointment.calendar.etag ? { etag: appointment.calendar.etag } : {}),
            },
            eventOf(client, next),
          ),
          deps.timeoutMs,
        );
        place = { kind: appointment.calendar.kind, href: ref.href, ...(ref.etag ? { etag: ref.etag } : {}) };
      } catch (err) {
        throw unavailable(err);
      }
    }
    const record = await moveAppointmentRecord(
      appointment.id,
      { start: slot.start, end: slot.end, calendar: place, reminderAt: reminderAt(client, slot.start, now) },
      changeBy(source, 'moved', now, appointment.start),
    );
    if (!record) throw new ConflictError('this appointment was cancelled meanwhile');
    return record;
  });
  await audit(source, {
    action: 'appointment.move',
    target: { type: 'appointment', id: moved.id },
    clientId: client.id,
    detail: { from: appointment.start.toISOString(), to: moved.start.toISOString() },
  });
  await deps.followUps.moved(moved, appointment.start);
  return moved;
}

/** Cancels an appointment: removed from the calendar, kept in the record as cancelled. */
export async function cancelAppointment(
  deps: AppointmentDeps,
  source: ActionSource,
  id: string,
  by: 'caller' | 'staff',
): Promise<Appointment> {
  const { appointment, client } = await bookedOne(source, id);
  const calendar = await deps.calendarOf(client);
  const cancelled = await underLock(deps, client, calendar, async () => {
    if (appointment.calendar.href) {
      try {
        await withTimeout(calendar.remove({ href: appointment.calendar.href }), deps.timeoutMs);
      } catch (err) {
        throw unavailable(err);
      }
    }
    const record = await cancelAppointmentRecord(appointment.id, changeBy(source, 'cancelled', deps.now()));
    if (!record) throw new ConflictError('this appointment is already cancelled');
    return record;
  });
  await audit(source, {
    action: 'appointment.cancel',
    target: { type: 'appointment', id: cancelled.id },
    clientId: client.id,
    detail: { start: cancelled.start.toISOString(), by },
  });
  await deps.followUps.cancelled(cancelled, by);
  return cancelled;
}

/** The caller's next appointment with this client, if any. */
export function nextAppointmentOf(
  clientId: string,
  callerNumber: string,
  now: Date,
): Promise<Appointment | null> {
  return nextAppointmentFor(clientId, callerNumber, now);
}

/** A client's appointments starting in [from, to), for the day and week views and the API. */
export async function appointmentsOf(
  source: ActionSource,
  clientId: string,
  from: Date,
  to: Date,
): Promise<Appointment[]> {
  await assertCanSee(source, clientId);
  return appointmentsStarting(clientId, from, to);
}

export async function appointmentById(source: ActionSource, id: string): Promise<Appointment> {
  const appointment = await findAppointment(id);
  if (!appointment || !canSeeClient(accessOf(source.actor), appointment.clientId)) {
    throw new NotFoundError('no such appointment');
  }
  return appointment;
}

const brief = (a: Appointment) => ({
  id: a.id,
  typeId: a.typeId,
  typeName: a.typeName,
  start: a.start.toISOString(),
  end: a.end.toISOString(),
});
/**
 * What calendar work may take in one webhook (ms): the webhook answers within 1.5 s (its
 * deadline, then the fail-safe), and Redis and the flow need the rest.
 */
const CALL_BUDGET_MS = 1100;

const slotTimes = (slots: Slot[]) =>
  slots.map((s) => ({ start: s.start.toISOString(), end: s.end.toISOString() }));

/**
 * The calendar work a call asks for. Whatever fails becomes an answer the flow can say: a slot
 * taken meanwhile gives the next ones, anything else "the calendar is unavailable" (nothing was
 * written), so the caller is never left without a reply.
 */
export function callCalendar(deps: AppointmentDeps, budgetMs = CALL_BUDGET_MS): CallCalendar {
  return {
    async fulfil(call, request) {
      const source = callerSource(call.callSid);
      // A booking makes two calendar requests (check, write): together they must fit the webhook.
      const twoRequests = request.type === 'book' || request.type === 'move';
      const timeoutMs = Math.min(deps.timeoutMs, twoRequests ? Math.floor(budgetMs / 2) : budgetMs);
      try {
        return await fulfil({ ...deps, timeoutMs }, source, call, request);
      } catch (err) {
        if (err instanceof SlotTakenError) return { type: 'slot-taken', slots: slotTimes(err.alternatives) };
        if (err instanceof InvalidInputError && 'typeId' in request) {
          // The slot stopped being bookable while the caller listened (notice, hours): offer the next ones.
          const next = await findSlots(deps, await clientForId(call.clientId), {
            typeId: request.typeId,
          }).catch(() => null);
          if (next) return { type: 'slot-taken', slots: slotTimes(next) };
        }
        deps.logger.warn(
          `calendar ${request.type} for call ${call.callSid} failed, the caller is told: ${(err as Error).message}`,
        );
        return { type: 'unavailable' };
      }
    },
  };
}

async function fulfil(
  deps: AppointmentDeps,
  source: ActionSource,
  call: { callSid: string; clientId: string; from: string },
  request: CalendarRequest,
): Promise<CalendarResult> {
  const client = await clientForId(call.clientId);
  switch (request.type) {
    case 'find-slots': {
      const slots = await findSlots(deps, client, {
        typeId: request.typeId,
        ...(request.preference ? { preference: request.preference } : {}),
        ...(request.excludeAppointmentId ? { excludeAppointmentId: request.excludeAppointmentId } : {}),
      });
      return { type: 'slots', slots: slotTimes(slots) };
    }
    case 'book': {
      const a = await bookAppointment(deps, source, client, {
        typeId: request.typeId,
        start: new Date(request.start),
        callerName: request.callerName,
        callerNumber: request.callerNumber,
        callSid: call.callSid,
        locale: client.locale,
        ...(request.reason ? { reason: request.reason } : {}),
      });
      return { type: 'booked', appointment: brief(a) };
    }
    case 'move': {
      await ownedByCaller(request.appointmentId, call);
      const a = await moveAppointment(deps, source, request.appointmentId, new Date(request.start));
      return { type: 'moved', appointment: brief(a) };
    }
    case 'cancel': {
      await ownedByCaller(request.appointmentId, call);
      const a = await cancelAppointment(deps, source, request.appointmentId, 'caller');
      return { type: 'cancelled', appointment: brief(a) };
    }
    case 'next-appointment': {
      const a = await nextAppointmentOf(call.clientId, call.from, deps.now());
      return { type: 'next-appointment', appointment: a ? brief(a) : null };
    }
  }
}

/** A caller moves or cancels only their own appointment with this client. */
async function ownedByCaller(id: string, call: { clientId: string; from: string }): Promise<void> {
  const a = await findAppointment(id);
  if (!a || a.clientId !== call.clientId || a.callerNumber !== call.from)
    throw new NotFoundError('no such appointment');
}
