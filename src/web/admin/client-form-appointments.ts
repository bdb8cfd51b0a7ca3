/**
 * The client form's appointment section ↔ `profile.appointments`: one row of fields per type
 * (`apt<i>_<field>`), the reminder and the callers' changes. A type's id never shows: it is kept
 * in a hidden field, and a new type's id is made from its name. Errors on these fields are the
 * section's own sentences in the page's language, not the schema's.
 */
import { WEEKDAYS, type AppointmentSettings, type WeeklyHours } from '../../flow/profile';
import { DAY_NAMES } from '../../flow/hours-text';
import { LOCALES } from '../../domain/vocabulary';
import { html, type SafeHtml } from '../html';
import type { AdminTexts } from './admin-texts';
import { checkbox, fieldset, hidden, input, select, textarea, type FormState } from './form-controls';
import { addError, indexAt, type FieldErrors } from './field-errors';
import { checked, lines, numberOrDefault, type FormValues } from './form-values';

export const MAX_APPOINTMENT_TYPES = 10;

/** Form field suffix ↔ type property. */
const NUMBER_FIELDS = {
  duration: 'durationMinutes',
  buffer: 'bufferMinutes',
  notice: 'minNoticeMinutes',
  ahead: 'maxDaysAhead',
  step: 'slotStepMinutes',
  offered: 'slotsOffered',
} as const;
const FIELD_OF: Record<string, string> = {
  ...Object.fromEntries(Object.entries(NUMBER_FIELDS).map(([f, p]) => [p, f])),
  name: 'name',
  id: 'name',
  newCallers: 'newCallers',
  hours: 'hours',
};

const f = (i: number, field: string) => `apt${i}_${field}`;

/** Rows shown: the types there are, one empty row to add one, at least two. */
export function typeRows(v: FormValues): number {
  let last = -1;
  for (let i = 0; i < MAX_APPOINTMENT_TYPES; i++) {
    if (['id', 'name', ...Object.keys(NUMBER_FIELDS)].some((k) => (v[f(i, k)] ?? '').trim())) last = i;
  }
  return Math.min(MAX_APPOINTMENT_TYPES, Math.max(2, last + 2));
}

/** "Consultation à domicile" → "consultation-a-domicile": a stable id for a new type. */
export function idFromName(name: string, taken: Set<string>, i: number): string {
  const base =
    name
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 34) || `type-${i + 1}`;
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

/** Day names in either language, and the weekday keys, to the weekday. */
const DAY_WORDS = new Map<string, (typeof WEEKDAYS)[number]>(
  WEEKDAYS.flatMap((d) => [
    [d, d],
    ...LOCALES.map((l): [string, (typeof WEEKDAYS)[number]] => [DAY_NAMES[l][d].toLowerCase(), d]),
  ]),
);
const HOURS_LINE = /^\s*([^\s:]+)\s*:?\s*(.+)$/;
const RANGE = /^(\S+?)\s*-\s*(\S+)$/;

function hoursFromText(text: string, onError: () => void): WeeklyHours | undefined {
  const rows = lines(text);
  if (rows.length === 0) return undefined;
  const hours = Object.fromEntries(WEEKDAYS.map((d) => [d, [] as { start: string; end: string }[]]));
  for (const row of rows) {
    const m = HOURS_LINE.exec(row);
    const day = m ? DAY_WORDS.get(m[1]!.toLowerCase()) : undefined;
    if (!m || !day) {
      onError();
      continue;
    }
    for (const r of m[2]!
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean)) {
      const range = RANGE.exec(r);
      if (range) hours[day]!.push({ start: range[1]!, end: range[2]! });
      else onError();
    }
  }
  return hours as WeeklyHours;
}

export function hoursToText(hours: WeeklyHours | undefined, lang: 'fr' | 'en'): string {
  if (!hours) return '';
  const names = DAY_NAMES[lang === 'en' ? 'en-US' : 'fr-FR'];
  return WEEKDAYS.filter((d) => hours[d].length)
    .map((d) => `${names[d]} ${hours[d].map((r) => `${r.start}-${r.end}`).join(', ')}`)
    .join('\n');
}

/**
 * The `appointments` input of the profile schema from the form, and the form row of each type
 * (empty rows are skipped, so type 1 may come from row 2): errors go back to the row.
 */
