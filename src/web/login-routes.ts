/** Sign-in and sign-out pages: throttling, the credentials use case, a fresh session id. */
import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { checkCredentials, recordSignOut } from '../app/sign-in';
import { endSession, startUserSession } from './auth';
import { csrfProtection } from './csrf';
import type { SessionPolicy } from './session';
import { loginThrottle, type ThrottlePolicy } from './login-throttle';
import { nextPath } from './next-path';
import type { RateLimitDeps } from '../infra/rate-limit';
import { pageContext } from './page-context';
import { loginPage } from './views/login-view';

const loginBody = z.object({
  email: z.string().trim().toLowerCase().max(254),
  password: z.string().max(200),
});

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
    const next = nextPath(req.query.next);
    if (req.session.userId) return res.redirect(303, next);
    const ctx = pageContext(req, res);
    const notice = req.query.expired
      ? ctx.t.sessionExpired
      : req.query.signedout
        ? ctx.t.signedOut
        : undefined;
    res.send(loginPage(ctx, '', undefined, notice, next));
  });

  router.post('/login', ...pageStack, csrfProtection, ...throttle.guards, async (req, res) => {
    const parsed = loginBody.safeParse(req.body);
    const ctx = pageContext(req, res);
    const email = parsed.success ? parsed.data.email : '';
    const password = parsed.success ? parsed.data.password : String(req.body?.password ?? '');
    const next = nextPath(req.body?.next);
    const user = await checkCredentials(email, password, req.ip ?? '');
    if (!user) return res.status(401).send(loginPage(ctx, email, ctx.t.badCredentials, undefined, next));
    await throttle.succeeded(req);
    await startUserSession(req, user, policy);
    res.redirect(303, next);
  });

  router.post('/logout', ...pageStack, csrfProtection, async (req, res) => {
    const userId = req.session.userId;
    if (userId) await recordSignOut(userId, req.ip ?? '');
    await endSession(req);
    res.clearCookie(cookieName, { path: '/' });
    res.redirect(303, '/login?signedout=1');
  });

  return router;
}
