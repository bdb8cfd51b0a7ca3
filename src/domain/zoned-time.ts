/**
 * Wall-clock times and calendar days in an IANA time zone, to and from instants: the one
 * implementation the call flow (opening hours), the notifications (digest days) and the pages use.
 * Intl, not a library: Node's ICU carries the time-zone database, and luxon or @date-fns/tz would
 * compute these five conversions through the same Intl while adding a dependency to the pure core.
 */

export type WallClock = {
  /** `YYYY-MM-DD` on the zone's calendar. */
  date: string;
  /** `HH:MM`, 00:00 to 23:59. */
  time: string;
  /** ISO 8601 day of the week: 1 is Monday, 7 is Sunday. */
  isoWeekday: number;
};

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** What the clocks and calendars of `timeZone` show at `at`. */
export function wallClock(at: Date, timeZone: string): WallClock {
  const parts: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(at)) parts[p.type] = p.value;
  // Some ICU versions write midnight as 24 even with the h23 cycle.
  const hour = parts.hour === '24' ? '00' : (parts.hour ?? '00');
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  const sundayIsZero = new Date(`${date}T00:00:00Z`).getUTCDay();
  return { date, time: `${hour}:${parts.minute}`, isoWeekday: sundayIsZero || 7 };
}

/** The `YYYY-MM-DDTHH:MM` wall clock of `at` in `timeZone` (the value of a datetime-local input). */
export function instantToLocal(at: Date, timeZone: string): string {
  const { date, time } = wallClock(at, timeZone);
  return `${date}T${time}`;
}

/** `YYYY-MM-DD` of an instant in a time zone. */
export function localDate(at: Date, timeZone: string): string {
  return wallClock(at, timeZone).date;
}

const LOCAL_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** Milliseconds the zone is ahead of UTC at `at`. */
function offsetMs(at: Date, timeZone: string): number {
  const [, y, mo, d, h, mi] = LOCAL_PATTERN.exec(instantToLocal(at, timeZone))!.map(Number);
  const asUtc = Date.UTC(y!, mo! - 1, d!, h!, mi!);
  return asUtc - Math.floor(at.getTime() / 60_000) * 60_000;
}

/**
 * The instant at which the clocks of `timeZone` show `local` (`YYYY-MM-DDTHH:MM`, seconds allowed
 * and ignored), or null when it is no valid date-time. In the hour skipped by a daylight-saving change,
 * the clock is read with the offset before the change.
 */
export function localToInstant(local: string, timeZone: string): Date | null {
  const match = LOCAL_PATTERN.exec(local.trim().slice(0, 16));
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number);
  const wall = Date.UTC(y!, mo! - 1, d!, h!, mi!);
  const check = new Date(wall);
  if (check.getUTCMonth() !== mo! - 1 || check.getUTCDate() !== d! || h! > 23) return null;
  // Two passes: the offset at a first guess, then at the instant that guess gives (DST edges).
  let at = wall - offsetMs(new Date(wall), timeZone);
  at = wall - offsetMs(new Date(at), timeZone);
  return new Date(at);
}

/** The instant a local calendar day (`YYYY-MM-DD`) starts, 00:00 on the clocks of `timeZone`. */
export function startOfLocalDay(date: string, timeZone: string): Date {
  const at = localToInstant(`${date}T00:00`, timeZone);
  if (!at) throw new RangeError(`not a calendar date: ${date}`);
  return at;
}

/** The calendar day `days` after `date` (negative: before). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The instant `minutes` after `at` (negative: before); `at` may be an ISO 8601 string. No clock is read. */
export function addMinutes(at: Date | string, minutes: number): Date {
  return new Date(new Date(at).getTime() + minutes * 60_000);
}

/**
 * The instant `days` calendar days before `at` at the same wall-clock time in `timeZone`: what
 * "kept N days" means to the people of that zone. Across a daylight-saving change the span is
 * an hour shorter or longer than N × 24 h; an instant fixed N × 24 h earlier would move the
 * cutoff by an hour twice a year. A wall time that does not exist on the earlier day (the hour
 * skipped in spring) is read with the offset before the change, as `localToInstant` does.
 */
export function calendarDaysBefore(at: Date, days: number, timeZone: string): Date {
  const { date, time } = wallClock(at, timeZone);
  const minute = localToInstant(`${addDays(date, -days)}T${time}`, timeZone)!;
  // The wall clock is read to the minute: the seconds and milliseconds of `at` are carried over.
  return new Date(minute.getTime() + (at.getTime() - Math.floor(at.getTime() / 60_000) * 60_000));
}
