/** Opening hours in the client's IANA timezone; the wall clock comes from the shared zoned time. */
import { wallClock } from '../domain/zoned-time';
import { WEEKDAYS, type ClientProfile, type TimeRange, type Weekday } from './profile';

export interface LocalTime {
  /** YYYY-MM-DD in the client's timezone. */
  date: string;
  weekday: Weekday;
  /** HH:MM, 00:00 to 23:59. */
  time: string;
}

/** Wall-clock date, weekday and time of `now` in `timeZone`. */
export function localTime(now: Date, timeZone: string): LocalTime {
  const { date, time, isoWeekday } = wallClock(now, timeZone);
  // WEEKDAYS runs Monday to Sunday, as ISO weekdays 1 to 7 do.
  return { date, weekday: WEEKDAYS[isoWeekday - 1]!, time };
}

/** `time` (HH:MM) falls in [start, end); "24:00" closes at midnight. */
export function inRange(time: string, range: TimeRange): boolean {
  return range.start <= time && time < range.end;
}

/** The weekday of a `YYYY-MM-DD` date (1 January 1970 was a Thursday). */
export function weekdayOfDate(date: string): Weekday {
  const days = Math.round(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
  return WEEKDAYS[(((days + 3) % 7) + 7) % 7]!;
}

export type OpenReason = 'override' | 'closure' | 'weekly';

/** Whether the client is open at `now`, and which setting decided it. */
export function openStatus(profile: ClientProfile, now: Date): { open: boolean; reason: OpenReason } {
  const o = profile.override;
  if (o && now.getTime() < Date.parse(o.until)) return { open: o.mode === 'open', reason: 'override' };
  const local = localTime(now, profile.timezone);
  if (profile.closures.some((c) => c.from <= local.date && local.date <= c.to)) {
    return { open: false, reason: 'closure' };
  }
  const shifts = profile.weeklyHours[local.weekday];
  return { open: shifts.some((r) => inRange(local.time, r)), reason: 'weekly' };
}

export function isOpen(profile: ClientProfile, now: Date): boolean {
  return openStatus(profile, now).open;
}

/** Weekdays sharing the same shifts, consecutive or not, in week order; closed days left out. */
export function groupDays(hours: ClientProfile['weeklyHours']): { days: Weekday[]; shifts: TimeRange[] }[] {
  const groups = new Map<string, { days: Weekday[]; shifts: TimeRange[] }>();
  for (const day of WEEKDAYS) {
    const shifts = hours[day];
    if (shifts.length === 0) continue;
    const key = JSON.stringify(shifts.map((s) => [s.start, s.end]));
    const group = groups.get(key);
    if (group) group.days.push(day);
    else groups.set(key, { days: [day], shifts });
  }
  return [...groups.values()];
}
