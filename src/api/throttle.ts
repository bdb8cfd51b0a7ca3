/**
 * Throttling of the admin API on express-rate-limit, counters in Redis shared by every instance:
 * failed authentications per IP (a brute-forced token), and a generous request rate per IP.
 * Runs after the caller is identified and before anything is served or refused with 401.
 */
import type { RequestHandler } from 'express';
import type { Options } from 'express-rate-limit';
import { HttpError } from '../http/errors';
import { clientKey, hitsOf, redisRateLimit, type Limiter, type RateLimitDeps } from '../infra/rate-limit';
import { isAuthenticated } from './auth';

export type ApiThrottlePolicy = {
  /** Window of the failed-authentication counter (ms). @defaultValue 15 minutes */
  failureWindowMs: number;
  /** Failed authentications from one IP in that window, after which every request from it gets 429. @defaultValue 10 */
  maxFailuresPerIp: number;
  /** Window of the request counter (ms). @defaultValue 1 minute */
  requestWindowMs: number;
  /** Requests from one IP in that window, authenticated or not. @defaultValue 600 */
  maxRequestsPerIp: number;
};

export const DEFAULT_API_THROTTLE_POLICY: ApiThrottlePolicy = {
  failureWindowMs: 15 * 60_000,
  maxFailuresPerIp: 10,
  requestWindowMs: 60_000,
  maxRequestsPerIp: 600,
};

const answered: Partial<Options> = {
  keyGenerator: clientKey,
  // Each limiter adds its named line to `RateLimit`/`RateLimit-Policy`; a refusal sets `Retry-After`.
  standardHeaders: 'draft-8',
  legacyHeaders: false,
  handler: (_req, _res, next) => next(new HttpError(429, 'too many requests')),
};

/** The middleware `apiAuth` runs between naming the caller and refusing an unnamed one. */
export type ApiThrottle = RequestHandler[];

export function apiThrottle(deps: RateLimitDeps, policy: ApiThrottlePolicy): ApiThrottle {
  const failures: Limiter = redisRateLimit(deps, 'api-auth-failures', {
    ...answered,
    identifier: 'auth-failures',
    windowMs: policy.failureWindowMs,
    limit: policy.maxFailuresPerIp,
    // An authenticated request is no failure and is not counted, unless its IP is already refused:
    // a guess that happens to be right must get the same 429 as the wrong ones.
    skip: async (req, res) =>
      isAuthenticated(res) && (await hitsOf(failures, clientKey(req))) < policy.maxFailuresPerIp,
  });
  const requests = redisRateLimit(deps, 'api-requests', {
    ...answered,
    identifier: 'requests',
    windowMs: policy.requestWindowMs,
    limit: policy.maxRequestsPerIp,
  });
  return [failures, requests];
}
