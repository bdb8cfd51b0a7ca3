/**
 * The admin pages, mounted at `/admin` behind the web stack and `requireAdmin`: clients
 * (`/admin/clients…`) and users (`/admin/users…`). Every POST checks the CSRF token.
 */
import express, { Router, type RequestHandler } from 'express';
import type { ClientsDeps } from '../../app/clients';
import { clientRoutes } from './client-routes';
import { userRoutes } from './user-routes';
import type { CallerRightsDeps } from '../../app/caller-access';
import { callerRoutes } from './caller-routes';

/**
 * The client form has more fields than the web stack's body parser allows (50): this parser reads
 * the admin forms first (the stack's own then sees the body already parsed and leaves it).
 */
const adminFormParser: RequestHandler[] = [
  (_req, res, next) => {
    res.locals.web = true;
    next();
  },
  express.urlencoded({ extended: false, limit: '100kb', parameterLimit: 200 }),
];

/** `adminStack`: the web page stack ending with `requireAdmin`. */
export function adminRoutes(
  adminStack: RequestHandler[],
  clients: ClientsDeps,
  callers?: CallerRightsDeps,
): Router {
  const router = Router();
  const stack = [...adminFormParser, ...adminStack];
  router.get('/', ...stack, (_req, res) => res.redirect(303, '/admin/clients'));
  router.use(clientRoutes(stack, clients));
  router.use(userRoutes(stack));
  if (callers) router.use(callerRoutes(stack, callers));
  return router;
}
