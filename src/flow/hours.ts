/**
 * Opening hours in the client's IANA timezone, DST-correct through Intl (no date library).
 */
import { WEEKDAYS, type ClientProfile, type TimeRange, type Weekday } from './profile';

export interface LocalTime {
  /** YYYY-MM-DD in the client's timezone. */
  date: string;
  weekday: Weekday;
  /** HH:MM, 00:00 to 23:59. */
  time: string;
}

const SHORT_TO_WEEKDAY: Record<string, Weekday> = {
  Mon: 'mon',
  Tue: 'tue',
  Wed: 'wed',
  Thu: 'thu',
  Fri: 'fri',
  Sat: 'sat',
  Sun: 'sun',
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
      weekday: 'short',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Wall-clock date, weekday and time of `now` in `timeZone`. */
export function localTime(now: Date, timeZone: string): LocalTime {
  const parts: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(now)) parts[p.type] = p.value;
  const hour = parts.hour === '24' ? '00' : (parts.hour ?? '00');
  const weekday = SHORT_TO_WEEKDAY[parts.weekday ?? ''];
  if (!weekday) throw new Error(`unexpected weekday from Intl: ${parts.weekday}`);
  return { date: `${parts.year}-${parts.month}-${parts.day}`, weekday, time: `${hour}:${parts.minute}` };
}

/** `time` (HH:MM) falls in [start, end); "24:00" closes at midnight. */
export function inRange(time: string, range: TimeRange): boolean {
  return range.start <= time && time < range.end;
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

/** Runs of consecutive weekdays sharing the same shifts, closed days left out. */
export function groupDays(hours: ClientProfile['weeklyHours']): { days: Weekday[]; shifts: TimeRange[] }[] {
  const groups: { days: Weekday[]; shifts: TimeRange[]; key: string }[] = [];
  let previous: (typeof groups)[number] | undefined;
  for (const day of WEEKDAYS) {
    const shifts = hours[day];
    const key = JSON.stringify(shifts.map((s) => [s.start, s.end]));
    if (shifts.length === 0) {
      previous = undefined;
      continue;
    }
    if (previous && previous.key === key) previous.days.push(day);
    else {
      previous = { days: [day], shifts, key };
      groups.push(previous);
    }
  }
  return groups.map(({ days, shifts }) => ({ days, shifts }));
}
