/**
 * Which times a caller may book: the type's hours (or the opening hours) on a grid, minus dated
 * closures, the notice and horizon, and the busy times widened by the type's buffer. Pure and
 * table-driven; `now` is given. The busy times are sorted once and walked forward with the
 * candidates, so a year of hours against hundreds of busy times stays linear.
 */
import { isCalendarDate } from '../domain/calendar';
import { addDays, addMinutes, localDate, wallClock } from '../domain/zoned-time';
import { weekdayOfDate } from './hours';
import { MINUTE, instant, localDay, wallMinuteOf, wallTimeOn, type LocalDay } from './local-day';
import type { AppointmentType, ClientProfile } from './profile';
import type { SlotPreference } from './types';

export type Slot = { start: Date; end: Date };
export type BusyTime = { start: Date; end: Date };
export type PartOfDay = 'morning' | 'afternoon' | 'evening';

export type SlotSearch = {
  profile: Pick<ClientProfile, 'timezone' | 'weeklyHours' | 'closures'>;
  type: AppointmentType;
  /** Taken times, already widened by the buffers of the appointments they are. */
  busy: BusyTime[];
  now: Date;
  preference?: SlotPreference;
  /** @defaultValue 50 */
  limit?: number;
};

export type SlotRefusal = 'notice' | 'too-far' | 'outside-hours' | 'closed' | 'off-grid' | 'busy';

const DEFAULT_LIMIT = 50;
const NOON = 12 * 60;
const EVENING = 17 * 60;

const partOfMinute = (minutes: number): PartOfDay =>
  minutes < NOON ? 'morning' : minutes < EVENING ? 'afternoon' : 'evening';

