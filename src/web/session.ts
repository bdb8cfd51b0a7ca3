/**
 * Web sessions in Redis (connect-redis over the service's ioredis connection). The cookie is
 * HttpOnly, SameSite=Lax, Secure in production and lives as long as the absolute timeout; the
 * session carries its deadlines (idle and absolute), checked on every request by `requireUser`.
 */
import RedisStore from 'connect-redis';
import type { RequestHandler } from 'express';
import session from 'express-session';
import type { Redis } from 'ioredis';
import type { Config } from '../config/env';
import type { Lang } from './i18n';

declare module 'express-session' {
  interface SessionData {
    userId: string;
    csrfToken: string;
    /** Epoch ms after which the session ends whatever the activity (absolute timeout). */
    expiresAt: number;
    /** Epoch ms of the last authenticated request, for the idle timeout. */
    lastSeenAt: number;
    idleMs: number;
    lang: Lang;
    flash: { kind: 'ok' | 'error'; text: string };
  }
}

/** Session lifetimes. */
export type SessionPolicy = {
  /** Ends a session left unused this long. @defaultValue 30 minutes */
  idleMs: number;
  /** Ends a session this long after sign-in, however active. @defaultValue 12 hours */
  absoluteMs: number;
};

export const DEFAULT_SESSION_POLICY: SessionPolicy = { idleMs: 30 * 60_000, absoluteMs: 12 * 3600_000 };

export const SESSION_KEY_PREFIX = 'receptionist:sess:';

export function sessionCookieName(config: Config): string {
  // The __Host- prefix pins the cookie to this host, path / and HTTPS.
  return config.isProduction ? '__Host-receptionist.sid' : 'receptionist.sid';
}

export function createSessionMiddleware(config: Config, redis: Redis, policy: SessionPolicy): RequestHandler {
  return session({
    name: sessionCookieName(config),
    secret: config.sessionSecret,
    // Redis forgets a session a minute after its idle timeout; until then a late visit is told
    // "your session expired" (requireUser checks both timeouts itself, to the millisecond).
    store: new RedisStore({
      client: redis,
      prefix: SESSION_KEY_PREFIX,
      ttl: () => Math.ceil(policy.idleMs / 1000) + 60,
    }),
    resave: false,
    saveUninitialized: false,
    unset: 'destroy',
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      secure: config.isProduction,
      path: '/',
      maxAge: policy.absoluteMs,
    },
  });
}
