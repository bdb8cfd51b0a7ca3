/**
 * Lets an admin signed in on the web use the admin API with their session cookie (besides the bearer
 * token). The session is read only when no bearer token is sent, and must pass the same checks as
 * the pages (timeouts, active account). Cross-site forgery is not possible on these routes: they only
 * accept `application/json` bodies, which a foreign page cannot send without a CORS preflight.
 */
import { Router, type NextFunction, type Request, type Response } from 'express';
import { type User } from '../domain/users';
import type { Redis } from 'ioredis';
import type { Config } from '../config/env';
import { sessionUser } from '../app/sign-in';
import { createSessionMiddleware, DEFAULT_SESSION_POLICY, type SessionPolicy } from './session';

const SESSION_ADMIN = Symbol('sessionAdmin');
type WithAdmin = Request & { [SESSION_ADMIN]?: User };

export function apiSession(config: Config, redis: Redis, policy?: Partial<SessionPolicy>) {
  const sessions = createSessionMiddleware(config, redis, { ...DEFAULT_SESSION_POLICY, ...policy });

  const resolve = async (req: Request, _res: Response, next: NextFunction) => {
    const s = req.session;
    const now = Date.now();
    if (s?.userId && now <= (s.expiresAt ?? 0) && now - (s.lastSeenAt ?? 0) <= (s.idleMs ?? 0)) {
      try {
        const user = await sessionUser(s.userId);
        if (user?.role === 'admin') (req as WithAdmin)[SESSION_ADMIN] = user;
      } catch (err) {
        return next(err);
      }
    }
    next();
  };

  const withSession = Router();
  withSession.use((req, res, next) => (req.get('authorization') ? next() : sessions(req, res, next)));
  withSession.use((req, res, next) => (req.get('authorization') ? next() : void resolve(req, res, next)));

  return {
    /** Runs the session lookup, then the API router. */
    wrap: (api: Router): Router => Router().use(withSession, api),
    /** The API's `sessionAdmin` check. */
    admin: (req: Request) => {
      const user = (req as WithAdmin)[SESSION_ADMIN];
      return user ? { id: user.id, label: user.email } : null;
    },
  };
}
