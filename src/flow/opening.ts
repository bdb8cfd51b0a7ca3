/**
 * When the client next opens or closes. The open status can only change at a shift's start or end, at a
 * local midnight (a dated closure starts or ends) or when the manual override ends, so those instants
 * are tried day by day in the client's timezone, and the first one where the status flips wins.
 */
import {
  addDays,
  addMinutes,
  localDate,
  localToInstant,
  startOfLocalDay,
  wallClock,
} from '../domain/zoned-time';
import { isOpen, weekdayOfDate } from './hours';
import { WEEKDAYS, type ClientProfile } from './profile';

/** Days searched ahead: a year and a few days, so a yearly closure never hides the reopening. */
export const LOOKAHEAD_DAYS = 370;

const inClosure = (profile: ClientProfile, date: string) =>
  profile.closures.some((c) => c.from <= date && date <= c.to);

/**
 * Days on which the status cannot change the way we look for, skipped to keep a year's search fast:
 * no opening during a closure (an override only ever ends there, still closed); no closing on a
 * 24-hour day outside closures (an open override ending then leaves it open).
 */
function cannotChange(profile: ClientProfile, date: string, toOpen: boolean): boolean {
  if (toOpen) return inClosure(profile, date);
  const shifts = profile.weeklyHours[weekdayOfDate(date)];
  const fullDay = shifts.some((r) => r.start === '00:00' && r.end === '24:00');
  return fullDay && !inClosure(profile, date);
}

/** `date`'s instants where the open status may change, in order. */
function edgesOn(profile: ClientProfile, date: string): Date[] {
  const tz = profile.timezone;
  const midnight = startOfLocalDay(date, tz);
  const edges = [midnight];
  for (const hhmm of profile.weeklyHours[weekdayOfDate(date)].flatMap((s) => [s.start, s.end])) {
    if (hhmm === '24:00') {
      edges.push(startOfLocalDay(addDays(date, 1), tz));
      continue;
    }
    const at = localToInstant(`${date}T${hhmm}`, tz)!;
    edges.push(at);
    // A time skipped by the clocks going forward: the shift really starts when the clocks jump.
    const shown = wallClock(at, tz).time;
    if (shown !== hhmm) edges.push(addMinutes(at, -Number(shown.slice(3))));
    // A time shown twice as the clocks go back: the first time counts too.
    const hourBefore = addMinutes(at, -60);
    if (wallClock(hourBefore, tz).time === hhmm) edges.push(hourBefore);
  }
  const o = profile.override;
  if (o && localDate(addMinutes(o.until, 0), tz) === date) edges.push(addMinutes(o.until, 0));
  return edges.sort((a, b) => a.getTime() - b.getTime());
}

function nextChange(profile: ClientProfile, now: Date, toOpen: boolean): Date | undefined {
  const today = localDate(now, profile.timezone);
  for (let day = 0; day <= LOOKAHEAD_DAYS; day++) {
    const date = addDays(today, day);
    if (day > 0 && cannotChange(profile, date, toOpen)) continue;
    const found = edgesOn(profile, date).find(
      (at) =>
        at.getTime() > now.getTime() &&
        isOpen(profile, at) === toOpen &&
        isOpen(profile, addMinutes(at, -1)) !== toOpen,
    );
    if (found) return found;
  }
  return undefined;
}

const hasHours = (profile: ClientProfile) => WEEKDAYS.some((d) => profile.weeklyHours[d].length > 0);

/** The next instant after `now` at which the client opens; undefined when it never opens again. */
export function nextOpening(profile: ClientProfile, now: Date): Date | undefined {
  return hasHours(profile) ? nextChange(profile, now, true) : undefined;
}

/** The next instant after `now` at which the client closes; undefined when it never closes. */
export function nextClosing(profile: ClientProfile, now: Date): Date | undefined {
  return nextChange(profile, now, false);
}
