/**
 * What the caller said: accent- and case-insensitive keyword matching on whole words, French and English.
 */
import type { MenuChoice } from './profile';

/** Lowercase, no accents, apostrophes and punctuation to spaces, single spaces. */
export function normalise(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** True when `phrase` (normalised) occurs in `text` as whole words. */
export function containsPhrase(text: string, phrase: string): boolean {
  const p = normalise(phrase);
  return p.length > 0 && ` ${normalise(text)} `.includes(` ${p} `);
}

/** Spoken menu keywords, in priority order: the first choice with a match wins. */
export const MENU_KEYWORDS: readonly (readonly [MenuChoice, readonly string[]])[] = [
  ['urgent', ['urgent', 'urgente', 'urgence', 'urgences', 'emergency', 'urgently']],
  ['message', ['message', 'laisser un message', 'leave a message', 'rappeler', 'rappel', 'call back']],
  [
    'hours',
    ['horaires', 'horaire', "heures d'ouverture", 'ouverture', 'ouvert', 'opening hours', 'hours', 'open'],
  ],
  ['address', ['adresse', 'address', 'où', 'where', 'located', 'situes', 'trouver']],
];

/** Keypad menu: 1 urgent, 2 message, 3 hours, 4 address. */
export const MENU_KEYS: Readonly<Record<string, MenuChoice>> = {
  '1': 'urgent',
  '2': 'message',
  '3': 'hours',
  '4': 'address',
};

export function menuChoiceFromSpeech(text: string): MenuChoice | undefined {
  for (const [choice, words] of MENU_KEYWORDS) {
    if (words.some((w) => containsPhrase(text, w))) return choice;
  }
  return undefined;
}

export function menuChoiceFromDigits(digits: string): MenuChoice | undefined {
  return MENU_KEYS[digits.trim().charAt(0)];
}

export const URGENCY_WORDS = [
  'urgent',
  'urgente',
  'urgence',
  'urgences',
  'en urgence',
  'au plus vite',
  'emergency',
  'urgently',
  'asap',
  'as soon as possible',
] as const;

export function soundsUrgent(text: string, extraKeywords: readonly string[] = []): boolean {
  return [...URGENCY_WORDS, ...extraKeywords].some((w) => containsPhrase(text, w));
}

const YES = [
  'oui',
  'ouais',
  'exact',
  'exactement',
  'd accord',
  'c est ca',
  'yes',
  'yeah',
  'yep',
  'correct',
  'sure',
];
const NO = ['non', 'no', 'nope', 'pas du tout', 'not'];

/** Yes/no from speech; `undefined` when neither (or both) is heard. */
export function yesNo(text: string): boolean | undefined {
  const yes = YES.some((w) => containsPhrase(text, w));
  const no = NO.some((w) => containsPhrase(text, w));
  return yes === no ? undefined : yes;
}
