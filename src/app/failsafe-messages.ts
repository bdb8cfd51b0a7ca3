/**
 * Messages left through the fail-safe recording, when the service itself failed mid-call. They are
 * stored like any message; if MongoDB is the thing that failed, they are parked in Redis and moved
 * into MongoDB by `drainParkedMessages` once it answers again. Nothing a caller said is dropped.
 */
import type { Redis } from 'ioredis';
import { displayNumber, PROMPTS, type Locale } from '../flow';
import { upsertMessage } from '../store/messages';
import { lastKnownClient, clientForNumber } from './client-cache';
import type { CallDeps, ParkedMessage } from './ports';

export const PARKED_MESSAGES_KEY = 'receptionist:parked-messages';

export async function storeFailSafeMessage(parked: ParkedMessage, deps: CallDeps): Promise<void> {
  try {
    await persist(parked, deps);
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

export function parkInRedis(redis: Redis) {
  return async (parked: ParkedMessage): Promise<void> => {
    await redis.rpush(PARKED_MESSAGES_KEY, JSON.stringify(parked));
  };
}

/** Moves parked messages into MongoDB; stops at the first failure and leaves the rest parked. */
export async function drainParkedMessages(redis: Redis, deps: CallDeps): Promise<number> {
  let moved = 0;
  for (;;) {
    const raw = await redis.lindex(PARKED_MESSAGES_KEY, 0);
    if (!raw) return moved;
    await persist(JSON.parse(raw) as ParkedMessage, deps);
    await redis.lpop(PARKED_MESSAGES_KEY);
    moved += 1;
  }
}
