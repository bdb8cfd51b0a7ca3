/**
 * One appointment as an iCalendar object, written by ical-generator: the event the receptionist
 * puts in the client's CalDAV calendar, and the `.ics` the notifications attach to emails.
 */
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import type { CalendarEvent } from '../app/calendar-port';
import { wallClock } from '../domain/zoned-time';

export type AppointmentIcsOptions = {
  /** REQUEST: an invitation to add or update; CANCEL: the appointment is off. None: a plain calendar object (CalDAV). */
  method?: 'REQUEST' | 'CANCEL';
  /** Each new version of an emailed invitation counts one more (RFC 5546), so calendars take the latest. */
  sequence?: number;
};

/** The VTIMEZONE of an IANA zone, from the tz database that timezones-ical-library ships. */
function vtimezone(zone: string): string | null {
  const block = tzlib_get_ical_block(zone);
  const text = Array.isArray(block) ? block[0] : block;
  return typeof text === 'string' && text.startsWith('BEGIN:VTIMEZONE') ? text : null;
}

/**
 * ical-generator writes a zoned time from the fields of the Date it is given ("already in the
 * zone"), so it gets a Date whose UTC fields are the wall clock of the client's zone.
 */
function wallTime(at: Date, zone: string): Date {
  const { date, time } = wallClock(at, zone);
  return new Date(`${date}T${time}:${String(at.getUTCSeconds()).padStart(2, '0')}Z`);
}

export function appointmentIcs(event: CalendarEvent, options: AppointmentIcsOptions = {}): string {
  const calendar = ical({
    prodId: { company: 'receptionist', product: 'appointments', language: 'FR' },
    timezone: { name: null, generator: vtimezone },
    ...(options.method ? { method: ICalCalendarMethod[options.method] } : {}),
  });
  calendar.createEvent({
    id: event.uid,
    sequence: options.sequence ?? 0,
    start: wallTime(event.start, event.timeZone),
    end: wallTime(event.end, event.timeZone),
    timezone: event.timeZone,
    summary: event.summary,
    description: event.description,
    ...(event.location ? { location: event.location } : {}),
    ...(options.method === 'CANCEL' ? { status: ICalEventStatus.CANCELLED } : {}),
  });
  return calendar.toString();
}
