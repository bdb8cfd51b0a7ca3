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

const UNITS: Readonly<Record<string, number>> = {
  zero: 0,
  oh: 0,
  un: 1,
  une: 1,
  one: 1,
  deux: 2,
  two: 2,
  trois: 3,
  three: 3,
  quatre: 4,
  four: 4,
  cinq: 5,
  five: 5,
  six: 6,
  sept: 7,
  seven: 7,
  huit: 8,
  eight: 8,
  neuf: 9,
  nine: 9,
};
const TEENS: Readonly<Record<string, number>> = {
  dix: 10,
  onze: 11,
  douze: 12,
  treize: 13,
  quatorze: 14,
  quinze: 15,
  seize: 16,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};
const TENS: Readonly<Record<string, number>> = {
  vingt: 20,
  vingts: 20,
  trente: 30,
  quarante: 40,
  cinquante: 50,
  soixante: 60,
  septante: 70,
  huitante: 80,
  octante: 80,
  nonante: 90,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};

type Group = { value: number; used: number };

/** 10–19 from `words[j]`: "douze", "dix-sept" (two words once normalised), "fifteen". */
function teenAt(words: readonly string[], j: number): Group | undefined {
  const unit = UNITS[words[j + 1] ?? ''];
  if (words[j] === 'dix' && unit !== undefined && unit >= 7) return { value: 10 + unit, used: 2 };
  const teen = TEENS[words[j] ?? ''];
  return teen === undefined ? undefined : { value: teen, used: 1 };
}

/** One group said as a number below 100, from `words[i]`: its value and how many words it used. */
function numberAt(words: readonly string[], i: number): Group | undefined {
  const w = words[i] ?? '';
  const eighty = w === 'quatre' && (words[i + 1] === 'vingt' || words[i + 1] === 'vingts');
  const tens = eighty ? 80 : TENS[w];
  if (tens !== undefined) {
    const head = eighty ? 2 : 1;
    const j = i + head + (words[i + head] === 'et' ? 1 : 0);
    // soixante-dix-huit, quatre-vingt-douze
    const teen = tens === 60 || tens === 80 ? teenAt(words, j) : undefined;
    if (teen) return { value: tens + teen.value, used: j - i + teen.used };
    const unit = UNITS[words[j] ?? ''];
    if (unit !== undefined && unit > 0) return { value: tens + unit, used: j - i + 1 };
    return { value: tens, used: head };
  }
  const teen = teenAt(words, i);
  if (teen) return teen;
  const unit = UNITS[w];
  return unit === undefined ? undefined : { value: unit, used: 1 };
}

/**
 * The digits of a phone number said aloud, as Twilio transcribes it: "06 12 34 56 78",
 * "zéro six douze trente-quatre…", "plus trente-trois six…", "four one five, five five five…".
 * Undefined when fewer than 6 digits are heard.
 */
export function digitsFromSpeech(text: string): string | undefined {
  const plus = /^\s*(\+|plus\b)/i.test(text.trim()) || /(^|\s)\+\d/.test(text);
  const words = normalise(text).split(' ');
  let digits = '';
  for (let i = 0; i < words.length;) {
    const w = words[i] ?? '';
    if (/^\d+$/.test(w)) {
      digits += w;
      i += 1;
      continue;
    }
    if (w === 'double' || w === 'triple') {
      const n = numberAt(words, i + 1);
      if (n && n.value < 10) {
        digits += String(n.value).repeat(w === 'double' ? 2 : 3);
        i += 1 + n.used;
        continue;
      }
    }
    const n = numberAt(words, i);
    if (n) {
      // "zéro six": each group is written as said, a lone unit being one digit.
      digits += String(n.value);
      i += n.used;
    } else i += 1;
  }
  if (digits.length < 6) return undefined;
  return plus ? `+${digits}` : digits;
}

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
