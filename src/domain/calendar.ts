/** Calendar dates as people type them (`YYYY-MM-DD`): the shape is not enough, the day must exist. */
import { z } from 'zod';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one (UTC: no time zone can shift it).
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** True for a day of the proleptic Gregorian calendar: 2028-02-29 yes, 2026-02-29 and 2026-13-45 no. */
export function isCalendarDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** A `YYYY-MM-DD` string naming a day that exists. */
export const calendarDateSchema = z
  .string()
  .regex(ISO_DATE, 'expected a calendar date as YYYY-MM-DD')
  .refine(isCalendarDate, { message: 'no such day in the calendar', abort: true });
