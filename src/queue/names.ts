/** Queue names and the repeatable maintenance jobs: a closed table, one place. */
export const QUEUES = {
  /** Housekeeping: retention purge and other scheduled jobs. */
  maintenance: 'maintenance',
} as const;

export const MAINTENANCE_JOBS = {
  retentionPurge: 'retention-purge',
} as const;
