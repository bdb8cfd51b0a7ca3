/**
 * Builds the web service from a configuration: connections, edges, the express app.
 * Used by `server.ts` (the process) and by integration tests (in-process on port 0).
 */
import type { Server } from 'node:http';
import type { Redis } from 'ioredis';
import { apiRouter, type ApiRouterOptions } from '../api/router';
import { apiThrottle, DEFAULT_API_THROTTLE_POLICY, type ApiThrottlePolicy } from '../api/throttle';
import type { Config } from '../config/env';
import { buildApp } from '../http/app';
import { closeServer, listen, portOf, type HttpLimits } from '../http/lifecycle';
import { createLogger, type Logger } from '../infra/logger';
import { createRedis, pingRedis, redisNamespace } from '../infra/redis';
import { connectMongo, disconnectMongo, pingMongo } from '../store/mongo';
import { countMongoCommand, instrumentRedis, observeAppointmentWrite } from '../infra/metrics';
import { callCalendar, type AppointmentDeps } from '../app/appointments';
import { appointmentFollowUps } from './appointment-follow-ups';
import { calendarFor, type CalendarConnectionDeps } from '../app/calendar-connections';
import { redisCalendarLocks } from '../infra/calendar-locks';
import { metricsRouter } from '../http/metrics-route';
import { drainParkedMessages } from '../app/failsafe-messages';
import type {
  AppointmentFollowUpsPort,
  CallDeps,
  CallRecords,
  FollowUpsPort,
  MessageActionDeps,
} from '../app/ports';
import { callDeps as buildCallDeps } from './call-deps';
import { voiceRouter } from '../../webhooks/voice';
import { VOICE_WEBHOOKS_PATH } from '../../webhooks/twiml';
import { createWebRouter, type WebOptions } from '../web/router';
import { apiSession } from '../web/api-session';
import { QUEUE_DASHBOARD_PATH, queueDashboard } from '../web/queue-dashboard';
import { createFollowUps, type FollowUps } from '../notify';
import { smsWebhookRouter } from '../../webhooks/sms';
import { shareClientCache } from './client-cache-sharing';
import { Queue } from 'bullmq';
import type { CallerRightsDeps } from '../app/caller-access';
import { redisCallerTraces } from '../infra/caller-traces';
import { QUEUES } from '../queue/names';
import { createTransports } from '../notify/channels';
import type { WeeklyReportDeps } from '../notify/weekly-report-send';

export type WebRuntime = {
  config: Config;
  logger: Logger;
  redis: Redis;
  /** The call-handling dependencies the voice webhooks use. */
  calls: CallDeps;
  /** What people's actions on messages use, whichever edge they come from. */
  messages: MessageActionDeps;
  /** What the callers' access requests and erasures use, whichever edge they come from. */
  callers: CallerRightsDeps;
  /** What booking, moving and cancelling appointments use, whichever edge they come from. */
  appointments: AppointmentDeps;
  server: Server;
  port: number;
  /** Stops accepting, finishes in-flight requests, closes connections. */
  stop: () => Promise<void>;
};

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());

export function defaultLogger(config: Config, service: string): Logger {
  return createLogger({ level: config.logLevel, json: config.isProduction, defaultMeta: { service } });
}

