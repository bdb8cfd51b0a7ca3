/**
 * The message a call leaves: stored once per call (its key names the call), whichever path gets
 * there first — the flow, the fail-safe recording, a drain of parked messages — with one set of
 * notifications, queued by the path that created it. The other paths only complete it.
 */
import type { Effect, TakenMessage } from '../flow';
import type { MessageEvent } from '../infra/message-events';
import type { Client } from '../store/clients';
import type { Message, NewMessage } from '../store/messages';
import { withTimeout } from '../store/timeout';
import type { CallDeps } from './ports';

const DEFAULT_STORE_DEADLINE_MS = 600;

export function eventFor(message: Message, created: boolean): MessageEvent {
  return {
    type: created ? 'message.created' : 'message.updated',
    messageId: message.id,
    clientId: message.clientId,
    urgent: message.urgent,
  };
}

/**
 * Inserts the message, or completes the one another path of the call stored; queues the
 * notifications only when this insert created it. Returns the event to publish.
 */
export async function storeOnce(input: NewMessage, deps: CallDeps): Promise<MessageEvent | null> {
  const { message, created } = await deps.records.insertMessage(input);
  if (created) {
    await deps.followUps.messageStored(message);
    return eventFor(message, true);
  }
  const merged = await deps.records.mergeMessage(input);
  return merged ? eventFor(merged, false) : null;
}

function newMessage(client: Client, record: TakenMessage): NewMessage {
  return {
    key: record.key,
    clientId: client.id,
    callSid: record.callSid,
    callerName: record.callerName ?? '',
    callerNumber: record.callerNumber,
    callbackNumber: record.callbackNumber ?? record.callerNumber,
    reason: record.reason ?? '',
    urgent: record.urgent,
    summary: record.summary,
    recording: record.recording ?? null,
  };
}

/**
 * Stores the message the engine produced. The caller is waiting: if MongoDB does not answer within
 * the store deadline, the message is parked in Redis (and drained into MongoDB later) while the
 * insert may still land; both meet on the same document.
 */
async function storeFlowMessage(
  client: Client,
  record: TakenMessage,
  deps: CallDeps,
): Promise<MessageEvent | null> {
  const input = newMessage(client, record);
  const stored = storeOnce(input, deps);
  try {
    return await withTimeout(stored, deps.storeDeadlineMs ?? DEFAULT_STORE_DEADLINE_MS);
  } catch (err) {
    // The insert may still land and create the message: its `message.created` is then the live
    // list's only news of it (the drain that follows merely completes it, a `message.updated` for
    // a row no list has), so it is published when it comes, not dropped with the late answer.
    stored
      .then((event) => (event ? deps.publish(event) : undefined))
      .catch((late: Error) => deps.logger.warn(`late store of ${record.callSid} failed: ${late.message}`));
    deps.logger.error(
      `message of ${record.callSid} not stored in time; parking it: ${(err as Error).message}`,
    );
    await deps.parking.park({
      kind: 'message',
      id: `${record.key}:${deps.now().getTime()}`,
      message: input,
      parkedAt: deps.now().toISOString(),
    });
    return null;
  }
}

/** Applies the engine's message effects; returns the events to publish with the call's save. */
export async function applyMessageEffects(
  client: Client,
  effects: Effect[],
  deps: CallDeps,
): Promise<MessageEvent[]> {
  const events: MessageEvent[] = [];
  for (const effect of effects) {
    if (effect.type !== 'store-message' || !effect.message.final) continue;
    const event = await storeFlowMessage(client, effect.message, deps);
    if (event) events.push(event);
  }
  return events;
}
