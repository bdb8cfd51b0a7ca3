/**
 * The words on the charts, in the reader's language: outcomes, time-to-handle buckets, weekdays,
 * hours and days. Exported for the report page and the email, so a legend and a table say the same.
 */
import type { ReportOutcome } from '../../domain/report-day';
import { HANDLE_BUCKETS } from '../../domain/report-figures';
import type { Locale } from '../../domain/vocabulary';
import type { ReportChart } from './types';

/** The no-break space French (and English) put between a number and its unit. */
const NBSP = '\u00a0';

const OUTCOMES: Record<Locale, Record<ReportOutcome, string>> = {
  'fr-FR': {
    transferred: 'Transférés',
    message: 'Message pris',
    appointment: 'Rendez-vous',
    information: 'Renseignement',
    abandoned: 'Raccroché',
    blocked: 'Bloqué',
    failed: 'Échec',
  },
  'en-US': {
    transferred: 'Transferred',
    message: 'Message taken',
    appointment: 'Appointment',
    information: 'Information',
    abandoned: 'Hung up',
    blocked: 'Blocked',
    failed: 'Failed',
  },
};

/** One label per HANDLE_BUCKETS bucket, plus the last one ("more"). */
const HANDLE: Record<Locale, readonly string[]> = {
  'fr-FR': [
    `moins de 15${NBSP}min`,
    `15${NBSP}min à 1${NBSP}h`,
    `1 à 4${NBSP}h`,
    `4 à 24${NBSP}h`,
    `1 à 3${NBSP}jours`,
    `plus de 3${NBSP}jours`,
  ],
  'en-US': [
    `under 15${NBSP}min`,
    `15${NBSP}min–1${NBSP}h`,
    `1–4${NBSP}h`,
    `4–24${NBSP}h`,
    `1–3${NBSP}days`,
    `over 3${NBSP}days`,
  ],
};

export const outcomeLabel = (outcome: ReportOutcome, locale: Locale): string => OUTCOMES[locale][outcome];

/** The label of a time-to-handle bucket, 0 to HANDLE_BUCKETS.length (the last is "more than"). */
export function handleBucketLabel(index: number, locale: Locale): string {
  const label = HANDLE[locale][index];
  if (label === undefined || index > HANDLE_BUCKETS.length)
    throw new RangeError(`no time-to-handle bucket ${index}`);
  return label;
}

const utc = (day: string) => new Date(`${day}T00:00:00Z`);
const format = (locale: Locale, options: Intl.DateTimeFormatOptions, day: string) =>
  new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(utc(day));
/** A Monday, to name weekdays by their index (0 = Monday, as in the figures' heat map). */
const A_MONDAY = '2024-01-01';

/** "lun." / "Mon" (short) or "lundi" / "Monday" (long), 0 for Monday. */
export function weekdayLabel(index0Monday: number, locale: Locale, style: 'short' | 'long'): string {
  if (!Number.isInteger(index0Monday) || index0Monday < 0 || index0Monday > 6)
    throw new RangeError(`no weekday ${index0Monday}`);
  const day = new Date(utc(A_MONDAY).getTime() + index0Monday * 86_400_000).toISOString().slice(0, 10);
  return format(locale, { weekday: style }, day);
}

/** A local hour as people read it on an axis: "14 h" / "2 pm". */
export function hourLabel(hour: number, locale: Locale): string {
  if (locale === 'fr-FR') return `${hour}${NBSP}h`;
  const h12 = hour % 12 === 0 ? 12 : hour % 12;
  return `${h12}${NBSP}${hour < 12 ? 'am' : 'pm'}`;
}

/** A day on the calls axis: "lun. 2" / "Mon 2" (Intl gives "2 Mon" in English). */
export const dayLabel = (day: string, locale: Locale): string =>
  `${format(locale, { weekday: 'short' }, day)} ${Number(day.slice(8, 10))}`;

/** A day with its month, for periods longer than a month: "2 déc." / "Dec 2". */
export const dateLabel = (day: string, locale: Locale): string =>
  format(locale, { day: 'numeric', month: 'short' }, day);

/** A week's bar, named by its first day in the period: "sem. du 2 déc." / "week of Dec 2". */
export const weekLabel = (firstDay: string, locale: Locale): string =>
  `${locale === 'fr-FR' ? 'sem. du' : 'week of'} ${dateLabel(firstDay, locale)}`;

/** The chart's title, as people read it above the chart and in an image's alt text. */
export function chartTitle(chart: ReportChart, locale: Locale): string {
  const fr = locale === 'fr-FR';
  return {
    calls: fr ? 'Appels par jour' : 'Calls per day',
    hours: fr ? 'Heures d’appel' : 'Call hours',
    handling: fr ? 'Délai de traitement' : 'Time to handle',
  }[chart];
}

/** What an empty chart says instead of drawing bare axes. */
export function emptyText(chart: ReportChart, locale: Locale): string {
  const fr = locale === 'fr-FR';
  if (chart === 'handling')
    return fr ? 'Aucun message traité sur la période' : 'No handled messages in this period';
  return fr ? 'Aucun appel sur la période' : 'No calls in this period';
}

/** The headers of the tables (CSV) that are not labels above. */
export function tableWords(locale: Locale) {
  const fr = locale === 'fr-FR';
  return {
    day: fr ? 'Jour' : 'Day',
    total: 'Total',
    weekday: fr ? 'Jour de la semaine' : 'Weekday',
    delay: fr ? 'Délai' : 'Time to handle',
    messages: 'Messages',
    calls: fr ? 'Appels' : 'Calls',
  };
}
