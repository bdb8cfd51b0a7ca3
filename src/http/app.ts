/** The express application: shared middleware, the mounted edges, the central error handler. */
import express, { type Router } from 'express';
import type { Logger } from '../infra/logger';
import { errorHandler, notFoundHandler } from './errors';
import { healthRouter, type Probe } from './health';
import { requestContext } from './request-context';

export type AppOptions = {
  logger: Logger;
  probes: Probe[];
  /** Edges mounted in order: webhooks, admin API, web pages. */
  routers?: { path: string; router: Router }[];
  /** Number of reverse proxies in front (for req.ip and secure cookies). */
  trustProxy?: number;
};

export function buildApp(options: AppOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', options.trustProxy ?? 1);
  app.use(requestContext(options.logger));
  app.use(healthRouter(options.probes));
  for (const { path, router } of options.routers ?? []) app.use(path, router);
  app.use(notFoundHandler);
  app.use(errorHandler(options.logger));
  return app;
}
