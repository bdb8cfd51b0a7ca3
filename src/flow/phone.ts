/**
 * Phone numbers as people read them: "06 12 34 56 78" in French, "415 555 1234" in English.
 */
import type { Locale } from './profile';

const E164 = /^\+[1-9]\d{6,14}$/;

export function isDiallable(number: string): boolean {
  return E164.test(number);
}

function groups(digits: string, sizes: number[]): string[] {
  const out: string[] = [];
  let rest = digits;
  for (const size of sizes) {
    if (!rest) break;
    out.push(rest.slice(0, size));
    rest = rest.slice(size);
  }
  while (rest) {
    out.push(rest.slice(0, 2));
    rest = rest.slice(2);
  }
  return out;
}

/** Display form, digit-grouped; national form for French and North-American numbers. */
export function displayNumber(number: string, locale: Locale): string {
  const digits = number.replace(/\D/g, '');
  if (number.startsWith('+33') && digits.length === 11) return groups(`0${digits.slice(2)}`, []).join(' ');
  if (number.startsWith('+1') && digits.length === 11) {
    const national = digits.slice(1);
    return locale === 'en-US'
      ? groups(national, [3, 3, 4]).join(' ')
      : `+1 ${groups(national, [3, 3, 4]).join(' ')}`;
  }
  if (number.startsWith('+')) return `+${groups(digits, [2]).join(' ')}`;
  return locale === 'fr-FR' ? groups(digits, []).join(' ') : groups(digits, [3, 3, 4]).join(' ');
}

/**
 * Spoken form: French reads pairs ("zéro six, douze…" from "06 12"), English reads digit by digit
 * in groups, so a voice never says "four hundred fifteen".
 */
export function spokenNumber(number: string, locale: Locale): string {
  const shown = displayNumber(number, locale);
  const plus = shown.startsWith('+') ? 'plus ' : '';
  const parts = shown.replace(/^\+/, '').split(' ');
  if (locale === 'fr-FR') return plus + parts.join(', ');
  return plus + parts.map((g) => g.split('').join(' ')).join(', ');
}

/** Keypad entry → a callback number, or undefined when it cannot be a phone number. */
export function parseTypedNumber(digits: string): string | undefined {
  const d = digits.replace(/[^\d]/g, '');
  return d.length >= 6 && d.length <= 15 ? d : undefined;
}
