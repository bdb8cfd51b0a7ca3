/**
 * The search of the message list, without collation or text index (FerretDB v1 has neither):
 * each message stores `searchText`, its searchable fields folded once at write time, and a search
 * is an escaped regex of the input folded the same way. Folding ignores case, accents, ligatures
 * and the spaces, dots and dashes people put between digits; phone numbers are added in the forms
 * people type them (national digits, international digits), so `0612345602`, `06.12.34.56.02`,
 * `+33 6 12 34 56 02` and `0033612345602` all find `+33612345602`.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { CountryCode } from './phone';

/** Bumped when the folding changes: the backfill then rewrites every message's field. */
export const SEARCH_TEXT_VERSION = 1;

const LIGATURES: Record<string, string> = { œ: 'oe', æ: 'ae', ß: 'ss', '’': "'", ʼ: "'" };

/**
 * Lower case, no accents (NFD, combining marks dropped), ligatures spelled out, one space between
 * words (dashes and underscores count as spaces), digit groups joined (`06 12.34-56` → `06123456`).
 */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[œæß’ʼ]/g, (c) => LIGATURES[c] ?? c)
    .replace(/(\d)[\s.\-/]+(?=\d)/g, '$1')
    .replace(/[\s\-_]+/g, ' ')
    .trim();
}

/** The forms a person may type a number in: international digits (`33612345602`), national (`0612345602`). */
export function phoneSearchForms(number: string): string[] {
  const parsed = parsePhoneNumberFromString(number);
  if (!parsed?.isValid()) {
    const digits = number.replace(/\D/g, '');
    return digits ? [digits] : [];
  }
  const international = parsed.number.slice(1);
  const national = parsed.formatNational().replace(/\D/g, '');
  return national === international ? [international] : [international, national];
}

/** The fields of a message the list's search reads. */
export type Searchable = {
  callerName?: string | null;
  callerNumber?: string | null;
  callbackNumber?: string | null;
  reason?: string | null;
  summary?: string | null;
  transcription?: string | null;
};

/** What a message stores in `searchText`: its folded fields and its numbers' forms, one per line. */
export function searchTextOf(m: Searchable): string {
  const numbers = [m.callerNumber, m.callbackNumber].flatMap((n) => (n ? phoneSearchForms(n) : []));
  const texts = [m.callerName, m.reason, m.summary, m.transcription].map((t) => foldText(t ?? ''));
  return [...new Set([...numbers, ...texts.filter(Boolean)])].join('\n');
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The regex source that finds `input` in `searchText` (null when the input folds to nothing).
 * An input that is a phone number also matches by its international digits: the typed digits are
 * matched as they are (a national number, part of a number), and a number read with `country`
 * (`+33…`, `0033…`, or national in the client's country) by the digits every message stores.
 */
export function searchPattern(input: string, country?: CountryCode): string | null {
  const folded = foldText(input);
  if (!folded) return null;
  const alternatives = new Set([folded]);
  const compact = input.replace(/[\s.\-/()]/g, '');
  if (/^(?:\+|00)?\d{4,}$/.test(compact)) {
    const international = compact.replace(/^(?:\+|00)/, '+');
    const parsed = parsePhoneNumberFromString(
      international,
      international.startsWith('+') ? undefined : country ? { defaultCountry: country } : undefined,
    );
    if (parsed?.isValid()) alternatives.add(parsed.number.slice(1));
    alternatives.add(compact.replace(/^\+|^00/, ''));
  }
  return [...alternatives].map(escapeRegex).join('|');
}
