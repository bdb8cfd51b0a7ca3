/**
 * The environment, parsed once at start by one zod schema (the contract in ARCHITECTURE.md).
 *
 * Development and test get safe local defaults so `npm run dev` works without any `.env`;
 * production refuses to start without real secrets.
 */
import { createHmac } from 'node:crypto';
import { z } from 'zod';

const DEV_ACCOUNT_SID = 'AC00000000000000000000000000000000';
const DEV_AUTH_TOKEN = 'dev-twilio-auth-token-not-secret';
const DEV_SESSION_SECRET = 'dev-session-secret-not-secret-change-me';
const DEV_ADMIN_API_TOKEN = 'dev-admin-api-token';

/** A duration in milliseconds between `min` and `max`, named in the error. */
const millis = (min: number, max: number, fallback: number) =>
  z.coerce
    .number({ error: 'expected a duration in milliseconds' })
    .int('expected a whole number of milliseconds')
    .min(min, `expected a duration from ${min} to ${max} ms`)
    .max(max, `expected a duration from ${min} to ${max} ms`)
    .default(fallback);

const days = (min: number, max: number, fallback: number) =>
  z.coerce
    .number({ error: 'expected a number of days' })
    .int('expected a whole number of days')
    .min(min, `expected a number of days from ${min} to ${max}`)
    .max(max, `expected a number of days from ${min} to ${max}`)
    .default(fallback);

const urlOf = (protocols: RegExp, example: string) =>
  z.url({ protocol: protocols, error: `expected a URL such as ${example}` });

