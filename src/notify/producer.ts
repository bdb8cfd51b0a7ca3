/**
 * Queues a message's follow-ups: one `deliver` job per planned notification, job id = delivery key
 * (BullMQ ignores an add whose id exists, so replays never duplicate), delays counted from when
 * the message was stored; then `queuedAt` is set. Used by `messageStored` and by the sweeper.
 */
import type { JobsOptions, Queue } from 'bullmq';
import { clientForId } from '../app/client-cache';
import { getMessage, type Message } from '../store/messages';
import { NotFoundError } from '../domain/errors';
import { deliveriesOf, ensureDeliveries } from '../store/deliveries';
import { markQueued } from '../store/message-follow-ups';
import { parseDeliveryKey } from './keys';
import { awaitsTranscription, planFollowUps, type PlanOptions } from './plan';
import { NOTIFICATION_JOBS } from '../queue/names';
import type { DeliverJobData } from './types';

export type RetryPolicy = {
  /** Attempts per notification, the first included. @defaultValue 8 */
  attempts?: number;
};

export const BACKOFF_TYPE = 'notify';

export function deliverJobOptions(key: string, delay: number, retry: RetryPolicy = {}): JobsOptions {
  return {
    jobId: key,
    delay: Math.max(0, Math.round(delay)),
    attempts: retry.attempts ?? 8,
    backoff: { type: BACKOFF_TYPE },
    // Kept a while so a replay within that time finds the id; the delivery log guards after.
    removeOnComplete: { age: 7 * 86_400, count: 50_000 },
    removeOnFail: { age: 30 * 86_400 },
  };
}

/** The planning job of a message: one per message, kept a day so a replayed store finds it. */
export function followUpsJobOptions(messageId: string): JobsOptions {
  return {
    jobId: `followups-${messageId}`,
    attempts: 8,
    backoff: { type: BACKOFF_TYPE },
    removeOnComplete: { age: 86_400, count: 50_000 },
    removeOnFail: { age: 30 * 86_400 },
  };
}

export type EnqueueOptions = { plan?: PlanOptions; retry?: RetryPolicy; now?: Date };

export async function enqueueFollowUps(
  queue: Queue,
  message: Message,
  options: EnqueueOptions = {},
): Promise<number> {
  const client = await clientForId(message.clientId);
  const now = (options.now ?? new Date()).getTime();
  // Queued again (the sweeper after a crash)? Job ids dedupe, and a job finds its entry already
  // sent and skips it: no need to read the delivery log first.
  const plan = planFollowUps(message, client, options.plan);
  const storedAt = message.createdAt.getTime();
  if (plan.length > 0) {
    // The log entries exist before any job can run, so workers only ever update them.
    await ensureDeliveries(message.id, plan);
    await queue.addBulk(
      plan.map((p) => ({
        name: NOTIFICATION_JOBS.deliver,
        data: {
          key: p.key,
          messageId: message.id,
          clientId: client.id,
          channel: p.channel,
          purpose: p.purpose,
          to: p.to,
          storedAt,
        } satisfies DeliverJobData,
        opts: deliverJobOptions(p.key, storedAt + p.delayMs - now, options.retry),
      })),
    );
    // Held for a transcription that may have been applied while this plan was made: its
    // release (messageCompleted) may have found no job yet, so look again now the jobs exist.
    const held = (options.plan?.transcriptionWaitMs ?? 0) > 0 && awaitsTranscription(message, client);
    if (held && !awaitsTranscription(await getMessage(message.id), client)) {
      await releaseHeld(queue, message.id);
    }
  }
  await markQueued(message.id);
  return plan.length;
}

/**
 * Sends now the notifications of a message held for its transcription: its first-attempt
 * `notify` jobs still delayed are promoted (same job ids: still one notification each). A job
 * already running or retrying is left as it is. Returns how many were released.
 */
export async function releaseHeld(queue: Queue, messageId: string): Promise<number> {
  const held = (await deliveriesOf(messageId)).filter(
    (d) => d.status === 'pending' && parseDeliveryKey(d.key)?.purpose === 'notify',
  );
  let released = 0;
  for (const d of held) {
    const job = await queue.getJob(d.key);
    if (!job || job.attemptsMade > 0 || !(await job.isDelayed())) continue;
    try {
      await job.promote();
      released += 1;
    } catch {
      // Its delay ran out meanwhile: it is on its way anyway.
    }
  }
  return released;
}

/** The `follow-ups` job: the message's notifications, unless the sweeper already queued them. */
export async function queueFollowUpsOf(
  queue: Queue,
  messageId: string,
  options: EnqueueOptions = {},
): Promise<number> {
  let message: Message;
  try {
    message = await getMessage(messageId);
  } catch (err) {
    if (err instanceof NotFoundError) return 0;
    throw err;
  }
  if (message.queuedAt) return 0;
  return enqueueFollowUps(queue, message, options);
}
