/**
 * A calendar day of a time zone as real time: where its wall-clock times fall, clock changes included.
 * Instants are epoch milliseconds here, so a year of slots is walked with additions, and the Intl
 * formatter behind `wallClock` is only asked on the two days a year when the clocks change.
 */
import { addDays, addMinutes, startOfLocalDay, wallClock } from '../domain/zoned-time';

export const MINUTE = 60_000;
export const DAY_MINUTES = 24 * 60;

export interface LocalDay {
  /** `YYYY-MM-DD` on the zone's calendar. */
  date: string;
  /** The day's first and the next day's first instant. */
  start: number;
  end: number;
  /** How far the zone's clocks are ahead of UTC as the day starts and as it ends. */
  offsetBefore: number;
  offsetAfter: number;
}

const utcMidnight = (date: string) => Date.parse(`${date}T00:00:00Z`);

/** The instant of epoch milliseconds `ms`; whole minutes convert exactly. */
export const instant = (ms: number): Date => addMinutes('1970-01-01T00:00:00Z', ms / MINUTE);

export function localDay(date: string, timeZone: string): LocalDay {
  const next = addDays(date, 1);
  const start = startOfLocalDay(date, timeZone).getTime();
  const end = startOfLocalDay(next, timeZone).getTime();
  return { date, start, end, offsetBefore: utcMidnight(date) - start, offsetAfter: utcMidnight(next) - end };
}

/** No clock change during the day: wall minute m falls m minutes after the day's start. */
const steady = (day: LocalDay) => day.offsetBefore === day.offsetAfter;

const offsetAt = (ms: number, timeZone: string) => {
  const { date, time } = wallClock(instant(ms), timeZone);
  return Date.parse(`${date}T${time}:00Z`) - Math.floor(ms / MINUTE) * MINUTE;
};

/** The minute the clocks change on a day that has a change (binary search: a dozen Intl calls). */
function clockChange(day: LocalDay, timeZone: string): number {
  let [low, high] = [day.start / MINUTE, day.end / MINUTE];
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (offsetAt(mid * MINUTE, timeZone) === day.offsetAfter) high = mid;
    else low = mid;
  }
  return high * MINUTE;
}

/** Minutes since midnight that the clocks show at `ms`, an instant of `day`. */
export function wallMinuteOf(day: LocalDay, ms: number, timeZone: string): number {
  if (steady(day)) return (ms - day.start) / MINUTE;
  const { date, time } = wallClock(instant(ms), timeZone);
  const minutes = Number(time.slice(0, 2)) * 60 + Number(time.slice(3));
  return date === day.date ? minutes : minutes + DAY_MINUTES;
}

/**
 * The instant the clocks of `day` show `minutes` past midnight (1440: the next midnight). A time the
 * clocks skip falls on the change itself (a shift "from 2:30" starts when the clocks jump to 3:00); a
 * time they show twice is its first showing for `first`, its last for `last` (a range's start and end),
 * so the range keeps all its real minutes.
 */
export function wallTimeOn(day: LocalDay, minutes: number, timeZone: string, pick: 'first' | 'last'): number {
  if (minutes >= DAY_MINUTES) return day.end;
  if (steady(day)) return day.start + minutes * MINUTE;
  const wall = utcMidnight(day.date) + minutes * MINUTE;
  const shown = [wall - day.offsetBefore, wall - day.offsetAfter]
    .filter((ms) => wallMinuteOf(day, ms, timeZone) === minutes)
    .sort((a, b) => a - b);
  if (shown.length === 0) return clockChange(day, timeZone);
  return pick === 'first' ? shown[0]! : shown[shown.length - 1]!;
}
