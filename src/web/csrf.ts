/**
 * Synchronizer-token CSRF protection: a random token in the session, echoed by every form.
 * Hand-written: csrf-sync, the maintained library of this pattern, is these same lines but compares with
 * `===` (not in constant time) and reads only a header unless configured; csrf-csrf is double-submit, for apps without server sessions.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The session's token, created on first use. */
export function csrfToken(req: Request): string {
  req.session.csrfToken ??= randomBytes(32).toString('base64url');
  return req.session.csrfToken;
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export class CsrfError extends Error {
  override name = 'CsrfError';
}

/**
 * Rejects a state-changing request whose `_csrf` form field or `X-CSRF-Token` header does not
 * match the session's token. Needs the session middleware and a body parser before it.
 */
export function csrfProtection(req: Request, _res: Response, next: NextFunction): void {
  if (SAFE_METHODS.has(req.method)) return next();
  const expected = req.session?.csrfToken;
  const body = req.body as Record<string, unknown> | undefined;
  const sent = req.get('x-csrf-token') ?? (typeof body?._csrf === 'string' ? body._csrf : undefined);
  if (!expected || typeof sent !== 'string' || !sameToken(sent, expected)) {
    return next(new CsrfError('missing or wrong CSRF token'));
  }
  next();
}
