/**
 * Messages left through the fail-safe recording, when the service itself failed mid-call. They are
 * stored like any message; if MongoDB is the thing that failed, they are parked in Redis and moved
 * into MongoDB by `drainParkedMessages` once it answers again. Nothing a caller said is dropped.
 */
import type { Redis } from 'ioredis';
import { displayNumber, PROMPTS, type Locale } from '../flow';
import { upsertMessage } from '../store/messages';
import { withTimeout } from '../store/timeout';
import { lastKnownClient, clientForNumber } from './client-cache';
import type { CallDeps, ParkedMessage } from './ports';

/** One list per database, so deployments (or test runs) sharing a Redis never mix their messages. */
export function parkedMessagesKey(mongodbUri: string): string {
  const database = new URL(mongodbUri).pathname.replace(/^\//, '') || 'default';
  return `receptionist:parked-messages:${database}`;
}

/** How long the database gets before the message is parked instead (the caller is waiting). */
const STORE_DEADLINE_MS = 600;

export async function storeFailSafeMessage(parked: ParkedMessage, deps: CallDeps): Promise<void> {
  try {
    // If the write lands after the deadline too, the parked copy upserts onto it: same key.
    await withTimeout(persist(parked, deps), STORE_DEADLINE_MS);
  } catch (err) {
    deps.logger.error(`could not store the fail-safe message of ${parked.callSid}; parking it in Redis`, {
      err,
    });
    await deps.parkMessage(parked);
  }
}

async function persist(parked: ParkedMessage, deps: CallDeps): Promise<void> {
  const client = (await clientForNumber(parked.to)) ?? lastKnownClient(parked.to);
  if (!client) {
    deps.logger.error(`fail-safe recording ${parked.recording.sid} for ${parked.to}, a number of no client`);
    return;
  }
  const locale: Locale = client.locale;
  const { message, created } = await upsertMessage({
    key: `failsafe:${parked.recording.sid}`,
    clientId: client.id,
    callSid: parked.callSid,
    callerName: '',
    callerNumber: parked.from,
    callbackNumber: parked.from,
    reason: '',
    urgent: false,
    summary: PROMPTS[locale].summary({
      callbackNumber: displayNumber(parked.from, locale),
      urgent: false,
      recording: true,
    }),
    recording: parked.recording,
  });
  if (created) {
    await deps.followUps.messageStored(message);
    await deps
      .publish({ type: 'message.created', messageId: message.id, clientId: client.id, urgent: false })
      .catch(() => undefined);
  }
}

export function parkInRedis(redis: Redis, key: string) {
  return async (parked: ParkedMessage): Promise<void> => {
    await redis.rpush(key, JSON.stringify(parked));
  };
}

/** Moves parked messages into MongoDB; stops at the first failure and leaves the rest parked. */
export async function drainParkedMessages(redis: Redis, key: string, deps: CallDeps): Promise<number> {
  let moved = 0;
  for (;;) {
    const raw = await redis.lindex(key, 0);
    if (!raw) return moved;
    await persist(JSON.parse(raw) as ParkedMessage, deps);
    await redis.lpop(key);
    moved += 1;
  }
}
