/**
 * Reading a voicemail's transcription the way a receptionist listens to it: who is calling ("c'est
 * Camille Martin", "this is…"), the number they ask to be called back on, and why they call — the
 * sentences left once greetings, the name, the number and the thanks are set aside. Pure and
 * table-tested: it guesses, so it only ever fills what the caller did not give during the call.
 */
import { findPhoneNumbersInText, type CountryCode } from 'libphonenumber-js/max';

export type VoicemailReading = {
  /** "Camille Martin"; absent when the caller did not say who they are. */
  callerName?: string;
  /** A number stated in the message, in E.164. */
  callbackNumber?: string;
  /** What the call is about, trimmed to REASON_MAX characters. */
  reason?: string;
};

/** Longest reason kept (characters): a summary line, not the whole transcription. */
export const REASON_MAX = 200;

/** `source` matching letters in either case, for the parts of a pattern whose other parts must not. */
const anyCase = (source: string) =>
  source.replace(/\\.|\p{L}/gu, (c) =>
    c.length > 1 || c.toLowerCase() === c.toUpperCase() ? c : `[${c.toLowerCase()}${c.toUpperCase()}]`,
  );

const TITLE = anyCase(
  String.raw`(?:(?:madame|monsieur|mademoiselle|mme|mlle|m\.|docteur|dr\.?|maître|me|mr\.?|mrs\.?|ms\.?|miss)\s+)?`,
);
const NAME_WORD = String.raw`\p{Lu}[\p{L}'’-]*`;
const INTRO = anyCase(
  String.raw`(?:c'est|c’est|ici|moi\s+c'est|moi\s+c’est|je\s+m'appelle|je\s+m’appelle|mon\s+nom\s+est|mon\s+nom\s+c'est|this\s+is|my\s+name\s+is|my\s+name's|it's|it’s|it\s+is)`,
);
const NAME_RE = new RegExp(
  String.raw`(?:^|[\s,;:])(${INTRO})\s+(${TITLE}${NAME_WORD}(?:[\s-]+${NAME_WORD}){0,2})`,
  'u',
);
/** Capitalised words that begin the next clause, never a name. */
const NOT_NAMES = new Set(
  (
    "je j j’ j' i et and de du pour for bonjour bonsoir hello hi salut merci thanks thank au " +
    'le la les un une the a urgent urgence moi me lundi mardi mercredi jeudi vendredi samedi dimanche ' +
    'monday tuesday wednesday thursday friday saturday sunday rappelez call vous you'
  ).split(' '),
);

