/**
 * The call-handling use cases: load the call, let the engine decide, save, apply effects.
 * They return actions; the webhook edge renders them to TwiML.
 */
import {
  failSafeAfterDial,
  PROMPTS,
  voiceFor,
  handleEvent,
  screenCallee,
  screenResult,
  startCall,
  unknownNumber,
  type Action,
  type ClientProfile,
  type FlowEvent,
} from '../flow';
import {
  createCall,
  findCall,
  recordCallStatus,
  updateCall,
  upgrades,
  type StoredCall,
} from '../store/calls';
import type { Client } from '../store/clients';
import { countCall, findContact } from '../store/contacts';
import { clientForId, clientForNumber, lastKnownClient } from './client-cache';
import { applyMessageEffects, outcomeOf, stepsOf } from './effects';
import type { CallDeps } from './ports';

export type Answer = { actions: Action[]; turn: number; profile?: ClientProfile };

export class UnknownCallError extends Error {
  override name = 'UnknownCallError';
}

export type IncomingCall = { callSid: string; from: string; to: string };

export async function answerIncoming(call: IncomingCall, deps: CallDeps): Promise<Answer> {
  const client = await clientForNumber(call.to);
  if (!client) {
    deps.logger.warn(`call to ${call.to}, a number that belongs to no client: answered and hung up`);
    return { actions: unknownNumber(), turn: 0 };
  }
  const contact = await findContact(client.id, call.from);
  const profile = withContactFlags(client, call.from, contact);
  const now = deps.now();
  const t = startCall({
    profile,
    caller: {
      number: call.from,
      known: Boolean(contact?.name),
      ...(contact?.name ? { name: contact.name } : {}),
    },
    callSid: call.callSid,
    now,
    calledNumber: call.to,
  });
  const { created, existing } = await createCall({
    callSid: call.callSid,
    clientId: client.id,
    from: call.from,
    to: call.to,
    locale: profile.locale,
    state: t.state,
    steps: stepsOf(t.effects),
    outcome: outcomeOf(t.effects),
    startedAt: now,
  });
  if (!created && existing) {
    // Twilio delivered the first webhook again: the first answer (turn 0), nothing counted twice.
    // Should the first request still be writing it, the answer just computed is the same greeting.
    const first = await deps.replies.get(call.callSid, 0);
    return { actions: first ? (JSON.parse(first) as Action[]) : t.actions, turn: 0, profile };
  }
  await deps.replies.put(call.callSid, 0, JSON.stringify(t.actions));
  await deps.callStates.set({
    callSid: call.callSid,
    clientId: client.id,
    from: call.from,
    to: call.to,
    locale: profile.locale,
    state: t.state,
    revision: 0,
    outcome: outcomeOf(t.effects) ?? 'in-progress',
  });
  await countCall(client.id, call.from, now);
  await applyMessageEffects(client, t.effects, deps);
  return { actions: t.actions, turn: t.state.turn, profile };
}

/** A contact marked VIP or blocked in the web list counts like the profile's own lists. */
function withContactFlags(
  client: Client,
  from: string,
  contact: { vip: boolean; blocked: boolean } | null,
): ClientProfile {
  if (!contact?.vip && !contact?.blocked) return client;
  return {
    ...client,
    vipNumbers: contact.vip ? [...client.vipNumbers, from] : client.vipNumbers,
    blockedNumbers: contact.blocked ? [...client.blockedNumbers, from] : client.blockedNumbers,
  };
}

/**
 * Applies one event of a live call. `turn` is the turn the callback URL was rendered for: an older
 * one means Twilio delivered that callback again, and gets the answer it got the first time.
 */
export function answerEvent(
  callSid: string,
  turn: number | undefined,
  event: FlowEvent,
  deps: CallDeps,
): Promise<Answer> {
  return deps.lock(callSid, () => applyEvent(callSid, turn, event, deps));
}

async function applyEvent(
  callSid: string,
  turn: number | undefined,
  event: FlowEvent,
  deps: CallDeps,
): Promise<Answer> {
  const call = await loadCall(callSid, deps);
  if (!call) throw new UnknownCallError(`no call ${callSid}`);
  const client = await clientForId(call.clientId);
  if (turn !== undefined && turn < call.state.turn) {
    const earlier = await deps.replies.get(callSid, turn + 1);
    if (earlier) {
      deps.logger.info(`replayed callback for turn ${turn} of ${callSid}`);
      return { actions: JSON.parse(earlier) as Action[], turn: turn + 1, profile: client };
    }
  }
  const t = handleEvent(client, call.state, event, deps.now());
  // The message first: if saving the call then fails, what the caller said is already stored.
  await applyMessageEffects(client, t.effects, deps);
  if (event.type === 'transcription') {
    // The engine leaves the state alone for late transcriptions; so do we (no race with the call).
    return { actions: t.actions, turn: call.state.turn, profile: client };
  }
  const outcome = outcomeOf(t.effects);
  await updateCall(call, { state: t.state, steps: stepsOf(t.effects), outcome });
  await deps.callStates.set(savedCall(call, t.state, outcome));
  await deps.replies.put(callSid, t.state.turn, JSON.stringify(t.actions));
  return { actions: t.actions, turn: t.state.turn, profile: client };
}

/** The status callback: the call is over (or moved); a caller who hung up mid-message is handled. */
export async function answerStatus(
  callSid: string,
  status: string,
  durationSeconds: number | undefined,
  deps: CallDeps,
): Promise<void> {
  const ended = ['completed', 'busy', 'failed', 'no-answer', 'canceled'].includes(status);
  await recordCallStatus(callSid, status, ended ? { at: deps.now(), durationSeconds } : null);
  if (!ended) return;
  const call = await loadCall(callSid, deps);
  if (call && call.state.step !== 'done') await answerEvent(callSid, undefined, { type: 'hangup' }, deps);
}

/** The transfer target's leg: who is calling and why, then "press 1 to accept". */
export async function answerScreen(
  parentCallSid: string,
  digits: string | undefined,
  phase: 'whisper' | 'result',
  deps: CallDeps,
): Promise<Answer> {
  const call = await loadCall(parentCallSid, deps);
  if (!call) throw new UnknownCallError(`no call ${parentCallSid}`);
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

/** The call's last saved state: the Redis copy when there is one, else MongoDB. */
async function loadCall(callSid: string, deps: CallDeps): Promise<StoredCall | null> {
  return (await deps.callStates.get(callSid)) ?? findCall(callSid);
}

function savedCall(call: StoredCall, state: StoredCall['state'], outcome: string | undefined): StoredCall {
  const kept = outcome && upgrades(call.outcome, outcome as never) ? outcome : call.outcome;
  return { ...call, state, revision: call.revision + 1, outcome: kept };
}
