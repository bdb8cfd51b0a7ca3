/**
 * Display formats for the pages, in the reader's conventions: French `02/12/2026 14:05`, US English
 * `12/02/2026, 2:05 PM` (month first, as the SMS say); dates in the client's time zone, said when
 * the clients shown do not share one; one readable form of phone numbers.
 */
import { displayPhone, type CountryCode } from '../domain/phone';
import { localeTag, type Lang } from './i18n';

/** The zone of dates shown without a client (the list's filters): the assistants'. */
export const DEFAULT_TIME_ZONE = 'Europe/Paris';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(lang: Lang, timeZone: string, kind: 'dateTime' | 'time' | 'seconds'): Intl.DateTimeFormat {
  const key = `${lang}|${timeZone}|${kind}`;
  let f = formatters.get(key);
  if (!f) {
    // French writes 08:05, US English 8:05 AM.
    const options: Intl.DateTimeFormatOptions = {
      hour: lang === 'fr' ? '2-digit' : 'numeric',
      minute: '2-digit',
      timeZone,
    };
    if (kind === 'seconds') options.second = '2-digit';
    if (kind === 'dateTime') Object.assign(options, { day: '2-digit', month: '2-digit', year: 'numeric' });
    f = new Intl.DateTimeFormat(localeTag(lang), options);
    formatters.set(key, f);
  }
  return f;
}

/** Date and time, numeric: `02/12/2026 14:05` (fr), `12/02/2026, 2:05 PM` (en). */
export function formatDateTime(date: Date, lang: Lang, timeZone = DEFAULT_TIME_ZONE): string {
  return formatter(lang, timeZone, 'dateTime').format(date);
}

/** Time of day with seconds, for a call's timeline. */
export function formatTime(date: Date, lang: Lang, timeZone = DEFAULT_TIME_ZONE): string {
  return formatter(lang, timeZone, 'seconds').format(date);
}

/** The city of an IANA zone, as people name the clock: `America/New_York` → `New York`. */
export function zoneCity(timeZone: string): string {
  return (timeZone.split('/').pop() ?? timeZone).replace(/_/g, ' ');
}

/** `heure de New York`, `heure d’Amsterdam`, `New York time`. */
export function zoneLabel(timeZone: string, lang: Lang): string {
  const city = zoneCity(timeZone);
  if (lang === 'en') return `${city} time`;
  return /^[aeiouyh]/i.test(city.normalize('NFD')) ? `heure d’${city}` : `heure de ${city}`;
}

/**
 * A time with its zone when it matters: `14:05 (heure de New York)`, `2:05 PM (New York time)`;
 * with `date`, the date too. `showZone` false gives the plain time: pass `zonesDiffer(…)` of
 * what the page shows, or whether the client's zone is not the reader's.
 */
export function timeWithZone(
  date: Date,
  timeZone: string,
  lang: Lang,
  showZone: boolean,
  options: { date?: boolean } = {},
): string {
  const shown = formatter(lang, timeZone, options.date ? 'dateTime' : 'time').format(date);
  return showZone ? `${shown} (${zoneLabel(timeZone, lang)})` : shown;
}

/** True when the clients (or messages' clients) shown are not all in one time zone. */
export function zonesDiffer(items: readonly { timezone?: string | null }[]): boolean {
  return new Set(items.map((i) => i.timezone ?? DEFAULT_TIME_ZONE)).size > 1;
}

/** True when a client's clock is not the assistants' (a page about one client then names its zone). */
export const isForeignZone = (timeZone: string | undefined): boolean =>
  timeZone !== undefined && timeZone !== DEFAULT_TIME_ZONE;

/**
 * A date and time a spreadsheet in the reader's language reads as a date, in `timeZone`:
 * `02/12/2026 14:05` (French Excel, day first), `12/02/2026 2:05 PM` (US Excel, month first).
 * Excel has no zoned date type: an ISO instant (`…T13:05:00Z`) or a time with its zone's name
 * stays text, neither sortable nor filterable by date, so the zone goes in a column of its own.
 */
export function spreadsheetDateTime(date: Date, lang: Lang, timeZone: string): string {
  const parts = Object.fromEntries(
    formatter(lang, timeZone, 'dateTime')
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  ) as Record<string, string>;
  const day = `${parts.day}/${parts.month}/${parts.year}`;
  if (lang === 'fr') return `${day} ${parts.hour}:${parts.minute}`;
  return `${parts.month}/${parts.day}/${parts.year} ${parts.hour}:${parts.minute} ${parts.dayPeriod}`;
}

/**
 * A number as the pages show it: national for a number of the client's country
 * (`06 12 34 56 78`), international otherwise (`+33 6 12 34 56 78`). Pass the client's country
 * wherever the page is about a client's message, call or setting: one number, one form.
 */
export function formatPhone(number: string, country?: CountryCode): string {
  return displayPhone(number, country);
}

/** "14 h 05" / "2:05 PM": a time of day as people write it, never split across two lines. */
export function formatClock(date: Date, lang: Lang, timeZone = DEFAULT_TIME_ZONE): string {
  if (lang === 'en') {
    return date
      .toLocaleTimeString('en-US', { timeZone, hour: 'numeric', minute: '2-digit' })
      .replace(/\s/g, '\u00a0');
  }
  const parts = new Intl.DateTimeFormat('fr-FR', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(date);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${Number(part('hour'))}\u00a0h\u00a0${part('minute')}`;
}
