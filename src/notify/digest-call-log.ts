/**
 * The digest's "Appels" section, in the client's language: how many calls of each kind, then one
 * line per call that left no message (a transfer answered, a silent caller, a hang-up, a blocked
 * number…), so that no call goes unseen. Text lines; the digest (digest.ts) places them.
 */
import { appointmentTime } from './appointment-texts';
import { callsOfWindow } from '../app/call-log';
import { callKind, leftNoMessage } from '../domain/call-kind';
import { kindWords, urgentWord } from '../domain/call-words';
import { clientCountry, displayPhone } from '../domain/phone';
import type { Outcome } from '../flow';
import type { CallLogEntry } from '../store/call-log';

type Lang = 'fr' | 'en';

const NB = '\u202f';

/** Counted in this order, each with its singular and plural. */
const COUNTED: Record<Lang, [Outcome, string, string][]> = {
  fr: [
    ['transferred', 'transféré', 'transférés'],
    ['message', 'message', 'messages'],
    ['appointment', 'rendez-vous', 'rendez-vous'],
    ['information', 'renseignement', 'renseignements'],
    ['abandoned', 'raccroché', 'raccrochés'],
    ['rejected', 'refusé', 'refusés'],
    ['failed', 'échec', 'échecs'],
  ],
  en: [
    ['transferred', 'transferred', 'transferred'],
    ['message', 'message', 'messages'],
    ['appointment', 'appointment', 'appointments'],
    ['information', 'information call', 'information calls'],
    ['abandoned', 'hung up', 'hung up'],
    ['rejected', 'rejected', 'rejected'],
    ['failed', 'failed', 'failed'],
  ],
};

const WORDS = {
  fr: {
    none: 'Aucun appel.',
    calls: (n: number) => `${n} appel${n > 1 ? 's' : ''}`,
    colon: `${NB}: `,
    noMessage: `Appels sans message${NB}:`,
  },
  en: {
    none: 'No calls.',
    calls: (n: number) => `${n} call${n === 1 ? '' : 's'}`,
    colon: ': ',
    noMessage: 'Calls that left no message:',
  },
};

/** French counts 0 and 1 as singular, English only 1. */
const plural = (n: number, lang: Lang) => (lang === 'fr' ? n > 1 : n !== 1);

export type DigestClient = { locale: string; timezone: string; numbers: readonly string[] };

/** The section's lines for calls already read (pure: the digest's tests and this module's). */
export function callLogLines(client: DigestClient, calls: CallLogEntry[]): string[] {
  const lang: Lang = client.locale.startsWith('en') ? 'en' : 'fr';
  const w = WORDS[lang];
  if (calls.length === 0) return [w.none];
  const counts = new Map<string, number>();
  for (const c of calls) counts.set(c.outcome, (counts.get(c.outcome) ?? 0) + 1);
  const parts = COUNTED[lang].flatMap(([outcome, one, many]) => {
    const n = counts.get(outcome) ?? 0;
    return n ? [`${n} ${plural(n, lang) ? many : one}`] : [];
  });
  const lines = [w.calls(calls.length) + w.colon + parts.join(', ')];
  // The same clock as the digest's messages: "9 h 12" / "9:12 AM".
  const time = {
    format: (d: Date) => appointmentTime(d, lang === 'en' ? 'en-US' : 'fr-FR', client.timezone),
  };
  const country = clientCountry(client);
  const silent = calls.filter((c) => leftNoMessage(callKind(c).kind));
  if (silent.length) lines.push(w.noMessage);
  for (const c of silent) {
    const { kind, place, urgent } = callKind(c);
    const who = c.callerName || displayPhone(c.from, country);
    const mark = urgent ? `${urgentWord(lang).toUpperCase()} ` : '';
    lines.push(`- ${time.format(c.startedAt)} – ${who} — ${mark}${kindWords(kind, lang, place)}`);
  }
  return lines;
}

/** The "Appels" section of a client's digest over [from, to), oldest call first. */
export async function digestCallLog(
  client: DigestClient & { id: string },
  from: Date,
  to: Date,
): Promise<string[]> {
  return callLogLines(client, await callsOfWindow(client.id, from, to));
}
