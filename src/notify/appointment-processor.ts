/**
 * The worker's side of appointments' follow-ups, three jobs:
 * - `appointment-change` plans the notifications of one change (the caller's SMS, the client's
 *   SMS, email and webhook from its notification settings) and queues one deliver job each;
 * - `appointment-reminder`, delayed until the reminder is due, marks it sent (`markReminded`
 *   matches only while the appointment still has that due time: a moved or cancelled appointment's
 *   reminder sends nothing) and queues its SMS;
 * - `appointment-deliver` sends one of them. A caller's SMS about a time the appointment no longer
 *   has is skipped (a later change sends its own). An SMS is sent at most once: the job marks its
 *   attempt in its own progress just before sending, and a later attempt that finds the mark asks
 *   Twilio what it holds before sending again (as the messages' deliveries do with their log).
 */
import { UnrecoverableError, type Job, type Queue } from 'bullmq';
import type { Logger } from '../infra/logger';
import { clientForId } from '../app/client-cache';
import { isE164Phone } from '../domain/phone';
import { findCallRecord } from '../store/calls';
import type { Client } from '../store/clients';
import { findAppointment, markConfirmationSent, markReminded, type Appointment } from '../store/appointments';
import { NOTIFICATION_JOBS } from '../queue/names';
import type { Transports } from './channels';
import { asDeliveryError, PermanentError, UnknownOutcomeError } from './errors';
import { CLOCK_SKEW_MS } from './processor';
import { appointmentIcs } from '../infra/appointment-ics';
import {
  appointmentJobOptions,
  deliverKey,
  type AppointmentChangeJobData,
  type AppointmentDeliverJobData,
  type AppointmentReminderJobData,
} from './appointment-jobs';
import {
  appointmentWebhookBody,
  callerSms,
  clientEmail,
  clientSms,
  icsSummary,
  type ChangeForTexts,
} from './appointment-texts';

export type AppointmentJobDeps = {
  transports: Transports;
  logger: Logger;
  now?: () => Date;
  /** Attempts of each notification. @defaultValue 8 */
  attempts?: number;
};

type Skipped = { skipped: string };

/** The number the caller called when it is still the client's, else the client's first. */
async function senderNumber(a: Appointment, client: Client): Promise<string> {
  if (a.callSid) {
    const call = await findCallRecord(a.callSid).catch(() => null);
    if (call && client.numbers.includes(call.to)) return call.to;
  }
  return client.numbers[0] ?? '';
}

/** The deliver jobs of one change: the caller's SMS (not when the caller cancelled), the client's. */
export function planChange(
  d: AppointmentChangeJobData,
  a: Appointment,
  client: Client,
  from: string,
): AppointmentDeliverJobData[] {
  const { key: _key, change, ...facts } = d;
  const plan: AppointmentDeliverJobData[] = [];
  const add = (audience: 'caller' | 'client', channel: 'sms' | 'email' | 'webhook', to: string, i = 0) =>
    plan.push({
      ...facts,
      key: deliverKey(d.key, audience, channel, i),
      purpose: change,
      audience,
      channel,
      to,
      from,
      dueAt: null,
    });
  const callerKnows = change === 'cancelled' && d.by === 'caller';
  if (!callerKnows && isE164Phone(a.callerNumber)) add('caller', 'sms', a.callerNumber);
  const n = client.notifications;
  if (n.sms.enabled) n.sms.to.forEach((to, i) => add('client', 'sms', to, i));
  if (n.email.enabled && n.email.to.length > 0) add('client', 'email', n.email.to.join(','));
  if (n.webhook.enabled && n.webhook.url) add('client', 'webhook', n.webhook.url);
  return plan;
}

/** Whether what a caller's SMS says is still true of the appointment. */
function stillTrue(d: AppointmentDeliverJobData, a: Appointment): boolean {
  switch (d.purpose) {
    case 'booked':
    case 'moved':
      return a.status === 'booked' && a.start.getTime() === d.start;
    case 'reminder':
      return a.status === 'booked' && a.reminderAt?.getTime() === d.dueAt && a.start.getTime() === d.start;
    case 'cancelled':
      return a.status === 'cancelled';
  }
}

type Request =
  | { channel: 'sms'; to: string; from: string; body: string }
  | { channel: 'email'; to: string[]; subject: string; text: string; html: string; ics: string }
  | { channel: 'webhook'; url: string; secret: string; body: string };

function prepare(d: AppointmentDeliverJobData, a: Appointment, client: Client, now: Date): Request {
  const change: ChangeForTexts = {
    change: d.purpose === 'reminder' ? 'booked' : d.purpose,
    previousStart: d.previousStart === null ? null : new Date(d.previousStart),
    by: d.by,
  };
  // The texts tell the change's own times, not the ones of a later change.
  const at = { ...a, start: new Date(d.start), end: new Date(d.end) };
  if (d.audience === 'caller') {
    const body = callerSms(d.purpose, at, client, { now, clientNumber: d.from });
    return { channel: 'sms', to: d.to, from: d.from, body };
  }
  switch (d.channel) {
    case 'sms':
      return { channel: 'sms', to: d.to, from: d.from, body: clientSms(at, client, change) };
    case 'email': {
      const ics = appointmentIcs(
        {
          uid: a.id,
          start: at.start,
          end: at.end,
          timeZone: client.timezone,
          ...icsSummary(at),
          ...(client.address ? { location: client.address } : {}),
        },
        { method: change.change === 'cancelled' ? 'CANCEL' : 'REQUEST', sequence: d.sequence },
      );
      return { channel: 'email', to: d.to.split(','), ...clientEmail(at, client, change), ics };
    }
    case 'webhook': {
      const { url, secret } = client.notifications.webhook;
      if (!url || !secret) throw new PermanentError('webhook is no longer configured');
      const body = appointmentWebhookBody(a, client, { ...change, start: at.start, end: at.end }, d.key);
      return { channel: 'webhook', url, secret, body };
    }
  }
}

