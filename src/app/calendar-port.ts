/**
 * A client's calendar as the appointment use cases see it: busy times in, events out. Two kinds
 * stand behind it: the client's own CalDAV calendar (src/infra/caldav-calendar.ts) and the
 * built-in appointment book (the appointments collection itself, src/store/appointments.ts).
 */

/** A time the calendar is busy, end excluded. `uid` names its event when known (moving an appointment leaves its own out). */
export type BusyTime = { start: Date; end: Date; uid?: string };

/** An event the receptionist writes: one appointment. */
export type CalendarEvent = {
  /** The event's UID: the appointment's id. */
  uid: string;
  start: Date;
  end: Date;
  /** The client's timezone: the event is written in it (DTSTART;TZID=…), so phones show local times. */
  timeZone: string;
  /** "Consultation – Jeanne Dupont" */
  summary: string;
  /** Caller, number, reason, and how it was booked. */
  description: string;
  location?: string;
};

/** Where a written event lives: its resource URL and the ETag it had when written. */
export type CalendarEventRef = { href: string; etag?: string };

export interface CalendarBackend {
  readonly kind: 'builtin' | 'caldav';
  /**
   * Busy times overlapping [from, to): timed events, recurring events expanded with their
   * exceptions (EXDATE, moved or cancelled occurrences), all-day events as whole days of their
   * calendar; events marked free (TRANSP:TRANSPARENT) and cancelled ones are not busy.
   */
  busy(from: Date, to: Date): Promise<BusyTime[]>;
  /**
   * Writes a new event, never over an existing one (If-None-Match: *): a clash is a
   * CalendarConflictError. null: the backend keeps no separate event (the built-in book).
   */
  create(event: CalendarEvent): Promise<CalendarEventRef | null>;
  /** Rewrites the event, only if it is unchanged since `ref.etag` (If-Match) when one is known. */
  update(ref: CalendarEventRef, event: CalendarEvent): Promise<CalendarEventRef>;
  /** Deletes the event; one already gone is not an error. */
  remove(ref: CalendarEventRef): Promise<void>;
}

/** Why a calendar cannot be used, as a closed set: pages say it in the reader's language. */
export const CALENDAR_FAILURES = [
  /** No connection: refused, unknown host, TLS failure. */
  'unreachable',
  /** No answer within the time allowed. */
  'timeout',
  /** 401/403: the username or password was refused. */
  'credentials',
  /** Nothing at the address, or no calendar of events there. */
  'not-found',
  /** 5xx, or an answer that is no CalDAV. */
  'server-error',
  /** The stored password cannot be decrypted (the credentials key changed): connect again. */
  'unreadable-password',
] as const;
export type CalendarFailure = (typeof CALENDAR_FAILURES)[number];

/** The calendar cannot be used now: unreachable, too slow, refused our credentials, answered 5xx. */
export class CalendarUnavailableError extends Error {
  override name = 'CalendarUnavailableError';
  constructor(
    message: string,
    readonly reason: CalendarFailure = 'unreachable',
  ) {
    super(message);
  }
}

/** The calendar refused a write because the event changed or exists (412 Precondition Failed). */
export class CalendarConflictError extends Error {
  override name = 'CalendarConflictError';
}

/** "Test the connection": whether the calendar answers with these settings, and what it is. */
export type CalendarCheck =
  | { ok: true; calendarName: string; calendarUrl: string }
  /** `error`: the server's answer in English, for logs and the API; `reason` (the CalDAV backend always gives one): for people's pages. */
  | { ok: false; error: string; reason?: CalendarFailure };
