/** The legs beside a caller's flow: the transfer target's screening, and the fail-safe's answers. */
import { failSafeAfterDial, PROMPTS, screenCallee, screenResult, voiceFor } from '../flow';
import { UnknownCallError, type Answer } from './call-handling';
import { clientForId, lastKnownClient } from './client-cache';
import type { CallDeps } from './ports';

/** The transfer target's leg: who is calling and why, then "press 1 to accept". */
export async function answerScreen(
  parentCallSid: string,
  digits: string | undefined,
  phase: 'whisper' | 'result',
  deps: CallDeps,
): Promise<Answer> {
  const call = await deps.liveCalls.peek(parentCallSid);
  if (!call) throw new UnknownCallError(`no live call ${parentCallSid}`);
  const client = await clientForId(call.clientId);
  const actions =
    phase === 'whisper' ? screenCallee(client, call.state) : screenResult(client, call.state, digits);
  return { actions, turn: call.state.turn, profile: client };
}

/** After the fail-safe dialled the client's fallback number. */
export function answerFailSafeDial(to: string, bridged: boolean): Answer {
  const client = lastKnownClient(to);
  return {
    actions: failSafeAfterDial(client ?? undefined, bridged),
    turn: 0,
    ...(client ? { profile: client } : {}),
  };
}

/** After a fail-safe recording: thanks and goodbye, in the client's language when we know it. */
export function answerFailSafeClosing(to: string): Answer {
  const client = lastKnownClient(to);
  const locale = client?.locale ?? 'fr-FR';
  const say = {
    type: 'say' as const,
    text: PROMPTS[locale].closing,
    voice: voiceFor(client ?? undefined, locale),
    language: locale,
  };
  return { actions: [say, { type: 'hangup' }], turn: 0 };
}
