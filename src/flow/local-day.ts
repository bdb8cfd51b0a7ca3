/**
 * A calendar day of a time zone as real time: where its wall-clock times fall, clock changes included.
 * Instants are epoch milliseconds here, so a year of slots is walked with additions: the Intl formatter
 * behind `wallClock` is asked a few times per day for its midnights, and per slot only on the days the
 * clocks change.
 */
import { addDays, addMinutes, wallClock } from '../domain/zoned-time';

export const MINUTE = 60_000;
export const DAY_MINUTES = 24 * 60;

export interface LocalDay {
  /** `YYYY-MM-DD` on the zone's calendar. */
  date: string;
  /** The day's first and the next day's first instant. */
  start: number;
  end: number;
  /** How far the zone's clocks are ahead of UTC at the day's midnight and at the next one. */
  offsetBefore: number;
  offsetAfter: number;
}

const utcMidnight = (date: string) => Date.parse(`${date}T00:00:00Z`);
const DAY = DAY_MINUTES * MINUTE;

/** The instant of epoch milliseconds `ms`; whole minutes convert exactly. */
export const instant = (ms: number): Date => addMinutes('1970-01-01T00:00:00Z', ms / MINUTE);

const offsetAt = (ms: number, timeZone: string) => {
  const { date, time } = wallClock(instant(ms), timeZone);
  return Date.parse(`${date}T${time}:00Z`) - Math.floor(ms / MINUTE) * MINUTE;
};

/**
 * The first instant of `date`. Where the clocks skip midnight (America/Santiago in
 * September: 23:59 → 1:00), the day starts when they jump; `startOfLocalDay` would give the instant
 * before the jump, still on the previous day, so the offsets of the days around are tried instead.
 */
function dayStart(date: string, timeZone: string): number {
  const midnight = utcMidnight(date);
  const showsMidnight = (at: number) => {
    const shown = wallClock(instant(at), timeZone);
    return shown.date === date && shown.time === '00:00';
  };
  // The offset of the day before first: where midnight is shown twice, it gives the first showing.
  const first = midnight - offsetAt(midnight - DAY, timeZone);
  if (showsMidnight(first)) return first;
  const second = midnight - offsetAt(midnight + DAY, timeZone);
  if (second === first || showsMidnight(second)) return second;
  // Midnight skipped: the earlier try still shows the day before, the later one this day.
  let [low, high] = [Math.min(first, second) / MINUTE, Math.max(first, second) / MINUTE];
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (wallClock(instant(mid * MINUTE), timeZone).date >= date) high = mid;
    else low = mid;
  }
  return high * MINUTE;
}

/** `date` in `timeZone`; `before`, the day before when known, lends its end as this day's start. */
export function localDay(date: string, timeZone: string, before?: LocalDay): LocalDay {
  const next = addDays(date, 1);
  const start = before && before.date === addDays(date, -1) ? before.end : dayStart(date, timeZone);
  const end = dayStart(next, timeZone);
  // Offsets as the day's midnights say them: a skipped midnight keeps the offset before the jump.
  return { date, start, end, offsetBefore: utcMidnight(date) - start, offsetAfter: utcMidnight(next) - end };
}

/** No clock change during the day: wall minute m falls m minutes after the day's start. */
const steady = (day: LocalDay) => day.offsetBefore === day.offsetAfter;

/** The minute the clocks change on a day that has a change (binary search: a dozen Intl calls). */
function clockChange(day: LocalDay, timeZone: string): number {
  // The minute before the day still has the old offset, also when the change is at its first minute.
  let [low, high] = [day.start / MINUTE - 1, day.end / MINUTE];
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
