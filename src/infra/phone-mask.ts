/**
 * Masks phone numbers in free text, keeping the country calling code and the last two digits
 * (`+33612345678` → `+33*******78`), so logs stay useful for support without leaking callers.
 */
import { callingCodeOf } from '../domain/phone';

/**
 * `+` or its URL-encoded form, then 7 to 15 digits; or a national number with a trunk prefix `0`
 * (9 to 12 digits: French, Belgian, Swiss, British, German…).
 */
const PHONE_PATTERN = /(\+|%2B)(\d{7,15})\b|\b0[1-9]\d{7,10}\b/gi;

export function maskPhoneNumbers(text: string): string {
  return text.replace(PHONE_PATTERN, (match, plus: string | undefined, digits: string | undefined) => {
    if (plus && digits) {
      // An unassigned code keeps one digit: better too little context than a leaked number.
      const cc = callingCodeOf(`+${digits}`) ?? digits.slice(0, 1);
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
