/**
 * How one setting's value reads in the settings diff: hours by day, phone numbers, rules and
 * transfer targets in words, choices by the form's labels, durations with their unit. Pure.
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
import { formatDateTime } from '../format';
import type { Lang } from '../i18n';
import type { DiffWords } from './diff-words';

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
  'notifications.weeklyReport.localTime': (v, _w, ctx) => spokenTime(String(v), locale(ctx)),
  'notifications.weeklyReport.weekday': (v, w) => w.a.weeklyDays[String(v)] ?? '',
  'messageTaking.maxRecordingSeconds': (v, w) => w.seconds(Number(v)),
  maxCallSeconds: (v, w) => w.seconds(Number(v)),
  'notifications.escalation.delayMinutes': (v, w) => w.minutes(Number(v)),
  'retention.messageDays': (v, w) => w.days(Number(v)),
  'retention.recordingDays': (v, w) => w.days(Number(v)),
  'retention.transcriptionDays': (v, w) => w.days(Number(v)),
  'retention.callDays': (v, w) => w.days(Number(v)),
};

/** Lists compared item by item: what each item reads as, and what names it across versions. */
export const LISTS: Record<
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
  'notifications.weeklyReport.to': { text: (v) => String(v) },
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

const isWeekday = (day: string | undefined): day is Weekday => WEEKDAYS.includes(day as Weekday);

/** The text of `value` at settings path `path` ('' when it has none). */
export function valueText(path: string, value: unknown, w: DiffWords, ctx: DiffContext): string {
  const [top, day] = path.split('.');
  if (top === 'weeklyHours' && isWeekday(day)) {
    const colon = ctx.lang === 'fr' ? '\u00a0: ' : ': ';
    return `${DAY_NAMES[locale(ctx)][day]}${colon}${shifts((value ?? []) as TimeRange[], ctx, w)}`;
  }
  if (path === 'active') {
    const [on, off] =
      ctx.subject === 'user' ? [w.accountActive, w.accountInactive] : [w.inService, w.outOfService];
    return value === true ? on : value === false ? off : '';
  }
  // Unset means "the default" for this one, which has its own words.
  if (value === undefined && path !== 'greetKnownCallers') return '';
  return (VALUES[path] ?? scalarText)(value, w, ctx);
}
