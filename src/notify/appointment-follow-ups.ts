/**
 * The appointments' follow-ups port on BullMQ, as the use cases see it: each change adds one
 * planning job (the worker plans and sends the notifications) and adds, moves or removes the
 * reminder's delayed job. Never sends inline, never throws: when Redis does not answer it logs,
 * and the maintenance sweep puts back the reminders due within 48 h.
 */
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { AppointmentFollowUpsPort } from '../app/ports';
import { clientForId } from '../app/client-cache';
import type { Logger } from '../infra/logger';
import type { Appointment } from '../store/appointments';
import { withTimeout } from '../store/timeout';
import { QUEUES } from '../queue/names';
import {
  addChangeJob,
  addReminderJob,
  changeJobData,
  removeReminderJob,
  restoreReminders,
} from './appointment-jobs';

export type AppointmentFollowUpsOptions = {
  /** A command connection (fails fast): `createRedis(url)`. */
  redis: Redis;
  logger: Logger;
  /** BullMQ key prefix; tests use a fresh one. @defaultValue 'bull' */
  prefix?: string;
  now?: () => Date;
  /** Longest a change waits for Redis before it is logged and left. @defaultValue 2000 */
  enqueueTimeoutMs?: number;
};

export type AppointmentFollowUps = AppointmentFollowUpsPort & {
  /** The notifications queue these jobs go to (for the dashboard). */
  queue: Queue;
  /** The maintenance sweep: reminders due within 48 h that have no job get one back. */
  restoreReminders(): Promise<number>;
  close(): Promise<void>;
};

/** When the reminder of an appointment starting at `start` was due, by the client's setting now. */
async function formerReminder(a: Appointment, start: Date): Promise<Date | null> {
  const hours = (await clientForId(a.clientId)).appointments.reminderHoursBefore;
  return hours > 0 ? new Date(start.getTime() - hours * 3600_000) : null;
}

export function createAppointmentFollowUps(o: AppointmentFollowUpsOptions): AppointmentFollowUps {
  const queue = new Queue(QUEUES.notifications, { connection: o.redis, prefix: o.prefix ?? 'bull' });
  queue.on('error', (err) => o.logger.warn(`notifications queue: ${err.message}`));
  const now = o.now ?? (() => new Date());
  const timeoutMs = o.enqueueTimeoutMs ?? 2000;

  const safely = async (what: string, a: Appointment, work: () => Promise<unknown>) => {
    try {
      await withTimeout(work(), timeoutMs);
    } catch (err) {
      o.logger.error(`follow-ups of appointment ${a.id} (${what}) not queued: ${(err as Error).message}`);
    }
  };

  return {
    queue,

    booked: (a) =>
      safely('booked', a, () =>
        Promise.all([addChangeJob(queue, changeJobData(a, 'booked')), addReminderJob(queue, a, now())]),
      ),

    moved: (a, previousStart) =>
      safely('moved', a, async () => {
        await addChangeJob(queue, changeJobData(a, 'moved', { previousStart }));
        const former = await formerReminder(a, previousStart);
        if (former && former.getTime() !== a.reminderAt?.getTime())
          await removeReminderJob(queue, a.id, former);
        await addReminderJob(queue, a, now());
      }),

    cancelled: (a, by) =>
      safely('cancelled', a, async () => {
        await addChangeJob(queue, changeJobData(a, 'cancelled', { by }));
        const former = await formerReminder(a, a.start);
        if (former) await removeReminderJob(queue, a.id, former);
      }),

    restoreReminders: () => restoreReminders(queue, now()),

    close: () => queue.close(),
  };
}