export const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: z.coerce
      .number({ error: 'expected a TCP port number' })
      .int('expected a TCP port number')
      .min(0, 'expected a TCP port number between 0 and 65535')
      .max(65535, 'expected a TCP port number between 0 and 65535')
      .default(3000),
    PUBLIC_BASE_URL: urlOf(/^https?$/, 'https://receptionist.example.com')
      .transform((u) => u.replace(/\/+$/, ''))
      .optional(),
    MONGODB_URI: urlOf(/^mongodb(\+srv)?$/, 'mongodb://127.0.0.1:27017/receptionist').optional(),
    REDIS_URL: urlOf(/^rediss?$/, 'redis://127.0.0.1:6379').default('redis://127.0.0.1:6379'),
    TWILIO_ACCOUNT_SID: z
      .string()
      .regex(/^AC[0-9a-f]{32}$/, 'expected a Twilio Account SID: AC followed by 32 hex characters')
      .optional(),
    TWILIO_AUTH_TOKEN: z.string().min(16, 'expected a Twilio auth token (at least 16 characters)').optional(),
    SESSION_SECRET: z.string().min(32, 'expected a random secret of at least 32 characters').optional(),
    ADMIN_API_TOKEN: z.string().min(16, 'expected a random token of at least 16 characters').optional(),
    LOG_LEVEL: z
      .enum(['error', 'warn', 'info', 'http', 'debug'], {
        error: 'expected one of error, warn, info, http, debug',
      })
      .default('info'),
    /** Base URL of Twilio's recording media host; tests point it at a local stand-in. */
    TWILIO_MEDIA_BASE_URL: urlOf(/^https?$/, 'https://api.twilio.com').default('https://api.twilio.com'),
    /** Base URL of Twilio's REST API; the notification benchmark points it at a local stand-in. */
    TWILIO_API_BASE_URL: urlOf(/^https?$/, 'https://api.twilio.com').default('https://api.twilio.com'),
    /** SMTP server for notification emails; unset: emails go to the outbox (offline demo). */
    SMTP_URL: urlOf(/^smtps?$/, 'smtp://user:pass@smtp.example.com:587').optional(),
    /** Sender of notification emails. */
    MAIL_FROM: z.string().trim().min(3).default('Réceptionniste <receptionist@localhost>'),
    /**
     * Reverse proxies in front of the web service whose `X-Forwarded-For` is believed. The client
     * address it yields keys the sign-in and API throttles: exposed directly, it must be 0, or any
     * client could pick its own address.
     */
    TRUST_PROXY: z.coerce
      .number({ error: 'expected a number of proxy hops' })
      .int('expected a whole number of proxy hops')
      .min(0, 'expected a number of proxy hops from 0 to 5')
      .max(5, 'expected a number of proxy hops from 0 to 5')
      .default(1),
    /**
     * Lets client webhooks point at loopback and private addresses, for tests and local development
     * where the receiver runs on this machine. Refused in production (server-side request forgery).
     */
    WEBHOOK_ALLOW_PRIVATE: z
      .enum(['true', 'false'], { error: 'expected true or false' })
      .default('false')
      .transform((v) => v === 'true'),
    /**
     * Lock of an active notification job, renewed while its worker lives: a killed worker's jobs
     * go to another worker after it. Tests and the chaos script shorten it.
     */
    NOTIFY_LOCK_MS: millis(1000, 600_000, 30_000),
    /** How often workers look for jobs whose lock expired (a killed worker's). */
    NOTIFY_STALLED_INTERVAL_MS: millis(500, 600_000, 30_000),
    /** Port of the worker's `GET /metrics` (admin token); unset: the worker serves no metrics. */
    WORKER_METRICS_PORT: z.coerce
      .number({ error: 'expected a TCP port number' })
      .int('expected a TCP port number')
      .min(1, 'expected a TCP port number between 1 and 65535')
      .max(65535, 'expected a TCP port number between 1 and 65535')
      .optional(),
    /**
     * How long the notification of a message that is only a voice message waits for its
     * transcription (which fills the caller's name, number and reason); 0 sends it at once.
     */
    TRANSCRIPTION_WAIT_MS: millis(0, 600_000, 90_000),
    /**
     * Key of the signed recording links in notifications; unset: derived from SESSION_SECRET.
     * Changing it (or the session secret it derives from) voids the links already sent.
     */
    RECORDING_LINK_SECRET: z
      .string()
      .min(32, 'expected a random secret of at least 32 characters')
      .optional(),
    /** How long a recording link in a notification plays without signing in (hours). */
    RECORDING_LINK_TTL_HOURS: z.coerce
      .number({ error: 'expected a number of hours' })
      .int('expected a whole number of hours')
      .min(1, 'expected a number of hours from 1 to 2160')
      .max(2160, 'expected a number of hours from 1 to 2160')
      .default(168),
    /**
     * Key of the callers' fingerprints in the audit log (an export or erasure names a keyed hash
     * of the number, never the number); unset: derived from SESSION_SECRET. Changing it keeps the
     * entries but an admin can no longer find them by number.
     */
    CALLER_KEY_SECRET: z.string().min(32, 'expected a random secret of at least 32 characters').optional(),
    /**
     * Key that encrypts calendar credentials at rest (AES-256-GCM); unset: derived from
     * SESSION_SECRET. Changing it makes the stored credentials unreadable: reconnect the calendars.
     */
    CALENDAR_CREDENTIALS_KEY: z
      .string()
      .min(32, 'expected a random secret of at least 32 characters')
      .optional(),
    /** The most one calendar request (a CalDAV query or write) may take during a call (ms). */
    CALENDAR_TIMEOUT_MS: millis(200, 10_000, 900),
    /** How long the outbox (notifications not sent to a provider) is kept, in days. */
    OUTBOX_RETENTION_DAYS: days(1, 3650, 90),
    /** How long the audit log is kept, in days (one year by default: the CNIL's advice for access logs). */
    AUDIT_RETENTION_DAYS: days(30, 3650, 365),
    /** Time a client may take to send a request's headers (slow clients are closed with 408). */
    HTTP_HEADERS_TIMEOUT_MS: millis(1000, 120_000, 10_000),
    /** Time a client may take to send a whole request; responses (live events) are not bounded. */
    HTTP_REQUEST_TIMEOUT_MS: millis(1000, 300_000, 30_000),
    /** Idle time of a kept-alive socket: above the idle timeout of the proxy in front. */
    HTTP_KEEP_ALIVE_TIMEOUT_MS: millis(1000, 600_000, 65_000),
  })
  .superRefine((env, ctx) => {
    // Node refuses to start a server whose headers may take longer than the whole request.
    if (env.HTTP_HEADERS_TIMEOUT_MS > env.HTTP_REQUEST_TIMEOUT_MS) {
      ctx.addIssue({
        code: 'custom',
        path: ['HTTP_HEADERS_TIMEOUT_MS'],
        message: `must not exceed HTTP_REQUEST_TIMEOUT_MS (${env.HTTP_REQUEST_TIMEOUT_MS})`,
      });
    }
    if (env.NODE_ENV !== 'production') return;
    for (const key of [
      'PUBLIC_BASE_URL',
      'MONGODB_URI',
      'TWILIO_ACCOUNT_SID',
      'TWILIO_AUTH_TOKEN',
      'SESSION_SECRET',
      'ADMIN_API_TOKEN',
    ] as const) {
      if (!env[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'required in production' });
    }
    if (env.WEBHOOK_ALLOW_PRIVATE) {
      ctx.addIssue({
        code: 'custom',
        path: ['WEBHOOK_ALLOW_PRIVATE'],
        message: 'must not be true in production (webhooks could reach internal services)',
      });
    }
  })
  .transform((env) => {
    const local = env.NODE_ENV !== 'production';
    return {
      nodeEnv: env.NODE_ENV,
      isProduction: !local,
      port: env.PORT,
      publicBaseUrl: env.PUBLIC_BASE_URL ?? `http://localhost:${env.PORT}`,
      mongodbUri: env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017/receptionist',
      redisUrl: env.REDIS_URL,
      twilio: {
        accountSid: env.TWILIO_ACCOUNT_SID ?? DEV_ACCOUNT_SID,
        authToken: env.TWILIO_AUTH_TOKEN ?? DEV_AUTH_TOKEN,
        /** False when running on the built-in development credentials: nothing is sent to Twilio. */
        live: Boolean(env.TWILIO_ACCOUNT_SID && env.TWILIO_AUTH_TOKEN),
        mediaBaseUrl: env.TWILIO_MEDIA_BASE_URL.replace(/\/+$/, ''),
        apiBaseUrl: env.TWILIO_API_BASE_URL.replace(/\/+$/, ''),
      },
      /** Notification email; `smtpUrl` null means the outbox (stored and logged, nothing sent). */
      mail: { smtpUrl: env.SMTP_URL ?? null, from: env.MAIL_FROM },
      sessionSecret: env.SESSION_SECRET ?? DEV_SESSION_SECRET,
      /** Signed links to recordings, played through the service without signing in. */
      recordingLinks: {
        secret:
          env.RECORDING_LINK_SECRET ??
          createHmac('sha256', env.SESSION_SECRET ?? DEV_SESSION_SECRET)
            .update('recording-links')
            .digest('base64url'),
        ttlMs: env.RECORDING_LINK_TTL_HOURS * 3600_000,
      },
      /** Keyed fingerprints of callers' numbers in the audit log (exports, erasures). */
      callerKeySecret:
        env.CALLER_KEY_SECRET ??
        createHmac('sha256', env.SESSION_SECRET ?? DEV_SESSION_SECRET)
          .update('caller-keys')
          .digest('base64url'),
      /** Calendars: the key of their stored credentials, and the time one request may take in a call. */
      calendars: {
        credentialsKey:
          env.CALENDAR_CREDENTIALS_KEY ??
          createHmac('sha256', env.SESSION_SECRET ?? DEV_SESSION_SECRET)
            .update('calendar-credentials')
            .digest('base64url'),
        timeoutMs: env.CALENDAR_TIMEOUT_MS,
      },
      /** Retention of the service's own logs; callers' data follows each client's settings. */
      retention: { outboxDays: env.OUTBOX_RETENTION_DAYS, auditDays: env.AUDIT_RETENTION_DAYS },
      adminApiToken: env.ADMIN_API_TOKEN ?? DEV_ADMIN_API_TOKEN,
      logLevel: env.LOG_LEVEL,
      workerMetricsPort: env.WORKER_METRICS_PORT ?? null,
      /** BullMQ lock and stalled-job check of the notifications worker. */
      notify: {
        lockMs: env.NOTIFY_LOCK_MS,
        stalledIntervalMs: env.NOTIFY_STALLED_INTERVAL_MS,
        transcriptionWaitMs: env.TRANSCRIPTION_WAIT_MS,
      },
      trustProxyHops: env.TRUST_PROXY,
      /** Limits of the web service's HTTP server (src/http/lifecycle.ts). */
      http: {
        headersTimeoutMs: env.HTTP_HEADERS_TIMEOUT_MS,
        requestTimeoutMs: env.HTTP_REQUEST_TIMEOUT_MS,
        keepAliveTimeoutMs: env.HTTP_KEEP_ALIVE_TIMEOUT_MS,
      },
      /** Where client webhooks may be sent: https only in production, private addresses on request. */
      outbound: { requireHttps: !local, allowPrivate: env.WEBHOOK_ALLOW_PRIVATE },
    };
  });

export type Config = z.output<typeof envSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment; throws a ConfigError whose message is one line naming the variable. */
export function parseEnv(source: NodeJS.ProcessEnv): Config {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const result = envSchema.safeParse(cleaned);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const name = issue.path.join('.') || 'environment';
  const shown =
    typeof cleaned[name] === 'string' && !/TOKEN|SECRET/.test(name) ? ` (got "${cleaned[name]}")` : '';
  throw new ConfigError(`Invalid environment variable ${name}: ${issue.message}${shown}`);
}

let cached: Config | undefined;

/** The process-wide configuration, parsed on first use. */
export function config(): Config {
  cached ??= parseEnv(process.env);
  return cached;
}
