/** Queue names and the repeatable maintenance jobs: a closed table, one place. */
export const QUEUES = {
  /** Housekeeping: retention purge and other scheduled jobs. */
  maintenance: 'maintenance',
  /** Follow-up notifications: deliveries, the sweeper, daily digests. */
  notifications: 'notifications',
} as const;

export const MAINTENANCE_JOBS = {
  retentionPurge: 'retention-purge',
  /** Every 10 minutes: puts on record the live calls whose end Twilio never reported. */
  closeIdleCalls: 'close-idle-calls',
} as const;

/** Job names of the notifications queue. */
export const NOTIFICATION_JOBS = {
  /** One notification to one channel (job id = delivery key). */
  deliver: 'deliver',
  /** A message was just stored: plans and queues its notifications (job id = `followups-<id>`). */
  followUps: 'follow-ups',
  /** Every minute: queues follow-ups of messages stored but never queued (`queuedAt: null`). */
  sweep: 'sweep',
  /** Per client, daily at its local time: yesterday's calls and messages. */
  digest: 'digest',
} as const;

/** Job scheduler ids (repeatable jobs). */
export const SCHEDULERS = {
  sweep: 'notifications.sweep',
  digestOf: (clientId: string) => `notifications.digest.${clientId}`,
} as const;
