/**
 * The admin API's appointment shapes: availability and appointment queries, booking and moving
 * bodies, the calendar connection, and the views answered. The appointment types themselves are
 * part of the client profile (`appointments` in `PATCH /clients/{id}`).
 */
import { z } from 'zod';
import { calendarConnectionInputSchema } from '../app/calendar-connections';
import { CALENDAR_FAILURES } from '../app/calendar-port';
import { appointmentTypeSchema } from '../flow/profile';
import { calendarDateSchema } from '../domain/calendar';
import { lineSchema } from '../domain/text';
import { APPOINTMENT_STATUSES, LOCALES } from '../domain/vocabulary';
import type { Appointment } from '../store/appointments';

const typeId = appointmentTypeSchema.shape.id.meta({ description: 'An appointment type’s id.' });
const isoInstant = z.iso
  .datetime({ offset: true })
  .meta({ description: 'An ISO 8601 instant, e.g. 2026-12-08T10:30:00+01:00.' });
/** A day of the client's calendar, or an exact instant. */
const dayOrInstant = z
  .union([calendarDateSchema, isoInstant], 'expected a date (YYYY-MM-DD) or an ISO instant')
  .meta({ description: 'A day in the client’s timezone (YYYY-MM-DD) or an ISO instant.' });

export const availabilityQuerySchema = z.strictObject({
  type: typeId,
  day: calendarDateSchema.optional().meta({ description: 'Only this day, in the client’s timezone.' }),
  partOfDay: z
    .enum(['morning', 'afternoon', 'evening'])
    .optional()
    .meta({ description: 'morning: before noon; afternoon: noon to 17:00; evening: from 17:00.' }),
  limit: z
    .string()
    .regex(/^\d{1,2}$/, 'expected a whole number from 1 to 20')
    .transform(Number)
    .pipe(z.number().int().min(1, 'at least 1').max(20, 'at most 20'))
    .optional()
    .meta({ description: 'How many free slots, 1 to 20. Default: the type’s slots offered.' }),
});

/** The longest span one list may cover: two months of a busy calendar stay one page. */
export const MAX_LIST_DAYS = 62;

export const appointmentListQuerySchema = z.strictObject({
  from: dayOrInstant.meta({ description: 'Starting at or after: a day (from its midnight) or an instant.' }),
  to: dayOrInstant.meta({ description: 'Starting before: a day (included, to its end) or an instant.' }),
});

const callerNumber = z
  .string()
  .trim()
  .min(1, 'expected the caller’s phone number')
  .max(40, 'expected a phone number of at most 40 characters')
  .meta({
    description: 'International (+33 6 12 34 56 78) or national in the client’s country (06 12 34 56 78).',
    examples: ['+33612345678'],
  });

export const newAppointmentBodySchema = z
  .strictObject({
    typeId,
    start: isoInstant.meta({ description: 'A free slot’s start, as `GET …/availability` gives it.' }),
    callerName: lineSchema().min(1, 'expected the caller’s name').max(100),
    callerNumber,
    reason: lineSchema().max(500).optional(),
    callSid: z
      .string()
      .regex(/^CA[0-9a-f]{32}$/, 'expected a Twilio CallSid')
      .optional()
      .meta({ description: 'The call it was asked in, which links it to that call’s message.' }),
    locale: z
      .enum(LOCALES)
      .optional()
      .meta({ description: 'The caller’s language for the SMS. Default: the client’s.' }),
  })
  .meta({
    description: 'An appointment booked for a caller, on a free slot.',
    examples: [
      {
        typeId: 'consultation',
        start: '2026-12-08T10:30:00+01:00',
        callerName: 'Jeanne Dupont',
        callerNumber: '06 12 34 56 78',
        reason: 'Douleur au genou',
      },
    ],
  });

export const appointmentMoveBodySchema = z
  .strictObject({ start: isoInstant.meta({ description: 'The new start: a free slot.' }) })
  .meta({ description: 'Moves a booked appointment to another free slot of its type.' });

export const calendarConnectionBodySchema = calendarConnectionInputSchema.meta({
  description:
    'A CalDAV calendar: its URL, user name and password (an app password for iCloud or Google). Tested before it is saved; the password is never answered.',
});

const instant = z.iso.datetime();

export const slotView = z.object({
  start: instant,
  end: instant,
  local: z
    .string()
    .meta({ description: 'The start as the client reads it: « mardi 8 décembre à 10 h 30 ».' }),
});

export const availabilityView = z.object({
  typeId: z.string(),
  timeZone: z.string(),
  data: z.array(slotView),
});

export const appointmentView = z.object({
  id: z.string(),
  clientId: z.string(),
  typeId: z.string(),
  typeName: z.string(),
  start: instant,
  end: instant,
  local: z.string().meta({ description: 'The start in the client’s language and timezone.' }),
  status: z.enum(APPOINTMENT_STATUSES),
  caller: z.object({ name: z.string(), number: z.string() }),
  reason: z.string(),
  locale: z.enum(LOCALES),
  callSid: z.string().meta({ description: 'The call it was booked in; empty when booked by a person.' }),
  bookedVia: z.string().meta({ description: '`call`, `web` or `api`.' }),
  calendar: z.enum(['builtin', 'caldav']),
  reminderAt: instant.nullable(),
  cancelledAt: instant.nullable(),
  history: z.array(
    z.object({
      at: instant,
      action: z.string(),
      by: z.string(),
      via: z.string(),
      previousStart: instant.nullable(),
    }),
  ),
  createdAt: instant,
  updatedAt: instant,
});

export const appointmentListView = z.object({ data: z.array(appointmentView) });

export const calendarConnectionView = z.object({
  kind: z
    .enum(['builtin', 'caldav'])
    .meta({ description: 'builtin: the service’s own appointment book; caldav: the client’s calendar.' }),
  url: z.string().optional(),
  username: z.string().optional(),
  password: z.literal('set').optional().meta({ description: 'A password is stored; it is never answered.' }),
  checkedAt: instant.nullable().optional(),
  checkOk: z.boolean().nullable().optional(),
  checkError: z.string().optional(),
});

export const calendarCheckView = z.object({
  ok: z.boolean(),
  calendarName: z.string().optional(),
  calendarUrl: z.string().optional(),
  error: z.string().optional().meta({ description: 'Why the test failed, as the server answered.' }),
  reason: z.enum(CALENDAR_FAILURES).optional(),
});

type Lang = 'fr' | 'en';
export const langOf = (locale: string): Lang => (locale.startsWith('en') ? 'en' : 'fr');

export function toAppointmentView(a: Appointment, local: string) {
  return {
    id: a.id,
    clientId: a.clientId,
    typeId: a.typeId,
    typeName: a.typeName,
    start: a.start,
    end: a.end,
    local,
    status: a.status,
    caller: { name: a.callerName, number: a.callerNumber },
    reason: a.reason,
    locale: a.locale,
    callSid: a.callSid,
    bookedVia: a.bookedVia,
    calendar: a.calendar.kind,
    reminderAt: a.reminderAt,
    cancelledAt: a.cancelledAt,
    history: a.history,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  };
}
