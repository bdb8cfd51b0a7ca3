/** The worker process: `npm run worker`. Runs BullMQ workers and schedules repeatable jobs. */
import { Queue, Worker } from 'bullmq';
import { config, ConfigError } from '../config/env';
import { createRedis } from '../infra/redis';
import { closeIdleCalls } from '../app/call-end';
import { refreshRollups } from '../app/report-rollups';
import { createFollowUps, startNotificationWorker } from '../notify';
import { MAINTENANCE_JOBS, MAINTENANCE_SCHEDULES, QUEUES } from '../queue/names';
import { keepSchedules } from '../queue/schedule-keeper';
import { connectMongo, disconnectMongo } from '../store/mongo';
import { backfillSearchText } from '../store/message-search-backfill';
import { callDeps } from './call-deps';
import { maintenanceProcessor, retentionDeps } from './maintenance';
import { appointmentFollowUps } from './appointment-follow-ups';
import { shareClientCache } from './client-cache-sharing';
import { countMongoCommand, instrumentRedis } from '../infra/metrics';
import { serveMetrics } from '../http/metrics-route';
import { defaultLogger } from './runtime';

/** A call with no webhook for this long is over (Twilio's longest call is 4 hours by default). */
const CALL_IDLE_MS = 4 * 3600_000;
import { onShutdown } from './shutdown';

async function main(): Promise<void> {
  const cfg = config();
  const logger = defaultLogger(cfg, 'worker');
  instrumentRedis();
  await connectMongo(cfg.mongodbUri, { onCommand: countMongoCommand });
  const metrics =
    cfg.workerMetricsPort === null ? null : await serveMetrics(cfg.workerMetricsPort, cfg.adminApiToken);
  const connection = createRedis(cfg.redisUrl, 'blocking');

  const maintenance = new Queue(QUEUES.maintenance, { connection });
  maintenance.on('error', (err) => logger.warn(`maintenance queue: ${err.message}`));
  // Upserts keep one schedule however many workers start; the keeper puts back what Redis loses
  // (a flush, a restart with an empty dataset, a new instance) without a restart.
  const maintenanceSchedules = await keepSchedules({
    queue: maintenance,
    connection,
    logger,
    schedules: () => MAINTENANCE_SCHEDULES,
  });
  // Closing a call may store the message of a caller who hung up mid-way: the web's dependencies.
  const commands = createRedis(cfg.redisUrl);
  const followUps = createFollowUps({ redis: commands, logger, config: cfg });
  // Appointments' follow-ups: the reminders' sweep here (and the port, for the use cases the worker runs).
  const appointments = appointmentFollowUps(commands, logger);
  const calls = callDeps({ redis: commands, mongodbUri: cfg.mongodbUri, logger, followUps });
  // Notifications read client profiles through the cache: an admin's edit must reach them too.
  const clientCache = shareClientCache({
    redis: commands,
    redisUrl: cfg.redisUrl,
    mongodbUri: cfg.mongodbUri,
    logger,
  });

  const worker = new Worker(
    QUEUES.maintenance,
    maintenanceProcessor({
      ...retentionDeps(cfg, logger),
      closeIdleCalls: () => closeIdleCalls(calls, CALL_IDLE_MS),
      restoreAppointmentJobs: () => appointments.restoreLostJobs(),
      refreshReportRollups: () =>
        refreshRollups({ now: () => new Date(), callerKeySecret: cfg.callerKeySecret }),
    }),
    { connection, concurrency: 1 },
  );
  // The every-minute jobs log at info only when they did something: an idle minute is not news.
  worker.on('completed', (job, result) => {
    const idle = job.name !== MAINTENANCE_JOBS.retentionPurge && !didSomething(result);
    logger.log(idle ? 'debug' : 'info', `job ${job.name} done`, { result });
  });
  worker.on('error', (err) => logger.error(`maintenance worker: ${err.message}`));
  const notifications = await startNotificationWorker({
    connection,
    logger,
    config: cfg,
    lockDurationMs: cfg.notify.lockMs,
    stalledIntervalMs: cfg.notify.stalledIntervalMs,
  });
  worker.on('failed', (job, err) => logger.error(`job ${job?.name ?? '?'} failed: ${err.message}`));
  logger.info('worker started', {
    queues: Object.values(QUEUES),
    sms: cfg.twilio.live ? 'twilio' : 'outbox',
    email: cfg.mail.smtpUrl ? 'smtp' : 'outbox',
  });
  // Messages stored before the search field (or with an older folding) get it; in the background.
  backfillSearchText().then(
    (written) => written > 0 && logger.info('search field backfilled', { messages: written }),
    (err: unknown) => logger.error(`search field backfill: ${(err as Error).message}`),
  );

  onShutdown(logger, [
    // Finishes the active jobs and takes no new ones; then the connections close.
    {
      name: 'workers',
      run: async () => {
        maintenanceSchedules.close();
        await Promise.all([worker.close(), notifications.close()]);
      },
    },
    {
      name: 'queues',
      run: async () =>
        void (await Promise.all([maintenance.close(), followUps.close(), appointments.close()])),
    },
    { name: 'metrics', run: async () => void metrics?.close() },
    { name: 'client cache', run: () => clientCache.close() },
    { name: 'redis', run: async () => void (connection.disconnect(), commands.disconnect()) },
    { name: 'mongo', run: disconnectMongo },
  ]);
}

/** A job result with any count above zero (`{ deleted: 0, failed: 0 }` is an idle run). */
function didSomething(result: unknown): boolean {
  if (typeof result === 'number') return result > 0;
  if (result === null || typeof result !== 'object') return result !== undefined;
  return Object.values(result).some(didSomething);
}

main().catch((err: unknown) => {
  console.error(
    err instanceof ConfigError
      ? err.message
      : `worker failed to start: ${(err as Error).stack ?? String(err)}`,
  );
  process.exit(1);
});
