/**
 * A phone number said aloud, as Twilio's speech recognition writes it: digits ("06 12 34 56 78"),
 * French number words in pairs ("zéro six douze trente-quatre…"), English digit words.
 */
import { normalise } from './speech';

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
