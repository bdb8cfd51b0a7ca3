/**
 * A slot as written for people, in pages and SMS: "mardi 8 décembre à 10 h 30" / "Tuesday, December 8
 * at 10:30 AM". The date and time read as the receptionist says them (`spokenDate`, `spokenTime`), so
 * the confirmation SMS repeats what the caller heard. Plain spaces, not French non-breaking ones: they
 * keep an SMS in the GSM alphabet (a single U+00A0 halves the characters per segment).
 */
import type { Locale } from '../domain/vocabulary';
import { localTime } from './hours';
import { spokenDate, spokenTime } from './hours-text';

/**
 * `slot`'s start on the clocks of `timeZone`. With `today` (`YYYY-MM-DD` in that zone), a date more than
 * six months ahead carries its year; without it, no year is written.
 */
export function describeSlotForPeople(
  slot: { start: Date },
  timeZone: string,
  locale: Locale,
  today?: string,
): string {
  const local = localTime(slot.start, timeZone);
  const date = spokenDate(local, today ?? local.date, locale);
  return `${date} ${locale === 'fr-FR' ? 'à' : 'at'} ${spokenTime(local.time, locale)}`;
}
