/**
 * Phone numbers for every layer, on libphonenumber-js: read (to E.164), validate, display, speak.
 * Numbers are stored and compared in E.164 only; national forms exist only on the way in and out.
 */
// `max` metadata: a server does not feel its extra 65 kB, and only `max` checks the digits, not just the length.
import { getCountryCallingCode, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { z } from 'zod';

export type { CountryCode };

function valid(text: string, country?: CountryCode) {
  const parsed = parsePhoneNumberFromString(text, country ? { defaultCountry: country } : undefined);
  return parsed?.isValid() ? parsed : undefined;
}

/**
 * The E.164 form of a number written any usual way (`+33 6 12…`, `0033…`); a national number
 * (`0612345678`) is read in `country`. Undefined when it is not a valid number.
 */
export function toE164(text: string, country?: CountryCode): string | undefined {
  return valid(text, country)?.number;
}

/**
 * A caller ID as a carrier may deliver it: usually E.164, sometimes the same digits without the
 * `+` (`33478123456`) or with the `00` prefix. Those become E.164 when they are a valid number;
 * anything else (`anonymous`, `266696687`, a short code) is kept as it came.
 */
export function normaliseCallerId(from: string): string {
  const text = from.trim();
  if (isE164Phone(text)) return text;
  const digits = /^(?:00)?(\d{8,15})$/.exec(text)?.[1];
  return (digits && toE164(`+${digits}`)) || text;
}

/** True when `number` is a valid number already written in E.164 (`+33612345678`). */
export function isE164Phone(number: string): boolean {
  return toE164(number) === number;
}

/** The country a number belongs to: for a client, the country of the number it is reached on. */
export function countryOf(number: string): CountryCode | undefined {
  return valid(number)?.country;
}

/** A client's country: its first number's, the one its callers dial (no setting to drift from it). */
export function clientCountry(client: { numbers: readonly string[] }): CountryCode | undefined {
  return countryOf(client.numbers[0] ?? '');
}

/** The country calling code (`33`, `1`, `353`) of `+` and digits, valid or not; undefined when unassigned. */
export function callingCodeOf(plusDigits: string): string | undefined {
  return parsePhoneNumberFromString(plusDigits)?.countryCallingCode;
}

const E164_EXAMPLE = '+33180000000';

/** A valid phone number in E.164, for profile, API and form schemas. */
export const e164PhoneSchema = z
  .string()
  .trim()
  .superRefine((text, ctx) => {
    if (isE164Phone(text)) return;
    const e164 = toE164(text);
    const message = e164
      ? `expected an E.164 phone number, without spaces or punctuation: ${e164}`
      : /^\+\d+$/.test(text)
        ? `${text} is not a valid phone number`
        : `expected an E.164 phone number such as ${E164_EXAMPLE}`;
    ctx.addIssue({ code: 'custom', message });
  })
  .meta({ description: 'A valid phone number in E.164 form.', examples: [E164_EXAMPLE] });

/**
 * How a person reads the number: the national form when it shares the calling code of `country`
 * (the viewer's or the client's; all of +1 dials alike), the international form otherwise. A text
 * that is no valid number (`anonymous`) is shown as it is.
 */
export function displayPhone(number: string, country?: CountryCode): string {
  const parsed = valid(number, country);
  if (!parsed) return number;
  const national = country !== undefined && parsed.countryCallingCode === getCountryCallingCode(country);
  return national ? parsed.formatNational() : parsed.formatInternational();
}

/** French pairs: "79 46" and "0 44", so a voice says "soixante-dix-neuf" and never "sept mille…". */
function frenchGroups(group: string): string[] {
  if (group.length <= 2 || (group.length === 3 && !group.startsWith('0'))) return [group];
  const pairs = group.length % 2 ? [group.slice(0, 1)] : [];
  for (let i = group.length % 2; i < group.length; i += 2) pairs.push(group.slice(i, i + 2));
  return pairs;
}

/**
 * The words of a TwiML `<Say>`: the display form's digit groups, "plus" for the international
 * prefix. French (`fr-…`) reads groups as numbers of at most three digits ("zéro six, douze…"),
 * as people give numbers in French; other languages read digit by digit ("4 1 5, 5 5 5…"), so a
 * voice never says "four hundred fifteen".
 */
export function spokenPhone(number: string, locale: string, country?: CountryCode): string {
  const readable = valid(number, country) ? number : normaliseCallerId(number);
  const shown = displayPhone(readable, country);
  const digits = shown.replace(/\D/g, '');
  const plus = shown.startsWith('+') ? 'plus ' : '';
  // Not a number we could read: its digits one by one, in threes, never as made-up pairs.
  if (!valid(readable, country)) return plus + (digits.match(/\d{1,3}/g) ?? []).map(oneByOne).join(', ');
  const groups = shown.match(/\d+/g) ?? [];
  if (locale.startsWith('fr')) return plus + groups.flatMap(frenchGroups).join(', ');
  return plus + groups.map(oneByOne).join(', ');
}

const oneByOne = (group: string) => group.split('').join(' ');
