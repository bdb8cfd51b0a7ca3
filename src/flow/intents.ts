/**
 * What a caller's first sentence asks for, and what in it is worth keeping as the reason of the call:
 * "Bonjour, je voudrais prendre rendez-vous avec le docteur" is an appointment request whose reason
 * is "prendre rendez-vous avec le docteur". French and English, accent- and case-insensitive.
 */
import { urgencyKeywordsOf } from './client-speech';
import type { ClientProfile, MenuChoice } from './profile';
import { cleanReason, INTENT_WORDS, meaningfulWords } from './reason-text';
import {
  containsPhrase,
  menuChoiceFromSpeech,
  normalise,
  soundsLikeAppointment,
  soundsUrgent,
} from './speech';

export type Intent = MenuChoice | 'appointment' | 'person' | 'content';

export interface Understood {
  intent?: Intent;
  /** Urgency heard, whatever the intent. */
  urgent: boolean;
  /** What is worth keeping as the reason of the call, as said (accents and case kept). */
  reason?: string;
  /** Index in `profile.transferTargets` of the person the caller asked for. */
  target?: number;
}

/** A sentence with no intent is still a request when it has this many meaningful words. */
export const MIN_CONTENT_WORDS = 3;

const PERSON_TITLES = new Set(
  'dr docteur doctor madame mme monsieur mr mrs ms miss maitre me professeur pr'.split(' '),
);

const TITLES = ['docteur', 'dr', 'doctor', 'madame', 'monsieur', 'mr', 'mrs', 'ms', 'maitre'];
const ASKING = ['parler a', 'parler au', 'parler avec', 'joindre', 'speak to', 'speak with', 'talk to'];

/**
 * Phrases that name a target in a sentence: its full name, title + surname, and a first name or
 * surname only after "parler à", "speak to"… — so a caller who introduces herself ("c'est Claire
 * Dupont") is not put through to Dr Claire Martin.
 */
function nameMatches(name: string): string[] {
  const tokens = normalise(name)
    .split(' ')
    .filter((t) => !PERSON_TITLES.has(t));
  if (tokens.length === 0) return [];
  const last = tokens[tokens.length - 1] as string;
  const phrases = [tokens.join(' '), ...TITLES.map((title) => `${title} ${last}`)];
  for (const t of tokens) if (t.length >= 3) phrases.push(...ASKING.map((a) => `${a} ${t}`));
  return phrases;
}

/** The transfer target the caller names, by its best (longest) matching phrase. */
export function targetNamed(text: string, profile: ClientProfile): number | undefined {
  let best: { index: number; length: number } | undefined;
  profile.transferTargets.forEach((t, index) => {
    for (const phrase of nameMatches(t.name)) {
      if (containsPhrase(text, phrase) && (!best || phrase.length > best.length)) {
        best = { index, length: phrase.length };
      }
    }
  });
  return best?.index;
}

/**
 * The caller's sentence at the menu. Priority: urgent, appointment, message, hours, address, a
 * person's name, then a sentence with content (≥ MIN_CONTENT_WORDS meaningful words).
 */
export function understand(text: string, profile: ClientProfile): Understood {
  const urgent = soundsUrgent(text, urgencyKeywordsOf(profile));
  const target = targetNamed(text, profile);
  const withTarget = target === undefined ? {} : { target };
  const reason = cleanReason(text);
  const contentBeyondIntent = meaningfulWords(reason ?? '', INTENT_WORDS).length > 0;
  const kept = reason && contentBeyondIntent ? { reason } : {};
  if (urgent) return { intent: 'urgent', urgent, ...kept, ...withTarget };
  if (soundsLikeAppointment(text)) return { intent: 'appointment', urgent, ...(reason ? { reason } : {}) };
  const choice = menuChoiceFromSpeech(text);
  if (choice === 'message') return { intent: 'message', urgent, ...kept, ...withTarget };
  if (choice) return { intent: choice, urgent };
  if (target !== undefined) return { intent: 'person', urgent, target };
  if (meaningfulWords(text).length >= MIN_CONTENT_WORDS && reason) {
    return { intent: 'content', urgent, reason };
  }
  return { urgent };
}

const CANCEL_WORDS = ['annuler', 'annulation', 'supprimer', 'cancel', 'cancellation'];
const MOVE_WORDS = [
  'deplacer',
  'decaler',
  'changer',
  'reporter',
  'modifier',
  'avancer',
  'move',
  'reschedule',
  'change',
  'postpone',
];

/** An appointment sentence that asks to cancel or move one rather than to book ("annuler mon rendez-vous"). */
export function appointmentChange(text: string): 'move' | 'cancel' | undefined {
  if (CANCEL_WORDS.some((w) => containsPhrase(text, w))) return 'cancel';
  if (MOVE_WORDS.some((w) => containsPhrase(text, w))) return 'move';
  return undefined;
}