function transmit(r: Request, d: AppointmentDeliverJobData, t: Transports) {
  const ref = { key: d.key, clientId: d.clientId };
  switch (r.channel) {
    case 'sms':
      return t.sms({ ...ref, to: r.to, from: r.from, body: r.body });
    case 'email':
      return t.email({
        ...ref,
        to: r.to,
        subject: r.subject,
        text: r.text,
        html: r.html,
        attachments: [
          {
            filename: 'rendez-vous.ics',
            content: r.ics,
            contentType: `text/calendar; charset=utf-8; method=${d.purpose === 'cancelled' ? 'CANCEL' : 'REQUEST'}`,
          },
        ],
      });
    case 'webhook':
      return t.webhook({ url: r.url, secret: r.secret, body: r.body, deliveryId: d.key });
  }
}

/** What an attempt leaves in its job's progress: when it started sending, until its outcome is known. */
type AttemptMark = { sendingSince?: number };

export function appointmentProcessors(queue: Queue, deps: AppointmentJobDeps) {
  const now = deps.now ?? (() => new Date());
  const addDeliveries = (plan: AppointmentDeliverJobData[]) =>
    queue.addBulk(
      plan.map((data) => ({
        name: NOTIFICATION_JOBS.appointmentDeliver,
        data,
        opts: appointmentJobOptions(data.key, 0, deps.attempts),
      })),
    );

  async function change(job: Job<AppointmentChangeJobData>): Promise<{ queued: number } | Skipped> {
    const a = await findAppointment(job.data.appointmentId);
    if (!a) return { skipped: 'appointment deleted' };
    const client = await clientForId(a.clientId);
    const plan = planChange(job.data, a, client, await senderNumber(a, client));
    if (plan.length > 0) await addDeliveries(plan);
    return { queued: plan.length };
  }

  async function reminder(job: Job<AppointmentReminderJobData>): Promise<{ queued: string } | Skipped> {
    const d = job.data;
    const a = await findAppointment(d.appointmentId);
    if (!a) return { skipped: 'appointment deleted' };
    const marked = await markReminded(a.id, new Date(d.dueAt), now());
    // Marked by an earlier attempt of this job that stopped before queuing the SMS: finish its work.
    const ours =
      job.attemptsStarted > 1 &&
      a.status === 'booked' &&
      a.reminderAt?.getTime() === d.dueAt &&
      a.remindedAt !== null;
    if (!marked && !ours) return { skipped: 'moved, cancelled or already reminded' };
    if (!isE164Phone(a.callerNumber)) return { skipped: 'no number to remind' };
    const client = await clientForId(a.clientId);
    const key = deliverKey(`appt.${a.id}.reminder.${d.dueAt}`, 'caller', 'sms');
    await addDeliveries([
      {
        key,
        appointmentId: a.id,
        clientId: a.clientId,
        start: a.start.getTime(),
        end: a.end.getTime(),
        previousStart: null,
        by: null,
        sequence: 0,
        purpose: 'reminder',
        audience: 'caller',
        channel: 'sms',
        to: a.callerNumber,
        from: await senderNumber(a, client),
        dueAt: d.dueAt,
      },
    ]);
    return { queued: key };
  }

  async function deliver(job: Job<AppointmentDeliverJobData>) {
    const d = job.data;
    const a = await findAppointment(d.appointmentId);
    if (!a) return { skipped: 'appointment deleted' };
    if (d.audience === 'caller' && !stillTrue(d, a)) return { skipped: 'superseded by a later change' };
    const client = await clientForId(a.clientId);
    const request = prepare(d, a, client, now());
    const mark = (job.progress ?? {}) as AttemptMark;
    if (request.channel === 'sms' && mark.sendingSince && deps.transports.findSent) {
      const earlier = await deps.transports.findSent({
        channel: 'sms',
        to: request.to,
        from: request.from,
        body: request.body,
        since: new Date(mark.sendingSince - CLOCK_SKEW_MS),
        exclude: new Set(),
      });
      if (earlier) {
        deps.logger.info(
          `appointment delivery ${d.key}: adopted ${earlier.providerId}, sent by an earlier attempt`,
        );
        await confirmed(d);
        return { ...earlier, adopted: true };
      }
    }
    await job.updateProgress({ sendingSince: Date.now() } satisfies AttemptMark);
    let result;
    try {
      result = await transmit(request, d, deps.transports);
    } catch (raw) {
      const err = asDeliveryError(raw);
      // Answered by the provider: nothing was sent, the next attempt need not ask.
      if (!(err instanceof UnknownOutcomeError)) await job.updateProgress({});
      const final = err instanceof UnrecoverableError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      deps.logger.warn(`appointment delivery ${d.key} failed${final ? ' for good' : ''}: ${err.message}`);
      throw err;
    }
    await confirmed(d);
    return result;
  }

  async function confirmed(d: AppointmentDeliverJobData): Promise<void> {
    if (d.audience === 'caller' && d.purpose === 'booked') await markConfirmationSent(d.appointmentId, now());
  }

  return { change, reminder, deliver };
}
