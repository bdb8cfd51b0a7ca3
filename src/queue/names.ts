/** Queue names and the repeatable maintenance jobs: a closed table, one place. */
export const QUEUES = {
  /** Housekeeping: retention purge and other scheduled jobs. */
  maintenance: 'maintenance',
  /** Follow-up notifications: deliveries, the sweeper, daily digests. */
  notifications: 'notifications',
} as const;

export const MAINTENANCE_JOBS = {
  /** Nightly: each client's retention, the outbox's and the audit log's; the run is recorded. */
  retentionPurge: 'retention-purge',
  /** Every minute: asks Twilio to delete the recordings due for deletion, until it confirms. */
  deleteRecordings: 'delete-recordings',
  /** Every 10 minutes: puts on record the live calls whose end Twilio never reported. */
  closeIdleCalls: 'close-idle-calls',
  /** Every 10 minutes: queues again appointment reminders (due within 48 h) and confirmations whose job Redis lost. */
  appointmentReminders: 'appointment-reminders',
  /** Every 5 minutes: rebuilds the reports' rollups of today, yesterday and the days whose records changed. */
  reportRollups: 'report-rollups',
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
  /** Per client, weekly on its weekday at its local time: last week's report by email. */
  weeklyReport: 'weekly-report',
  /** An appointment was booked, moved or cancelled: plans its notifications (job id = the change's key). */
  appointmentChange: 'appointment-change',
  /** One notification of an appointment's change, or its reminder, to one recipient. */
  appointmentDeliver: 'appointment-deliver',
  /** Delayed until the reminder is due: marks it and queues its SMS (job id: appointment + due time). */
  appointmentReminder: 'appointment-reminder',
} as const;

/** Job scheduler ids (repeatable jobs). */
export const SCHEDULERS = {
  sweep: 'notifications.sweep',
  digestOf: (clientId: string) => `notifications.digest.${clientId}`,
  weeklyReportOf: (clientId: string) => `notifications.weekly-report.${clientId}`,
} as const;

/** One repeatable job: its scheduler id, when it repeats and the job it makes. */
export type ScheduleDefinition = {
  id: string;
  repeat: { every: number } | { pattern: string; tz?: string };
  job: {
    name: string;
    data?: Record<string, unknown>;
    /** Attempts of each job it makes, and their backoff (a registered strategy's name). */
    opts?: { attempts: number; backoff: { type: string } };
  };
};

/** The maintenance queue's schedules (server time). */
export const MAINTENANCE_SCHEDULES: readonly ScheduleDefinition[] = [
  {
    // Every night at 03:30.
    id: MAINTENANCE_JOBS.retentionPurge,
    repeat: { pattern: '30 3 * * *' },
    job: { name: MAINTENANCE_JOBS.retentionPurge },
  },
  {
    id: MAINTENANCE_JOBS.deleteRecordings,
    repeat: { every: 60_000 },
    job: { name: MAINTENANCE_JOBS.deleteRecordings },
  },
  {
    id: MAINTENANCE_JOBS.closeIdleCalls,
    repeat: { every: 10 * 60_000 },
    job: { name: MAINTENANCE_JOBS.closeIdleCalls },
  },
  {
    id: MAINTENANCE_JOBS.appointmentReminders,
    repeat: { every: 10 * 60_000 },
    job: { name: MAINTENANCE_JOBS.appointmentReminders },
  },
  {
    id: MAINTENANCE_JOBS.reportRollups,
    repeat: { every: 5 * 60_000 },
    job: { name: MAINTENANCE_JOBS.reportRollups },
  },
];

/** The sweeper's schedule (the digests' are per client: `digestSchedules`). */
export function sweepSchedule(everyMs: number): ScheduleDefinition {
  return { id: SCHEDULERS.sweep, repeat: { every: everyMs }, job: { name: NOTIFICATION_JOBS.sweep } };
}
