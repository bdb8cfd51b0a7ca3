/**
 * Appointment dates and times as people read them, in the client's time zone: « mardi 8 décembre
 * à 10 h 30 » in French (non-breaking spaces, so a line never splits "10 h"), "Tuesday, December 8
 * at 10:30 AM" in English (US conventions, as the call and the SMS say it). Shared by the pages and
 * the admin API's `local` texts.
 */
import { wallClock } from './zoned-time';

export type TextLang = 'fr' | 'en';

const NBSP = '\u00a0';
const dayFormatters = new Map<string, Intl.DateTimeFormat>();

function dayFormatter(lang: TextLang, timeZone: string, withYear: boolean): Intl.DateTimeFormat {
  const key = `${lang}|${timeZone}|${withYear}`;
  let f = dayFormatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-US', {
      timeZone,
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      ...(withYear ? { year: 'numeric' } : {}),
    });
    dayFormatters.set(key, f);
  }
  return f;
}

/** "10 h", "10 h 30" (French, non-breaking) or "10:30 AM" (English, non-breaking). */
export function clockText(at: Date, lang: TextLang, timeZone: string): string {
  const [h = '00', m = '00'] = wallClock(at, timeZone).time.split(':');
  if (lang === 'en') {
    const hour = Number(h) % 12 || 12;
    return `${hour}:${m}${NBSP}${Number(h) < 12 ? 'AM' : 'PM'}`;
  }
  const hour = String(Number(h));
  return m === '00' ? `${hour}${NBSP}h` : `${hour}${NBSP}h${NBSP}${m}`;
}

/** « mardi 8 décembre », "Tuesday, December 8"; the year only when asked (another year than now's). */
export function dayText(at: Date, lang: TextLang, timeZone: string, withYear = false): string {
  return dayFormatter(lang, timeZone, withYear).format(at);
}

/** « mardi 8 décembre à 10 h 30 », "Tuesday, December 8 at 10:30 AM". */
export function slotText(at: Date, lang: TextLang, timeZone: string): string {
  return `${dayText(at, lang, timeZone)} ${lang === 'fr' ? 'à' : 'at'} ${clockText(at, lang, timeZone)}`;
}

/** « 10 h – 10 h 30 », "10:00 AM–10:30 AM". */
export function timeRangeText(start: Date, end: Date, lang: TextLang, timeZone: string): string {
  const sep = lang === 'fr' ? `${NBSP}–${NBSP}` : '–';
  return `${clockText(start, lang, timeZone)}${sep}${clockText(end, lang, timeZone)}`;
}
