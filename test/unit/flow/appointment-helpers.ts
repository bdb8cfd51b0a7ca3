/**
 * Calls that book appointments, played against a fake calendar: every transition that carries a
 * `request` is answered at once with a `calendar` event at the same instant, as the edge does in the
 * same webhook.
 */
import {
  handleEvent,
  localTime,
  startCall,
  type AppointmentBrief,
  type CalendarRequest,
  type CalendarResult,
  type CallState,
  type ClientProfile,
  type ClientProfileInput,
  type FlowEvent,
  type SlotTimes,
  type Transition,
} from '../../../src/flow';
import { CALLER, makeProfile, MONDAY_10H, type Run } from './helpers';

const slot = (start: string, minutes = 30): SlotTimes => ({
  start,
  end: new Date(Date.parse(start) + minutes * 60_000).toISOString(),
});

/** Free slots after Monday 23 November 2026, 10:00 in Paris (UTC+1). */
export const SLOTS = {
  tue10: slot('2026-11-24T09:00:00.000Z'),
  wed1430: slot('2026-11-25T13:30:00.000Z'),
  thu9: slot('2026-11-26T08:00:00.000Z'),
  thu14: slot('2026-11-26T13:00:00.000Z'),
  fri17: slot('2026-11-27T16:00:00.000Z'),
};

export const CONSULTATION = { id: 'consultation', name: 'Consultation', durationMinutes: 30 };
export const VACCINATION = { id: 'vaccination', name: 'Vaccination', durationMinutes: 15 };

export function bookingProfile(overrides: Partial<ClientProfileInput> = {}): ClientProfile {
  return makeProfile({ appointments: { types: [CONSULTATION] }, ...overrides });
}

export interface FakeCalendar {
  free: SlotTimes[];
  /** The caller's next appointment. */
  existing?: AppointmentBrief | null;
  /** Starts taken by someone else between the proposal and the booking. */
  takenMeanwhile?: string[];
  /** Requests answered `unavailable`. */
  down?: CalendarRequest['type'][];
}

/** The slots a search with `preference` finds, as a calendar would (Paris time for parts of the day). */
function search(cal: FakeCalendar, request: Extract<CalendarRequest, { type: 'find-slots' }>): SlotTimes[] {
  const p = request.preference ?? {};
  return cal.free.filter((s) => {
    const local = localTime(new Date(s.start), 'Europe/Paris');
    if (p.day && local.date !== p.day) return false;
    if (p.notBefore && s.start < p.notBefore) return false;
    if (p.partOfDay === 'morning' && local.time >= '12:00') return false;
    if (p.partOfDay === 'afternoon' && local.time < '12:00') return false;
    if (p.partOfDay === 'evening' && local.time < '16:00') return false;
    return true;
  });
}

export function answer(cal: FakeCalendar, request: CalendarRequest): CalendarResult {
  if (cal.down?.includes(request.type)) return { type: 'unavailable' };
  const brief = (typeId: string, start: string): AppointmentBrief => ({
    id: 'apt-1',
    typeId,
    typeName: typeId === 'vaccination' ? 'Vaccination' : 'Consultation',
    start,
    end: slot(start).end,
  });
  switch (request.type) {
    case 'find-slots':
      return { type: 'slots', slots: search(cal, request) };
    case 'book': {
      if (cal.takenMeanwhile?.includes(request.start)) {
        cal.takenMeanwhile = cal.takenMeanwhile.filter((s) => s !== request.start);
        cal.free = cal.free.filter((s) => s.start !== request.start);
        return { type: 'slot-taken', slots: cal.free };
      }
      return { type: 'booked', appointment: brief(request.typeId, request.start) };
    }
    case 'move':
      return { type: 'moved', appointment: { ...cal.existing!, start: request.start } };
    case 'cancel':
      return { type: 'cancelled', appointment: cal.existing! };
    case 'next-appointment':
      return { type: 'next-appointment', appointment: cal.existing ?? null };
  }
}

export interface BookingRun extends Run {
  requests: CalendarRequest[];
}

/** Plays a call: start, then each caller event 10 s after the previous one, calendar answers at once. */
export function call(
  profile: ClientProfile,
  events: FlowEvent[],
  cal: FakeCalendar = { free: Object.values(SLOTS) },
  opts: { caller?: { number: string; name?: string; known: boolean }; now?: Date } = {},
): BookingRun {
  const start = opts.now ?? MONDAY_10H;
  const first = startCall({
    profile,
    caller: opts.caller ?? { number: CALLER, known: false },
    callSid: 'CA00000000000000000000000000000001',
    now: start,
  });
  const transitions: Transition[] = [first];
  const requests: CalendarRequest[] = [];
  let state = first.state;
  events.forEach((event, i) => {
    const now = new Date(start.getTime() + (i + 1) * 10_000);
    let t = handleEvent(profile, JSON.parse(JSON.stringify(state)) as CallState, event, now);
    transitions.push(t);
    for (let n = 0; t.request; n++) {
      if (n > 5) throw new Error('calendar request loop');
      requests.push(t.request);
      t = handleEvent(profile, t.state, { type: 'calendar', result: answer(cal, t.request) }, now);
      transitions.push(t);
    }
    state = t.state;
  });
  const last = transitions[transitions.length - 1] as Transition;
  return {
    transitions,
    last,
    state,
    requests,
    actions: transitions.flatMap((t) => t.actions),
    effects: transitions.flatMap((t) => t.effects),
  };
}
