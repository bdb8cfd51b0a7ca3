/**
 * The settings diff as a person reads it: each stored change (path, kind, before, after) becomes
 * rows of {label, before, after} with the form's labels, hours as "lundi : 9 h – 12 h", numbers as
 * phone numbers, rules in words, list items added or removed. Pure: the page gives the language,
 * the client's time zone and the names of clients.
 */
import { displayPhone } from '../../domain/phone';
import { DAY_NAMES, joinList, spokenTime } from '../../flow/hours-text';
import {
  WEEKDAYS,
  type RoutingRule,
  type RuleAction,
  type TimeRange,
  type Weekday,
} from '../../flow/profile';
import type { SettingsChange } from '../../store/settings-versions';
import { formatDateTime } from '../format';
import type { Lang } from '../i18n';
import { diffWords, type DiffWords } from './history-texts';

export type ReadableChange = {
  label: string;
  kind: 'added' | 'removed' | 'changed' | 'secret';
  /** Empty when the setting had no value (or for an item added). */
  before: string;
  after: string;
};

export type DiffContext = {
  lang: Lang;
  /** Whose settings: a client's, or a user's access. */
  subject: 'client' | 'user';
  /** Where dates and times of the settings are read (the client's zone). */
  timeZone: string;
  /** Names of the clients a user may see, by id: people never read an id. */
  clientNames?: ReadonlyMap<string, string>;
};

type Format = (value: unknown, w: DiffWords, ctx: DiffContext) => string;

const locale = (ctx: DiffContext) => (ctx.lang === 'en' ? 'en-US' : 'fr-FR');
const phone: Format = (v) => (typeof v === 'string' ? displayPhone(v) : '');
const yesNo = (v: unknown, w: DiffWords) => (v === true ? w.a.yes : v === false ? w.a.no : '');
const choice =
  (table: (w: DiffWords) => Record<string, string>): Format =>
  (v, w) =>
    typeof v === 'string' ? (table(w)[v] ?? v) : '';

function shifts(ranges: TimeRange[], ctx: DiffContext, w: DiffWords): string {
  if (ranges.length === 0) return w.closed;
  return ranges
    .map((r) => `${spokenTime(r.start, locale(ctx))} – ${spokenTime(r.end, locale(ctx))}`)
    .join(', ');
}

function ruleText(rule: RoutingRule, w: DiffWords, ctx: DiffContext): string {
  const when = rule.when;
  const conditions: string[] = [];
  if (when.open !== undefined) conditions.push(w.open[String(when.open) as 'true' | 'false']);
  if (when.timeWindow) {
    const days = when.timeWindow.days;
    const dayText = days
      ? joinList(
          days.map((d) => DAY_NAMES[locale(ctx)][d]),
          locale(ctx),
        )
      : w.everyDay;
    const times = w.fromTo(
      spokenTime(when.timeWindow.start, locale(ctx)),
      spokenTime(when.timeWindow.end, locale(ctx)),
    );
    conditions.push(`${dayText} ${times}`);
  }
  if (when.caller) conditions.push(w.callers[when.caller]);
  if (when.menuChoice) conditions.push(w.menuChoice(w.menuChoices[when.menuChoice]));
  if (when.urgentSpeech !== undefined)
    conditions.push(w.urgentSpeech[String(when.urgentSpeech) as 'true' | 'false']);
  return w.ifThen(conditions.join(` ${w.and} `), actionText(rule.then, w));
}

function actionText(action: RuleAction, w: DiffWords): string {
  return action.type === 'say' ? w.say(action.text, action.thenMenu !== false) : w.ruleActions[action.type];
}

type Target = { name: string; number: string; ringSeconds?: number };
const targetText = (t: Target, w: DiffWords) =>
  `${t.name}, ${displayPhone(t.number)}${t.ringSeconds ? ` (${w.seconds(t.ringSeconds)})` : ''}`;

