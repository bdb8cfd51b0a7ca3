/**
 * The call-handling use cases: take the live call, let the engine decide, store what is durable,
 * save the call. They return actions; the webhook edge renders them to TwiML.
 *
 * Per webhook: two Redis round trips (take the call with its lock; save it and release), and
 * MongoDB only for durable things — the caller's contact when the call starts, the message when it
 * is complete, the Call record and the contact's count when the call ends.
 */
import {
  failSafeAfterDial,
  handleEvent,
  messageKey,
  PROMPTS,
  screenCallee,
  screenResult,
  startCall,
  unknownNumber,
  voiceFor,
  type Action,
  type ClientProfile,
  type FlowEvent,
} from '../flow';
import type { Client } from '../store/clients';
import type { Contact } from '../store/contacts';
import { applyMessageEffects, eventFor } from './call-messages';
import { clientForId, clientForNumber, lastKnownClient } from './client-cache';
import { advance, outcomeOf, stepsOf, type LiveCall, type LiveCallLease } from './live-call';
import type { CallDeps } from './ports';

export type Answer = { actions: Action[]; turn: number; profile?: ClientProfile };

export class UnknownCallError extends Error {
  override name = 'UnknownCallError';
}

export type IncomingCall = { callSid: string; from: string; to: string };

/** Runs `work` holding the call's lease; a lease not saved or ended is released. */
async function withCall<T>(
  callSid: string,
  replayTurn: number | undefined,
  deps: CallDeps,
  work: (lease: LiveCallLease) => Promise<T>,
  waitMs?: number,
): Promise<T> {
  const lease = await deps.liveCalls.acquire(callSid, replayTurn, waitMs);
  try {
    return await work(lease);
  } finally {
    await lease.release();
  }
}

const replayed = (lease: LiveCallLease, turn: number, profile?: ClientProfile): Answer | null =>
  lease.replay
    ? { actions: JSON.parse(lease.replay) as Action[], turn, ...(profile ? { profile } : {}) }
    : null;

export async function answerIncoming(call: IncomingCall, deps: CallDeps): Promise<Answer> {
  const client = await clientForNumber(call.to);
  if (!client) {
    deps.logger.warn(`call to ${call.to}, a number that belongs to no client: answered and hung up`);
    return { actions: unknownNumber(), turn: 0 };
  }
  return withCall(call.callSid, 0, deps, async (lease) => {
    // Twilio delivered the first webhook again: the first answer, nothing counted twice.
    if (lease.call) return replayed(lease, 0, client) ?? { actions: [], turn: 0 };
    const contact = await deps.records.findContact(client.id, call.from);
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
    const live: LiveCall = {
      callSid: call.callSid,
      clientId: client.id,
      from: call.from,
      to: call.to,
      locale: profile.locale,
      startedAt: now.toISOString(),
      state: t.state,
      outcome: outcomeOf(t.effects) ?? 'in-progress',
      steps: stepsOf(t.effects),
    };
    const events = await applyMessageEffects(client, t.effects, deps);
    await lease.save(live, { turn: 0, actions: JSON.stringify(t.actions) }, events);
    return { actions: t.actions, turn: t.state.turn, profile };
  });
}

/** A contact marked VIP or blocked in the web list counts like the profile's own lists. */
function withContactFlags(client: Client, from: string, contact: Contact | null): ClientProfile {
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
  return withCall(callSid, turn === undefined ? undefined : turn + 1, deps, async (lease) => {
    const call = lease.call;
    if (!call) throw new UnknownCallError(`no live call ${callSid}`);
    const client = await clientForId(call.clientId);
    if (turn !== undefined && turn < call.state.turn) {
      const again = replayed(lease, turn + 1, client);
      if (again) {
        deps.logger.info(`replayed callback for turn ${turn} of ${callSid}`);
        return again;
      }
    }
    const t = handleEvent(client, call.state, event, deps.now());
    // The message first: what the caller said is stored (or parked) before the call moves on.
    const events = await applyMessageEffects(client, t.effects, deps);
    await lease.save(advance(call, t), { turn: t.state.turn, actions: JSON.stringify(t.actions) }, events);
    return { actions: t.actions, turn: t.state.turn, profile: client };
  });
}

/** How long the end of a call waits for a webhook of the same call still running (ms). */
const END_WAIT_MS = 10_000;

const ENDED = new Set(['completed', 'busy', 'failed', 'no-answer', 'canceled']);

/**
 * The status callback. When the call is over: a caller who hung up mid-message is handled, then
 * the call goes on record (Call and contact, once) and its live state is dropped.
 */
export async function answerStatus(
  callSid: string,
  status: string,
  durationSeconds: number | undefined,
  deps: CallDeps,
): Promise<void> {
  if (!ENDED.has(status)) return;
  // Twilio does not wait for this answer: wait out a slow webhook of the call rather than miss the end.
  await withCall(
    callSid,
    undefined,
    deps,
    (lease) => endCall(lease, status, durationSeconds, deps),
    END_WAIT_MS,
  );
}

async function endCall(
  lease: LiveCallLease,
  status: string,
  durationSeconds: number | undefined,
  deps: CallDeps,
): Promise<void> {
  let call = lease.call;
  // Already on record (Twilio retried the callback), or never ours: nothing to do.
  if (!call) return lease.end();
  const client = await clientForId(call.clientId);
  let events: Awaited<ReturnType<typeof applyMessageEffects>> = [];
  if (call.state.step !== 'done') {
    const t = handleEvent(client, call.state, { type: 'hangup' }, deps.now());
    events = await applyMessageEffects(client, t.effects, deps);
    call = advance(call, t);
  }
  const endedAt = deps.now();
  await deps.records.recordCall({
    callSid: call.callSid,
    clientId: call.clientId,
    from: call.from,
    to: call.to,
    locale: call.locale,
    status,
    outcome: call.outcome === 'in-progress' ? 'abandoned' : call.outcome,
    steps: call.steps,
    startedAt: new Date(call.startedAt),
    endedAt,
    ...(durationSeconds !== undefined ? { durationSeconds } : {}),
  });
  await deps.records.countContactCall(
    call.clientId,
    call.from,
    new Date(call.startedAt),
    call.state.message.callerName || undefined,
  );
  await lease.end(events);
}

/**
 * Closes the calls whose end Twilio never reported (no webhook for `idleMs`): the flow stops where
 * it was, and the call goes on record like any other. Run by the worker.
 */
export async function closeIdleCalls(deps: CallDeps, idleMs: number, limit = 500): Promise<number> {
  const stale = await deps.liveCalls.idleSince(new Date(deps.now().getTime() - idleMs), limit);
  let closed = 0;
  for (const callSid of stale) {
    try {
      await withCall(callSid, undefined, deps, (lease) => endCall(lease, 'unknown', undefined, deps));
      closed += 1;
    } catch (err) {
      deps.logger.warn(`idle call ${callSid} not closed yet: ${(err as Error).message}`);
    }
  }
  return closed;
}

/** A transcription Twilio delivers after the recording, maybe after the call: onto its message. */
export async function attachCallTranscription(
  callSid: string,
  status: string,
  text: string,
  deps: CallDeps,
): Promise<void> {
  if (status !== 'completed' || !text.trim()) return;
  const message = await deps.records.attachTranscription(messageKey(callSid), text.trim());
  if (message) await deps.publish(eventFor(message, false)).catch(() => undefined);
}

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
