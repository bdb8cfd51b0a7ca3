/**
 * The reports' numbers as people say them: durations (« 12 min », « 1 h 05 », « 2 j 3 h »), the
 * period (« semaine du lundi 23 au dimanche 29 novembre 2026 ») and the comparison with the period
 * before (« +12 % par rapport à la semaine précédente »). Words carry the meaning; arrows beside
 * them are decoration.
 */
import type { PeriodRange, ReportPeriod } from '../../app/reports';
import type { Lang } from '../i18n';

const NB = '\u202f';
/** Inside a duration: never split across two lines. */
const NBSP = '\u00a0';

/** A duration in words, rounded to what matters at its size; empty for none. */
export function durationText(seconds: number | null | undefined, lang: Lang): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '';
  const s = Math.round(seconds);
  if (s < 60) return `${s}${NBSP}s`;
  const minutes = Math.round(s / 60);
  if (minutes < 60) return `${minutes}${NBSP}min`;
  if (minutes < 24 * 60) {
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    if (lang === 'en') return m === 0 ? `${h}${NBSP}h` : `${h}${NBSP}h${NBSP}${m}${NBSP}min`;
    return m === 0 ? `${h}${NBSP}h` : `${h}${NBSP}h${NBSP}${String(m).padStart(2, '0')}`;
  }
  const hours = Math.round(minutes / 60);
  const d = Math.floor(hours / 24);
  const h = hours % 24;
  const day = lang === 'en' ? 'd' : 'j';
  return h === 0 ? `${d}${NBSP}${day}` : `${d}${NBSP}${day}${NBSP}${h}${NBSP}h`;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The parts of a calendar day (`YYYY-MM-DD`), read at noon UTC so no zone moves it. */
function partsOf(day: string, lang: Lang) {
  let f = formatters.get(lang);
  if (!f) {
    f = new Intl.DateTimeFormat(lang === 'en' ? 'en-US' : 'fr-FR', {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
    formatters.set(lang, f);
  }
  const parts = Object.fromEntries(
    f.formatToParts(new Date(`${day}T12:00:00Z`)).map((p) => [p.type, p.value]),
  ) as Record<string, string>;
  const dayNumber = lang === 'fr' && parts.day === '1' ? '1er' : (parts.day ?? '');
  return { weekday: parts.weekday ?? '', day: dayNumber, month: parts.month ?? '', year: parts.year ?? '' };
}

/** « lundi 23 novembre 2026 », "Monday, November 23, 2026"; without the year or month when shared. */
function dayWords(day: string, lang: Lang, show: { month: boolean; year: boolean }): string {
  const p = partsOf(day, lang);
  if (lang === 'en') {
    const md = show.month ? `${p.month} ${p.day}` : p.day;
    return `${p.weekday}, ${md}${show.year ? `, ${p.year}` : ''}`;
  }
  return [p.weekday, p.day, show.month ? p.month : '', show.year ? p.year : ''].filter(Boolean).join(' ');
}

/** Two days as a span, naming the month and the year once when they share them. */
function spanWords(from: string, to: string, lang: Lang): string {
  const sameYear = from.slice(0, 4) === to.slice(0, 4);
  const sameMonth = from.slice(0, 7) === to.slice(0, 7);
  const first = dayWords(from, lang, { month: lang === 'en' || !sameMonth, year: !sameYear });
  const last = dayWords(to, lang, { month: true, year: true });
  return lang === 'en' ? `${first} to ${last}` : `du ${first} au ${last}`;
}

/** The period as a sentence reads it: « semaine du lundi 23 au dimanche 29 novembre 2026 ». */
export function periodWords(period: PeriodRange, lang: Lang): string {
  if (period.kind === 'day') return dayWords(period.from, lang, { month: true, year: true });
  if (period.kind === 'month') {
    const p = partsOf(period.from, lang);
    return `${p.month} ${p.year}`;
  }
  const span = spanWords(period.from, period.to, lang);
  if (period.kind === 'week') return lang === 'en' ? `week of ${span}` : `semaine ${span}`;
  return span;
}

const PREVIOUS: Record<Lang, Record<ReportPeriod, string>> = {
  fr: {
    day: 'la veille',
    week: 'la semaine précédente',
    month: 'le mois précédent',
    custom: 'la période précédente',
  },
  en: {
    day: 'the day before',
    week: 'the week before',
    month: 'the month before',
    custom: 'the period before',
  },
};

const COMPARED: Record<Lang, Record<ReportPeriod, string>> = {
  fr: {
    day: 'par rapport à la veille',
    week: 'par rapport à la semaine précédente',
    month: 'par rapport au mois précédent',
    custom: 'par rapport à la période précédente',
  },
  en: {
    day: 'compared with the day before',
    week: 'compared with the week before',
    month: 'compared with the month before',
    custom: 'compared with the period before',
  },
};

export type Trend = 'up' | 'down' | 'same' | 'none';

/**
 * How a figure moved since the period before: « +12 % par rapport à la semaine précédente »,
 * « stable par rapport à… », « contre 0 la semaine précédente »; empty when both are zero.
 */
export function comparisonWords(
  current: number,
  previous: number,
  kind: ReportPeriod,
  lang: Lang,
): { text: string; trend: Trend } {
  if (current === 0 && previous === 0) return { text: '', trend: 'none' };
  if (previous === 0) {
    const text = lang === 'en' ? `none ${PREVIOUS.en[kind]}` : `contre 0 ${PREVIOUS.fr[kind]}`;
    return { text, trend: 'up' };
  }
  const change = Math.round(((current - previous) / previous) * 100);
  if (change === 0) {
    return { text: `${lang === 'en' ? 'steady' : 'stable'} ${COMPARED[lang][kind]}`, trend: 'same' };
  }
  const sign = change > 0 ? '+' : '−';
  const percent = lang === 'en' ? `${Math.abs(change)}%` : `${Math.abs(change)}${NB}%`;
  return { text: `${sign}${percent} ${COMPARED[lang][kind]}`, trend: change > 0 ? 'up' : 'down' };
}

/** A count in the page's number format (« 1 234 »). */
export function countText(n: number, lang: Lang): string {
  return n.toLocaleString(lang === 'en' ? 'en-US' : 'fr-FR');
}
