/**
 * The follow-up notification pipeline, as the web process sees it.
 *
 * `messageStored` only queues one job (fast, idempotent: its id derives from the message); the
 * worker plans the notifications. It never throws to its caller: if Redis is down it logs, and the worker's sweeper queues the
 * message later (`queuedAt` stays null). The worker side is `startNotificationWorker`.
 */
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Config } from '../config/env';
import type { FollowUpsPort } from '../app/ports';
import type { Logger } from '../infra/logger';
import { withTimeout } from '../store/timeout';
import { QUEUES, NOTIFICATION_JOBS } from '../queue/names';
import { deliveriesOf, findDelivery, recordDelivery } from '../store/deliveries';
import { markAcknowledged } from '../store/message-follow-ups';
import { isEscalation, parseDeliveryKey } from './keys';
import { deliverJobOptions, followUpsJobOptions, releaseHeld, type RetryPolicy } from './producer';
import type { DeliverJobData, FollowUpsJobData } from './types';

export { queueDashboardRouter } from './dashboard';
export { startNotificationWorker, type NotificationWorkerOptions } from './worker';
export { signWebhook, verifyWebhookSignature } from './channels/webhook';
export { deliveryKey, parseDeliveryKey } from './keys';

export type FollowUpsOptions = {
  /** The web process's Redis connection (fails fast: `createRedis(url)`). */
  redis: Redis;
  logger: Logger;
  config: Config;
  /** BullMQ key prefix; tests use a fresh one. @defaultValue 'bull' */
  prefix?: string;
  retry?: RetryPolicy;
  /** Longest `messageStored` waits for Redis before leaving the message to the sweeper. @defaultValue 2000 */
  enqueueTimeoutMs?: number;
};

/** The use cases' follow-ups port on BullMQ, plus what the composition root needs of the queues. */
export type FollowUps = FollowUpsPort & {
  /** The queues, for `queueDashboardRouter`. */
  queues: Queue[];
  close(): Promise<void>;
};

export function createFollowUps(options: FollowUpsOptions): FollowUps {
  const { redis, logger } = options;
  const queue = new Queue(QUEUES.notifications, { connection: redis, prefix: options.prefix ?? 'bull' });
  queue.on('error', (err) => logger.warn(`notifications queue: ${err.message}`));
  const timeoutMs = options.enqueueTimeoutMs ?? 2000;

  return {
    queues: [queue],

    async messageStored(message) {
      // One job; the worker plans the notifications and keeps their log (its bookkeeping, not the caller's).
      try {
        await withTimeout(
          queue.add(
            NOTIFICATION_JOBS.followUps,
            { messageId: message.id } satisfies FollowUpsJobData,
            followUpsJobOptions(message.id),
          ),
          timeoutMs,
        );
      } catch (err) {
        logger.error(
          `follow-ups of message ${message.id} not queued (the sweeper will): ${(err as Error).message}`,
        );
      }
    },

    async messageCompleted(messageId) {
      try {
        const released = await withTimeout(releaseHeld(queue, messageId), timeoutMs);
        if (released > 0) logger.info(`message ${messageId} complete: ${released} notification(s) released`);
      } catch (err) {
        // The hold is bounded: the notification goes out when it ends.
        logger.warn(`held notifications of message ${messageId} not released: ${(err as Error).message}`);
      }
    },

    async acknowledge(messageId, by) {
      if (!(await markAcknowledged(messageId))) return;
      const pending = (await deliveriesOf(messageId)).filter((d) => {
        const parsed = parseDeliveryKey(d.key);
        return d.status === 'pending' && parsed !== null && isEscalation(parsed.purpose);
      });
      for (const d of pending) {
        try {
          await queue.remove(d.key);
        } catch (err) {
          // Active right now: the job sees acknowledgedAt and cancels itself.
          logger.debug(`escalation ${d.key} not removed: ${(err as Error).message}`);
        }
        await recordDelivery(messageId, d, { status: 'cancelled', lastError: `acknowledged by ${by}` });
      }
      logger.info(
        `message ${messageId} acknowledged by ${by}; ${pending.length} escalation step(s) cancelled`,
      );
    },

    async retryDelivery(messageId, key) {
      const found = await findDelivery(key);
      const parsed = parseDeliveryKey(key);
      if (!found || found.messageId !== messageId || !parsed) return 'not-found';
      if (found.status === 'sent') return 'already-sent';
      const job = await queue.getJob(key);
      const state = job ? await job.getState() : 'missing';
      if (state === 'active' || state === 'waiting' || state === 'delayed' || state === 'prioritized') {
        return 'in-progress';
      }
      await recordDelivery(messageId, found, { status: 'pending', attempts: 0, lastError: null });
      if (job && state === 'failed') {
        await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
        return 'retried';
      }
      if (job) await job.remove();
      const data: DeliverJobData = {
        key,
        messageId,
        clientId: found.clientId,
        channel: parsed.channel,
        purpose: parsed.purpose,
        to: found.to,
        storedAt: Date.now(),
      };
      await queue.add(NOTIFICATION_JOBS.deliver, data, deliverJobOptions(key, 0, options.retry));
      return 'requeued';
    },

    close: () => queue.close(),
  };
}
