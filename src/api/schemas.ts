/**
 * Request schemas of the admin API (bodies and query strings). The client profile schema itself is
 * the one in src/flow/profile.ts, used as-is; these only add what the API needs around it.
 */
import { z } from 'zod';
import { isCalendarDate } from '../domain/calendar';
import { newUserSchema, userChangesSchema } from '../domain/users';
import { lineSchema, multilineSchema } from '../domain/text';
import { e164PhoneSchema } from '../domain/phone';
import { clientProfileSchema, safetySchema } from '../flow/profile';
import { MESSAGE_STATUSES, USER_ROLES } from '../domain/vocabulary';
import { objectIdSchema } from './validate';

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');
const dateOrInstant = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/,
    'expected a date (YYYY-MM-DD) or an ISO instant',
  )
  // `new Date('2026-02-30')` is NaN but `new Date('2026-02-30T00:00Z')` is March 2nd: check the day itself.
  .refine((v) => isCalendarDate(v.slice(0, 10)), { message: 'no such day in the calendar', abort: true })
  .transform((v) => new Date(v))
  .refine((d) => !Number.isNaN(d.getTime()), 'expected a valid date');

/**
 * The profile's settings whose absence means "the default": in a patch, `null` removes them (RFC 7396),
 * which is how an operator goes back to the default once a value was set.
 */
const unsettable = {
  greetKnownCallers: clientProfileSchema.shape.greetKnownCallers.unwrap().nullable().meta({
    description:
      'Greet a known caller by name. null: unset, so yes except for a medical client (shared family phones).',
  }),
  safety: z.object({
    emergencyAdvice: safetySchema.shape.emergencyAdvice.unwrap().nullable().optional().meta({
      description:
        'Said when closed, before any recording and after an urgent message. "": nothing is said; null: unset, the sector\'s default (for a medical client, its country\'s emergency numbers).',
    }),
  }),
};

/** Fields a client PATCH may carry: any profile field (the merge is validated whole) and `active`. */
export const clientPatchSchema = z
  .object({ ...clientProfileSchema.shape, ...unsettable, active: z.boolean() })
  .partial()
  .meta({
    description:
      'Merged into the current profile (JSON Merge Patch: null removes a field, which then takes its default or is unset); the result is validated with the full profile. Arrays are replaced whole: `appointments.types` lists every type.',
    examples: [
      {
        appointments: {
          types: [
            {
              id: 'consultation',
              name: 'Consultation',
              durationMinutes: 30,
              bufferMinutes: 10,
              minNoticeMinutes: 120,
              maxDaysAhead: 30,
              slotStepMinutes: 15,
              slotsOffered: 2,
              newCallers: 'book',
            },
          ],
          reminderHoursBefore: 24,
          callerChanges: true,
        },
      },
    ],
  });
export const CLIENT_PROFILE_KEYS = Object.keys(clientProfileSchema.shape);

export const clientListQuerySchema = z.strictObject({ active: flag.optional() });

export const newUserBodySchema = newUserSchema.strict();
export const userChangesBodySchema = userChangesSchema;
export const userListQuerySchema = z.strictObject({
  role: z.enum(USER_ROLES).optional(),
  active: flag.optional(),
});

export const messageListQuerySchema = z.strictObject({
  limit: z
    .string()
    .regex(/^\d{1,3}$/, 'expected a whole number from 1 to 100')
    .transform(Number)
    .pipe(z.number().int().min(1, 'at least 1').max(100, 'at most 100'))
    .optional(),
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{10,80}$/, 'expected the nextCursor of a previous page')
    .optional(),
  page: z
    .string()
    .regex(/^[1-9]\d{0,5}$/, 'expected a page number from 1')
    .transform(Number)
    .optional(),
  clientId: objectIdSchema.optional(),
  status: z.enum(MESSAGE_STATUSES).optional(),
  urgent: flag.optional(),
  from: dateOrInstant.optional().meta({ description: 'Created at or after (inclusive).' }),
  to: dateOrInstant.optional().meta({ description: 'Created before (exclusive).' }),
});
export type MessageListQuery = z.output<typeof messageListQuerySchema>;

export const messageChangesSchema = z
  .strictObject({
    status: z.enum(MESSAGE_STATUSES).optional(),
    assigneeId: objectIdSchema.nullable().optional(),
  })
  .refine((c) => c.status !== undefined || c.assigneeId !== undefined, 'expected status or assigneeId');
export type MessageChanges = z.output<typeof messageChangesSchema>;

export const newNoteSchema = z.strictObject({ text: multilineSchema().min(1).max(2000) });

export const routePreviewInputSchema = z.strictObject({
  from: e164PhoneSchema,
  at: z.iso.datetime({ offset: true }).optional().meta({ description: 'Defaults to now.' }),
  digits: z
    .string()
    .regex(/^[0-9*#]{1,20}$/, 'expected keypad digits')
    .optional(),
  speech: lineSchema().max(500).optional(),
});

/** A settings version's number, as a path segment or a query value. */
export const versionNumberSchema = z
  .string()
  .regex(/^[1-9]\d{0,8}$/, 'expected a version number (1, 2, 3…)')
  .transform(Number);

export const versionCompareQuerySchema = z.strictObject({
  from: versionNumberSchema.meta({ description: 'The version to compare from.' }),
  to: versionNumberSchema.meta({ description: 'The version to compare to.' }),
});
/** A caller's number as an admin types it (national or international); read by the use case. */
const callerPhone = z
  .string()
  .trim()
  .min(1, 'expected the caller’s phone number')
  .max(40, 'expected a phone number of at most 40 characters')
  .meta({
    description: 'The caller’s number, international (+33 6 12 34 56 78) or national (06 12 34 56 78).',
    examples: ['+33612345678'],
  });

export const callerQuerySchema = z
  .strictObject({
    phone: callerPhone,
    clientId: objectIdSchema.optional().meta({ description: 'Only this client’s data.' }),
  })
  .meta({ description: 'A caller’s number, and optionally one client.' });

export const callerExportBodySchema = callerQuerySchema
  .extend({
    lang: z
      .enum(['fr', 'en'])
      .default('fr')
      .meta({ description: 'Language of summary.html (the caller’s).' }),
  })
  .meta({
    description: 'What to export: a caller’s number, optionally one client, and the summary’s language.',
  });

export const callerErasureBodySchema = callerQuerySchema
  .extend({
    token: z.string().min(1, 'expected the token of the preview').max(200),
  })
  .meta({
    description: 'The erasure to carry out, confirmed by the token of its preview (valid 15 minutes).',
  });
