/**
 * The client form ↔ the client profile. `profileFromForm` builds the input of `clientProfileSchema`
 * from the posted strings (what cannot even be read, such as a malformed time range,
 * becomes a field error); `formFromProfile` fills the form from a saved profile.
 */
import { WEEKDAYS } from '../../flow/profile';
import type { AdminTexts } from './admin-texts';
import { addError, type FieldErrors } from './field-errors';
import { checked, lines, numberOrDefault, optional, type FormValues } from './form-values';
import { localToInstant } from '../../domain/zoned-time';
import { appointmentsFromForm } from './client-form-appointments';
import { rulesFromForm } from './rules-form';

export const MAX_TARGETS = 5;

/** The greeting select: unset (the sector decides), yes or no. */
export const GREET_CHOICES = { '': undefined, yes: true, no: false } as const;
export type GreetChoice = keyof typeof GREET_CHOICES;

/** The emergency advice select: unset (the sector's sentence), a custom sentence, or nothing said (""). */
export const ADVICE_MODES = ['', 'custom', 'none'] as const;
export type AdviceMode = (typeof ADVICE_MODES)[number];

const RANGE = /^(\S+?)\s*-\s*(\S+)$/;
const CLOSURE = /^(\S+)\s*\.\.\s*(\S+)\s*(.*)$/;

function hoursOf(v: FormValues, t: AdminTexts, errors: FieldErrors) {
  return Object.fromEntries(
    WEEKDAYS.map((day) => {
      const ranges = (v[`hours_${day}`] ?? '').split(',').map((r) => r.trim());
      return [
        day,
        ranges.filter(Boolean).flatMap((r) => {
          const m = RANGE.exec(r);
          if (!m) addError(errors, `hours_${day}`, t.fieldMessage(r, t.badRange));
          return m ? [{ start: m[1]!, end: m[2]! }] : [];
        }),
      ];
    }),
  );
}

function closuresOf(v: FormValues, t: AdminTexts, errors: FieldErrors) {
  return lines(v.closures).flatMap((l, i) => {
    const m = CLOSURE.exec(l);
    if (!m) addError(errors, 'closures', t.line(i + 1) + t.badClosure);
    return m ? [{ from: m[1]!, to: m[2]!, label: m[3]!.trim() }] : [];
  });
}

function overrideOf(v: FormValues, timezone: string, t: AdminTexts, errors: FieldErrors) {
  const mode = v.overrideMode;
  if (mode !== 'closed' && mode !== 'open') return null;
  const until = localToInstant(v.overrideUntil ?? '', timezone);
  if (!until) addError(errors, 'overrideUntil', t.badDateTime);
  return until ? { mode, until: until.toISOString() } : null;
}

function targetsOf(v: FormValues) {
  return Array.from({ length: MAX_TARGETS }, (_, i) => ({
    name: v[`target${i}_name`]?.trim() ?? '',
    number: v[`target${i}_number`]?.trim() ?? '',
    ringSeconds: numberOrDefault(v[`target${i}_ring`]),
  })).filter((r) => r.name || r.number);
}

/** An unknown choice goes to the schema as typed, so its error lands on the field. */
function greetOf(choice: string | undefined): unknown {
  const key = choice ?? '';
  return Object.hasOwn(GREET_CHOICES, key) ? GREET_CHOICES[key as GreetChoice] : key;
}

/** Unset leaves the key out, so that saving an unchanged form changes nothing. */
function safetyOf(v: FormValues, t: AdminTexts, errors: FieldErrors): { emergencyAdvice?: string } {
  const mode = v.emergencyAdviceMode ?? '';
  if (mode === 'none') return { emergencyAdvice: '' };
  if (mode === 'custom') {
    if (!(v.emergencyAdvice ?? '').trim()) addError(errors, 'emergencyAdvice', t.adviceMissing);
    return { emergencyAdvice: v.emergencyAdvice ?? '' };
  }
  if (mode !== '') addError(errors, 'emergencyAdviceMode', t.unknownChoice);
  return {};
}

function notificationsOf(v: FormValues) {
  const backup = optional(v.backupName) || optional(v.backupNumber);
  return {
    sms: { enabled: checked(v.smsEnabled), to: lines(v.smsTo) },
    email: { enabled: checked(v.emailEnabled), to: lines(v.emailTo) },
    webhook: {
      enabled: checked(v.webhookEnabled),
      url: optional(v.webhookUrl),
      secret: optional(v.webhookSecret),
    },
    escalation: {
      enabled: checked(v.escalationEnabled),
      delayMinutes: numberOrDefault(v.escalationDelay),
      resends: numberOrDefault(v.escalationResends),
      backup: backup ? { name: v.backupName?.trim() ?? '', number: v.backupNumber?.trim() ?? '' } : undefined,
    },
    digest: { enabled: checked(v.digestEnabled), localTime: optional(v.digestTime) },
    weeklyReport: {
      enabled: checked(v.weeklyEnabled),
      weekday: numberOrDefault(v.weeklyWeekday),
      localTime: optional(v.weeklyTime),
      to: lines(v.weeklyTo),
    },
  };
}

/**
 * The profile input the form describes, the errors found before validation, and the form row of
 * each appointment type (for errors on them).
 */
export function profileFromForm(
  v: FormValues,
  t: AdminTexts,
): { input: unknown; errors: FieldErrors; appointmentRows: number[]; ruleBlocks: number[] } {
  const errors: FieldErrors = {};
  const appointments = appointmentsFromForm(v, t, errors);
  const rules = rulesFromForm(v);
  const timezone = v.timezone?.trim() || 'Europe/Paris';
  const input = {
    name: v.name ?? '',
    numbers: lines(v.numbers),
    locale: v.locale || undefined,
    voice: optional(v.voice),
    sector: v.sector || undefined,
    spokenName: v.spokenName ?? '',
    greetKnownCallers: greetOf(v.greetKnownCallers),
    vocabulary: lines(v.vocabulary),
    safety: safetyOf(v, t, errors),
    greeting: v.greeting ?? '',
    timezone,
    address: v.address ?? '',
    weeklyHours: hoursOf(v, t, errors),
    closures: closuresOf(v, t, errors),
    override: overrideOf(v, timezone, t, errors),
    transferTargets: targetsOf(v),
    transfer: {
      mode: v.transferMode || undefined,
      callerId: v.callerId || undefined,
      screening: checked(v.screening),
      outOfHours: v.outOfHours || undefined,
    },
    fallbackNumber: optional(v.fallbackNumber),
    vipNumbers: lines(v.vipNumbers),
    blockedNumbers: lines(v.blockedNumbers),
    urgencyKeywords: lines(v.urgencyKeywords),
    rules: rules.input,
    defaultAction: { type: v.defaultAction || 'message' },
    messageTaking: {
      recording: v.recording || undefined,
      transcribe: checked(v.transcribe),
      maxRecordingSeconds: numberOrDefault(v.maxRecordingSeconds),
    },
    consent: { recordingNotice: checked(v.recordingNotice) },
    retention: {
      messageDays: numberOrDefault(v.messageDays),
      recordingDays: numberOrDefault(v.recordingDays),
      transcriptionDays: numberOrDefault(v.transcriptionDays),
      callDays: numberOrDefault(v.callDays),
    },
    notifications: notificationsOf(v),
    appointments: appointments.input,
    maxCallSeconds: numberOrDefault(v.maxCallSeconds),
  };
  return { input, errors, appointmentRows: appointments.rows, ruleBlocks: rules.blocks };
}
