/**
 * A redis-server of the test's own, which a fault test may stop, flush or replace by an empty one on
 * the same port (never the machine's shared Redis), and a counting transport: how many times each
 * notification really went out, where the outbox would hide a duplicate under one key.
 */
import path from 'node:path';
import { Redis } from 'ioredis';
import type { Transports } from '../../../src/notify/channels';
import { ROOT, startRedisServer, type Service } from '../../../scripts/lib/services';

export type PrivateRedis = {
  start: () => Promise<void>;
  url: () => string;
  /** FLUSHALL on this server alone. */
  flush: () => Promise<void>;
  stop: () => Promise<void>;
  /** A new, empty server on the same port. */
  restartEmpty: () => Promise<void>;
};

/** Started and stopped by the test's own hooks: stopped last, once the worker is closed. */
export function privateRedis(name: string): PrivateRedis {
  const dir = path.join(ROOT, 'var', 'test', `redis-${name}-${process.pid}`);
  let server: Service | null = null;
  let port = 0;
  return {
    start: async () => {
      server = await startRedisServer(dir);
      port = Number(new URL(server.url).port);
    },
    url: () => `redis://127.0.0.1:${port}`,
    flush: async () => {
      const admin = new Redis(`redis://127.0.0.1:${port}`);
      await admin.flushall();
      admin.disconnect();
    },
    stop: async () => {
      await server?.stop();
      server = null;
    },
    restartEmpty: async () => {
      await server?.stop();
      server = await startRedisServer(dir, { port });
    },
  };
}

/** Transports that count each send by key; email, calls and webhooks count the same way. */
export function countingTransports(): { transports: Transports; sent: Map<string, number> } {
  const sent = new Map<string, number>();
  const count = async (key: string) => {
    sent.set(key, (sent.get(key) ?? 0) + 1);
    return { providerId: `counted-${key}` };
  };
  return {
    sent,
    transports: {
      sms: (i) => count(i.key),
      call: (i) => count(i.key),
      email: (i) => count(i.key),
      webhook: (i) => count(i.deliveryId),
      close: () => undefined,
    },
  };
}
