/**
 * The admin API, mounted at `/api/v1`: JSON in and out, bearer token (or admin session) on every
 * route but the OpenAPI document, one error shape through the central handler.
 */
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { HttpError } from '../http/errors';
import { InvalidInputError } from '../domain/errors';
import { config } from '../config/env';
import { auditRouter } from './audit-routes';
import type { ClientsDeps } from '../app/clients';
import { apiAuth, type SessionAdmin } from './auth';
import { clientsRouter } from './clients-routes';
import type { MessageActionDeps } from '../app/ports';
import { messagesRouter } from './messages-routes';
import { buildOpenApiDocument } from './openapi';
import type { ApiThrottle } from './throttle';
import { engineRoutePreviewer, type RoutePreviewer } from './route-preview';
import { usersRouter } from './users-routes';
import type { ServiceRetention } from '../app/retention';
import { retentionRouter } from './retention-routes';
import type { CallerRightsDeps } from '../app/caller-access';
import { callersRouter } from './callers-routes';
import type { AppointmentDeps } from '../app/appointments';
import type { CalendarConnectionDeps } from '../app/calendar-connections';
import { appointmentsRouter } from './appointments-routes';
import { callsRouter } from './calls-routes';
import { reportsRouter } from './reports-routes';

export type ApiRouterOptions = {
  /** Bearer token of the API (`ADMIN_API_TOKEN`). */
  adminApiToken: string;
  /** Failed-token and request throttling (`apiThrottle`), shared with `/metrics`, which takes the same token. */
  throttle: ApiThrottle;
  /** Admin-session check from the web edge. @defaultValue none: token only */
  sessionAdmin?: SessionAdmin;
  /** The call-flow engine's decision function. @defaultValue the engine's own preview */
  routePreview?: RoutePreviewer;
  /** What the message actions need (clock, live list events, follow-ups). */
  messages: MessageActionDeps;
  /** What the client use cases need (telling every instance's cache). */
  clients: ClientsDeps;
  /** The outbox's and audit log's retention, for "run the purge now". */
  retention: ServiceRetention;
  /** What the callers' access and erasure need (Redis traces, keys). @defaultValue none: `/callers` not served */
  callers?: CallerRightsDeps;
  /** What the appointment use cases need (calendars, locks, follow-ups). @defaultValue none: appointment routes not served */
  appointments?: AppointmentDeps;
  /** What connecting a client's CalDAV calendar needs (credentials key). @defaultValue none: `/clients/{id}/calendar` not served */
  calendars?: CalendarConnectionDeps;
};

/** Store errors the API answers as a client mistake rather than a 500. */
function apiErrors(err: unknown, _req: Request, _res: Response, next: NextFunction): void {
  if (err instanceof InvalidInputError) {
    return next(new HttpError(400, 'invalid body', err.details));
  }
  next(err);
}

export function apiRouter(options: ApiRouterOptions): Router {
  const router = Router();
  const openApiDocument = buildOpenApiDocument();
  router.get('/openapi.json', (_req, res) => {
    res.json(openApiDocument);
  });
  const { adminApiToken, sessionAdmin, throttle } = options;
  router.use(apiAuth({ adminApiToken, sessionAdmin, throttle }));
  router.use(
    express.json({
      limit: '200kb',
      type: ['application/json', 'application/merge-patch+json'],
      strict: true,
    }),
  );
  router.use(
    '/clients',
    clientsRouter({
      routePreview: options.routePreview ?? engineRoutePreviewer,
      clients: options.clients,
      appointments: options.appointments,
      calendars: options.calendars,
    }),
  );
  if (options.appointments) router.use('/appointments', appointmentsRouter(options.appointments));
  router.use('/users', usersRouter());
  router.use('/messages', messagesRouter(options.messages));
  router.use('/calls', callsRouter());
  router.use('/reports', reportsRouter());
  router.use('/audit', auditRouter({ callerKeySecret: () => config().callerKeySecret }));
  router.use('/retention', retentionRouter(options.retention));
  if (options.callers) router.use('/callers', callersRouter(options.callers));
  router.use(apiErrors);
  return router;
}
