/**
 * The sweeper (a repeatable job, every minute): queues the follow-ups of messages that were stored
 * but never queued (`queuedAt: null`, e.g. Redis was down when `messageStored` ran), queues again
 * the deliveries still pending whose job Redis lost (a flush, a restart with an empty dataset, a
 * new instance), and keeps the digest and weekly report schedules in step with the clients' settings.
 */
import type { Queue } from 'bullmq';
import { NotFoundError } from '../domain/errors';
import type { Logger } from '../infra/logger';
import { findPendingDeliveries } from '../store/deliveries';
import { findUnqueued } from '../store/message-follow-ups';
import { getMessage } from '../store/messages';
import { syncDigestSchedules } from './digest';
import { syncWeeklyReportSchedules } from './weekly-report-send';
import { listClients } from '../store/clients';
import { enqueueFollowUps, type EnqueueOptions } from './producer';

export type SweepOptions = EnqueueOptions & {
  /** Leave messages younger than this to `messageStored`. @defaultValue 5000 */
  graceMs?: number;
  /** Messages per run. @defaultValue 500 */
  batch?: number;
  /** Leave pending deliveries younger than this to the job queuing them. @defaultValue 60000 */
  deliveryGraceMs?: number;
  /** Pending deliveries checked per run. @defaultValue 200 */
  deliveryBatch?: number;
};

/**
 * Where the scan of pending deliveries resumes: entries whose job is alive (an escalation step
 * due later, a retry waiting) stay pending for a while, and must not hold the scan at the oldest.
 */
export type SweepCursor = { after: Date | null };

export async function sweep(
  queue: Queue,
  logger: Logger,
  options: SweepOptions = {},
  cursor: SweepCursor = { after: null },
): Promise<{ queued: number; requeued: number; digests: number; weeklyReports: number }> {
  const now = options.now ?? new Date();
  const messages = await findUnqueued(
    new Date(now.getTime() - (options.graceMs ?? 5000)),
    options.batch ?? 500,
  );
  let queued = 0;
  for (const message of messages) {
    try {
      await enqueueFollowUps(queue, message, options);
      queued += 1;
    } catch (err) {
      logger.error(`sweeper could not queue message ${message.id}: ${(err as Error).message}`);
    }
  }
  if (queued > 0) logger.info(`sweeper queued the follow-ups of ${queued} message(s)`);
  const requeued = await requeueLostDeliveries(queue, logger, options, cursor);
  const clients = await listClients();
  const digests = await syncDigestSchedules(queue, clients);
  const weeklyReports = await syncWeeklyReportSchedules(queue, clients);
  return { queued, requeued, digests, weeklyReports };
}

/**
 * One page of pending deliveries: the messages of those whose job no longer exists are planned
 * again. Their jobs come back with their original due time (delays count from the message's
 * storage), job ids dedupe what still exists, and a job whose entry is already sent skips it.
 */
async function requeueLostDeliveries(
  queue: Queue,
  logger: Logger,
  options: SweepOptions,
  cursor: SweepCursor,
): Promise<number> {
  const now = options.now ?? new Date();
  const batch = options.deliveryBatch ?? 200;
  const pending = await findPendingDeliveries(
    new Date(now.getTime() - (options.deliveryGraceMs ?? 60_000)),
    cursor.after,
    batch,
  );
  // A short page is the end: the next sweep starts again from the oldest.
  cursor.after = pending.length < batch ? null : pending[pending.length - 1]!.createdAt;
  const jobs = await Promise.all(pending.map((d) => queue.getJob(d.key)));
  const lost = new Set(pending.filter((_, i) => !jobs[i]).map((d) => d.messageId));
  let requeued = 0;
  for (const messageId of lost) {
    try {
      await enqueueFollowUps(queue, await getMessage(messageId), options);
      requeued += 1;
    } catch (err) {
      if (err instanceof NotFoundError) continue;
      logger.error(`sweeper could not queue again message ${messageId}: ${(err as Error).message}`);
    }
  }
  if (requeued > 0) {
    logger.warn(`sweeper queued again the deliveries of ${requeued} message(s) whose jobs Redis lost`);
  }
  return requeued;
}
