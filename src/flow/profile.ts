/**
 * The client profile: everything the receptionist needs to know about one client (tenant).
 *
 * One zod schema, used to validate API and form input, to type the mongoose model and to feed the
 * pure call-flow engine. Pure module: zod and the domain's phone rules, no I/O.
 */
import { z } from 'zod';
import { calendarDateSchema } from '../domain/calendar';
import { e164PhoneSchema } from '../domain/phone';
import { lineSchema, multilineSchema } from '../domain/text';
import { BUSINESS_TIME_ZONE_MESSAGE, isBusinessTimeZone, isKnownTimeZone } from '../domain/time-zones';
import { LOCALES, type Locale } from '../domain/vocabulary';

/** Twilio `<Say>` voices that fit each locale; the first is the default. */
export const VOICES_BY_LOCALE: Record<Locale, readonly string[]> = {
  'fr-FR': [
    'Polly.Lea-Neural',
    'Polly.Remi-Neural',
    'Polly.Lea',
    'Polly.Celine',
    'Polly.Mathieu',
    'Google.fr-FR-Neural2-A',
    'Google.fr-FR-Neural2-B',
    'Google.fr-FR-Wavenet-A',
  ],
  'en-US': [
    'Polly.Joanna-Neural',
    'Polly.Matthew-Neural',
    'Polly.Joanna',
    'Google.en-US-Neural2-C',
    'Google.en-US-Neural2-D',
  ],
};

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** What a caller can ask for at the menu, by key or by voice. */
export const MENU_CHOICES = ['urgent', 'message', 'hours', 'address'] as const;
export type MenuChoice = (typeof MENU_CHOICES)[number];

const hhmmSchema = z
  .string()
  .regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'expected a time of day as HH:MM (00:00 to 24:00)');

export const timeRangeSchema = z
  .object({ start: hhmmSchema, end: hhmmSchema })
  .refine((r) => r.start < r.end, { message: 'start must be before end', path: ['end'] });
export type TimeRange = z.infer<typeof timeRangeSchema>;

const dayShiftsSchema = z.array(timeRangeSchema).max(6).default([]);

/** Opening hours per weekday, in the client's timezone; several ranges make split shifts. */
export const weeklyHoursSchema = z.object({
  mon: dayShiftsSchema,
  tue: dayShiftsSchema,
  wed: dayShiftsSchema,
  thu: dayShiftsSchema,
  fri: dayShiftsSchema,
  sat: dayShiftsSchema,
  sun: dayShiftsSchema,
});
export type WeeklyHours = z.infer<typeof weeklyHoursSchema>;

/** A dated closure (holiday, vacation), inclusive on both ends, in the client's timezone. */
export const closureSchema = z
  .object({ from: calendarDateSchema, to: calendarDateSchema, label: lineSchema().max(80).default('') })
  .refine((c) => c.from <= c.to, { message: 'to must not be before from', path: ['to'] });

/** Closures as stored before days were checked against the calendar: read, never written. */
const storedClosureSchema = z.object({
  from: z.string(),
  to: z.string(),
  label: lineSchema().max(80).default(''),
});

/** A one-off manual override: "closed today" or "available now", until a given instant. */
export const overrideSchema = z.object({
  mode: z.enum(['closed', 'open']),
  until: z.iso.datetime({ offset: true }),
});

export const transferTargetSchema = z.object({
  name: lineSchema().min(1).max(60),
  number: e164PhoneSchema,
  /** Seconds the target rings before the next one is tried. */
  ringSeconds: z.number().int().min(5).max(60).default(20),
});

export const transferSettingsSchema = z.object({
  /** `hunt`: one target after another; `simultaneous`: all ring at once, the first to accept wins. */
  mode: z.enum(['hunt', 'simultaneous']).default('hunt'),
  /** Caller ID shown to the target: the caller's own number, or the client's dedicated number. */
  callerId: z.enum(['caller', 'client-number']).default('client-number'),
  /** Whisper "who and why" and require a key press, so a voicemail can never take the call. */
  screening: z.boolean().default(true),
  /** Out of hours: `message` only, or still transfer calls that are urgent. */
  outOfHours: z.enum(['message', 'urgent-only']).default('message'),
});

