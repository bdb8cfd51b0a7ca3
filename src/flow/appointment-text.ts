/**
 * Appointment times read aloud: "mardi 8 décembre à 10 h", "aujourd'hui à 16 h", "demain à 9 h" /
 * "Tuesday, December 8 at 10 AM". A date is said in full beyond tomorrow: for an appointment, the
 * date reassures more than "mardi" alone would.
 */
import { addMinutes } from '../domain/zoned-time';
import type { Locale } from '../domain/vocabulary';
import { localTime, weekdayOfDate } from './hours';
import { daysBetween, spokenDate, spokenTime } from './hours-text';
import { deOrElided } from './prompts';
import type { SlotPreference, SlotTimes } from './types';

/** "aujourd'hui", "demain", "mardi 8 décembre" / "today", "tomorrow", "Tuesday, December 8". */
export function spokenDayOf(date: string, today: string, locale: Locale): string {
  const ahead = daysBetween(today, date);
  const fr = locale === 'fr-FR';
  if (ahead === 0) return fr ? "aujourd'hui" : 'today';
  if (ahead === 1) return fr ? 'demain' : 'tomorrow';
  return spokenDate({ date, weekday: weekdayOfDate(date) }, today, locale);
}

/** The wall clock of an ISO instant in the client's timezone (the engine creates no dates itself). */
export function localAt(iso: string, timeZone: string) {
  return localTime(addMinutes(iso, 0), timeZone);
}

function at(locale: Locale, time: string): string {
  return `${locale === 'fr-FR' ? 'à' : 'at'} ${spokenTime(time, locale)}`;
}

/** "mardi 8 décembre à 10 h". */
export function spokenSlot(start: string, timeZone: string, now: Date, locale: Locale): string {
  const today = localTime(now, timeZone).date;
  const local = localAt(start, timeZone);
  return `${spokenDayOf(local.date, today, locale)} ${at(locale, local.time)}`;
}

/**
 * The slots as one phrase: "mardi 8 décembre à 10 h, ou mercredi 9 décembre à 14 h 30"; a slot on the
 * same day as the one before is said by its time alone ("…à 10 h, ou à 11 h").
 */
export function spokenSlots(slots: SlotTimes[], timeZone: string, now: Date, locale: Locale): string {
  const today = localTime(now, timeZone).date;
  let previousDay: string | undefined;
  const parts = slots.map((slot) => {
    const local = localAt(slot.start, timeZone);
    const sameDay = local.date === previousDay;
    previousDay = local.date;
    return sameDay
      ? at(locale, local.time)
      : `${spokenDayOf(local.date, today, locale)} ${at(locale, local.time)}`;
  });
  const or = locale === 'fr-FR' ? 'ou' : 'or';
  if (parts.length <= 1) return parts[0] ?? '';
  return `${parts.slice(0, -1).join(', ')}, ${or} ${parts[parts.length - 1]}`;
}

const PARTS_OF_DAY: Record<Locale, Record<NonNullable<SlotPreference['partOfDay']>, string>> = {
  'fr-FR': { morning: 'le matin', afternoon: "l'après-midi", evening: 'en fin de journée' },
  'en-US': { morning: 'in the morning', afternoon: 'in the afternoon', evening: 'late in the day' },
};

/** What was asked for, as said after "pas de créneau libre": "jeudi 10 décembre, l'après-midi". */
export function spokenPreference(
  preference: SlotPreference | undefined,
  timeZone: string,
  now: Date,
  locale: Locale,
): string | undefined {
  if (!preference) return undefined;
  const today = localTime(now, timeZone).date;
  const parts: string[] = [];
  if (preference.day) parts.push(spokenDayOf(preference.day, today, locale));
  if (preference.partOfDay) parts.push(PARTS_OF_DAY[locale][preference.partOfDay]);
  if (preference.notBefore && !preference.day) {
    const from = localAt(preference.notBefore, timeZone);
    const day = spokenDayOf(from.date, today, locale);
    parts.push(
      locale === 'fr-FR'
        ? `à partir ${deOrElided(day)}${from.time === '00:00' ? '' : ` ${at(locale, from.time)}`}`
        : from.time === '00:00'
          ? `from ${day} on`
          : `from ${day} ${at(locale, from.time)} on`,
    );
  }
  return parts.length ? parts.join(', ') : undefined;
}

/** A type's name inside a sentence: "Consultation" → "consultation", "IRM" stays as it is. */
export function typeInSentence(name: string): string {
  const text = name.trim();
  const rest = text.slice(1);
  return rest === rest.toLowerCase() ? text.charAt(0).toLowerCase() + rest : text;
}
