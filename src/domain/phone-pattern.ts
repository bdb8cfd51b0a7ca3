/**
 * A caller's number as people and notifications write it: E.164 (`+33612345678`), international
 * spaced (`+33 6 12 34 56 78`), national (`06 12 34 56 78`, `0612345678`, `06.12.34.56.78`),
 * digits only (`33612345678`, `0033612345678`). Finding those in free text (digests, notes,
 * settings history) is what an access request or an erasure needs: the stored E.164 form is not
 * the only one the service writes.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/** What may separate digit groups in a written number (spaces, no-break spaces, dots, dashes). */
const SEP = '[\\s.\\-\\u00a0\\u202f/()]*';

/** The usual written forms of an E.164 number, for tests and for searching stored text. */
export function phoneForms(e164: string): string[] {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return [e164];
  const national = parsed.formatNational();
  return [
    ...new Set([e164, parsed.formatInternational(), national, national.replace(/\D/g, ''), e164.slice(1)]),
  ];
}

/**
 * A global regular expression matching the number in any of its written forms, with or without
 * separators, never inside a longer run of digits.
 */
export function phonePattern(e164: string): RegExp {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return new RegExp(`(?<!\\d)${e164.replace(/[^\d]/g, '').split('').join(SEP)}(?!\\d)`, 'g');
  const nsn = String(parsed.nationalNumber);
  const code = parsed.countryCallingCode;
  const nationalDigits = parsed.formatNational().replace(/\D/g, '');
  const trunk = nationalDigits.endsWith(nsn) ? nationalDigits.slice(0, -nsn.length) : '';
  const international = `(?:\\+|00)?${SEP}${code}${SEP}(?:0\\)${SEP})?`;
  const prefix = trunk ? `(?:${international}|${trunk}${SEP}|\\(${trunk}\\)${SEP})` : `(?:${international})`;
  const body = nsn.split('').join(SEP);
  // The plus sign is no word character: look behind for a digit only.
  return new RegExp(`(?<![\\d+])(?:${prefix})?\\(?${body}(?!\\d)`, 'g');
}

/** True when `text` names the number in any written form. */
export function namesPhone(text: string, pattern: RegExp): boolean {
  pattern.lastIndex = 0;
  const found = pattern.test(text);
  pattern.lastIndex = 0;
  return found;
}
