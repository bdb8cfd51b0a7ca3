/** Every process (web or worker) keeps its client-profile cache in step with the others' edits. */
import type { Redis } from 'ioredis';
import { expireAllClients, expireClient } from '../app/client-cache';
import { startClientCacheBus, type ClientCacheBus } from '../infra/client-cache-bus';
import type { Logger } from '../infra/logger';
import { createRedis, redisNamespace } from '../infra/redis';

export function shareClientCache(o: {
  redis: Redis;
  redisUrl: string;
  mongodbUri: string;
  logger: Logger;
}): ClientCacheBus {
  return startClientCacheBus({
    redis: o.redis,
    subscriber: createRedis(o.redisUrl, 'blocking'),
    namespace: redisNamespace(o.mongodbUri),
    logger: o.logger,
    onChange: expireClient,
    onResync: expireAllClients,
  });
}
