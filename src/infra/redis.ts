/** ioredis connections. BullMQ workers need `maxRetriesPerRequest: null`; request paths fail fast. */
import { Redis } from 'ioredis';
import { withTimeout } from '../store/timeout';

export type RedisRole = 'command' | 'blocking';

export function createRedis(url: string, role: RedisRole = 'command'): Redis {
  return new Redis(url, {
    // A blocking (worker) connection must wait for Redis forever; a request path must not hang.
    maxRetriesPerRequest: role === 'blocking' ? null : 2,
    enableOfflineQueue: role === 'blocking',
    connectTimeout: 2000,
    lazyConnect: false,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
}

export async function pingRedis(redis: Redis, timeoutMs = 1000): Promise<void> {
  if (redis.status !== 'ready') throw new Error(`connection ${redis.status}`);
  const answer = await withTimeout(redis.ping(), timeoutMs);
  if (answer !== 'PONG') throw new Error(`unexpected answer ${answer}`);
}

/**
 * One key namespace per database, so deployments (or test runs) sharing a Redis never mix their
 * calls, parked messages, rate limits, client changes or live events.
 */
export function redisNamespace(mongodbUri: string): string {
  return new URL(mongodbUri).pathname.replace(/^\//, '') || 'default';
}