/** Conditions of a routing rule; all given conditions must hold (AND). */
export const ruleConditionSchema = z
  .object({
    open: z.boolean().optional(),
    timeWindow: z
      .object({ days: z.array(z.enum(WEEKDAYS)).min(1).optional(), start: hhmmSchema, end: hhmmSchema })
      .optional(),
    caller: z.enum(['vip', 'blocked', 'known', 'unknown']).optional(),
    menuChoice: z.enum(MENU_CHOICES).optional(),
    urgentSpeech: z.boolean().optional(),
  })
  .strict();

export const ruleActionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('transfer') }),
  z.object({ type: z.literal('message') }),
  z.object({
    type: z.literal('say'),
    text: multilineSchema().min(1).max(500),
    thenMenu: z.boolean().default(true),
  }),
  z.object({ type: z.literal('reject') }),
]);
export type RuleAction = z.infer<typeof ruleActionSchema>;

export const routingRuleSchema = z.object({
  name: lineSchema().min(1).max(60),
  when: ruleConditionSchema,
  then: ruleActionSchema,
});
export type RoutingRule = z.infer<typeof routingRuleSchema>;

export const notificationSettingsSchema = z.object({
  sms: z
    .object({ enabled: z.boolean().default(true), to: z.array(e164PhoneSchema).max(5).default([]) })
    .prefault({}),
  email: z
    .object({ enabled: z.boolean().default(false), to: z.array(z.email()).max(5).default([]) })
    .prefault({}),
  webhook: z
    .object({
      enabled: z.boolean().default(false),
      url: z.url({ protocol: /^https?$/ }).optional(),
      secret: z.string().min(16).max(200).optional(),
    })
    .refine((w) => !w.enabled || (w.url && w.secret), {
      message: 'an enabled webhook needs a url and a secret of at least 16 characters',
    })
    .prefault({}),
  escalation: z
    .object({
      enabled: z.boolean().default(false),
      delayMinutes: z.number().int().min(1).max(240).default(10),
      resends: z.number().int().min(0).max(5).default(1),
      backup: z.object({ name: lineSchema().min(1).max(60), number: e164PhoneSchema }).optional(),
    })
    .prefault({}),
  digest: z
    .object({ enabled: z.boolean().default(false), localTime: hhmmSchema.default('08:00') })
    .prefault({}),
  /** The weekly report email: last week's figures and the open items, on a weekday at a local time. */
  weeklyReport: z
    .object({
      enabled: z.boolean().default(false),
      /** ISO weekday: 1 is Monday, 7 is Sunday. */
      weekday: z.number().int().min(1).max(7).default(1),
      localTime: hhmmSchema.default('08:00'),
      /** Empty: the addresses of the email notifications. */
      to: z.array(z.email()).max(5).default([]),
    })
    .prefault({}),
});

export const messageTakingSchema = z.object({
  /** `fallback`: record only when the caller cannot be understood; `always`: record after the questions. */
  recording: z.enum(['never', 'fallback', 'always']).default('fallback'),
  transcribe: z.boolean().default(true),
  maxRecordingSeconds: z.number().int().min(10).max(300).default(120),
});

export const consentSchema = z.object({
  /** Announce that the call may be recorded before anything is recorded. */
  recordingNotice: z.boolean().default(true),
});

/** What kind of client this is: a medical practice gets the medical defaults (emergency advice, discretion). */
export const SECTORS = ['medical', 'other'] as const;
export type Sector = (typeof SECTORS)[number];

