/**
 * The end of a call: it goes on record in MongoDB once (the Call and the contact's count), with the
 * message of a caller who hung up mid-way. (A transcription arriving after it: voicemail.ts.)
 */
import { handleEvent } from '../flow';
import { applyMessageEffects } from './call-messages';
import { clientForId, clientForNumber, lastKnownClient } from './client-cache';
import { advance, LiveCallBusyError, withCall, type LiveCallLease } from './live-call';
import type { CallDeps } from './ports';

/** How long the end of a call waits for a webhook of the same call still running (ms). */
const END_WAIT_MS = 10_000;

const ENDED = new Set(['completed', 'busy', 'failed', 'no-answer', 'canceled']);

/** What the status callback itself says of the call: enough to put it on record without its state. */
export type EndedLeg = { from: string; to: string };

/**
 * The status callback. When the call is over: a caller who hung up mid-message is handled, then
 * the call goes on record (Call and contact, once) and its live state is dropped. When the live
 * state is out of reach (Redis down) or gone (Redis came back empty), the call still goes on
 * record, from what the callback says (`leg`): its outcome is unknown, the caller's message (if
 * any) went through the fail-safe on its own.
 */
export async function answerStatus(
  callSid: string,
  status: string,
  durationSeconds: number | undefined,
  deps: CallDeps,
  leg?: EndedLeg,
): Promise<void> {
  if (!ENDED.has(status)) return;
  let lease: LiveCallLease;
  try {
    // Twilio does not wait for this answer: wait out a slow webhook of the call rather than miss the end.
    lease = await deps.liveCalls.acquire(callSid, undefined, END_WAIT_MS);
  } catch (err) {
    // Busy: the state is there, and the idle-call sweep ends it later.
    if (!leg || err instanceof LiveCallBusyError) throw err;
    deps.logger.error(`live call ${callSid} out of reach at its end: ${(err as Error).message}`);
    return recordWithoutState(callSid, status, durationSeconds, leg, deps);
  }
  try {
    if (!lease.call && leg) await recordWithoutState(callSid, status, durationSeconds, leg, deps);
    await endCall(lease, status, durationSeconds, deps);
  } finally {
    await lease.release();
  }
}

/**
 * The Call record of a call whose live state is lost: who called which number, when, how long. A
 * call already on record (Twilio retried the callback) keeps its record (one per CallSid); the
 * contact's count is left alone, as such a retry must not count the call twice.
 */
async function recordWithoutState(
  callSid: string,
  status: string,
  durationSeconds: number | undefined,
  leg: EndedLeg,
  deps: CallDeps,
): Promise<void> {
  const client = (await clientForNumber(leg.to)) ?? lastKnownClient(leg.to);
  if (!client) return;
  const endedAt = deps.now();
  await deps.records.recordCall({
    callSid,
    clientId: client.id,
    from: leg.from,
    to: leg.to,
    locale: client.locale,
    status,
    outcome: 'failed',
    steps: [{ name: 'state-lost', detail: 'live call state lost before its end', at: endedAt.toISOString() }],
    startedAt: new Date(endedAt.getTime() - (durationSeconds ?? 0) * 1000),
    endedAt,
    ...(durationSeconds !== undefined ? { durationSeconds } : {}),
  });
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
