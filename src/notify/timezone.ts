/** Calendar days in a client's timezone: the digest's "yesterday". */
import { addDays, localDate, startOfLocalDay } from '../domain/zoned-time';

/** Yesterday in the client's timezone, as [start, end) instants and its date. */
export function yesterdayIn(now: Date, timeZone: string): { date: string; from: Date; to: Date } {
  const today = localDate(now, timeZone);
  const date = addDays(today, -1);
  return { date, from: startOfLocalDay(date, timeZone), to: startOfLocalDay(today, timeZone) };
}
