/**
 * What to answer when the service itself cannot: no state, no rules, only a way for the caller to be
 * heard. The edge serves these from its error handler and for numbers that belong to no client.
 */
import { voiceFor } from './context';
import type { ClientProfile } from './profile';
import { LOCALES, type Locale } from '../domain/vocabulary';
import { PROMPTS, UNKNOWN_NUMBER } from './prompts';
import type { Action, Say } from './types';

function sayIn(profile: ClientProfile | undefined, locale: Locale, text: string): Say {
  return { type: 'say', text, voice: voiceFor(profile, locale), language: locale };
}

function recordPath(profile: ClientProfile | undefined, locale: Locale): Action[] {
  const p = PROMPTS[locale];
  return [
    sayIn(profile, locale, p.failSafeRecord),
    {
      type: 'record',
      maxLengthSeconds: profile?.messageTaking.maxRecordingSeconds ?? 120,
      timeoutSeconds: 5,
      transcribe: profile?.messageTaking.transcribe ?? true,
      callback: 'failsafe-recording',
      transcribeCallback: 'transcription',
      playBeep: true,
    },
    // Reached only when nothing was recorded.
    sayIn(profile, locale, p.goodbye),
    { type: 'hangup' },
  ];
}

/**
 * Apology, then the client's fallback number when set (its `failsafe-dial` callback is answered with
 * `failSafeAfterDial`), else a voice message (`failsafe-recording`, stored by the edge as is).
 */
export function failSafe(profile?: ClientProfile, locale?: Locale): Action[] {
  const loc: Locale = locale ?? profile?.locale ?? 'fr-FR';
  const p = PROMPTS[loc];
  const apology = sayIn(profile, loc, p.failSafe);
  if (profile?.fallbackNumber) {
    return [
      apology,
      sayIn(profile, loc, p.failSafeConnect),
      {
        type: 'dial',
        targets: [{ number: profile.fallbackNumber, ringSeconds: 30 }],
        callerId: profile.numbers[0] ?? profile.fallbackNumber,
        timeLimitSeconds: profile.maxCallSeconds,
        screening: false,
        callback: 'failsafe-dial',
      },
    ];
  }
  return [apology, ...recordPath(profile, loc)];
}

/** After the fallback number's dial: done if it was answered, else a voice message. */
export function failSafeAfterDial(
  profile: ClientProfile | undefined,
  bridged: boolean,
  locale?: Locale,
): Action[] {
  if (bridged) return [{ type: 'hangup' }];
  return recordPath(profile, locale ?? profile?.locale ?? 'fr-FR');
}

/** A number that belongs to no client: one polite sentence in French then English, and hang up. */
export function unknownNumber(): Action[] {
  return [...LOCALES.map((l) => sayIn(undefined, l, UNKNOWN_NUMBER[l])), { type: 'hangup' }];
}