export function appointmentsFromForm(
  v: FormValues,
  t: AdminTexts,
  errors: FieldErrors,
): { input: unknown; rows: number[] } {
  const rows: number[] = [];
  const taken = new Set<string>();
  for (let i = 0; i < MAX_APPOINTMENT_TYPES; i++) if (v[f(i, 'id')]) taken.add(v[f(i, 'id')]!);
  const types = [];
  for (let i = 0; i < MAX_APPOINTMENT_TYPES; i++) {
    const name = (v[f(i, 'name')] ?? '').trim();
    const numbers = Object.keys(NUMBER_FIELDS).some((k) => (v[f(i, k)] ?? '').trim());
    if (!name && !numbers) continue;
    const hours = hoursFromText(v[f(i, 'hours')] ?? '', () =>
      addError(errors, f(i, 'hours'), t.appointmentForm.errors.hours!),
    );
    rows.push(i);
    types.push({
      id: v[f(i, 'id')] || idFromName(name, taken, i),
      name,
      ...Object.fromEntries(Object.entries(NUMBER_FIELDS).map(([k, p]) => [p, numberOrDefault(v[f(i, k)])])),
      newCallers: v[f(i, 'newCallers')] || undefined,
      ...(hours ? { hours } : {}),
    });
  }
  const input = {
    types,
    reminderHoursBefore: numberOrDefault(v.aptReminderHours),
    callerChanges: checked(v.aptCallerChanges),
  };
  return { input, rows };
}

export function appointmentsToForm(a: AppointmentSettings, lang: 'fr' | 'en'): FormValues {
  const v: FormValues = {
    aptReminderHours: String(a.reminderHoursBefore),
    aptCallerChanges: a.callerChanges ? 'on' : '',
  };
  a.types.forEach((type, i) => {
    v[f(i, 'id')] = type.id;
    v[f(i, 'name')] = type.name;
    for (const [k, p] of Object.entries(NUMBER_FIELDS)) v[f(i, k)] = String(type[p]);
    v[f(i, 'newCallers')] = type.newCallers;
    v[f(i, 'hours')] = hoursToText(type.hours, lang);
  });
  return v;
}

/** Where an issue under `appointments` goes, with the section's own sentence for it. */
export function appointmentIssue(
  path: readonly PropertyKey[],
  t: AdminTexts,
  rowOf: (typeIndex: number) => number,
): { field: string; message: string } {
  const e = t.appointmentForm.errors;
  const [, second] = path.map(String);
  if (second === 'reminderHoursBefore') return { field: 'aptReminderHours', message: e.reminder! };
  if (second === 'callerChanges') return { field: 'aptCallerChanges', message: e.newCallers! };
  const i = indexAt(path, 2);
  if (second === 'types' && i === undefined) return { field: f(0, 'name'), message: e.id! };
  const field = FIELD_OF[String(path[3] ?? 'name')] ?? 'name';
  return { field: f(rowOf(i ?? 0), field), message: e[field] ?? e.name! };
}

export function appointmentsSection(s: FormState, t: AdminTexts): SafeHtml {
  const a = t.appointmentForm;
  const modes = Object.entries(a.newCallerModes) as [string, string][];
  const row = (i: number) =>
    html`<div class="apt-row wide" role="group" aria-labelledby="apt${i}-title">
      <h2 id="apt${i}-title" class="apt-title">${a.type(i + 1)}</h2>
      ${s.values[f(i, 'id')] ? hidden(f(i, 'id'), s.values[f(i, 'id')]!) : ''}
      ${input(s, f(i, 'name'), a.name, { hint: i === 0 ? a.nameHint : undefined, attrs: html`maxlength="60"` })}
      ${input(s, f(i, 'duration'), a.duration, { type: 'number', cls: 'narrow', attrs: html`min="5" max="480" placeholder="30"` })}
      ${input(s, f(i, 'buffer'), a.buffer, { type: 'number', cls: 'narrow', attrs: html`min="0" max="120" placeholder="0"` })}
      ${input(s, f(i, 'notice'), a.notice, { type: 'number', cls: 'narrow', hint: i === 0 ? a.noticeHint : undefined, attrs: html`min="0" max="43200" placeholder="120"` })}
      ${input(s, f(i, 'ahead'), a.ahead, { type: 'number', cls: 'narrow', attrs: html`min="1" max="365" placeholder="30"` })}
      ${input(s, f(i, 'step'), a.step, { type: 'number', cls: 'narrow', attrs: html`min="5" max="240" placeholder="15"` })}
      ${select(s, f(i, 'offered'), a.offered, [
        ['', '—'],
        ['1', '1'],
        ['2', '2'],
        ['3', '3'],
      ])}
      ${select(s, f(i, 'newCallers'), a.newCallers, [['', '—'], ...modes])}
      ${textarea(s, f(i, 'hours'), a.hours, { hint: a.hoursHint, rows: 2, cls: 'double' })}
    </div>`;
  return fieldset(
    a.section,
    html`<p class="hint wide">${a.intro}</p>
      ${Array.from({ length: typeRows(s.values) }, (_, i) => row(i))}
      ${input(s, 'aptReminderHours', a.reminder, { type: 'number', cls: 'narrow', hint: a.reminderHint, attrs: html`min="0" max="168"` })}
      ${checkbox(s, 'aptCallerChanges', a.callerChanges)}`,
    'appointments-section',
  );
}
