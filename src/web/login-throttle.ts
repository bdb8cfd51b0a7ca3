/**
 * Throttling of failed sign-ins on express-rate-limit, counters in Redis. Refusal is per IP + account
 * (an attacker cannot lock the real user out from elsewhere) and per IP (password spraying);
 * failures on one account from many IPs only slow answers down, never lock. Each limiter counts an
 * attempt when it starts and gives it back unless it ends in 401, so only failures stay counted.
 */
import { createHash } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { Options, RateLimitInfo } from 'express-rate-limit';
import { clientKey, redisRateLimit, type RateLimitDeps } from '../infra/rate-limit';

export type ThrottlePolicy = {
  /** Counters expire this long after the first attempt. @defaultValue 15 minutes */
  windowSeconds: number;
  /** Failures of one account from one IP before refusing. @defaultValue 5 */
  maxPerIpAndAccount: number;
  /** Failures from one IP, any account, before refusing. @defaultValue 50 */
  maxPerIp: number;
  /** Failures of one account, any IP, after which each answer is delayed. @defaultValue 10 */
  slowAfterPerAccount: number;
};

export const DEFAULT_THROTTLE_POLICY: ThrottlePolicy = {
  windowSeconds: 15 * 60,
  maxPerIpAndAccount: 5,
  maxPerIp: 50,
  slowAfterPerAccount: 10,
};

/** Answers a refused attempt (the sign-in page with its message). */
export type RefuseAttempt = (req: Request, res: Response, retryAfterSeconds: number) => void;

export type LoginThrottle = {
  /** Run before the password check: each refuses (429 through `refuse`) or delays the attempt. */
  guards: RequestHandler[];
  /** A success clears this IP's failures on the account (other IPs keep theirs). */
  succeeded: (req: Request) => Promise<void>;
};

/** The account tried, hashed: emails are not written to Redis. */
const accountOf = (req: Request): string => {
  const email = (req.body as { email?: unknown } | undefined)?.email;
  return createHash('sha256')
    .update(typeof email === 'string' ? email.trim().toLowerCase() : '')
    .digest('hex')
    .slice(0, 32);
};
const pairKey = (req: Request) => `${clientKey(req)}:${accountOf(req)}`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What the limiter that called a handler counted (this attempt included). */
const countOf = (req: Request): RateLimitInfo => (req as Request & { rateLimit: RateLimitInfo }).rateLimit;

export function loginThrottle(
  deps: RateLimitDeps,
  policy: ThrottlePolicy,
  refuse: RefuseAttempt,
): LoginThrottle {
  const windowMs = policy.windowSeconds * 1000;
  const failuresOnly: Partial<Options> = {
    windowMs,
    skipSuccessfulRequests: true,
    requestWasSuccessful: (_req, res) => res.statusCode !== 401,
    standardHeaders: false,
    legacyHeaders: false,
  };
  const refusing: Partial<Options> = {
    ...failuresOnly,
    handler: (req, res) => {
      const resetAt = countOf(req).resetTime;
      const ms = resetAt ? resetAt.getTime() - Date.now() : windowMs;
      refuse(req, res, Math.max(1, Math.ceil(ms / 1000)));
    },
  };
  const cleared = new WeakSet<Request>();
  const perPair = redisRateLimit(deps, 'login-ip-account', {
    ...refusing,
    limit: policy.maxPerIpAndAccount,
    keyGenerator: pairKey,
    // After a success the key is deleted; giving the attempt back then would leave a -1 without expiry.
    requestWasSuccessful: (req, res) => res.statusCode !== 401 && !cleared.has(req),
  });
  const perIp = redisRateLimit(deps, 'login-ip', {
    ...refusing,
    limit: policy.maxPerIp,
    keyGenerator: clientKey,
  });
  // Past its limit this one slows the answer instead of refusing (what express-slow-down does with
  // the same library): 0.5 s, doubling with each further failure, at most 5 s.
  const perAccount = redisRateLimit(deps, 'login-account', {
    ...failuresOnly,
    limit: policy.slowAfterPerAccount,
    keyGenerator: accountOf,
    handler: async (req, _res, next) => {
      const failuresBefore = countOf(req).used - 1;
      await sleep(Math.min(500 * 2 ** (failuresBefore - policy.slowAfterPerAccount), 5000));
      next();
    },
  });
  return {
    guards: [perPair, perIp, perAccount],
    succeeded: async (req) => {
      cleared.add(req);
      await perPair.resetKey(pairKey(req));
    },
  };
}
