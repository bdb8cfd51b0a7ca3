/**
 * Messages left through the fail-safe recording, when the service itself failed mid-call, and the
 * drain of parked messages. A fail-safe recording is the call's message like any other (same key):
 * if the flow stored one too — a webhook that missed its deadline and finished late — the two meet
 * on one document with one set of notifications. If MongoDB is what failed, the message is parked
 * in Redis and moved into MongoDB once it answers. Nothing a caller said is dropped.
 */
import { displayNumber, messageKey, PROMPTS } from '../flow';
import type { NewMessage } from '../store/messages';
import { withTimeout } from '../store/timeout';
import { storeOnce } from './call-messages';
import { clientForNumber, lastKnownClient } from './client-cache';
import type { CallDeps, FailSafeRecording, ParkedEntry } from './ports';

/** How long the database gets before the message is parked instead (the caller is waiting). */
const STORE_DEADLINE_MS = 600;

export async function storeFailSafeMessage(recording: FailSafeRecording, deps: CallDeps): Promise<void> {
  const stored = persistRecording(recording, deps);
  try {
    await withTimeout(stored, deps.storeDeadlineMs ?? STORE_DEADLINE_MS);
  } catch (err) {
    stored.catch(() => undefined);
    deps.logger.error(`could not store the fail-safe message of ${recording.callSid}; parking it in Redis`, {
      err,
    });
    const at = deps.now();
    await deps.parking.park({
      kind: 'recording',
      id: `${recording.recording.sid}:${at.getTime()}`,
      recording,
      parkedAt: at.toISOString(),
    });
  }
}

async function recordingMessage(r: FailSafeRecording): Promise<NewMessage | null> {
  const client = (await clientForNumber(r.to)) ?? lastKnownClient(r.to);
  if (!client) return null;
  return {
    key: messageKey(r.callSid),
    clientId: client.id,
    callSid: r.callSid,
    callerName: '',
    callerNumber: r.from,
    callbackNumber: r.from,
    reason: '',
    urgent: false,
    summary: PROMPTS[client.locale].summary({
      callbackNumber: displayNumber(r.from, r.to),
      urgent: false,
      recording: true,
    }),
    recording: r.recording,
  };
}

async function persistRecording(r: FailSafeRecording, deps: CallDeps): Promise<void> {
  const message = await recordingMessage(r);
  if (!message) {
    deps.logger.error(`fail-safe recording ${r.recording.sid} for ${r.to}, a number of no client`);
    return;
  }
  await publishStored(message, deps);
}

async function publishStored(message: NewMessage, deps: CallDeps): Promise<void> {
  const event = await storeOnce(message, deps);
  if (event) await deps.publish(event).catch(() => undefined);
}

function persistParked(entry: ParkedEntry, deps: CallDeps): Promise<void> {
  return entry.kind === 'message'
    ? publishStored(entry.message, deps)
    : persistRecording(entry.recording, deps);
}

/**
 * Moves parked messages into MongoDB; stops at the first failure and leaves the rest parked. Safe
 * with any number of drainers at once (each entry is claimed by one).
 */
export async function drainParkedMessages(deps: CallDeps): Promise<number> {
  let moved = 0;
  for (;;) {
    const claimed = await deps.parking.claim();
    if (!claimed) return moved;
    // On failure the entry stays claimed until its lease ends, then goes back to the list.
    await persistParked(claimed.entry, deps);
    await claimed.done();
    moved += 1;
  }
}