type Closure = { from: string; to: string; label?: string };
function dayText(date: string, ctx: DiffContext): string {
  const [y, m, d] = date.split('-');
  return ctx.lang === 'en' ? `${m}/${d}/${y}` : `${d}/${m}/${y}`;
}
const closureText = (c: Closure, ctx: DiffContext) =>
  `${dayText(c.from, ctx)} – ${dayText(c.to, ctx)}${c.label ? ` (${c.label})` : ''}`;

/** How each setting's value reads; anything not listed reads as its text, number or yes/no. */
const VALUES: Record<string, Format> = {
  locale: choice((w) => w.a.locales),
  sector: choice((w) => w.a.sectors),
  greetKnownCallers: (v, w) => (v === undefined ? w.a.greetChoices[''] : yesNo(v, w)),
  'transfer.mode': choice((w) => w.a.modes),
  'transfer.callerId': choice((w) => w.a.callerIds),
  'transfer.outOfHours': choice((w) => w.a.outOfHoursModes),
  'messageTaking.recording': choice((w) => w.a.recordingModes),
  role: choice((w) => w.a.roles),
  fallbackNumber: phone,
  defaultAction: (v, w) => actionText(v as RuleAction, w),
  override: (v, w, ctx) => {
    const o = v as { mode: 'open' | 'closed'; until: string } | null;
    return o ? w.until(o.mode, formatDateTime(new Date(o.until), ctx.lang, ctx.timeZone)) : w.a.overrideNone;
  },
  'notifications.escalation.backup': (v, w) => (v ? targetText(v as Target, w) : ''),
  'notifications.digest.localTime': (v, _w, ctx) => spokenTime(String(v), locale(ctx)),
  'messageTaking.maxRecordingSeconds': (v, w) => w.seconds(Number(v)),
  maxCallSeconds: (v, w) => w.seconds(Number(v)),
  'notifications.escalation.delayMinutes': (v, w) => w.minutes(Number(v)),
  'retention.messageDays': (v, w) => w.days(Number(v)),
  'retention.recordingDays': (v, w) => w.days(Number(v)),
  'retention.transcriptionDays': (v, w) => w.days(Number(v)),
  'retention.callDays': (v, w) => w.days(Number(v)),
};

/** Lists compared item by item: what each item reads as, and what names it across versions. */
const LISTS: Record<
  string,
  { text: Format; key?: (item: never) => string; label?: (item: never, w: DiffWords) => string }
> = {
  numbers: { text: phone },
  vipNumbers: { text: phone },
  blockedNumbers: { text: phone },
  'notifications.sms.to': { text: phone },
  vocabulary: { text: (v) => String(v) },
  urgencyKeywords: { text: (v) => String(v) },
  'notifications.email.to': { text: (v) => String(v) },
  clientIds: { text: (v, w, ctx) => ctx.clientNames?.get(String(v)) ?? w.deletedClient },
  closures: { text: (v, _w, ctx) => closureText(v as Closure, ctx) },
  transferTargets: {
    text: (v, w) => targetText(v as Target, w),
    key: (t: Target) => t.name,
    label: (t: Target, w) => w.target(t.name),
  },
  rules: {
    text: (v, w, ctx) => ruleText(v as RoutingRule, w, ctx),
    key: (r: RoutingRule) => r.name,
    label: (r: RoutingRule, w) => w.rule(r.name),
  },
};

function scalarText(value: unknown, w: DiffWords): string {
  if (value === undefined || value === null || value === '') return '';
  if (typeof value === 'boolean') return yesNo(value, w);
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return '';
}

function labelOf(path: string, w: DiffWords, ctx: DiffContext): string {
  if (ctx.subject === 'user' && path === 'locale') return w.a.userLocale;
  if (ctx.subject === 'user' && path === 'active') return w.a.accountActive;
  const direct = w.labels[path];
  if (direct) return direct;
  const [top] = path.split('.');
  return w.sections[top!] ?? w.labels[top!] ?? w.other;
}

