/**
 * The `.ics` attached to the client's appointment emails, written by ical-generator.
 *
 * Stand-in until the CalDAV helper's `appointmentIcs` (src/infra/appointment-ics.ts, same
 * signature, with VTIMEZONE blocks) is on main: then this file goes and the import points there.
 */
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { CalendarEvent } from '../app/calendar-port';
import { wallClock } from '../domain/zoned-time';

export type AppointmentIcsOptions = {
  /** REQUEST: add or update the event; CANCEL: remove it. */
  method?: 'REQUEST' | 'CANCEL';
  /** One more for each new version of the event (RFC 5546), so calendars keep the latest. */
  sequence?: number;
};

/** ical-generator writes a zoned time from the Date's UTC fields: give it the zone's wall clock. */
function wallTime(at: Date, zone: string): Date {
  const { date, time } = wallClock(at, zone);
  return new Date(`${date}T${time}:00Z`);
}

export function appointmentIcs(event: CalendarEvent, options: AppointmentIcsOptions = {}): string {
  const calendar = ical({
    prodId: { company: 'receptionist', product: 'appointments', language: 'FR' },
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
