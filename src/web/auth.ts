/**
 * Authentication middleware shared by the assistants' pages, the admin pages and the admin API
 * (admin session): `requireUser`, `requireAdmin`, `csrfProtection` and the session setup.
 */
import type { NextFunction, Request, Response } from 'express';
import { type User } from '../domain/users';
import type { ActionSource } from '../domain/access';
import { HttpError } from '../http/errors';
import { sessionUser } from '../app/sign-in';
import { csrfToken } from './csrf';
import { loginUrl } from './next-path';
import type { SessionPolicy } from './session';

/** The signed-in user that `requireUser` put on the response. */
export function currentUser(res: Response): User {
  const user = res.locals.user as User | undefined;
  if (!user) throw new Error('requireUser must run before currentUser');
  return user;
}

/** The signed-in user as the use cases and the audit log take them. */
export function sourceOf(req: Request, res: Response): ActionSource {
  const user = currentUser(res);
  const actor = {
    type: 'user',
    id: user.id,
    label: user.email,
    name: user.name,
    role: user.role,
    clientIds: user.clientIds,
  } as const;
  return { actor, ip: req.ip ?? '', via: 'web' };
}

function wantsHtml(req: Request): boolean {
  return req.method === 'GET' && !req.path.startsWith('/api/') && req.accepts(['html', 'json']) === 'html';
}

/** A page asked for while signed out opens again after sign-in (`next`, checked by next-path.ts). */
function refuse(req: Request, res: Response, reason: 'signed-out' | 'expired'): void {
  if (wantsHtml(req)) {
    res.redirect(303, loginUrl(req.originalUrl, reason === 'expired'));
    return;
  }
  res.status(401).json({ error: 'sign-in required', details: [] });
}

/** Starts an authenticated session with a fresh id (no session fixation). */
export async function startUserSession(req: Request, user: User, policy: SessionPolicy): Promise<void> {
  const lang = req.session.lang;
  await new Promise<void>((resolve, reject) =>
    req.session.regenerate((err) => (err ? reject(err) : resolve())),
  );
  const now = Date.now();
  Object.assign(req.session, {
    userId: user.id,
    expiresAt: now + policy.absoluteMs,
    lastSeenAt: now,
    idleMs: policy.idleMs,
  });
  if (lang) req.session.lang = lang;
  csrfToken(req);
  await new Promise<void>((resolve, reject) => req.session.save((err) => (err ? reject(err) : resolve())));
}

export async function endSession(req: Request): Promise<void> {
  await new Promise<void>((resolve) => req.session.destroy(() => resolve()));
}

/**
 * Lets through a signed-in, still active user within both timeouts (re-read from the database, so
 * a deactivation or a change of clients applies at once); otherwise redirects to /login (pages) or 401.
 */
export async function requireUser(req: Request, res: Response, next: NextFunction): Promise<void> {
  const s = req.session;
  if (!s?.userId) return refuse(req, res, 'signed-out');
  const now = Date.now();
  if (now > (s.expiresAt ?? 0) || now - (s.lastSeenAt ?? 0) > (s.idleMs ?? 0)) {
    await endSession(req);
    return refuse(req, res, 'expired');
  }
  try {
    const user = await sessionUser(s.userId);
    if (!user) {
      await endSession(req);
      return refuse(req, res, 'signed-out');
    }
    s.lastSeenAt = now;
    res.locals.user = user;
    next();
  } catch (err) {
    next(err);
  }
}

/** `requireUser`, then admins only (403 for an assistant). */
export function requireAdmin(req: Request, res: Response, next: NextFunction): void {
  void requireUser(req, res, (err?: unknown) => {
    if (err) return next(err);
    next(currentUser(res).role === 'admin' ? undefined : new HttpError(403, 'admins only'));
  });
}
