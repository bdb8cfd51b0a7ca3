/**
 * Wall-clock times and calendar days in a client's IANA timezone, to and from instants, with Intl
 * only (no date library). Used by the notifications (digest days) and the web pages (filters, forms).
 */
const LOCAL_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** The `YYYY-MM-DDTHH:MM` wall clock of `at` in `timeZone` (the value of a datetime-local input). */
export function instantToLocal(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}

/** Milliseconds the zone is ahead of UTC at `at`. */
function offsetMs(at: Date, timeZone: string): number {
  const local = instantToLocal(at, timeZone);
  const [, y, mo, d, h, mi] = LOCAL_PATTERN.exec(local)!.map(Number);
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
  let at = wall - offsetMs(new Date(wall), timeZone);
  at = wall - offsetMs(new Date(at), timeZone);
  return new Date(at);
}

/** `YYYY-MM-DD` of an instant in a timezone. */
export function localDate(at: Date, timeZone: string): string {
  return instantToLocal(at, timeZone).slice(0, 10);
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
