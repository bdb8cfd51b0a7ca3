/**
 * The jobs that follow an appointment's change, on the notifications queue, and their ids.
 *
 * Ids make every add idempotent (BullMQ ignores an add whose id exists): one change job per
 * change (`appt.<id>.booked`, `appt.<id>.moved.<updatedAt>`, `appt.<id>.cancelled`), one deliver
 * job per recipient of it (`<change key>.<audience>.<channel>.<index>`), one reminder job per
 * appointment and due time (`appt.<id>.reminder.<due>`), so moving the appointment means removing
 * one id and adding another. Jobs carry ids and times only: names and numbers are read when they run.
 */
import type { JobsOptions, Queue } from 'bullmq';
import { remindersDue, type Appointment } from '../store/appointments';
import { NOTIFICATION_JOBS } from '../queue/names';
import type { AppointmentChangeKind } from './appointment-texts';
import { BACKOFF_TYPE } from './producer';

export type AppointmentAudience = 'caller' | 'client';
export type AppointmentChannel = 'sms' | 'email' | 'webhook';
/** Why a notification goes: a change, or the reminder before the appointment. */
export type AppointmentPurpose = AppointmentChangeKind | 'reminder';

/** The appointment as it was right after the change (times in ms). */
type ChangeFacts = {
  appointmentId: string;
  clientId: string;
  start: number;
  end: number;
  previousStart: number | null;
  by: 'caller' | 'staff' | null;
  /** The iCalendar SEQUENCE of this version of the event. */
  sequence: number;
};

export type AppointmentChangeJobData = ChangeFacts & { key: string; change: AppointmentChangeKind };

export type AppointmentDeliverJobData = ChangeFacts & {
  key: string;
  purpose: AppointmentPurpose;
  audience: AppointmentAudience;
  channel: AppointmentChannel;
  /** Phone number, comma-separated email addresses, or webhook URL. */
  to: string;
  /** The SMS's sender: the number the caller called, else the client's first. */
  from: string;
  /** The reminder's due time (ms): it is sent only while the appointment still has it. */
  dueAt: number | null;
};

export type AppointmentReminderJobData = { appointmentId: string; clientId: string; dueAt: number };

/** BullMQ refuses ':' in custom ids, hence dots. */
export function changeKey(a: Pick<Appointment, 'id' | 'updatedAt'>, change: AppointmentChangeKind): string {
  // A move is one of many: its write time tells it from the others (and the same call replayed alike).
  return change === 'moved' ? `appt.${a.id}.moved.${a.updatedAt.getTime()}` : `appt.${a.id}.${change}`;
}

export const reminderJobId = (appointmentId: string, dueAt: Date | number): string =>
  `appt.${appointmentId}.reminder.${typeof dueAt === 'number' ? dueAt : dueAt.getTime()}`;

export const deliverKey = (
  base: string,
  audience: AppointmentAudience,
  channel: AppointmentChannel,
  index = 0,
): string => `${base}.${audience}.${channel}.${index}`;

/** The event's version: one more at each move or cancellation in its history. */
export function icsSequence(a: Pick<Appointment, 'history'>): number {
  return a.history.filter((h) => h.action === 'moved' || h.action === 'cancelled').length;
}

export function changeJobData(
  a: Appointment,
  change: AppointmentChangeKind,
  extra: { previousStart?: Date; by?: 'caller' | 'staff' } = {},
): AppointmentChangeJobData {
  return {
    key: changeKey(a, change),
    change,
    appointmentId: a.id,
    clientId: a.clientId,
    start: a.start.getTime(),
    end: a.end.getTime(),
    previousStart: extra.previousStart?.getTime() ?? null,
    by: extra.by ?? null,
    sequence: icsSequence(a),
  };
}

/** Kept a week so a replay within that time finds the id (as the message's deliveries). */
export function appointmentJobOptions(jobId: string, delayMs = 0, attempts = 8): JobsOptions {
  return {
    jobId,
    delay: Math.max(0, Math.round(delayMs)),
    attempts,
    backoff: { type: BACKOFF_TYPE },
    removeOnComplete: { age: 7 * 86_400, count: 50_000 },
    removeOnFail: { age: 30 * 86_400 },
  };
}

export async function addChangeJob(queue: Queue, data: AppointmentChangeJobData): Promise<void> {
  await queue.add(NOTIFICATION_JOBS.appointmentChange, data, appointmentJobOptions(data.key));
}

/**
 * The reminder job of `a`, delayed until its `reminderAt` (set by the use case from the client's
 * `reminderHoursBefore`); none when it has none or it is past. Answers whether one was added.
 */
export async function addReminderJob(
  queue: Queue,
  a: Pick<Appointment, 'id' | 'clientId' | 'reminderAt' | 'status'>,
  now: Date,
  /** Add it even if its time is past (the sweep's late reminders): then it runs at once. */
  late = false,
): Promise<boolean> {
  if (a.status !== 'booked' || !a.reminderAt || (a.reminderAt <= now && !late)) return false;
  const data: AppointmentReminderJobData = {
    appointmentId: a.id,
    clientId: a.clientId,
    dueAt: a.reminderAt.getTime(),
  };
  await queue.add(
    NOTIFICATION_JOBS.appointmentReminder,
    data,
    // Created "at `now`", so Redis holds the due time itself (created + delay), to the millisecond.
    {
      ...appointmentJobOptions(reminderJobId(a.id, a.reminderAt), a.reminderAt.getTime() - now.getTime()),
      timestamp: now.getTime(),
    },
  );
  return true;
}

/**
 * Removes a reminder job still waiting. One running now, or left behind because the due time was
 * computed otherwise, finds the appointment's `reminderAt` changed and sends nothing.
 */
export async function removeReminderJob(queue: Queue, appointmentId: string, dueAt: Date): Promise<void> {
  await queue.remove(reminderJobId(appointmentId, dueAt));
}

/** How far ahead the sweep looks for reminders whose job is missing. */
export const REMINDER_SWEEP_HORIZON_MS = 48 * 3600_000;
/** A reminder overdue by less than this still goes (the worker or Redis was away at its time). */
const LATE_REMINDER_MS = 12 * 3600_000;

/**
 * The maintenance sweep: reminders due within the horizon (or overdue a little, the appointment
 * still ahead) that are not sent and have no job — Redis lost it (a flush, a restart with an empty
 * dataset) or the booking's add failed — get their job back. A job in any state, a finished one
 * included, counts: `markReminded` decides at run time. Answers how many were added.
 */
export async function restoreReminders(
  queue: Queue,
  now: Date,
  horizonMs = REMINDER_SWEEP_HORIZON_MS,
): Promise<number> {
  const due = await remindersDue(
    new Date(now.getTime() - LATE_REMINDER_MS),
    new Date(now.getTime() + horizonMs),
    now,
  );
  const jobs = await Promise.all(due.map((a) => queue.getJob(reminderJobId(a.id, a.reminderAt!))));
  let added = 0;
  for (const [i, a] of due.entries()) {
    if (!jobs[i] && (await addReminderJob(queue, a, now, true))) added += 1;
  }
  return added;
}
