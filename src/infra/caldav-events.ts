/**
 * Busy times out of iCalendar data, parsed and expanded by ical.js: recurring events with their
 * exceptions, all-day events as whole local days, zoned and floating times. Pure: the CalDAV
 * client (caldav-calendar.ts) fetches, this reads.
 */
import ICAL from 'ical.js';
import type { BusyTime } from '../app/calendar-port';
import { addDays, localToInstant, startOfLocalDay } from '../domain/zoned-time';
import { isKnownTimeZone } from '../domain/time-zones';

type Time = InstanceType<typeof ICAL.Time>;
type Component = InstanceType<typeof ICAL.Component>;
type Event = InstanceType<typeof ICAL.Event>;

export type ReadZones = {
  /** Where all-day events fall: the calendar's own zone when it has one, else the client's. */
  allDay: string;
  /** Where times without a zone (floating) are read: the client's. */
  floating: string;
};

/** No calendar needs more occurrences than this before the asked range; past it the rule is cut short. */
const MAX_OCCURRENCES = 20_000;

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The instant an iCalendar time stands for. A zone the runtime knows by name is read with its
 * tz database (the same one the rest of the service uses); a custom VTIMEZONE (Outlook's
 * "Romance Standard Time") is read by ical.js; a TZID with no definition anywhere and a
 * floating time are read on the client's clocks.
 */
function instantOf(time: Time, zones: ReadZones): Date {
  const tzid = time.zone?.tzid ?? 'floating';
  if (time.zone === ICAL.Timezone.utcTimezone || tzid === 'UTC') return time.toJSDate();
  // ical.js keeps the TZID it could not resolve on the time (undeclared in its types).
  const named = (time as Time & { timezone?: string }).timezone ?? (tzid !== 'floating' ? tzid : undefined);
  const wall = `${time.year}-${pad(time.month)}-${pad(time.day)}T${pad(time.hour)}:${pad(time.minute)}`;
  const seconds = time.second * 1000;
  if (named && isKnownTimeZone(named)) return new Date(localToInstant(wall, named)!.getTime() + seconds);
  if (tzid !== 'floating') return new Date(time.toUnixTime() * 1000);
  return new Date(localToInstant(wall, zones.floating)!.getTime() + seconds);
}

function dayOf(time: Time): string {
  return `${time.year}-${pad(time.month)}-${pad(time.day)}`;
}

/** The span of one occurrence; all-day ones run from the first day's midnight to the end day's. */
function spanOf(start: Time, end: Time, zones: ReadZones): { start: Date; end: Date } {
  if (start.isDate) {
    const first = dayOf(start);
    const last = end.isDate && dayOf(end) > first ? dayOf(end) : addDays(first, 1);
    return { start: startOfLocalDay(first, zones.allDay), end: startOfLocalDay(last, zones.allDay) };
  }
  const from = instantOf(start, zones);
  const to = instantOf(end, zones);
  return { start: from, end: to > from ? to : from };
}

/** Which occurrence a time names, however its RECURRENCE-ID is written (UTC, zoned). */
function occurrenceKey(time: Time, zones: ReadZones): string {
  return time.isDate ? dayOf(time) : String(instantOf(time, zones).getTime());
}

/** Free (TRANSP:TRANSPARENT) and cancelled events take no time. */
function takesTime(component: Component): boolean {
  const transp = String(component.getFirstPropertyValue('transp') ?? '').toUpperCase();
  const status = String(component.getFirstPropertyValue('status') ?? '').toUpperCase();
  return transp !== 'TRANSPARENT' && status !== 'CANCELLED';
}

function endOf(event: Event, start: Time): Time {
  const end = start.clone();
  end.addDuration(event.duration);
  return end;
}

/** The busy times of one calendar object (a master event and its exceptions) overlapping [from, to). */
export function busyTimesOf(ics: string, from: Date, to: Date, zones: ReadZones): BusyTime[] {
  const root = new ICAL.Component(ICAL.parse(ics));
  const vevents = root.getAllSubcomponents('vevent');
  const busy: BusyTime[] = [];
  const add = (uid: string, span: { start: Date; end: Date }) => {
    if (span.end > from && span.start < to) busy.push({ ...span, ...(uid ? { uid } : {}) });
  };
  const masters = vevents.filter((v) => !v.hasProperty('recurrence-id'));
  const exceptions = vevents.filter((v) => v.hasProperty('recurrence-id'));

  for (const component of masters) {
    const event = new ICAL.Event(component);
    if (!takesTime(component)) continue;
    if (!event.isRecurring()) {
      add(event.uid, spanOf(event.startDate, event.endDate, zones));
      continue;
    }
    // Occurrences are walked by their original start; the exceptions are read on their own below,
    // so an occurrence moved into or out of the range is counted where it now is.
    const moved = new Set(
      exceptions
        .filter((e) => e.getFirstPropertyValue('uid') === event.uid)
        .map((e) => occurrenceKey(e.getFirstPropertyValue('recurrence-id') as Time, zones)),
    );
    const iterator = event.iterator();
    for (let n = 0, next = iterator.next(); next && n < MAX_OCCURRENCES; n++, next = iterator.next()) {
      const span = spanOf(next, endOf(event, next), zones);
      if (span.start >= to) break;
      if (!moved.has(occurrenceKey(next, zones))) add(event.uid, span);
    }
  }
  for (const component of exceptions) {
    if (!takesTime(component)) continue;
    const event = new ICAL.Event(component);
    add(event.uid, spanOf(event.startDate, event.endDate, zones));
  }
  return busy;
}

/** The IANA name of the zone a calendar declares (CALDAV:calendar-timezone, a VTIMEZONE), when the runtime knows it. */
export function declaredZone(vtimezone: string | undefined): string | null {
  if (!vtimezone?.includes('BEGIN:VTIMEZONE')) return null;
  try {
    const root = new ICAL.Component(ICAL.parse(vtimezone));
    const tzid = root.getFirstSubcomponent('vtimezone')?.getFirstPropertyValue('tzid');
    return typeof tzid === 'string' && isKnownTimeZone(tzid) ? tzid : null;
  } catch {
    return null;
  }
}
