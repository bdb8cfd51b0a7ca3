/**
 * Who may call the admin API: the bearer `ADMIN_API_TOKEN`, or an admin signed in on the web
 * (a session check the web edge plugs in). The actor is kept on `res.locals.actor` for the audit log.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { ActionSource, Actor } from '../domain/access';
import { HttpError } from '../http/errors';

/** A signed-in admin as the web edge knows them; `true` when it cannot name them. */
export type SessionAdmin = (req: Request) => boolean | { id: string; label: string } | null | undefined;

export type ApiAuthOptions = {
  /** The shared bearer token; compared in constant time. */
  adminApiToken: string;
  /** Admin-session check from the web edge; absent until the web sessions are wired. */
  sessionAdmin?: SessionAdmin;
  /** Run once the caller is known and before a 401 (see `apiThrottle`). @defaultValue none */
  throttle?: RequestHandler[];
};

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/** Constant-time comparison of two strings of any length (hashes have equal length). */
export function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

function bearerOf(req: Request): string | undefined {
  const match = /^Bearer ([^\s]+)$/i.exec(req.get('authorization') ?? '');
  return match?.[1];
}

/**
 * Names the caller on `res.locals.actor` when the token (or, without a token, an admin session) is
 * right, lets the throttle count and refuse, then answers 401 to anyone still unnamed.
 */
export function apiAuth(options: ApiAuthOptions): RequestHandler[] {
  const { adminApiToken, sessionAdmin } = options;
  if (!adminApiToken) throw new Error('apiAuth needs an adminApiToken');
  const identify: RequestHandler = (req, res, next) => {
    const token = bearerOf(req);
    if (token !== undefined && sameSecret(token, adminApiToken)) {
      res.locals.actor = { type: 'api-token', id: 'admin-api-token', label: 'API token' } satisfies Actor;
      return next();
    }
    const admin = token === undefined ? sessionAdmin?.(req) : undefined;
    if (admin) {
      const who = admin === true ? { id: 'session', label: 'admin session' } : admin;
      res.locals.actor = {
        type: 'user',
        ...who,
        name: who.label,
        role: 'admin',
        clientIds: [],
      } satisfies Actor;
    }
    next();
  };
  const refuseUnknown: RequestHandler = (_req, res, next) => {
    if (isAuthenticated(res)) return next();
    res.setHeader('WWW-Authenticate', 'Bearer realm="api"');
    next(new HttpError(401, 'unauthorized'));
  };
  return [identify, ...(options.throttle ?? []), refuseUnknown];
}

export function isAuthenticated(res: Response): boolean {
  return res.locals.actor !== undefined;
}

export function actorOf(res: Response): Actor {
  return res.locals.actor as Actor;
}

/** Who is acting and from where, as the use cases and the audit log take it. */
export function sourceOf(req: Request, res: Response): ActionSource {
  return { actor: actorOf(res), ip: req.ip ?? '', via: 'api' };
}
