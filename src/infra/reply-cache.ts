/**
 * The answers already given to each turn of a live call, kept in Redis for a few hours, so a Twilio
 * retry of a callback gets exactly the answer of the first delivery without re-applying its event.
 * Kept out of the Call document: FerretDB v1 rewrites a whole document on every update, so a small
 * Call document is what keeps each webhook's single write cheap.
 */
import type { Redis } from 'ioredis';

export type ReplyCache = {
  get(callSid: string, turn: number): Promise<string | null>;
  put(callSid: string, turn: number, reply: string): Promise<void>;
};

const TTL_SECONDS = 4 * 3600;

export function redisReplyCache(redis: Redis): ReplyCache {
  const key = (callSid: string) => `receptionist:call-replies:${callSid}`;
  return {
    async get(callSid, turn) {
      return redis.hget(key(callSid), String(turn));
    },
    async put(callSid, turn, reply) {
      await redis.multi().hset(key(callSid), String(turn), reply).expire(key(callSid), TTL_SECONDS).exec();
    },
  };
}

/** Answers Redis outages with "nothing cached": a replay is then applied as a new event. */
export function tolerant(cache: ReplyCache): ReplyCache {
  return {
    get: (callSid, turn) => cache.get(callSid, turn).catch(() => null),
    put: (callSid, turn, reply) => cache.put(callSid, turn, reply).catch(() => undefined),
  };
}
