/**
 * The appointment pages' query strings and forms, validated: the calendar page (client, day or
 * week, date), the slot search (type, day, part of the day) and the booking form. Errors are the
 * pages' own sentences per field, never the schema's English.
 */
import { z } from 'zod';
import { calendarDateSchema } from '../../domain/calendar';
import { lineSchema } from '../../domain/text';
import { addDays, localDate, startOfLocalDay, wallClock } from '../../domain/zoned-time';
import { LANGS } from '../i18n';
import { addError, type FieldErrors } from '../admin/field-errors';
import type { FormValues } from '../admin/form-values';
import type { AppointmentTexts } from './appointment-texts';

const blankToUndefined = (v: unknown) => (v === '' ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());
const clientId = z.string().regex(/^[0-9a-f]{24}$/i);
export const PARTS_OF_DAY = ['morning', 'afternoon', 'evening'] as const;

export const calendarQuerySchema = z
  .object({
    client: optional(clientId),
    view: optional(z.enum(['day', 'week'])),
    date: optional(calendarDateSchema),
    lang: optional(z.enum(LANGS)),
  })
  .strict();
export type CalendarQuery = z.output<typeof calendarQuerySchema>;

/** The slot search of the booking and moving forms; a bad value is dropped (the search still runs). */
export const slotSearchSchema = z.object({
  client: optional(clientId),
  type: optional(z.string().max(40)),
  date: optional(calendarDateSchema).catch(undefined),
  part: optional(z.enum(PARTS_OF_DAY)).catch(undefined),
  lang: optional(z.enum(LANGS)),
});
export type SlotSearch = z.output<typeof slotSearchSchema>;

/** The days a page shows, in the client's timezone: one day, or the Monday-to-Sunday week of `date`. */
export function daysShown(view: 'day' | 'week', date: string): string[] {
  if (view === 'day') return [date];
  const monday = addDays(date, 1 - wallClock(startOfLocalDay(date, 'UTC'), 'UTC').isoWeekday);
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}

export function rangeOf(days: string[], timeZone: string): { from: Date; to: Date } {
  return {
    from: startOfLocalDay(days[0]!, timeZone),
    to: startOfLocalDay(addDays(days[days.length - 1]!, 1), timeZone),
  };
}

export const todayIn = (timeZone: string, now: Date) => localDate(now, timeZone);

const bookingSchema = z.object({
  type: z.string().min(1).max(40),
  start: z.iso.datetime({ offset: true }),
  callerName: lineSchema().min(1).max(100),
  callerNumber: z.string().trim().min(1).max(40),
  reason: lineSchema().max(500),
});
export type BookingForm = z.output<typeof bookingSchema>;

const FIELDS = ['type', 'start', 'callerName', 'callerNumber', 'reason'] as const;

/** The booking form read; each field at fault gets the page's sentence for it. */
export function readBooking(
  v: FormValues,
  t: AppointmentTexts,
): { booking: BookingForm } | { errors: FieldErrors } {
  const parsed = bookingSchema.safeParse({
    type: v.type ?? '',
    start: v.start ?? '',
    callerName: v.callerName ?? '',
    callerNumber: v.callerNumber ?? '',
    reason: v.reason ?? '',
  });
  if (parsed.success) return { booking: parsed.data };
  const errors: FieldErrors = {};
  for (const field of new Set(parsed.error.issues.map((i) => String(i.path[0])))) {
    const name = FIELDS.find((f) => f === field) ?? 'start';
    if (!errors[name]) addError(errors, name, t.errors[name === 'type' ? 'type' : name]);
  }
  return { errors };
}

export const startSchema = z.object({ start: z.iso.datetime({ offset: true }) });
