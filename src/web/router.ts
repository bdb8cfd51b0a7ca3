/**
 * The assistants' web list, mounted at `/`: sign-in, the message list, message pages, live events.
 * Its middleware (helmet, session, body parser) runs only on its own routes, never on the
 * webhooks or the admin API mounted beside it.
 */
import path from 'node:path';
import express, {
  Router,
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response,
} from 'express';
import helmet from 'helmet';
import type { Redis } from 'ioredis';
import type { ClientsDeps } from '../app/clients';
import type { CallerRightsDeps } from '../app/caller-access';
import type { Config } from '../config/env';
import { createRedis, redisNamespace } from '../infra/redis';
import type { Logger } from '../infra/logger';
import type { RateLimitDeps } from '../infra/rate-limit';
import { adminRoutes } from './admin/admin-routes';
import { requireAdmin, requireUser } from './auth';
import {
  createSessionMiddleware,
  DEFAULT_SESSION_POLICY,
  sessionCookieName,
  type SessionPolicy,
} from './session';
import { listRoutes } from './list-routes';
import { liveEventsRoute, MessageEventHub } from './live-events';
import { DEFAULT_THROTTLE_POLICY, type ThrottlePolicy } from './login-throttle';
import { loginRoutes } from './login-routes';
import type { MessageActionDeps } from '../app/ports';
import { messageRoutes } from './message-routes';
import { chooseLanguage } from './page-context';
import { recordingRoute } from './recording-route';
import { webErrorHandler } from './web-errors';
import { HttpError } from '../http/errors';
import type { AppointmentDeps } from '../app/appointments';
import type { CalendarConnectionDeps } from '../app/calendar-connections';
import { appointmentRoutes } from './appointments/appointment-routes';
import { callRoutes } from './calls/call-routes';
import { reportRoutes } from './reports/report-routes';
import type { WeeklyReportDeps } from '../notify/weekly-report-send';

/** Options of the web list; tests shorten the timeouts. */
export type WebOptions = {
  /** @defaultValue DEFAULT_SESSION_POLICY (30 min idle, 12 h absolute) */
  session?: Partial<SessionPolicy>;
  /** @defaultValue DEFAULT_THROTTLE_POLICY */
  throttle?: Partial<ThrottlePolicy>;
};

export type WebDeps = {
  config: Config;
  redis: Redis;
  logger: Logger;
  /** Where the sign-in throttle counts, shared by every instance. */
  limits: RateLimitDeps;
  options?: WebOptions;
  /** What the message actions need (clock, live list events, follow-ups). */
  messages: MessageActionDeps;
  /** What the client use cases need (telling every instance's cache). */
  clients: ClientsDeps;
  /** What the callers' access requests and erasures need (the admin pages). */
  callers?: CallerRightsDeps;
  /** What the appointment use cases need; without it the appointment pages are not served. */
  appointments?: AppointmentDeps;
  /** What connecting a client's CalDAV calendar needs (the admin client page's calendar panel). */
  calendars?: CalendarConnectionDeps;
  /** What the weekly report preview and « Envoyer maintenant » need (the admin client page). */
  weeklyReport?: WeeklyReportDeps;
};

export function securityHeaders(config: Config): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        mediaSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
        ...(config.isProduction ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: config.isProduction ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'same-origin' },
  });
}

const markWeb: RequestHandler = (_req, res, next) => {
  res.locals.web = true;
  next();
};

const noStore: RequestHandler = (_req, res, next) => {
  res.setHeader('Cache-Control', 'no-store');
  next();
};

export async function createWebRouter(
  deps: WebDeps,
): Promise<{ router: Router; close: () => Promise<void> }> {
  const { config, redis, logger } = deps;
  const policy = { ...DEFAULT_SESSION_POLICY, ...deps.options?.session };
  const throttle = { ...DEFAULT_THROTTLE_POLICY, ...deps.options?.throttle };
  const subscriber = createRedis(config.redisUrl, 'blocking');
  subscriber.on('error', (err) => logger.debug(`redis subscriber: ${err.message}`));
  const hub = new MessageEventHub(subscriber, redisNamespace(config.mongodbUri));
  hub.start((err) => logger.warn(`live events unavailable: ${err.message}`));

  const headers = securityHeaders(config);
  const publicStack: RequestHandler[] = [
    markWeb,
    headers,
    noStore,
    // 60 fields: the list's bulk form sends up to 50 ticked rows and 4 fields.
    express.urlencoded({ extended: false, limit: '20kb', parameterLimit: 60 }),
    createSessionMiddleware(config, redis, policy),
    chooseLanguage,
  ];
  const userStack: RequestHandler[] = [...publicStack, requireUser as RequestHandler];

  const router = Router();
  router.use(
    '/assets',
    markWeb,
    headers,
    express.static(path.join(__dirname, 'assets'), { maxAge: '1h', index: false }),
  );
  router.use(
    loginRoutes({
      pageStack: publicStack,
      limits: deps.limits,
      throttle,
      policy,
      cookieName: sessionCookieName(config),
    }),
  );
  router.use(listRoutes(userStack, deps.config.publicBaseUrl));
  router.use(liveEventsRoute(userStack, hub));
  router.use(recordingRoute(userStack, [markWeb, headers, noStore], config));
  router.use(messageRoutes(userStack, deps.messages));
  if (deps.appointments) router.use(appointmentRoutes(userStack, deps.appointments));
  router.use(callRoutes(userStack));
  router.use(reportRoutes(userStack));
  router.use(
    '/admin',
    adminRoutes(
      [...publicStack, requireAdmin as RequestHandler],
      deps.clients,
      config.retention,
      deps.callers,
      { appointments: deps.appointments, calendars: deps.calendars, weeklyReport: deps.weeklyReport },
    ),
  );
  // Any other page a browser asks for (it says it wants HTML) is an HTML "not found" page; other
  // clients, the admin API and the webhooks (mounted before) keep their JSON and TwiML answers.
  router.use(
    (req, res, next) => {
      const page =
        (req.method === 'GET' || req.method === 'HEAD') &&
        !/^\/(api|webhooks)(\/|$)/.test(req.path) &&
        /\btext\/html\b/.test(req.get('accept') ?? '') &&
        req.accepts(['html', 'json']) === 'html';
      if (!page) return next('router');
      res.locals.unknownPage = true;
      next();
    },
    ...publicStack,
    (_req: Request, _res: Response, next: NextFunction) => next(new HttpError(404, 'page not found')),
  );
  router.use(
    webErrorHandler(logger) as (err: unknown, req: Request, res: Response, next: NextFunction) => void,
  );
  return { router, close: () => hub.stop() };
}