export type StartWebOptions = {
  logger?: Logger;
  host?: string;
  /** The follow-up pipeline (notifications); tests may pass their own. @defaultValue BullMQ queues on Redis */
  followUps?: Pick<FollowUpsPort, 'messageStored'> &
    Partial<FollowUpsPort> &
    Partial<Pick<FollowUps, 'queues' | 'close'>>;
  /** The clock of the call flow; tests pin it. */
  now?: () => Date;
  /** The MongoDB side of calls; tests wrap it (a deliberately slow store). @defaultValue the store's repositories */
  records?: CallRecords;
  /** How long a message insert may take before the message is parked instead (ms). @defaultValue 600 */
  storeDeadlineMs?: number;
  /** Deadline of a voice webhook before the fail-safe answers (ms). */
  webhookDeadlineMs?: number;
  /** What follows an appointment's change (SMS, reminders, notifications); tests may pass their own. */
  appointmentFollowUps?: AppointmentFollowUpsPort;
  /** Admin API plug-ins: the admin-session check and the engine's route preview. */
  api?: Omit<ApiRouterOptions, 'adminApiToken' | 'messages' | 'clients' | 'throttle' | 'retention'>;
  /** Throttling of the admin token; tests shorten it. @defaultValue DEFAULT_API_THROTTLE_POLICY */
  apiThrottle?: Partial<ApiThrottlePolicy>;
  /** Web list options; tests shorten the session timeouts and throttling. */
  web?: WebOptions;
  /** Overrides of the HTTP limits from the environment; tests shorten how often they are checked. */
  httpLimits?: Partial<HttpLimits>;
};

