/**
 * The transfer target's leg: who is calling and why, then "press 1". Anything else — a voicemail
 * greeting, silence, another key — declines, so the caller comes back to message taking.
 */
import { say, voiceFor, type Ctx } from './context';
import { diallableCaller, spokenNumber } from './phone';
import type { ClientProfile } from './profile';
import { PROMPTS } from './prompts';
import type { Action, CallState, FlowEvent, Transition } from './types';

/** TwiML for the `<Number url>` of each target: whisper + gather one key. */
export function screenCallee(profile: ClientProfile, state: CallState, _now?: Date): Action[] {
  const ctx = { voice: voiceFor(profile, profile.locale), state: { ...state, locale: profile.locale } };
  const p = PROMPTS[profile.locale];
  const who = state.message.callerName ?? state.caller.name;
  const urgent = state.menuChoice === 'urgent' || state.message.urgent === true || state.urgentHeard;
  const caller = diallableCaller(state);
  const number = caller ? spokenNumber(caller, profile.locale, state.calledNumber) : undefined;
  const reason = state.message.reason?.trim();
  const text = p.screenWhisper(profile.name, who, number, urgent, reason || undefined);
  return [
    {
      type: 'gather',
      input: 'dtmf',
      numDigits: 1,
      timeoutSeconds: 8,
      language: profile.locale,
      callback: 'screen-result',
      prompt: [say(ctx, text)],
    },
    // No key (a voicemail, silence): screen-result without digits declines.
    { type: 'redirect', callback: 'screen-result' },
  ];
}

/** '1' joins the parties (an empty response bridges); anything else declines on the callee's leg. */
export function screenResult(profile: ClientProfile, state: CallState, digits: string | undefined): Action[] {
  if (digits?.trim().startsWith('1')) return [];
  const ctx = { voice: voiceFor(profile, profile.locale), state: { ...state, locale: profile.locale } };
  return [say(ctx, PROMPTS[profile.locale].screenDeclined), { type: 'hangup' }];
}

/**
 * The target's leg as an engine event: its answer, and the caller's state untouched (the target's
 * leg is not one of the caller's turns, and records nothing).
 */
export function screening(
  ctx: Ctx,
  event: Extract<FlowEvent, { type: 'screen' | 'screen-result' }>,
): Transition {
  const { profile, state } = ctx;
  const actions =
    event.type === 'screen' ? screenCallee(profile, state) : screenResult(profile, state, event.digits);
  return { state, actions, effects: [] };
}
