/**
 * The notifications worker: one BullMQ Worker on the `notifications` queue running `follow-ups`,
 * `deliver`, `sweep`, `digest` and `weekly-report` jobs, plus the sweeper's, digests' and weekly
 * reports' schedulers, kept in Redis
 * whatever happens to its contents (`keepSchedules`). `close()` finishes the
 * active jobs and takes no new ones (SIGTERM); after a `kill -9`, BullMQ's stalled-job check hands
 * the jobs that were active to another worker once their lock expires, and the `deliver` job
 * reconciles with the provider before sending again (processor.ts).
 */
import { Queue, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Config } from '../config/env';
import type { Logger } from '../infra/logger';
import { initOutbox } from '../store/outbox';
import { NOTIFICATION_JOBS, QUEUES, sweepSchedule } from '../queue/names';
import { keepSchedules, type ScheduleKeeper } from '../queue/schedule-keeper';
import { listClients } from '../store/clients';
import { createTransports, type Transports } from './channels';
import { digestSchedules, sendDigest } from './digest';
import { weeklyReportProcessor, weeklyReportSchedules } from './weekly-report-send';
import { backoffDelay, type BackoffOptions } from './errors';
import { deliverProcessor } from './processor';
import { appointmentProcessors } from './appointment-processor';
import type {
  AppointmentChangeJobData,
  AppointmentDeliverJobData,
  AppointmentReminderJobData,
} from './appointment-jobs';
import { BACKOFF_TYPE, queueFollowUpsOf } from './producer';
import { sweep, type SweepCursor, type SweepOptions } from './sweeper';
import type { DeliverJobData, DigestJobData, FollowUpsJobData } from './types';

export type NotificationWorkerOptions = {
  /** A Redis connection with `maxRetriesPerRequest: null` (createRedis(url, 'blocking')). */
  connection: Redis;
  logger: Logger;
  config: Config;
  /** BullMQ key prefix; tests use a fresh one. @defaultValue 'bull' */
  prefix?: string;
  /** Notifications delivered in parallel by this worker. @defaultValue 10 */
  concurrency?: number;
  /** Lock of an active job; a killed worker's jobs are taken over after it. @defaultValue 30000 */
  lockDurationMs?: number;
  /** How often stalled jobs are looked for. @defaultValue 30000 */
  stalledIntervalMs?: number;
  /**
   * Times a job may be taken over from a dead worker before it fails. Above BullMQ's 1 because a
   * taken-over delivery reconciles with the provider instead of sending twice, so a job caught by
   * two crashes in a row is worth finishing. @defaultValue 5
   */
  maxStalledCount?: number;
  /** Retry delays. @defaultValue { baseMs: 2000, maxMs: 300000 } */
  backoff?: BackoffOptions;
  /** Sweeper period. @defaultValue 60000; 0 disables the sweeper and digest schedulers */
  sweepEveryMs?: number;
  sweep?: SweepOptions;
  /**
   * How often the sweeper's and digests' schedulers are checked and restored when Redis lost them
   * (a flush, a restart with an empty dataset, a new instance). @defaultValue 20000
   */
  scheduleCheckEveryMs?: number;
  /** Attempts of each appointment notification. @defaultValue 8 */
  appointmentAttempts?: number;
  /** Replace the transports built from the configuration (benchmarks). */
  transports?: Transports;
};

export type NotificationWorker = {
  worker: Worker;
  queue: Queue;
  /** Keeps the sweeper's and digests' schedulers (null when the sweeper is disabled). */
  schedules: ScheduleKeeper | null;
  close: () => Promise<void>;
};