/** "morning" < 12:00 ≤ "afternoon" < 17:00 ≤ "evening", by the slot's local start. */
export function partOfDayOf(start: Date, timeZone: string): PartOfDay {
  const { time } = wallClock(start, timeZone);
  return partOfMinute(Number(time.slice(0, 2)) * 60 + Number(time.slice(3)));
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

const closedOn = (s: Pick<SlotSearch, 'profile'>, date: string) =>
  s.profile.closures.some((c) => c.from <= date && date <= c.to);

const rangesOn = (s: Pick<SlotSearch, 'profile' | 'type'>, date: string) =>
  (s.type.hours ?? s.profile.weeklyHours)[weekdayOfDate(date)];

/** A range of the day's hours as real time: [from, to). */
function rangesAsTime(s: Pick<SlotSearch, 'profile' | 'type'>, day: LocalDay) {
  const tz = s.profile.timezone;
  return rangesOn(s, day.date).map((r) => ({
    from: wallTimeOn(day, toMinutes(r.start), tz, 'first'),
    to: wallTimeOn(day, toMinutes(r.end), tz, 'last'),
  }));
}

type Candidate = { at: number; minute: number };

/**
 * The day's starts on the grid, whole slots inside a range, in order. A time the clocks show twice is
 * offered once, at its first showing: the caller hears "2 h 30" and could not tell the two apart.
 */
function gridOn(s: Pick<SlotSearch, 'profile' | 'type'>, day: LocalDay): Candidate[] {
  const [step, length] = [s.type.slotStepMinutes * MINUTE, s.type.durationMinutes * MINUTE];
  const starts: number[] = [];
  for (const r of rangesAsTime(s, day)) {
    for (let at = r.from; at + length <= r.to; at += step) starts.push(at);
  }
  starts.sort((a, b) => a - b);
  const seen = new Set<number>();
  const out: Candidate[] = [];
  for (const at of starts) {
    const minute = wallMinuteOf(day, at, s.profile.timezone);
    if (seen.has(minute)) continue;
    seen.add(minute);
    out.push({ at, minute });
  }
  return out;
}

/** The days and earliest start a search covers; null when the preference leaves nothing. */
function bounds(s: Omit<SlotSearch, 'busy'>) {
  const tz = s.profile.timezone;
  const pref = s.preference ?? {};
  let earliest = s.now.getTime() + s.type.minNoticeMinutes * MINUTE;
  const notBefore = pref.notBefore ? Date.parse(pref.notBefore) : NaN;
  if (!Number.isNaN(notBefore)) earliest = Math.max(earliest, notBefore);
  let firstDay = localDate(instant(earliest), tz);
  let lastDay = addDays(localDate(s.now, tz), s.type.maxDaysAhead);
  if (pref.day !== undefined) {
    if (!isCalendarDate(pref.day)) return null;
    if (pref.day > firstDay) firstDay = pref.day;
    if (pref.day < lastDay) lastDay = pref.day;
  }
  return firstDay <= lastDay ? { earliest, firstDay, lastDay, part: pref.partOfDay } : null;
}

/** Days from `first` to `last` on which the type may be booked at all. */
function* openDates(s: Omit<SlotSearch, 'busy'>, first: string, last: string): Generator<string> {
  for (let date = first; date <= last; date = addDays(date, 1)) {
    if (!closedOn(s, date) && rangesOn(s, date).length > 0) yield date;
  }
}

/** The range whose busy times the search needs ([from, to)), so the caller fetches only that. */
export function searchWindow(s: Omit<SlotSearch, 'busy'>): { from: Date; to: Date } | null {
  const b = bounds(s);
  if (!b) return null;
  let first: string | undefined;
  let last: string | undefined;
  for (const date of openDates(s, b.firstDay, b.lastDay)) {
    first ??= date;
    last = date;
  }
  if (!first || !last) return null;
  const tz = s.profile.timezone;
  const buffer = s.type.bufferMinutes * MINUTE;
  const firstRanges = rangesAsTime(s, localDay(first, tz));
  const from = Math.max(b.earliest, Math.min(...firstRanges.map((r) => r.from)));
  const to = Math.max(...rangesAsTime(s, localDay(last, tz)).map((r) => r.to));
  if (to - s.type.durationMinutes * MINUTE < from) return null;
  return { from: instant(from - buffer), to: instant(to + buffer) };
}

/** Busy times sorted and merged into disjoint intervals, so one forward pointer answers overlaps. */
function mergeBusy(busy: BusyTime[]): { start: number; end: number }[] {
  const sorted = busy
    .map((b) => ({ start: b.start.getTime(), end: b.end.getTime() }))
    .filter((b) => b.end > b.start)
    .sort((a, b) => a.start - b.start);
  const merged: { start: number; end: number }[] = [];
  for (const b of sorted) {
    const top = merged[merged.length - 1];
    if (top && b.start <= top.end) top.end = Math.max(top.end, b.end);
    else merged.push({ ...b });
  }
  return merged;
}

/** Free slots in order, at most `limit` (default 50). */
export function freeSlots(s: SlotSearch): Slot[] {
  const b = bounds(s);
  const limit = s.limit ?? DEFAULT_LIMIT;
  if (!b || limit <= 0) return [];
  const [length, buffer] = [s.type.durationMinutes * MINUTE, s.type.bufferMinutes * MINUTE];
  const busy = mergeBusy(s.busy);
  let next = 0;
  const out: Slot[] = [];
  let day: LocalDay | undefined;
  for (const date of openDates(s, b.firstDay, b.lastDay)) {
    day = localDay(date, s.profile.timezone, day);
    for (const c of gridOn(s, day)) {
      if (c.at < b.earliest || (b.part && partOfMinute(c.minute) !== b.part)) continue;
      const [from, to] = [c.at - buffer, c.at + length + buffer];
      // Candidates only move forward, so busy times ending before this one never matter again.
      while (next < busy.length && busy[next]!.end <= from) next++;
      if (next < busy.length && busy[next]!.start < to) continue;
      out.push({ start: instant(c.at), end: instant(c.at + length) });
      if (out.length >= limit) return out;
    }
  }
  return out;
}

/**
 * Whether one start can be booked now, and why not: the first of notice, too-far, closed, outside-hours,
 * off-grid, busy. The preference is not applied: a start the caller named is checked as a time, not a wish.
 */
export function checkSlot(
  s: SlotSearch & { start: Date },
): { ok: true; slot: Slot } | { ok: false; reason: SlotRefusal } {
  const tz = s.profile.timezone;
  const at = s.start.getTime();
  const [length, buffer] = [s.type.durationMinutes * MINUTE, s.type.bufferMinutes * MINUTE];
  if (at < s.now.getTime() + s.type.minNoticeMinutes * MINUTE) return { ok: false, reason: 'notice' };
  const horizon = localDay(addDays(localDate(s.now, tz), s.type.maxDaysAhead), tz).end;
  if (at >= horizon) return { ok: false, reason: 'too-far' };
  const date = localDate(s.start, tz);
  if (closedOn(s, date)) return { ok: false, reason: 'closed' };
  const day = localDay(date, tz);
  if (!rangesAsTime(s, day).some((r) => r.from <= at && at + length <= r.to)) {
    return { ok: false, reason: 'outside-hours' };
  }
  if (!gridOn(s, day).some((c) => c.at === at)) return { ok: false, reason: 'off-grid' };
  const taken = s.busy.some((b) => b.start.getTime() < at + length + buffer && b.end.getTime() > at - buffer);
  if (taken) return { ok: false, reason: 'busy' };
  return { ok: true, slot: { start: s.start, end: addMinutes(s.start, s.type.durationMinutes) } };
}

/**
 * The slots to propose to a caller, as a receptionist would: the first free one, then the first on
 * another half-day (morning, or from noon) or day; when the slots span too few half-days, the earliest
 * of the others. In time order.
 */
export function proposeSlots(slots: Slot[], count: number, timeZone: string): Slot[] {
  const picked: Slot[] = [];
  const halfDays = new Set<string>();
  for (const slot of slots) {
    if (picked.length >= count) break;
    const { date, time } = wallClock(slot.start, timeZone);
    const halfDay = `${date} ${time < '12:00' ? 'am' : 'pm'}`;
    if (halfDays.has(halfDay)) continue;
    halfDays.add(halfDay);
    picked.push(slot);
  }
  for (const slot of slots) {
    if (picked.length >= count) break;
    if (!picked.includes(slot)) picked.push(slot);
  }
  return picked.sort((a, b) => a.start.getTime() - b.start.getTime());
}
