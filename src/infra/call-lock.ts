/**
 * A short Redis lock per call, so two webhooks of one call (a status callback racing the last
 * action, a Twilio retry racing the original) are applied one after the other on any instance.
 * Needed because FerretDB v1 does not make a conditional update atomic: two `updateOne` with the
 * same `revision` filter can both report success. On MongoDB the revision check alone would do.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

const RELEASE =
  "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

export type CallLock = <T>(callSid: string, work: () => Promise<T>) => Promise<T>;

export type CallLockOptions = {
  /** The lock expires on its own after this, should its holder die (ms). @defaultValue 5000 */
  ttlMs?: number;
  /** How long to wait for the lock before going ahead anyway (ms). @defaultValue 1000 */
  waitMs?: number;
};

export function redisCallLock(redis: Redis, options: CallLockOptions = {}): CallLock {
  const ttlMs = options.ttlMs ?? 5000;
  const waitMs = options.waitMs ?? 1000;
  return async (callSid, work) => {
    const key = `receptionist:call-lock:${callSid}`;
    const token = randomUUID();
    const deadline = Date.now() + waitMs;
    let held = false;
    try {
      while (!held && Date.now() < deadline) {
        held = (await redis.set(key, token, 'PX', ttlMs, 'NX')) === 'OK';
        if (!held) await new Promise((r) => setTimeout(r, 15));
      }
    } catch {
      // Redis is down: a caller must still be answered; the revision check remains.
    }
    try {
      return await work();
    } finally {
      if (held) await redis.eval(RELEASE, 1, key, token).catch(() => undefined);
    }
  };
}
