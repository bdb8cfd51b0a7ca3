/**
 * express-rate-limit limiters whose counters live in Redis (rate-limit-redis), so every web instance
 * counts against the same numbers. Keys: `receptionist:<namespace>:rate-limit:<limiter>:<key>`.
 */
import { createHash } from 'node:crypto';
import { ipKeyGenerator, rateLimit, type Options, type RateLimitRequestHandler } from 'express-rate-limit';
import type { Request } from 'express';
import type { Redis } from 'ioredis';
import { RedisStore, type RedisReply } from 'rate-limit-redis';
import type { Logger } from './logger';

export type RateLimitDeps = {
  /** The app's command connection. */
  redis: Redis;
  /** The deployment's Redis namespace (one per database), as the live calls use. */
  namespace: string;
  logger: Logger;
};

export type Limiter = RateLimitRequestHandler;

/** The client's address as limiters key it: an IPv6 client is its /56, which it cannot hop within. */
export const clientKey = (req: Request): string => ipKeyGenerator(req.ip ?? '');

function sendCommandVia(redis: Redis) {
  return async (command: string, ...args: string[]): Promise<RedisReply> => {
    try {
      return (await redis.call(command, ...args)) as RedisReply;
    } catch (err) {
      // The store loads its scripts once, when the limiter is built: were Redis not up yet, it would
      // keep the failed load for the life of the process. The hash is known without Redis; the first
      // EVALSHA then answers NOSCRIPT and the store loads the script itself.
      if (command === 'SCRIPT' && args[0] === 'LOAD' && args[1] !== undefined) {
        return createHash('sha1').update(args[1]).digest('hex');
      }
      throw err;
    }
  };
}

/**
 * A limiter named `name` with its own store. A Redis failure lets the request through (logged):
 * throttling must not take the service down with Redis.
 */
export function redisRateLimit(deps: RateLimitDeps, name: string, options: Partial<Options>): Limiter {
  const log = (err: unknown, message?: string) =>
    deps.logger.warn(`${message ?? 'rate limit'}: ${err instanceof Error ? err.message : String(err)}`);
  return rateLimit({
    passOnStoreError: true,
    logger: { error: log, warn: log },
    // The check looks at the store class and the key only; each limiter here has its own prefix.
    validate: { singleCount: false },
    ...options,
    store: new RedisStore({
      prefix: `receptionist:${deps.namespace}:rate-limit:${name}:`,
      sendCommand: sendCommandVia(deps.redis),
    }),
  });
}

/** Hits counted so far under `key` (0 when none, or when Redis does not answer). */
export async function hitsOf(limiter: Limiter, key: string): Promise<number> {
  try {
    return (await limiter.getKey(key))?.totalHits || 0;
  } catch {
    return 0;
  }
}