export async function startWeb(config: Config, options: StartWebOptions = {}): Promise<WebRuntime> {
  const logger = options.logger ?? defaultLogger(config, 'web');
  instrumentRedis();
  await connectMongo(config.mongodbUri, { onCommand: countMongoCommand });
  const redis = createRedis(config.redisUrl);
  redis.on('error', (err) => logger.warn(`redis: ${err.message}`));
  // Start even when Redis is down (readiness says so), but do not report "not ready" for nothing.
  await Promise.race([new Promise((resolve) => redis.once('ready', resolve)), delay(2000)]);

  const clientCache = shareClientCache({
    redis,
    redisUrl: config.redisUrl,
    mongodbUri: config.mongodbUri,
    logger,
  });
  await Promise.race([clientCache.ready.catch(() => undefined), delay(2000)]);
  const clients = { announce: clientCache.announce, outbound: config.outbound };

  const pipeline = options.followUps ?? createFollowUps({ redis, logger, config });
  const followUps: FollowUpsPort = {
    messageStored: (message) => pipeline.messageStored(message),
    messageCompleted: (id) => pipeline.messageCompleted?.(id) ?? Promise.resolve(),
    acknowledge: (id, by) => pipeline.acknowledge?.(id, by) ?? Promise.resolve(),
    retryDelivery: (id, key) => pipeline.retryDelivery?.(id, key) ?? Promise.resolve('not-found'),
  };
  const now = options.now ?? (() => new Date());
  const ownAppointmentFollowUps = options.appointmentFollowUps
    ? null
    : appointmentFollowUps(redis, logger, { now });
  // One set of calendar settings: the client's calendar for bookings, and the calendar panel and
  // `/clients/{id}/calendar` (connecting, testing, disconnecting a CalDAV calendar).
  const calendarDeps: CalendarConnectionDeps = {
    credentialsKey: config.calendars.credentialsKey,
    timeoutMs: config.calendars.timeoutMs,
    outbound: config.outbound,
    now,
  };
  const appointmentDeps: AppointmentDeps = {
    logger,
    now,
    calendarOf: calendarFor(calendarDeps),
    locks: redisCalendarLocks(redis, { namespace: redisNamespace(config.mongodbUri) }),
    followUps: options.appointmentFollowUps ?? ownAppointmentFollowUps!,
    timeoutMs: config.calendars.timeoutMs,
    observeBooking: observeAppointmentWrite,
  };
  const callDeps = buildCallDeps({
    redis,
    mongodbUri: config.mongodbUri,
    logger,
    followUps,
    calendar: callCalendar(appointmentDeps),
    now,
    ...(options.records ? { records: options.records } : {}),
    ...(options.storeDeadlineMs ? { storeDeadlineMs: options.storeDeadlineMs } : {}),
  });
  const messageDeps: MessageActionDeps = {
    logger,
    now: callDeps.now,
    publish: callDeps.publish,
    followUps,
  };
  // An erasure cancels the notification jobs of the caller's messages, on the pipeline's own queue.
  const ownQueue = pipeline.queues?.some((q) => q.name === QUEUES.notifications)
    ? null
    : new Queue(QUEUES.notifications, { connection: redis });
  ownQueue?.on('error', (err) => logger.warn(`notifications queue: ${err.message}`));
  const callerDeps: CallerRightsDeps = {
    now: callDeps.now,
    callerKeySecret: config.callerKeySecret,
    calendarOf: appointmentDeps.calendarOf,
    publicBaseUrl: config.publicBaseUrl,
    recordingLinks: config.recordingLinks,
    clients,
    traces: redisCallerTraces({
      redis,
      namespace: redisNamespace(config.mongodbUri),
      notifications: ownQueue ?? pipeline.queues!.find((q) => q.name === QUEUES.notifications)!,
    }),
  };
  const drainTimer = setInterval(() => {
    drainParkedMessages(callDeps).catch((err: Error) =>
      logger.warn(`parked messages not drained yet: ${err.message}`),
    );
  }, 15_000);
  drainTimer.unref();

  // « Envoyer maintenant » sends from here, through the channels the worker uses (SMTP or the outbox).
  const transports = createTransports(config, logger);
  const weeklyReport: WeeklyReportDeps = { transports, logger, publicBaseUrl: config.publicBaseUrl };

  const limits = { redis, logger, namespace: redisNamespace(config.mongodbUri) };
  const tokenThrottle = apiThrottle(limits, { ...DEFAULT_API_THROTTLE_POLICY, ...options.apiThrottle });
  const web = await createWebRouter({
    config,
    redis,
    logger,
    limits,
    options: options.web,
    messages: messageDeps,
    clients,
    callers: callerDeps,
    appointments: appointmentDeps,
    calendars: calendarDeps,
    weeklyReport,
  });
  const adminSession = apiSession(config, redis, options.web?.session);
  const app = buildApp({
    logger,
    trustProxy: config.trustProxyHops,
    probes: [
      { name: 'MongoDB', check: () => pingMongo() },
      { name: 'Redis', check: () => pingRedis(redis) },
    ],
    routers: [
      {
        path: VOICE_WEBHOOKS_PATH,
        router: voiceRouter({
          publicBaseUrl: config.publicBaseUrl,
          authToken: config.twilio.authToken,
          logger,
          deps: callDeps,
          ...(options.webhookDeadlineMs ? { deadlineMs: options.webhookDeadlineMs } : {}),
        }),
      },
      {
        path: '/webhooks/sms',
        router: smsWebhookRouter({
          authToken: config.twilio.authToken,
          publicBaseUrl: config.publicBaseUrl,
          logger,
          messages: messageDeps,
          appointments: appointmentDeps,
        }),
      },
      {
        path: QUEUE_DASHBOARD_PATH,
        router: queueDashboard(config, redis, pipeline.queues ?? [], options.web?.session),
      },
      {
        path: '/api/v1',
        router: adminSession.wrap(
          apiRouter({
            sessionAdmin: adminSession.admin,
            messages: messageDeps,
            clients,
            retention: config.retention,
            callers: callerDeps,
            appointments: appointmentDeps,
            calendars: calendarDeps,
            ...options.api,
            throttle: tokenThrottle,
            adminApiToken: config.adminApiToken,
          }),
        ),
      },
      { path: '/', router: metricsRouter(config.adminApiToken, tokenThrottle) },
      // The web list last: it serves `/`, and its middleware stays on its own routes.
      { path: '/', router: web.router },
    ],
  });
  const server = await listen(app, config.port, options.host, { ...config.http, ...options.httpLimits });
  const port = portOf(server);

  const stop = async () => {
    clearInterval(drainTimer);
    await web.close();
    await clientCache.close();
    await pipeline.close?.();
    await ownAppointmentFollowUps?.close();
    await ownQueue?.close();
    transports.close();
    await closeServer(server, 8000);
    redis.disconnect();
    await disconnectMongo();
  };
  return {
    config,
    logger,
    redis,
    calls: callDeps,
    messages: messageDeps,
    callers: callerDeps,
    appointments: appointmentDeps,
    server,
    port,
    stop,
  };
}
