/** Display formats for the pages: dates in the client's time zone, readable phone numbers. */
import { displayPhone, type CountryCode } from '../domain/phone';
import { localeTag, type Lang } from './i18n';

/** The zone of dates shown without a client (the list's filters): the assistants'. */
export const DEFAULT_TIME_ZONE = 'Europe/Paris';

const formatters = new Map<string, Intl.DateTimeFormat>();

export function formatDateTime(date: Date, lang: Lang, timeZone = DEFAULT_TIME_ZONE): string {
  const key = `${lang}|${timeZone}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(localeTag(lang), { dateStyle: 'short', timeStyle: 'short', timeZone });
    formatters.set(key, f);
  }
  return f.format(date);
}

/** Time of day with seconds, for a call's timeline. */
export function formatTime(date: Date, lang: Lang, timeZone = DEFAULT_TIME_ZONE): string {
  return date.toLocaleTimeString(localeTag(lang), {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}

/**
 * A number as the pages show it: national beside a message of a client of its country
 * (`06 12 34 56 78`), international elsewhere (`+33 6 12 34 56 78`): admin pages span countries.
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
