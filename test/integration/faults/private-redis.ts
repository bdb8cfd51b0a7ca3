/**
 * A redis-server of the test's own, which a fault test may stop, flush or replace by an empty one on
 * the same port (never the machine's shared Redis), and a counting transport: how many times each
 * notification really went out, where the outbox would hide a duplicate under one key.
 */
import path from 'node:path';
import { Redis } from 'ioredis';
import type { Config } from '../../../src/config/env';
import type { Logger } from '../../../src/infra/logger';
import { startNotificationWorker } from '../../../src/notify';
import type { NotificationWorker } from '../../../src/notify/worker';
import type { Transports } from '../../../src/notify/channels';
import type { SweepOptions } from '../../../src/notify/sweeper';
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

/**
 * A notifications worker on fast clocks (sweeps and scheduler checks every 300 ms), sending through
 * counting transports, and counting its sweeps so a test can wait for a few more before it checks
 * that nothing went out twice.
 */
export async function startCountingWorker(o: {
  connection: Redis;
  logger: Logger;
  config: Config;
  sweep: SweepOptions;
}): Promise<{ worker: NotificationWorker; sent: Map<string, number>; sweeps: () => number }> {
  const { transports, sent } = countingTransports();
  const worker = await startNotificationWorker({
    connection: o.connection,
    logger: o.logger,
    config: o.config,
    transports,
    backoff: { baseMs: 20, maxMs: 200 },
    sweepEveryMs: 300,
    scheduleCheckEveryMs: 300,
    sweep: o.sweep,
  });
  let sweeps = 0;
  worker.worker.on('completed', (job) => void (job.name === 'sweep' && (sweeps += 1)));
  return { worker, sent, sweeps: () => sweeps };
}
