/**
 * One writer per calendar at a time, across every web instance and worker: a Redis lock (SET NX PX
 * with a random token, released by compare-and-delete, as the Redis docs describe for a single
 * instance). It orders our own bookings of one calendar; the calendar's ETags and `If-None-Match`
 * guard against writers outside the service.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

/** Thrown when the calendar stayed locked longer than the caller could wait. */
export class CalendarBusyError extends Error {
  override name = 'CalendarBusyError';
}

export type CalendarLocks = {
  /** Runs `work` holding the lock of `calendarKey`, waiting at most `waitMs` for it. */
  withLock<T>(calendarKey: string, waitMs: number, work: () => Promise<T>): Promise<T>;
};

const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0`;

export function redisCalendarLocks(
  redis: Redis,
  options: { namespace: string; ttlMs?: number; pollMs?: number },
): CalendarLocks {
  const ttlMs = options.ttlMs ?? 10_000;
  const pollMs = options.pollMs ?? 20;
  return {
    async withLock(calendarKey, waitMs, work) {
      const key = `${options.namespace}:calendar-lock:${calendarKey}`;
      const token = randomUUID();
      const deadline = Date.now() + waitMs;
      while ((await redis.set(key, token, 'PX', ttlMs, 'NX')) !== 'OK') {
        if (Date.now() >= deadline) throw new CalendarBusyError(`calendar ${calendarKey} is busy`);
        await new Promise((r) => setTimeout(r, pollMs));
      }
      try {
        return await work();
      } finally {
        await redis.eval(RELEASE, 1, key, token).catch(() => undefined);
      }
    },
  };
}