export const safetySchema = z.object({
  /**
   * Said when closed, before any recording and after any urgent message. Unset: the sector's default
   * (for a medical client, the emergency numbers of the client's country); empty: nothing is said.
   */
  emergencyAdvice: multilineSchema().max(300).optional(),
});

/**
 * How long each kind of caller data is kept, in days of the client's calendar (a day across a
 * DST change is still one day). A recording or transcription never outlives its message: deleting
 * a message deletes what it holds.
 */
export const retentionSchema = z.object({
  /** Messages, their notes and their notification log. */
  messageDays: z.number().int().min(1).max(3650).default(730),
  /** Voice recordings: deleted at Twilio too. About six months by default. */
  recordingDays: z.number().int().min(1).max(3650).default(183),
  /** The text of voice messages (the message itself stays). */
  transcriptionDays: z.number().int().min(1).max(3650).default(730),
  /** Call details: numbers, steps, durations. */
  callDays: z.number().int().min(1).max(3650).default(730),
});

/**
 * A kind of appointment callers may book: "Consultation", 30 minutes. Its `id` is stable (stored
 * appointments and the API name it); its `name` is what callers hear and read ("une consultation"
 * is built from it with the article the client writes: "Consultation" → "consultation").
 */
export const appointmentTypeSchema = z.object({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'expected a short identifier: lower-case letters, digits and dashes'),
  name: lineSchema().min(1).max(60),
  durationMinutes: z.number().int().min(5).max(480).default(30),
  /** Free time kept before and after each appointment of this type (travel, cleaning, notes). */
  bufferMinutes: z.number().int().min(0).max(120).default(0),
  /** The earliest a caller may book, from now. */
  minNoticeMinutes: z.number().int().min(0).max(43_200).default(120),
  /** The latest a caller may book, in days from today. */
  maxDaysAhead: z.number().int().min(1).max(365).default(30),
  /** When this type may be booked, in the client's timezone; unset: the opening hours. */
  hours: weeklyHoursSchema.optional(),
  /** Slots start on this grid (minutes past the hour of the hours' start). */
  slotStepMinutes: z.number().int().min(5).max(240).default(15),
  /** How many slots the receptionist proposes at once. */
  slotsOffered: z.number().int().min(1).max(3).default(2),
  /** `book`: any caller may book; `request`: a caller the service does not know leaves a booking request (a message). */
  newCallers: z.enum(['book', 'request']).default('book'),
});
export type AppointmentType = z.infer<typeof appointmentTypeSchema>;

/** Appointments: the types callers may book and the reminder before each appointment. */
export const appointmentSettingsSchema = z.object({
  types: z.array(appointmentTypeSchema).max(10).default([]),
  /** The reminder SMS goes this many hours before the appointment; 0: no reminder. */
  reminderHoursBefore: z.number().int().min(0).max(168).default(24),
  /** Callers may move or cancel their next appointment by phone, and cancel by SMS. */
  callerChanges: z.boolean().default(true),
});
export type AppointmentSettings = z.infer<typeof appointmentSettingsSchema>;

/**
 * Time zones as typed: a geographic `Area/Location` zone. The webhook URL is only checked for shape
 * here (the profile is pure and knows no environment): whether it may point at a private address,
 * or must be https, is the save use case's check (`src/app/clients.ts`) and the sender's.
 */
