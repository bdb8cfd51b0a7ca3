/**
 * Opening hours read aloud, in natural French or English:
 * "du lundi au vendredi de 9 h à 12 h et de 14 h à 18 h, et le samedi de 9 h à 12 h".
 */
import { groupDays } from './hours';
import type { ClientProfile, TimeRange, Weekday } from './profile';
import type { Locale } from '../domain/vocabulary';

/** Weekday names as said in a sentence (lower case in French). */
export const DAY_NAMES: Record<Locale, Record<Weekday, string>> = {
  'fr-FR': {
    mon: 'lundi',
    tue: 'mardi',
    wed: 'mercredi',
    thu: 'jeudi',
    fri: 'vendredi',
    sat: 'samedi',
    sun: 'dimanche',
  },
  'en-US': {
    mon: 'Monday',
    tue: 'Tuesday',
    wed: 'Wednesday',
    thu: 'Thursday',
    fri: 'Friday',
    sat: 'Saturday',
    sun: 'Sunday',
  },
};

export function spokenTime(hhmm: string, locale: Locale): string {
  const [h = 0, m = 0] = hhmm.split(':').map(Number);
  const hour = h % 24;
  if (hour === 0 && m === 0) return locale === 'fr-FR' ? 'minuit' : 'midnight';
  if (locale === 'fr-FR') return m === 0 ? `${hour} h` : `${hour} h ${String(m).padStart(2, '0')}`;
  if (hour === 12 && m === 0) return 'noon';
  const h12 = hour % 12 === 0 ? 12 : hour % 12;
  const suffix = hour < 12 ? 'AM' : 'PM';
  return m === 0 ? `${h12} ${suffix}` : `${h12}:${String(m).padStart(2, '0')} ${suffix}`;
}

/** "a", "a et b", "a, b et c" (or "and"). */
export function joinList(items: string[], locale: Locale): string {
  const and = locale === 'fr-FR' ? 'et' : 'and';
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]}`;
}

function spokenShifts(shifts: TimeRange[], locale: Locale): string {
  const parts = shifts.map((s) =>
    locale === 'fr-FR'
      ? `de ${spokenTime(s.start, locale)} à ${spokenTime(s.end, locale)}`
      : `from ${spokenTime(s.start, locale)} to ${spokenTime(s.end, locale)}`,
  );
  return joinList(parts, locale);
}

function spokenDays(days: Weekday[], locale: Locale): string {
  const names = days.map((d) => DAY_NAMES[locale][d]);
  const first = names[0] ?? '';
  const last = names[names.length - 1] ?? '';
  if (locale === 'fr-FR') {
    if (names.length === 1) return `le ${first}`;
    if (names.length === 2) return `le ${first} et le ${last}`;
    return `du ${first} au ${last}`;
  }
  if (names.length === 1) return first;
  if (names.length === 2) return `${first} and ${last}`;
  return `${first} to ${last}`;
}

/** The weekly hours as one phrase, without the leading "we are open"; empty when never open. */
export function hoursPhrase(hours: ClientProfile['weeklyHours'], locale: Locale): string {
  const groups = groupDays(hours).map(
    (g) => `${spokenDays(g.days, locale)} ${spokenShifts(g.shifts, locale)}`,
  );
  if (groups.length <= 1) return groups[0] ?? '';
  const and = locale === 'fr-FR' ? 'et' : 'and';
  return `${groups.slice(0, -1).join(', ')}, ${and} ${groups[groups.length - 1]}`;
}

/** A full sentence for the "hours" menu choice. */
export function hoursSentence(profile: ClientProfile, locale: Locale = profile.locale): string {
  const phrase = hoursPhrase(profile.weeklyHours, locale);
  if (locale === 'fr-FR') {
    return phrase ? `Nous sommes ouverts ${phrase}.` : "Nous n'avons pas d'horaires d'ouverture réguliers.";
  }
  return phrase ? `We are open ${phrase}.` : 'We have no regular opening hours.';
}
