/**
 * The admin pages, mounted at `/admin` behind the web stack and `requireAdmin`: clients
 * (`/admin/clients…`), users (`/admin/users…`) and retention (`/admin/retention`). Every POST checks the CSRF token.
 */
import express, { Router, type RequestHandler } from 'express';
import type { ClientsDeps } from '../../app/clients';
import { config } from '../../config/env';
import { auditRoutes } from './audit-routes';
import { clientRoutes } from './client-routes';
import { historyRoutes } from './history-routes';
import { userRoutes } from './user-routes';
import type { ServiceRetention } from '../../app/retention';
import { retentionRoutes } from './retention-routes';
import type { CallerRightsDeps } from '../../app/caller-access';
import { callerRoutes } from './caller-routes';
import type { ClientPageDeps } from './client-routes';
import { calendarRoutes } from './calendar-routes';
import { weeklyReportRoutes } from './weekly-report-routes';

/**
 * The client form has more fields than the web stack's body parser allows (50): this parser reads
 * the admin forms first (the stack's own then sees the body already parsed and leaves it). Each
 * routing rule of the builder is up to 18 fields, and a client may have 50 rules.
 */
const adminFormParser: RequestHandler[] = [
  (_req, res, next) => {
    res.locals.web = true;
    next();
  },
  express.urlencoded({ extended: false, limit: '400kb', parameterLimit: 1200 }),
];

/** `adminStack`: the web page stack ending with `requireAdmin`. */
export function adminRoutes(
  adminStack: RequestHandler[],
  clients: ClientsDeps,
  retention: ServiceRetention,
  callers?: CallerRightsDeps,
  more: ClientPageDeps = {},
): Router {
  const router = Router();
  const stack = [...adminFormParser, ...adminStack];
  router.get('/', ...stack, (_req, res) => res.redirect(303, '/admin/clients'));
  router.use(clientRoutes(stack, clients, more));
  if (more.calendars) router.use(calendarRoutes(stack, more.calendars, more));
  if (more.weeklyReport) router.use(weeklyReportRoutes(stack, more.weeklyReport));
  router.use(userRoutes(stack));
  router.use(auditRoutes(stack, () => config().callerKeySecret));
  router.use(historyRoutes(stack, clients));
  router.use(retentionRoutes(stack, retention));
  if (callers) router.use(callerRoutes(stack, callers));
  return router;
}
