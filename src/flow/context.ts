/**
 * What every step sees, and the small builders they share.
 */
import { diallableCaller, displayNumber, spokenNumber } from './phone';
import { soundsUrgent } from './speech';
import { VOICES_BY_LOCALE, type ClientProfile } from './profile';
import type { Locale } from '../domain/vocabulary';
import { PROMPTS, type Prompts, type SummaryFields } from './prompts';
import { YES_NO_HINTS } from './speech';
import type {
  Action,
  CallState,
  CallbackName,
  Effect,
  GatherInput,
  TakenMessage,
  Say,
  StepName,
} from './types';

export interface Ctx {
  profile: ClientProfile;
  state: CallState;
  now: Date;
  p: Prompts;
  voice: string;
}

/** Re-prompts before the safe path: a step is asked at most MAX_RETRIES + 1 times. */
export const MAX_RETRIES = 2;
export const GATHER_TIMEOUT_SECONDS = 6;

export function voiceFor(profile: ClientProfile | undefined, locale: Locale): string {
  if (profile?.voice && VOICES_BY_LOCALE[locale].includes(profile.voice)) return profile.voice;
  return VOICES_BY_LOCALE[locale][0] ?? 'Polly.Lea-Neural';
}

export function makeCtx(profile: ClientProfile, state: CallState, now: Date): Ctx {
  return { profile, state, now, p: PROMPTS[state.locale], voice: voiceFor(profile, state.locale) };
}

export function say(ctx: Pick<Ctx, 'voice' | 'state'>, text: string): Say {
  return { type: 'say', text, voice: ctx.voice, language: ctx.state.locale };
}

/** A gather always followed by a redirect, because Twilio skips `action` when nothing is heard. */
export function gather(
  ctx: Ctx,
  opts: {
    callback: CallbackName;
    input: GatherInput;
    prompt: string[];
    numDigits?: number;
    hints?: string[];
  },
): Action[] {
  const speech = opts.input !== 'dtmf';
  return [
    {
      type: 'gather',
      input: opts.input,
      ...(opts.numDigits !== undefined ? { numDigits: opts.numDigits } : {}),
      timeoutSeconds: GATHER_TIMEOUT_SECONDS,
      ...(speech ? { speechTimeout: 'auto' as const } : {}),
      ...(opts.hints?.length ? { hints: opts.hints } : {}),
      language: ctx.state.locale,
      callback: opts.callback,
      prompt: opts.prompt.map((t) => say(ctx, t)),
    },
    { type: 'redirect', callback: 'no-input' },
  ];
}

/** Twilio's limits on `hints`: each at most 100 characters; the list kept short. */
export const MAX_HINT_LENGTH = 100;
export const MAX_HINTS = 100;

/**
 * Speech hints for a gather: the step's expected words, then (with `client`) the client's vocabulary
 * and the transfer targets' names. Commas are removed (Twilio separates hints with them), duplicates
 * and over-long phrases dropped, the list bounded.
 */
export function speechHints(ctx: Ctx, words: readonly string[], client = false): string[] {
  const all = client
    ? [...words, ...ctx.profile.vocabulary, ...ctx.profile.transferTargets.map((t) => t.name)]
    : [...words];
  const seen = new Set<string>();
  const hints: string[] = [];
  for (const word of all) {
    const hint = word.replace(/,/g, ' ').replace(/\s+/g, ' ').trim();
    const key = hint.toLowerCase();
    if (!hint || hint.length > MAX_HINT_LENGTH || seen.has(key)) continue;
    seen.add(key);
    hints.push(hint);
    if (hints.length === MAX_HINTS) break;
  }
  return hints;
}

/** Yes/no words in the call's language, as hints. */
export function yesNoHints(ctx: Ctx): string[] {
  return speechHints(ctx, YES_NO_HINTS[ctx.state.locale === 'fr-FR' ? 'fr' : 'en']);
}

export function elapsedSeconds(state: CallState, now: Date): number {
  return Math.floor((now.getTime() - Date.parse(state.startedAt)) / 1000);
}

export function stepEffect(
  ctx: Ctx,
  name: StepName | 'start' | 'rejected' | 'timeout' | 'hangup' | 'calendar',
  detail = '',
): Effect {
  return { type: 'step', name, detail, at: ctx.now.toISOString() };
}

export function messageKey(callSid: string): string {
  return `message:${callSid}`;
}

export function hasMessageContent(state: CallState): boolean {
  const m = state.message;
  return Boolean(m.callerName || m.reason || m.recording || m.callbackNumber);
}

/** The confirmed callback number, else the caller ID when it can be called back. */
export function callbackNumberOf(state: CallState): string | undefined {
  return state.message.callbackNumber ?? diallableCaller(state);
}

export function summaryFields(state: CallState, locale: Locale, forSpeech: boolean): SummaryFields {
  const m = state.message;
  const number = callbackNumberOf(state);
  return {
    ...(m.callerName ? { callerName: m.callerName } : {}),
    ...(m.reason ? { reason: m.reason } : {}),
    ...(number
      ? {
          callbackNumber: forSpeech
            ? spokenNumber(number, locale, state.calledNumber)
            : displayNumber(number, state.calledNumber),
        }
      : {}),
    urgent: m.urgent === true,
    ...(m.reason && soundsUrgent(m.reason) ? { reasonSaysUrgent: true } : {}),
    recording: m.recording !== undefined,
  };
}

export function messageRecord(ctx: Ctx, final: boolean): TakenMessage {
  const { state, profile } = ctx;
  const m = state.message;
  const callbackNumber = callbackNumberOf(state);
  return {
    key: messageKey(state.callSid),
    callSid: state.callSid,
    ...(m.callerName ? { callerName: m.callerName } : {}),
    callerNumber: state.caller.number,
    ...(callbackNumber ? { callbackNumber } : {}),
    ...(m.reason ? { reason: m.reason } : {}),
    urgent: m.urgent === true,
    ...(m.recording ? { recording: m.recording } : {}),
    summary: PROMPTS[profile.locale].summary(summaryFields(state, profile.locale, false)),
    final,
  };
}
