/**
 * Client-profile changes on Redis pub/sub: every web instance and worker keeps its own short-lived
 * cache of client profiles, and an admin's edit on one instance must reach the calls answered by all
 * of them at once, not when their cached copy expires.
 */
import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { Logger } from './logger';

export const clientChangeSchema = z.object({
  id: z.string(),
  /** The numbers the client had before the change and has after it (a number may have moved). */
  numbers: z.array(z.string()),
});
export type ClientChange = z.infer<typeof clientChangeSchema>;

/** Within the project's key namespace, so deployments (or test runs) sharing a Redis never mix. */
export function clientChangesChannel(namespace: string): string {
  return `receptionist:${namespace}:client-changes`;
}

export type ClientCacheBusOptions = {
  /** A command connection, for publishing. */
  redis: Redis;
  /** A dedicated connection that queues commands while offline (`createRedis(url, 'blocking')`); the bus closes it. */
  subscriber: Redis;
  /** `redisNamespace(mongodbUri)`. */
  namespace: string;
  logger: Logger;
  /** Applies a change announced by any instance (this one included) to the local cache. */
  onChange: (change: ClientChange) => void;
  /**
   * Called when the subscription comes back after a disconnection: changes published meanwhile
   * were lost, so every cached profile must be read again.
   */
  onResync: () => void;
};

export type ClientCacheBus = {
  /** Tells every instance that a client changed. Never throws: a missed change expires within seconds. */
  announce(change: ClientChange): Promise<void>;
  /** Resolves once subscribed (or rejects); the bus works without waiting for it. */
  ready: Promise<void>;
  close(): Promise<void>;
};

export function startClientCacheBus(o: ClientCacheBusOptions): ClientCacheBus {
  const channel = clientChangesChannel(o.namespace);
  const listener = (from: string, raw: string) => {
    if (from !== channel) return;
    let message: unknown;
    try {
      message = JSON.parse(raw);
    } catch {
      return;
    }
    const parsed = clientChangeSchema.safeParse(message);
    if (parsed.success) o.onChange(parsed.data);
  };
  let subscribedOnce = false;
  const onReady = () => {
    // ioredis subscribes again by itself on reconnection; what was published meanwhile is gone.
    if (subscribedOnce) o.onResync();
  };
  o.subscriber.on('message', listener);
  o.subscriber.on('ready', onReady);
  o.subscriber.on('error', (err) => o.logger.debug(`redis client-changes subscriber: ${err.message}`));
  const ready = o.subscriber.subscribe(channel).then(() => {
    subscribedOnce = true;
  });
  ready.catch((err: Error) => o.logger.warn(`client cache changes not shared: ${err.message}`));

  return {
    ready,
    async announce(change) {
      try {
        await o.redis.publish(channel, JSON.stringify(change));
      } catch (err) {
        o.logger.warn(`client change not announced to other instances: ${(err as Error).message}`, {
          clientId: change.id,
        });
      }
    },
    async close() {
      o.subscriber.off('message', listener);
      o.subscriber.off('ready', onReady);
      o.subscriber.disconnect();
    },
  };
}
