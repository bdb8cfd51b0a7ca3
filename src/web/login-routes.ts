/** Sign-in and sign-out: Argon2id check, throttling, a fresh session id, audit of both outcomes. */
import { Router, type Request, type RequestHandler } from 'express';
import { z } from 'zod';
import { recordAudit } from '../store/audit';
import { findUserByEmail, hashPassword, verifyPassword } from '../store/users';
import { csrfProtection, endSession, startUserSession, type SessionPolicy } from './auth';
import { loginThrottle, type ThrottlePolicy } from './login-throttle';
import type { RateLimitDeps } from '../infra/rate-limit';
import { pageContext } from './page-context';
import { loginPage } from './views/login-view';

const loginBody = z.object({
  email: z.string().trim().toLowerCase().max(254),
  password: z.string().max(200),
});

let dummyHash: Promise<string> | undefined;
/** Verifies against a throwaway hash so an unknown email takes as long as a wrong password. */
const burnTime = (password: string) =>
  (dummyHash ??= hashPassword('not-a-real-password')).then((h) => verifyPassword(h, password));

export function loginRoutes(deps: {
  pageStack: RequestHandler[];
  limits: RateLimitDeps;
  throttle: ThrottlePolicy;
  policy: SessionPolicy;
  cookieName: string;
}): Router {
  const router = Router();
  const { pageStack, policy, cookieName } = deps;
  const throttle = loginThrottle(deps.limits, deps.throttle, (req, res, retryAfterSeconds) => {
    const ctx = pageContext(req, res);
    const email = loginBody.safeParse(req.body).data?.email ?? '';
    const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
    res.status(429).setHeader('Retry-After', String(retryAfterSeconds));
    res.send(loginPage(ctx, email, ctx.t.tooManyAttempts(minutes)));
  });

  router.get('/login', ...pageStack, (req, res) => {
    if (req.session.userId) return res.redirect(303, '/');
    const ctx = pageContext(req, res);
    const notice = req.query.expired
      ? ctx.t.sessionExpired
      : req.query.signedout
        ? ctx.t.signedOut
        : undefined;
    res.send(loginPage(ctx, '', undefined, notice));
  });

  router.post('/login', ...pageStack, csrfProtection, ...throttle.guards, async (req, res) => {
    const parsed = loginBody.safeParse(req.body);
    const ctx = pageContext(req, res);
    const email = parsed.success ? parsed.data.email : '';
    const user = parsed.success ? await findUserByEmail(email) : null;
    const ok =
      user && user.active
        ? await verifyPassword(user.passwordHash, parsed.data!.password)
        : await burnTime(String(req.body?.password ?? ''));
    if (!ok || !user) {
      await audit(req, 'login.failure', null, { email });
      return res.status(401).send(loginPage(ctx, email, ctx.t.badCredentials));
    }
    await throttle.succeeded(req);
    await startUserSession(req, user, policy);
    await audit(req, 'login.success', user);
    res.redirect(303, '/');
  });

  router.post('/logout', ...pageStack, csrfProtection, async (req, res) => {
    const userId = req.session.userId;
    if (userId) await audit(req, 'logout', { id: userId, email: '' });
    await endSession(req);
    res.clearCookie(cookieName, { path: '/' });
    res.redirect(303, '/login?signedout=1');
  });

  return router;
}

function audit(
  req: Request,
  action: string,
  user: { id: string; email: string } | null,
  detail?: Record<string, unknown>,
) {
  return recordAudit({
    actor: user ? { type: 'user', id: user.id, label: user.email } : { type: 'anonymous' },
    action,
    ip: req.ip ?? '',
    detail: detail ?? null,
  });
}
