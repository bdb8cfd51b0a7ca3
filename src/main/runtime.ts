/**
 * Builds the web service from a configuration: connections, edges, the express app.
 * Used by `server.ts` (the process) and by integration tests (in-process on port 0).
 */
import type { Server } from 'node:http';
import type { Redis } from 'ioredis';
import type { Config } from '../config/env';
import { buildApp } from '../http/app';
import { closeServer, listen, portOf } from '../http/lifecycle';
import { createLogger, type Logger } from '../infra/logger';
import { createRedis, pingRedis } from '../infra/redis';
import { connectMongo, disconnectMongo, pingMongo } from '../store/mongo';
import { createWebRouter, type WebOptions } from '../web/router';

export type WebRuntime = {
  config: Config;
  logger: Logger;
  redis: Redis;
  server: Server;
  port: number;
  /** Stops accepting, finishes in-flight requests, closes connections. */
  stop: () => Promise<void>;
};

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());

export function defaultLogger(config: Config, service: string): Logger {
  return createLogger({ level: config.logLevel, json: config.isProduction, defaultMeta: { service } });
}

export async function startWeb(
  config: Config,
  options: { logger?: Logger; host?: string; web?: WebOptions } = {},
): Promise<WebRuntime> {
  const logger = options.logger ?? defaultLogger(config, 'web');
  await connectMongo(config.mongodbUri);
  const redis = createRedis(config.redisUrl);
  redis.on('error', (err) => logger.warn(`redis: ${err.message}`));
  // Start even when Redis is down (readiness says so), but do not report "not ready" for nothing.
  await Promise.race([new Promise((resolve) => redis.once('ready', resolve)), delay(2000)]);

  const web = await createWebRouter({ config, redis, logger, options: options.web });
  const app = buildApp({
    logger,
    probes: [
      { name: 'MongoDB', check: () => pingMongo() },
      { name: 'Redis', check: () => pingRedis(redis) },
    ],
    // The web list last: it serves `/`, and its middleware stays on its own routes.
    routers: [{ path: '/', router: web.router }],
  });
  const server = await listen(app, config.port, options.host);
  const port = portOf(server);

  const stop = async () => {
    await web.close();
    await closeServer(server, 8000);
    redis.disconnect();
    await disconnectMongo();
  };
  return { config, logger, redis, server, port, stop };
}
