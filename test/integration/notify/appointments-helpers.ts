/** Arrangements of the appointments' follow-up tests: appointments in the store, the port on a test prefix. */
import { randomUUID } from 'node:crypto';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Client } from '../../../src/store/clients';
import { insertAppointment, type Appointment, type NewAppointment } from '../../../src/store/appointments';
import { createAppointmentFollowUps } from '../../../src/notify/appointment-follow-ups';
import type { Logger } from '../../../src/infra/logger';

const HOUR = 3600_000;

/** A booked appointment `inMs` from now, its reminder where the use case would put it. */
export async function makeAppointment(
  client: Client,
  input: Partial<NewAppointment> & { inMs?: number } = {},
): Promise<Appointment> {
  const { inMs = 72 * HOUR, ...rest } = input;
  const start = rest.start ?? new Date(Math.ceil((Date.now() + inMs) / 60_000) * 60_000);
  const hours = client.appointments.reminderHoursBefore;
  const reminderAt = hours > 0 ? new Date(start.getTime() - hours * HOUR) : null;
  return insertAppointment({
    id: randomUUID(),
    clientId: client.id,
    typeId: 'consultation',
    typeName: 'Consultation',
    start,
    end: new Date(start.getTime() + 30 * 60_000),
    bufferMinutes: 0,
    callerName: 'Jeanne Dupont',
    callerNumber: '+33612345678',
    reason: '',
    locale: 'fr-FR',
    callSid: '',
    bookedVia: 'call',
    calendar: { kind: 'builtin' },
    reminderAt: reminderAt && reminderAt > new Date() ? reminderAt : null,
    history: [{ at: new Date(), action: 'booked', by: 'caller', via: 'system', previousStart: null }],
    ...rest,
  });
}

export function appointmentPort(redis: Redis, logger: Logger, prefix: string) {
  return createAppointmentFollowUps({ redis, logger, prefix });
}

/** When a delayed job is due, as Redis holds it: the score of the delayed set (ms × 4096 + a counter). */
export async function delayedUntil(queue: Queue, jobId: string): Promise<number | null> {
  const client = await queue.client;
  const score = await client.zscore(queue.toKey('delayed'), jobId);
  return score === null ? null : Math.floor(Number(score) / 0x1000);
}