const GREETING = String.raw`(?:bonjour|bonsoir|allô|allo|salut|oui|hello|hi|hey|good\s+(?:morning|afternoon|evening)|yes)(?:\s+(?:madame|monsieur|mesdames|messieurs|à\s+tous|there|everyone))?`;
const GREETING_RE = new RegExp(
  String.raw`^\s*${GREETING}(?:[\s,]+${GREETING})*(?:\s*[,.!;:]\s*|\s+|$)`,
  'iu',
);
const CLOSING_RE =
  /^\s*(?:(?:merci|thanks|thank\s+you)(?:\s+(?:beaucoup|bien|d'avance|d’avance|à\s+vous|very\s+much|a\s+lot|in\s+advance))*|au\s+revoir|bonne\s+(?:journée|soirée|fin\s+de\s+journée)|à\s+bientôt|goodbye|bye|have\s+a\s+(?:good|nice)\s+day|cordialement)\s*[,.!]?\s*/iu;
/** The words that announce a number: dropped with it. */
const NUMBER_LEAD =
  /(?:(?:vous\s+pouvez\s+|pouvez[-\s]vous\s+|pourriez[-\s]vous\s+|merci\s+de\s+)?(?:me\s+)?(?:rappeler|rappelez[-\s]moi|joindre|me\s+joindre|recontacter)\s+(?:au|sur\s+le)(?:\s+numéro)?|(?:mon\s+numéro|mon\s+téléphone|mon\s+portable)(?:\s+est|\s+c'est|\s+c’est)?(?:\s+le)?|au\s+numéro|au|(?:please\s+)?call\s+(?:me\s+)?back\s+(?:at|on)|(?:please\s+)?call\s+me\s+(?:at|on)|(?:you\s+can\s+)?reach\s+me\s+(?:at|on)|my\s+(?:number|phone(?:\s+number)?|cell)\s+is|at|on)\s*$/iu;
/** "J'appelle pour le renouvellement…" is about "le renouvellement…". */
const CALLING_ABOUT =
  /^(?:je\s+vous\s+appelle|j'appelle|j’appelle|je\s+vous\s+contacte|je\s+vous\s+téléphone|i'm\s+calling|i’m\s+calling|i\s+am\s+calling|rappelez[-\s]moi|call\s+me\s+back)\s+(?:pour|au\s+sujet\s+d[eu']\s*|concernant|à\s+propos\s+d[eu']\s*|about|regarding|concerning)\s*/iu;
/** "C'est au sujet du dossier Bernard" is about "dossier Bernard". */
const REGARDING =
  /^(?:(?:c'est|c’est)\s+)?(?:pour|au\s+sujet\s+d(?:e|u|es|')|concernant|à\s+propos\s+d(?:e|u|es|'))\s*(?=\S)/iu;
/** A request to be called back, with no number and nothing else: the callback is implied. */
const CALL_ME_BACK =
  /^(?:(?:please|pouvez[-\s]vous|pourriez[-\s]vous|merci\s+de)\s+)?(?:call\s+me\s+back|give\s+me\s+a\s+call|(?:me\s+)?rappelez[-\s]moi|me\s+rappeler)(?:[\s,]+(?:s'il\s+vous\s+plaît|s’il\s+vous\s+plaît|please|dès\s+que\s+possible|as\s+soon\s+as\s+possible|asap|rapidement|vite|merci|thanks))*\s*[?.!]?$/iu;
const ONLY_FILLER = /^(?:(?:et|and|donc|so|alors|voilà|euh|hum|well|ok|okay|oui|yes)\b[\s,]*)*$/iu;

/** Cuts a text into sentences at . ! ? (keeping "M." and "Dr." whole) and line breaks. */
function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])(?<!\b(?:M|Dr|Mr|Mrs|Ms|Me|Mme)\.)\s+|\n+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function findName(text: string): { name: string; at: number; end: number } | undefined {
  const re = new RegExp(NAME_RE.source, 'gu');
  for (const m of text.matchAll(re)) {
    const words = m[2]!.split(/\s+/);
    // A name stops at the first word that starts the next clause ("c'est Camille Je voulais").
    const kept: string[] = [];
    for (const word of words) {
      if (NOT_NAMES.has(word.toLowerCase().replace(/[’']$/, ''))) break;
      kept.push(word);
    }
    const title = new RegExp(`^${TITLE}$`, 'u');
    if (kept.length === 0 || kept.every((w) => title.test(`${w} `))) continue;
    const name = kept.join(' ');
    const start = m.index + m[0].indexOf(m[1]!);
    return { name, at: start, end: m.index + m[0].indexOf(m[2]!) + name.length };
  }
  return undefined;
}

/** Sentence case, no trailing punctuation. */
function tidy(text: string): string {
  const t = text
    .replace(/\s+/g, ' ')
    .replace(/^[\s,;:.!-]+|[\s,;:-]+$/g, '')
    .replace(/\s*[.!?]+$/, '')
    .trim();
  return t ? t[0]!.toUpperCase() + t.slice(1) : '';
}

function shortenReason(text: string): string {
  if (text.length <= REASON_MAX) return text;
  const cut = text.slice(0, REASON_MAX - 1);
  const atWord = cut.replace(/\s+\S*$/, '');
  return `${(atWord.length > REASON_MAX * 0.6 ? atWord : cut).replace(/[\s,;:.]+$/, '')}…`;
}

/**
 * What a transcription says of the caller, the number and the reason. `country` (the client's)
 * reads national numbers: "06 12 34 56 78" in FR, "(415) 555-0132" in US.
 */
export function readVoicemail(transcription: string, country: CountryCode | undefined): VoicemailReading {
  const text = transcription.replace(/\s+/g, ' ').trim();
  if (!text) return {};
  const reading: VoicemailReading = {};

  const found = findPhoneNumbersInText(text, country ? { defaultCountry: country } : {});
  const number = found[0];
  if (number) reading.callbackNumber = number.number.number;

  const name = findName(text);
  if (name) reading.callerName = name.name;

  const reasons: string[] = [];
  let offset = 0;
  for (const sentence of sentences(text)) {
    const start = text.indexOf(sentence, offset);
    offset = start + sentence.length;
    let rest = sentence;
    // Remove the number (and the words announcing it), the name clause, greetings and thanks.
    for (const n of [...found].reverse()) {
      if (n.startsAt < start || n.endsAt > offset) continue;
      const before = rest.slice(0, n.startsAt - start).replace(NUMBER_LEAD, '');
      rest = `${before} ${rest.slice(n.endsAt - start)}`;
    }
    if (name && name.at >= start && name.end <= offset) {
      const [a, b] = [name.at - start, name.end - start];
      // A short tail of the name's clause goes with it ("c'est Camille Martin du cabinet Roux, …").
      const after = rest
        .slice(b)
        .replace(/^[^,;:]{0,40}(?=[,;:])/u, (tail) => (tail.trim().split(/\s+/).length <= 5 ? '' : tail));
      rest = `${rest.slice(0, a)} ${after}`;
    }
    rest = rest.replace(/\s+/g, ' ').trim();
    let previous = '';
    while (previous !== rest) {
      previous = rest;
      rest = rest
        .replace(GREETING_RE, '')
        .replace(CLOSING_RE, '')
        .replace(/^(?:et|and)\s+/iu, '')
        .replace(/^[\s,;:.!-]+/, '')
        .replace(CALLING_ABOUT, '')
        .replace(REGARDING, '')
        .trim();
    }
    rest = rest.replace(/[,;:]\s*(?:merci|thanks|thank you)[^,;:]*$/iu, '').trim();
    // A clause left with nothing but connectives or punctuation says nothing.
    const words = tidy(rest);
    if (!words || CALL_ME_BACK.test(words) || ONLY_FILLER.test(words) || !/\p{L}{2,}/u.test(words)) continue;
    reasons.push(words);
  }
  if (reasons.length) reading.reason = shortenReason(reasons.join('. '));
  return reading;
}
