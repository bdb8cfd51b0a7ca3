/** Display formats for the pages: dates in the client's time zone, readable phone numbers. */
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

/** +33612345678 → +33 6 12 34 56 78; other numbers are left as they are. */
export function formatPhone(number: string): string {
  const fr = /^\+33(\d)(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(number);
  return fr ? `+33 ${fr.slice(1).join(' ')}` : number;
}