export async function startNotificationWorker(o: NotificationWorkerOptions): Promise<NotificationWorker> {
  if (!o.connection) throw new Error('startNotificationWorker needs a Redis connection');
  const prefix = o.prefix ?? 'bull';
  const backoff = { baseMs: 2000, maxMs: 300_000, ...o.backoff };
  const sweepEveryMs = o.sweepEveryMs ?? 60_000;
  await initOutbox();
  const transports = o.transports ?? createTransports(o.config, o.logger);
  const deps = {
    transports,
    logger: o.logger,
    publicBaseUrl: o.config.publicBaseUrl,
    recordingLinks: o.config.recordingLinks,
  };
  const queue = new Queue(QUEUES.notifications, { connection: o.connection, prefix });
  // Without a listener BullMQ prints each connection error of an outage to stderr.
  queue.on('error', (err) => o.logger.warn(`notifications queue: ${err.message}`));
  const deliver = deliverProcessor(deps);
  const weeklyReport = weeklyReportProcessor(deps);
  const appointments = appointmentProcessors(queue, {
    transports,
    logger: o.logger,
    ...(o.appointmentAttempts ? { attempts: o.appointmentAttempts } : {}),
  });
  // The configured hold of voice-only messages, unless the caller's plan options say otherwise.
  const planning: SweepOptions = {
    ...o.sweep,
    plan: { transcriptionWaitMs: o.config.notify.transcriptionWaitMs, ...o.sweep?.plan },
  };
  // Where the sweeper's scan of pending deliveries resumes, from one sweep to the next.
  const sweepCursor: SweepCursor = { after: null };

  const worker = new Worker(
    QUEUES.notifications,
    async (job: Job) => {
      switch (job.name) {
        case NOTIFICATION_JOBS.deliver:
          return deliver(job as Job<DeliverJobData>);
        case NOTIFICATION_JOBS.followUps:
          return queueFollowUpsOf(queue, (job.data as FollowUpsJobData).messageId, planning);
        case NOTIFICATION_JOBS.sweep:
          return sweep(queue, o.logger, planning, sweepCursor);
        case NOTIFICATION_JOBS.digest:
          return sendDigest((job.data as DigestJobData).clientId, new Date(), deps);
        case NOTIFICATION_JOBS.weeklyReport:
          return weeklyReport(job);
        case NOTIFICATION_JOBS.appointmentChange:
          return appointments.change(job as Job<AppointmentChangeJobData>);
        case NOTIFICATION_JOBS.appointmentReminder:
          return appointments.reminder(job as Job<AppointmentReminderJobData>);
        case NOTIFICATION_JOBS.appointmentDeliver:
          return appointments.deliver(job as Job<AppointmentDeliverJobData>);
        default:
          throw new Error(`unknown notifications job ${job.name}`);
      }
    },
    {
      connection: o.connection,
      prefix,
      concurrency: o.concurrency ?? 10,
      lockDuration: o.lockDurationMs ?? 30_000,
      stalledInterval: o.stalledIntervalMs ?? 30_000,
      maxStalledCount: o.maxStalledCount ?? 5,
      settings: {
        backoffStrategy: (attemptsMade: number, type?: string, err?: Error) =>
          type === BACKOFF_TYPE ? backoffDelay(attemptsMade, err, backoff) : 0,
      },
    },
  );
  worker.on('failed', (job, err) => {
    if (job && job.name !== NOTIFICATION_JOBS.deliver && job.name !== NOTIFICATION_JOBS.appointmentDeliver)
      o.logger.error(`job ${job.name} failed: ${err.message}`);
  });
  worker.on('error', (err) => o.logger.error(`notifications worker: ${err.message}`));

  let schedules: ScheduleKeeper | null = null;
  if (sweepEveryMs > 0) {
    // Upserts keep one schedule however many workers start; the keeper puts back what Redis loses.
    schedules = await keepSchedules({
      queue,
      connection: o.connection,
      logger: o.logger,
      checkEveryMs: o.scheduleCheckEveryMs,
      schedules: async () => [sweepSchedule(sweepEveryMs), ...(await wantedPerClient(o.logger))],
    });
  }

  return {
    worker,
    queue,
    schedules,
    close: async () => {
      schedules?.close();
      await worker.close();
      await queue.close();
      transports.close();
    },
  };
}

/**
 * The digests' and weekly reports' schedules; none this time when MongoDB does not answer (the
 * sweeper's comes first).
 */
async function wantedPerClient(logger: Logger) {
  try {
    const clients = await listClients();
    return [...digestSchedules(clients), ...weeklyReportSchedules(clients)];
  } catch (err) {
    logger.error(`digest and weekly report schedules: ${(err as Error).message}`);
    return [];
  }
}
