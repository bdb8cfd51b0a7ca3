/**
 * Phone numbers during a call are read, shown and spoken for the client's country: the country of
 * the client's number the caller dialled. The rules themselves are src/domain/phone.ts.
 */
import { countryOf, displayPhone, isE164Phone, spokenPhone, toE164 } from '../domain/phone';
import type { Locale } from '../domain/vocabulary';
import type { CallState } from './types';

/** The caller ID when it can be called back: withheld (`anonymous`) and invalid IDs cannot. */
export function diallableCaller(state: CallState): string | undefined {
  return isE164Phone(state.caller.number) ? state.caller.number : undefined;
}

/** `number` as the client reached on `clientNumber` reads it: "06 12 34 56 78", "+1 415 555 1234". */
export function displayNumber(number: string, clientNumber: string): string {
  return displayPhone(number, countryOf(clientNumber));
}

/** `number` for `<Say>` in `locale`: "06, 12, 34, 56, 78"; "4 1 5, 5 5 5, 1 2 3 4". */
export function spokenNumber(number: string, locale: Locale, clientNumber: string): string {
  return spokenPhone(number, locale, countryOf(clientNumber));
}

/**
 * Keypad entry → the callback number in E.164, a national number being read in the client's
 * country (`0612345678` on a +33 line → `+33612345678`); undefined when it is no valid number.
 */
export function parseTypedNumber(digits: string, clientNumber: string): string | undefined {
  return toE164(digits.replace(/\D/g, ''), countryOf(clientNumber));
}
