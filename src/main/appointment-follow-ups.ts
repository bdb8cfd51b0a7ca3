/**
 * The appointments' follow-ups for the composition roots: the port the appointment use cases
 * take (`AppointmentDeps.followUps`), on the notifications queue, in the web server and in the
 * worker. The worker's notification processor runs their jobs (src/notify/worker.ts); the
 * maintenance schedule's `appointment-reminders` job calls `restoreReminders`.
 */
import type { Redis } from 'ioredis';
import type { Logger } from '../infra/logger';
import { createAppointmentFollowUps, type AppointmentFollowUps } from '../notify/appointment-follow-ups';

export type { AppointmentFollowUps };

/**
 * Builds the port on the process's command connection (`createRedis(url)`, fails fast).
 * `close()` it at shutdown, before the connection.
 */
export function appointmentFollowUps(
  redis: Redis,
  logger: Logger,
  options: { prefix?: string; now?: () => Date } = {},
): AppointmentFollowUps {
  return createAppointmentFollowUps({ redis, logger, ...options });
}
