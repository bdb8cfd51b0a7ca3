/**
 * Masks phone numbers in free text, keeping the country calling code and the last two digits
 * (`+33612345678` → `+33 *******78`), so logs stay useful for support without leaking callers.
 */

// ITU-T E.164 country calling codes: 1 and 7 are one digit, these are two, every other is three.
const TWO_DIGIT_CODES = new Set([
  '20',
  '27',
  '30',
  '31',
  '32',
  '33',
  '34',
  '36',
  '39',
  '40',
  '41',
  '43',
  '44',
  '45',
  '46',
  '47',
  '48',
  '49',
  '51',
  '52',
  '53',
  '54',
  '55',
  '56',
  '57',
  '58',
  '60',
  '61',
  '62',
  '63',
  '64',
  '65',
  '66',
  '81',
  '82',
  '84',
  '86',
  '90',
  '91',
  '92',
  '93',
  '94',
  '95',
  '98',
]);

export function countryCodeOf(digits: string): string {
  if (digits.startsWith('1') || digits.startsWith('7')) return digits.slice(0, 1);
  if (TWO_DIGIT_CODES.has(digits.slice(0, 2))) return digits.slice(0, 2);
  return digits.slice(0, 3);
}

/** `+` or its URL-encoded form, then 7 to 15 digits; or a French national number (0 + 9 digits). */
const PHONE_PATTERN = /(\+|%2B)(\d{7,15})\b|\b0[1-9]\d{8}\b/gi;

export function maskPhoneNumbers(text: string): string {
  return text.replace(PHONE_PATTERN, (match, plus: string | undefined, digits: string | undefined) => {
    if (plus && digits) {
      const cc = countryCodeOf(digits);
      return `${plus}${cc}${'*'.repeat(digits.length - cc.length - 2)}${digits.slice(-2)}`;
    }
    return `${match.slice(0, 1)}${'*'.repeat(match.length - 3)}${match.slice(-2)}`;
  });
}

/** Deep copy of a log entry's metadata with every string masked. */
export function maskDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskPhoneNumbers(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => maskDeep(v, depth + 1));
  if (value instanceof Error)
    return { name: value.name, message: maskPhoneNumbers(value.message), stack: value.stack };
  if (value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = maskDeep(v, depth + 1);
  return out;
}
