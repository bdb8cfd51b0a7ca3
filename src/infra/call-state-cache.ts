/**
 * A Redis copy of each live call's last saved state, so the webhooks of a call read it from Redis
 * instead of MongoDB. MongoDB stays the record: the state is written there first, then copied here
 * (under the call's lock). A missing or unreadable copy falls back to MongoDB.
 */
import type { Redis } from 'ioredis';
import type { StoredCall } from '../store/calls';

export type CallStateCache = {
  get(callSid: string): Promise<StoredCall | null>;
  set(call: StoredCall): Promise<void>;
};

const TTL_SECONDS = 2 * 3600;
const key = (callSid: string) => `receptionist:call-state:${callSid}`;

export function redisCallStateCache(redis: Redis): CallStateCache {
  return {
    async get(callSid) {
      const raw = await redis.get(key(callSid)).catch(() => null);
      return raw ? (JSON.parse(raw) as StoredCall) : null;
    },
    async set(call) {
      // If the copy cannot be written, drop the old one: a stale copy must never be read.
      await redis.set(key(call.callSid), JSON.stringify(call), 'EX', TTL_SECONDS).catch(async () => {
        await redis.del(key(call.callSid)).catch(() => undefined);
      });
    },
  };
}

/** No copy at all: every read goes to MongoDB (tests that stop Redis use it). */
export const NO_CALL_STATE_CACHE: CallStateCache = { get: async () => null, set: async () => undefined };
