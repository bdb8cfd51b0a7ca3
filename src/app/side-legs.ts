/** The legs beside a caller's flow: the transfer target's screening, and the fail-safe's answers. */
import { failSafe, failSafeAfterDial, handleEvent, PROMPTS, voiceFor, type FlowEvent } from '../flow';
import { UnknownCallError, type Answer } from './call-handling';
import { clientForId, lastKnownClient } from './client-cache';
import { withTimeout } from '../store/timeout';
import { storeFailSafeMessage } from './failsafe-messages';
import type { CallDeps, FailSafeRecording } from './ports';

export type ScreenEvent = Extract<FlowEvent, { type: 'screen' | 'screen-result' }>;

/**
 * The transfer target's leg: the engine answers from the caller's call, read without its lock (the
 * caller's leg waits in its `<Dial>` meanwhile) and not saved (the target's leg changes nothing).
 */
export async function answerScreen(
  parentCallSid: string,
  event: ScreenEvent,
  deps: CallDeps,
): Promise<Answer> {
  const call = await deps.liveCalls.peek(parentCallSid);
  if (!call) throw new UnknownCallError(`no live call ${parentCallSid}`);
  const client = await clientForId(call.clientId);
  const t = handleEvent(client, call.state, event, deps.now());
  return { actions: t.actions, turn: t.state.turn, profile: client };
}

/**
 * The answer of `work` if it comes within `deadlineMs`, else the fail-safe's (`fallback`): Twilio
 * gives up after 15 s and plays its "application error" instead. The work goes on; its failure,
 * even a late one, is for whoever started it to log.
 */
export function answerWithin<T>(work: Promise<T>, deadlineMs: number, fallback: () => T): Promise<T> {
  return withTimeout(work, deadlineMs).catch(fallback);
}

/**
 * What the caller hears when the service cannot answer (a failure, a blown deadline): no state, no
 * database, the last profile known for the dialled number if any.
 */
export function answerFailSafe(to: string): Answer {
  const client = lastKnownClient(to);
  return { actions: failSafe(client ?? undefined), turn: 0, ...(client ? { profile: client } : {}) };
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

/**
 * A fail-safe recording's callback: the message is stored or parked, never retried as a fail-safe
 * (the caller has already left it), and the caller is thanked whatever happened to it. Without a
 * recording (the caller said nothing), only the thanks.
 */
export async function answerFailSafeRecording(
  left: Omit<FailSafeRecording, 'recording'> & { recording?: FailSafeRecording['recording'] },
  deps: CallDeps,
): Promise<Answer> {
  const { recording } = left;
  if (recording) {
    await storeFailSafeMessage({ ...left, recording }, deps).catch((err: Error) =>
      deps.logger.error(
        `fail-safe message of ${left.callSid} lost: ${err.message}; recording ${recording.sid} stays at Twilio`,
      ),
    );
  }
  return answerFailSafeClosing(left.to);
}