const profileShape = {
  name: lineSchema().min(1).max(80),
  /** Dedicated Twilio numbers (E.164), unique across clients. */
  numbers: z.array(e164PhoneSchema).min(1).max(10),
  locale: z.enum(LOCALES).default('fr-FR'),
  voice: z.string().optional(),
  sector: z.enum(SECTORS).default('other'),
  /**
   * The client as named in a sentence, after "vous êtes bien" / "you have reached": "au cabinet
   * Martin", "chez Plomberie Durand". Empty: "chez <name>" in French, the name in English.
   */
  spokenName: lineSchema().max(100).default(''),
  /** Greet a caller the service knows by name. Unset: yes, except for a medical client (shared family phones). */
  greetKnownCallers: z.boolean().optional(),
  /** Words callers may say that speech recognition should expect: doctors' names, services. */
  vocabulary: z.array(lineSchema().min(2).max(60)).max(100).default([]),
  safety: safetySchema.prefault({}),
  /** Custom greeting; when empty the engine greets with the client's name. */
  greeting: multilineSchema().max(300).default(''),
  timezone: z.string().refine(isBusinessTimeZone, BUSINESS_TIME_ZONE_MESSAGE).default('Europe/Paris'),
  weeklyHours: weeklyHoursSchema.prefault({}),
  closures: z.array(closureSchema).max(100).default([]),
  override: overrideSchema.nullable().default(null),
  address: lineSchema().max(200).default(''),
  transferTargets: z.array(transferTargetSchema).max(5).default([]),
  transfer: transferSettingsSchema.prefault({}),
  /** Number dialled when the service itself fails mid-call. */
  fallbackNumber: e164PhoneSchema.optional(),
  vipNumbers: z.array(e164PhoneSchema).max(200).default([]),
  blockedNumbers: z.array(e164PhoneSchema).max(500).default([]),
  /** Extra words that mark a call as urgent, on top of the built-in French and English ones. */
  urgencyKeywords: z.array(lineSchema().min(2).max(40)).max(50).default([]),
  rules: z.array(routingRuleSchema).max(50).default([]),
  /** What happens when no rule matches: there is always a default. */
  defaultAction: ruleActionSchema.default({ type: 'message' }),
  messageTaking: messageTakingSchema.prefault({}),
  consent: consentSchema.prefault({}),
  retention: retentionSchema.prefault({}),
  notifications: notificationSettingsSchema.prefault({}),
  appointments: appointmentSettingsSchema.prefault({}),
  maxCallSeconds: z.number().int().min(60).max(3600).default(600),
};

function profileChecks(
  p: {
    voice?: string | undefined;
    locale: Locale;
    numbers: string[];
    appointments: { types: { id: string }[] };
  },
  ctx: z.RefinementCtx,
) {
  const typeIds = p.appointments.types.map((t) => t.id);
  if (new Set(typeIds).size !== typeIds.length) {
    ctx.addIssue({
      code: 'custom',
      path: ['appointments', 'types'],
      message: 'appointment type ids must not repeat',
    });
  }
  if (p.voice && !VOICES_BY_LOCALE[p.locale].includes(p.voice)) {
    ctx.addIssue({
      code: 'custom',
      path: ['voice'],
      message: `voice ${p.voice} does not speak ${p.locale}; use one of ${VOICES_BY_LOCALE[p.locale].join(', ')}`,
    });
  }
  if (new Set(p.numbers).size !== p.numbers.length) {
    ctx.addIssue({ code: 'custom', path: ['numbers'], message: 'numbers must not repeat' });
  }
}

/** The profile as an admin writes it (API, admin form, seed): every rule applies. */
export const clientProfileSchema = z.object(profileShape).superRefine(profileChecks);

/**
 * The profile as read back from the database. Written under older rules, a client may carry a
 * legacy zone (`UTC`, `EST`) or an impossible closure day: it still loads — calls must be answered
 * — and the next save asks for a valid value.
 */
export const storedClientProfileSchema = z
  .object({
    ...profileShape,
    timezone: z.string().refine(isKnownTimeZone, 'unknown time zone').default('Europe/Paris'),
    closures: z.array(storedClosureSchema).default([]),
  })
  .superRefine(profileChecks);

/** What choosers and labels read of a stored client (name, zone, numbers), checked as the profile. */
export const storedClientEntrySchema = z.object({
  name: profileShape.name,
  timezone: storedClientProfileSchema.shape.timezone,
  numbers: profileShape.numbers,
});

export type ClientProfile = z.infer<typeof clientProfileSchema>;
export type ClientProfileInput = z.input<typeof clientProfileSchema>;
