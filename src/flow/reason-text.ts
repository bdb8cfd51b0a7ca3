/**
 * The reason of a call out of what the caller said: greetings, fillers, lead-ins ("je voudrais"),
 * urgency clauses ("c'est urgent") and thanks removed; the words themselves kept as said.
 */
import { normalise, soundsLikeAppointment } from './speech';

/** Words that carry no content of their own: greetings, fillers, politeness, function words. */
const STOP_WORDS = new Set(
  (
    'bonjour bonsoir allo alors euh heu hum ben bah voila oui ouais non madame monsieur mademoiselle merci ' +
    'excusez moi pardon svp plait s il vous te je j me m tu vous nous il elle on ils elles c ce ca cela est ' +
    'suis etes sommes sont ai as a avez avons ont etait le la les l un une des de du d au aux et ou mais donc ' +
    'que qu qui pour par avec sans sur dans en y ne n pas plus tres bien voudrais voulais voudrait aimerais ' +
    'souhaiterais souhaite veux veut voulez appelle appelais appeler savoir est ce mon ma mes ton ta vos votre ' +
    'hello hi hey good morning afternoon evening yes yeah no well um uh er please thanks thank you i m me my ' +
    'we us our it s is am are was be the an of to for with at on in and or but so would like want need ' +
    'calling call d ll just this that about'
  ).split(' '),
);

/** Said before the request itself: dropped from the start of the reason. */
const LEAD_INS = [
  'je voudrais',
  'je voulais',
  'j aimerais',
  'je souhaiterais',
  'je souhaite',
  'je veux',
  'je vous appelle pour',
  'je vous appelle au sujet de',
  'j appelle pour',
  'j appelle au sujet de',
  'c est pour',
  'c est au sujet de',
  'c est a propos de',
  'c est concernant',
  'c est',
  'i would like to',
  'i would like',
  'i d like to',
  'i d like',
  'i want to',
  'i need to',
  'i m calling to',
  'i m calling about',
  'i am calling about',
  'it s about',
  'this is about',
];
const GREETINGS = [
  'bonjour',
  'bonsoir',
  'allo',
  'oui',
  'alors',
  'euh',
  'voila',
  'madame',
  'monsieur',
  'excusez moi',
  'hello',
  'hi',
  'yes',
  'well',
  'good morning',
  'good afternoon',
  'good evening',
];
const URGENCY_CLAUSES = [
  'c est tres urgent',
  'c est urgent',
  'c est une urgence',
  'c est assez urgent',
  'c est vraiment urgent',
  'c est pour une urgence',
  'pour une urgence',
  'en urgence',
  'urgence',
  'urgent',
  'it s urgent',
  'it s an emergency',
  'this is an emergency',
  'this is urgent',
  'emergency',
];
const THANKS = ['s il vous plait', 'svp', 'merci', 'merci beaucoup', 'please', 'thank you', 'thanks'];

/** Words of an intent itself: not content beyond the intent ("je voudrais laisser un message"). */
export const INTENT_WORDS: ReadonlySet<string> = new Set(
  'laisser message messages rappeler rappel rappelez leave message call back urgent urgence emergency'.split(
    ' ',
  ),
);

/** One spoken word with its normalised form (a word like "rendez-vous" becomes two). */
interface Word {
  raw: string;
  norm: string;
}

function wordsOf(clause: string): Word[] {
  return clause
    .split(/\s+/)
    .filter(Boolean)
    .map((raw) => ({ raw, norm: normalise(raw) }))
    .filter((w) => w.norm.length > 0);
}

/** Removes phrases from the start (or end) of `words`, repeatedly. */
function trim(words: Word[], phrases: readonly string[], end: boolean): Word[] {
  let rest = words;
  for (let changed = true; changed;) {
    changed = false;
    const text = rest.map((w) => w.norm).join(' ');
    for (const p of phrases) {
      const n = normalise(p);
      const hit = end ? text === n || text.endsWith(` ${n}`) : text === n || text.startsWith(`${n} `);
      if (!hit) continue;
      // Drop whole spoken words until their normalised forms cover the phrase.
      let covered = 0;
      const target = n.split(' ').length;
      while (covered < target && rest.length > 0) {
        const w = (end ? rest[rest.length - 1] : rest[0]) as Word;
        covered += w.norm.split(' ').length;
        rest = end ? rest.slice(0, -1) : rest.slice(1);
      }
      changed = true;
      break;
    }
  }
  return rest;
}

/** Meaningful words: not function words, greetings nor fillers, and not in `also`. */
export function meaningfulWords(text: string, also: ReadonlySet<string> = new Set()): string[] {
  return normalise(text)
    .split(' ')
    .filter((w) => w.length > 1 && !STOP_WORDS.has(w) && !also.has(w));
}

/**
 * The sentence without greetings, lead-ins ("je voudrais"), urgency clauses ("c'est urgent") and
 * thanks; clauses with nothing meaningful left are dropped. Undefined when nothing is left.
 */
export function cleanReason(text: string): string | undefined {
  const clauses = text
    .split(/[,.;:!?…]+/)
    .map((c) => wordsOf(c))
    .map((c) => trim(c, [...GREETINGS, ...THANKS, ...URGENCY_CLAUSES], false))
    .map((c) => trim(c, [...THANKS, ...URGENCY_CLAUSES, ...GREETINGS], true))
    .filter((c) => meaningfulWords(c.map((w) => w.raw).join(' '), INTENT_WORDS).length > 0 || isRequest(c));
  if (clauses.length === 0) return undefined;
  const [first, ...rest] = clauses;
  const head = trim(first as Word[], LEAD_INS, false);
  const parts = [head, ...rest].filter((c) => c.length > 0).map((c) => c.map((w) => w.raw).join(' '));
  const reason = parts.join(', ').trim();
  if (!reason) return undefined;
  return reason;
}

/** A clause that only says the intent ("laisser un message", "prendre rendez-vous") is still kept. */
function isRequest(words: Word[]): boolean {
  return soundsLikeAppointment(words.map((w) => w.raw).join(' '));
}
