/**
 * The words and numbers of the weekly report, in French and English: the week's dates, counts,
 * durations and the change against the previous week (« +12 % »). Pure.
 */
import type { ReportFigures } from '../domain/report-figures';
import type { Locale } from '../domain/vocabulary';
import { NNBSP } from './french';

const N = NNBSP;
const MINUS = '\u2212';

/** One row of the figures table: what it counts, and how to read it from a period's figures. */
export const WEEKLY_ROWS = [
  { id: 'calls', value: (f: ReportFigures) => f.calls.total },
  { id: 'answered', value: (f: ReportFigures) => f.calls.answered },
  { id: 'transferred', value: (f: ReportFigures) => f.calls.byOutcome.transferred },
  { id: 'messages', value: (f: ReportFigures) => f.messages.total },
  { id: 'urgent', value: (f: ReportFigures) => f.messages.urgent },
  { id: 'handle', value: (f: ReportFigures) => f.messages.medianHandleSeconds, duration: true },
  { id: 'afterHours', value: (f: ReportFigures) => f.calls.afterHours },
] as const;
export type WeeklyRow = (typeof WEEKLY_ROWS)[number]['id'];

export const WEEKLY_WORDS = {
  'fr-FR': {
    rows: {
      calls: 'Appels reçus',
      answered: 'Appels répondus',
      transferred: 'Appels transférés',
      messages: 'Messages pris',
      urgent: 'Messages urgents',
      handle: 'Délai médian de traitement',
      afterHours: 'Appels hors horaires',
    } satisfies Record<WeeklyRow, string>,
    yourWeek: (range: string) => `Votre semaine ${range}`,
    thisWeek: 'Cette semaine',
    previousWeek: 'Semaine précédente',
    change: 'Évolution',
    previousShort: 'semaine précédente',
    same: 'stable',
    new: 'nouveau',
    none: '—',
    topReasons: 'Motifs les plus fréquents',
    open: (total: number, listed: number) =>
      total > listed ? `À traiter (${total}, les ${listed} premiers ci-dessous)` : `À traiter (${total})`,
    nothingOpen: 'Rien à traiter pour le moment.',
    noReason: 'sans motif',
    unknownCaller: 'appelant inconnu',
    seeMessage: 'Voir le message',
    fullReport: 'Le rapport complet',
    seeFullReport: 'Voir le rapport complet',
    colon: `${N}:`,
    calls: (n: number) => `${n} appel${n < 2 ? '' : 's'}`,
    messages: (n: number) => `${n} message${n < 2 ? '' : 's'}`,
    busiest: (day: string, hour: number) => `le plus d’appels le ${day} vers ${hour}${N}h`,
    noCalls: 'aucun appel',
    medianHandle: (d: string) => `délai médian${N}: ${d}`,
    days: ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'],
  },
  'en-US': {
    rows: {
      calls: 'Calls received',
      answered: 'Calls answered',
      transferred: 'Calls transferred',
      messages: 'Messages taken',
      urgent: 'Urgent messages',
      handle: 'Median time to handle',
      afterHours: 'Calls after hours',
    } satisfies Record<WeeklyRow, string>,
    yourWeek: (range: string) => `Your week of ${range}`,
    thisWeek: 'This week',
    previousWeek: 'Previous week',
    change: 'Change',
    previousShort: 'previous week',
    same: 'no change',
    new: 'new',
    none: '—',
    topReasons: 'Most frequent reasons',
    open: (total: number, listed: number) =>
      total > listed ? `Open (${total}, the first ${listed} below)` : `Open (${total})`,
    nothingOpen: 'Nothing open right now.',
    noReason: 'no reason given',
    unknownCaller: 'unknown caller',
    seeMessage: 'See the message',
    fullReport: 'The full report',
    seeFullReport: 'See the full report',
    colon: ':',
    calls: (n: number) => `${n} call${n === 1 ? '' : 's'}`,
    messages: (n: number) => `${n} message${n === 1 ? '' : 's'}`,
    busiest: (day: string, hour: number) =>
      `busiest on ${day} around ${hour % 12 || 12} ${hour < 12 ? 'AM' : 'PM'}`,
    noCalls: 'no calls',
    medianHandle: (d: string) => `median: ${d}`,
    days: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
  },
} as const;

const noon = (day: string) => new Date(`${day}T12:00:00Z`);
const part = (locale: Locale, day: string, o: Intl.DateTimeFormatOptions) =>
  new Intl.DateTimeFormat(locale, { timeZone: 'UTC', ...o }).format(noon(day));

/** « du 23 au 29 novembre », « du 30 novembre au 6 décembre » / "November 23–29", "November 30 – December 6". */
export function weekRange(from: string, to: string, locale: Locale): string {
  const sameYear = from.slice(0, 4) === to.slice(0, 4);
  const sameMonth = sameYear && from.slice(0, 7) === to.slice(0, 7);
  const year = sameYear ? {} : ({ year: 'numeric' } as const);
  if (locale === 'fr-FR') {
    const day = (d: string) => (d.endsWith('-01') ? '1er' : String(Number(d.slice(8))));
    const month = (d: string) => part(locale, d, { month: 'long', ...year });
    return sameMonth
      ? `du ${day(from)} au ${day(to)} ${month(to)}`
      : `du ${day(from)} ${month(from)} au ${day(to)} ${month(to)}`;
  }
  if (sameMonth)
    return `${part(locale, from, { month: 'long' })} ${Number(from.slice(8))}–${Number(to.slice(8))}`;
  const full = (d: string) => part(locale, d, { month: 'long', day: 'numeric', ...year });
  return `${full(from)} – ${full(to)}`;
}

/** "12 min", "3 h 05", "2 j 4 h" / "12 min", "3 h 5 min", "2 d 4 h"; null: a dash. */
export function duration(seconds: number | null, locale: Locale): string {
  const fr = locale === 'fr-FR';
  if (seconds === null || !Number.isFinite(seconds)) return WEEKLY_WORDS[locale].none;
  const minutes = Math.round(seconds / 60);
  if (minutes < 1) return fr ? 'moins d’une minute' : 'under a minute';
  if (minutes < 60) return `${minutes}${N}min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) {
    const m = minutes % 60;
    if (m === 0) return `${hours}${N}h`;
    return fr ? `${hours}${N}h${N}${String(m).padStart(2, '0')}` : `${hours}${N}h ${m}${N}min`;
  }
  const days = Math.floor(hours / 24);
  const h = hours % 24;
  const d = fr ? `${days}${N}j` : `${days}${N}d`;
  return h ? `${d} ${h}${N}h` : d;
}

/** The change against the previous week: « +12 % », « −5 % », « stable », « nouveau »; '' without a figure. */
export function change(current: number | null, previous: number | null, locale: Locale): string {
  const w = WEEKLY_WORDS[locale];
  if (current === null || previous === null) return '';
  if (previous === 0) return current === 0 ? w.same : w.new;
  const pct = Math.round(((current - previous) / previous) * 100);
  if (pct === 0) return w.same;
  const sign = pct > 0 ? '+' : MINUS;
  return `${sign}${Math.abs(pct)}${locale === 'fr-FR' ? `${N}%` : '%'}`;
}

/** A row's value as people read it. */
export const rowValue = (value: number | null, isDuration: boolean, locale: Locale): string =>
  isDuration ? duration(value, locale) : value === null ? WEEKLY_WORDS[locale].none : String(value);
