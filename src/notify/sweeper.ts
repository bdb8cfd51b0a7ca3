/**
 * The sweeper (a repeatable job, every minute): queues the follow-ups of messages that were stored
 * but never queued (`queuedAt: null`, e.g. Redis was down when `messageStored` ran), and keeps the
 * digest schedules in step with the clients' settings.
 */
import type { Queue } from 'bullmq';
import type { Logger } from '../infra/logger';
import { findUnqueued } from '../store/message-follow-ups';
import { syncDigestSchedules } from './digest';
import { enqueueFollowUps, type EnqueueOptions } from './producer';

export type SweepOptions = EnqueueOptions & {
  /** Leave messages younger than this to `messageStored`. @defaultValue 5000 */
  graceMs?: number;
  /** Messages per run. @defaultValue 500 */
  batch?: number;
};

export async function sweep(
  queue: Queue,
  logger: Logger,
  options: SweepOptions = {},
): Promise<{ queued: number; digests: number }> {
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
  const digests = await syncDigestSchedules(queue);
  return { queued, digests };
}
