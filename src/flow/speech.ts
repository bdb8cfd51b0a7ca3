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
  const t = removePhrases(normalise(text), NOT_URGENT);
  for (const [choice, words] of MENU_KEYWORDS) {
    if (words.some((w) => containsPhrase(t, w))) return choice;
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

/** "Ce n'est pas urgent", "not an emergency": urgency words that say the opposite. */
const NOT_URGENT = [
  'pas urgent',
  'pas urgente',
  'pas tres urgent',
  'pas une urgence',
  'pas d urgence',
  'rien d urgent',
  'sans urgence',
  'not urgent',
  'not an emergency',
  'no emergency',
  'nothing urgent',
  'non urgent',
];

export function soundsUrgent(text: string, extraKeywords: readonly string[] = []): boolean {
  const t = removePhrases(normalise(text), NOT_URGENT);
  return [...URGENCY_WORDS, ...extraKeywords].some((w) => containsPhrase(t, w));
}

/** `text` (normalised) without the whole-word occurrences of `phrases`. */
function removePhrases(text: string, phrases: readonly string[]): string {
  let t = ` ${text} `;
  for (const p of phrases) {
    const n = ` ${normalise(p)} `;
    while (t.includes(n)) t = t.replace(n, ' ');
  }
  return t.trim();
}

/** Said to agree although they contain a negation: removed before the negation is looked for. */
const YES_IDIOMS = [
  'pas de souci',
  'pas de soucis',
  'pas de probleme',
  'sans probleme',
  'sans souci',
  'pourquoi pas',
  'no problem',
  'not a problem',
  'no worries',
  'why not',
];
/** Neither yes nor no. */
const UNDECIDED = [
  'je ne sais pas',
  'je sais pas',
  'sais pas',
  'pas sur',
  'i don t know',
  'don t know',
  'not sure',
];

const YES = [
  'oui',
  'ouais',
  'ouai',
  'ouep',
  'c est bon',
  'c est ca',
  'c est correct',
  'c est juste',
  'c est exact',
  'exact',
  'exactement',
  'tout a fait',
  'd accord',
  'parfait',
  'absolument',
  'bien sur',
  'ok',
  'okay',
  'oki',
  'voila',
  'entendu',
  'affirmatif',
  'certainement',
  'effectivement',
  'evidemment',
  'correct',
  'je confirme',
  'confirme',
  'yes',
  'yeah',
  'yep',
  'yup',
  'that s right',
  'right',
  'sure',
  'of course',
  'absolutely',
  'exactly',
  'perfect',
  'fine',
  'alright',
  'all right',
  'confirm',
  'i confirm',
];
/** A negation wins over any yes-word the sentence also contains ("non, c'est pas ça"). */
const NO = [
  'non',
  'nan',
  'pas',
  'faux',
  'incorrect',
  'mauvais',
  'erreur',
  'no',
  'nope',
  'nah',
  'not',
  'wrong',
  'isn t',
  'don t',
  'doesn t',
  'negative',
];

/** Yes/no from speech, French or English; `undefined` when neither is heard. A negation wins. */
export function yesNo(text: string): boolean | undefined {
  const t = normalise(text);
  if (UNDECIDED.some((w) => containsPhrase(t, w))) return undefined;
  const rest = removePhrases(t, YES_IDIOMS);
  if (NO.some((w) => containsPhrase(rest, w))) return false;
  if (rest !== t || YES.some((w) => containsPhrase(rest, w))) return true;
  return undefined;
}

/** Words to help speech recognition at a yes/no question. */
export const YES_NO_HINTS: Readonly<Record<'fr' | 'en', readonly string[]>> = {
  fr: ['oui', 'non', "c'est bon", 'exact', "d'accord", 'tout à fait', "c'est ça", "ce n'est pas ça"],
  en: ['yes', 'no', "that's right", 'correct', 'sure', "that's wrong"],
};

/** Spoken words that ask for an appointment; not a keypad choice: a message with the request as its reason. */
export const APPOINTMENT_WORDS = [
  'rendez vous',
  'rdv',
  'consultation',
  'consulter',
  'prendre un creneau',
  'creneau',
  'appointment',
  'book',
  'booking',
  'schedule',
  'reschedule',
  'annuler mon rendez vous',
] as const;

export function soundsLikeAppointment(text: string): boolean {
  return APPOINTMENT_WORDS.some((w) => containsPhrase(text, w));
}