function listRows(change: SettingsChange, w: DiffWords, ctx: DiffContext): ReadableChange[] {
  const list = LISTS[change.path]!;
  const label = labelOf(change.path, w, ctx);
  const before = (Array.isArray(change.before) ? change.before : []) as never[];
  const after = (Array.isArray(change.after) ? change.after : []) as never[];
  const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);
  const keyOf = list.key ?? ((item: never) => JSON.stringify(item));
  const labelFor = (item: never) => (list.label ? list.label(item, w) : label);
  const rows: ReadableChange[] = [];
  for (const item of before) {
    const now = after.find((a) => keyOf(a) === keyOf(item));
    if (now === undefined)
      rows.push({ label: labelFor(item), kind: 'removed', before: list.text(item, w, ctx), after: '' });
    else if (!same(now, item))
      rows.push({
        label: labelFor(item),
        kind: 'changed',
        before: list.text(item, w, ctx),
        after: list.text(now, w, ctx),
      });
  }
  for (const item of after) {
    if (!before.some((b) => keyOf(b) === keyOf(item)))
      rows.push({ label: labelFor(item), kind: 'added', before: '', after: list.text(item, w, ctx) });
  }
  return rows;
}

function rowsOf(change: SettingsChange, w: DiffWords, ctx: DiffContext): ReadableChange[] {
  if (change.secret)
    return [{ label: labelOf(change.path, w, ctx), kind: 'secret', before: '', after: w.h.secretChanged }];
  if (LISTS[change.path]) return listRows(change, w, ctx);
  const [top, day] = change.path.split('.');
  if (top === 'weeklyHours' && WEEKDAYS.includes(day as Weekday)) {
    const name = DAY_NAMES[locale(ctx)][day as Weekday];
    const colon = ctx.lang === 'fr' ? '\u00a0: ' : ': ';
    const text = (v: unknown) => `${name}${colon}${shifts((v ?? []) as TimeRange[], ctx, w)}`;
    return [
      {
        label: labelOf(change.path, w, ctx),
        kind: 'changed',
        before: text(change.before),
        after: text(change.after),
      },
    ];
  }
  if (change.path === 'active') {
    const [on, off] =
      ctx.subject === 'user' ? [w.accountActive, w.accountInactive] : [w.inService, w.outOfService];
    const text = (v: unknown) => (v === true ? on : v === false ? off : '');
    return [
      {
        label: labelOf(change.path, w, ctx),
        kind: 'changed',
        before: text(change.before),
        after: text(change.after),
      },
    ];
  }
  const format = VALUES[change.path] ?? scalarText;
  const text = (v: unknown) =>
    v === undefined && change.path !== 'greetKnownCallers' ? '' : format(v, w, ctx);
  return [
    {
      label: labelOf(change.path, w, ctx),
      kind: 'changed',
      before: text(change.before),
      after: text(change.after),
    },
  ];
}

/** The human label of a setting's path (the form's label where it has one). */
export function settingLabel(path: string, ctx: DiffContext): string {
  return labelOf(path, diffWords(ctx.lang), ctx);
}

/** Every change as rows a person reads, in the order of the settings. */
export function readableChanges(changes: SettingsChange[], ctx: DiffContext): ReadableChange[] {
  const w = diffWords(ctx.lang);
  return changes.flatMap((c) => rowsOf(c, w, ctx));
}

/** "Horaires d’ouverture, Règles de routage modifiés": the sections a version touched. */
export function changeSummary(changes: SettingsChange[], ctx: DiffContext): string {
  const w = diffWords(ctx.lang);
  const section = (c: SettingsChange) =>
    (ctx.subject === 'client' ? w.sections[c.path.split('.')[0]!] : undefined) ?? labelOf(c.path, w, ctx);
  const sections = [...new Set(changes.map(section))];
  return sections.length > 0 ? w.h.changed(sections) : w.h.nothingChanged;
}
