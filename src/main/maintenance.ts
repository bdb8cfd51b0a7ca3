/** The maintenance queue's processor: one closed table of jobs, built from the worker's dependencies. */
import type { Job } from 'bullmq';
import type { Config } from '../config/env';
import { deleteDueRecordings, type RecordingDeletionDeps } from '../app/recording-deletions';
import { runPurge, SCHEDULED_PURGE, type PurgeDeps } from '../app/retention';
import type { Logger } from '../infra/logger';
import { twilioRecordingDeleter } from '../infra/twilio-recordings';
import { MAINTENANCE_JOBS } from '../queue/names';

export type MaintenanceDeps = {
  purge: PurgeDeps;
  recordings: RecordingDeletionDeps;
  /** Puts on record the calls whose end Twilio never reported; answers how many. */
  closeIdleCalls: () => Promise<number>;
  /** Puts back the jobs of appointment reminders (due within 48 h) and confirmations that Redis lost. */
  restoreAppointmentJobs: () => Promise<{ reminders: number; confirmations: number }>;
  /** Rebuilds the reports' rollups of today, yesterday and the days whose records changed. */
  refreshReportRollups: () => Promise<{ days: number; changed: number }>;
};

type MaintenanceJob = (typeof MAINTENANCE_JOBS)[keyof typeof MAINTENANCE_JOBS];

export function maintenanceProcessor(deps: MaintenanceDeps): (job: Job) => Promise<unknown> {
  const jobs: Record<MaintenanceJob, () => Promise<unknown>> = {
    [MAINTENANCE_JOBS.retentionPurge]: async () => {
      const run = await runPurge(deps.purge, SCHEDULED_PURGE);
      return { runId: run.id, totals: run.totals };
    },
    [MAINTENANCE_JOBS.deleteRecordings]: () => deleteDueRecordings(deps.recordings),
    [MAINTENANCE_JOBS.closeIdleCalls]: async () => ({ closed: await deps.closeIdleCalls() }),
    [MAINTENANCE_JOBS.appointmentReminders]: () => deps.restoreAppointmentJobs(),
    [MAINTENANCE_JOBS.reportRollups]: () => deps.refreshReportRollups(),
  };
  return async (job) => {
    const run = jobs[job.name as MaintenanceJob] as (() => Promise<unknown>) | undefined;
    if (!run) throw new Error(`unknown maintenance job ${job.name}`);
    return run();
  };
}

/** The purge's and the recording deletions' dependencies from the configuration. */
export function retentionDeps(cfg: Config, logger: Logger): Pick<MaintenanceDeps, 'purge' | 'recordings'> {
  const now = () => new Date();
  return {
    purge: { now, retention: cfg.retention, logger },
    recordings: {
      now,
      logger,
      // Development credentials: nothing was ever recorded at a real Twilio account.
      twilio: cfg.twilio.live
        ? twilioRecordingDeleter({
            accountSid: cfg.twilio.accountSid,
            authToken: cfg.twilio.authToken,
            apiBaseUrl: cfg.twilio.apiBaseUrl,
          })
        : null,
    },
  };
}
