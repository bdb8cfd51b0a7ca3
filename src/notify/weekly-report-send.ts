/**
 * Sending the weekly report, once per client and week: the job of each client's scheduler (a cron
 * pattern on its weekday and local time, in its timezone) and the admin's "send now" come here.
 *
 * Once only: the week is claimed in the store (`weekly_reports`, `_id` = the delivery key) before
 * the email leaves, so a retry, a second worker or the schedule after a "send now" finds it and
 * sends nothing. The outbox alone would dedupe by its unique key, but SMTP cannot be asked what it
 * accepted: the claim is what refuses the second send there. A send that fails releases the claim
 * for the retry, which carries the same Message-ID (receivers dedupe an unknown outcome).
 */
import { UnrecoverableError, type Job, type Queue } from 'bullmq';
import { z } from 'zod';
import { weeklyReportData } from '../app/weekly-report';
import type { Logger } from '../infra/logger';
import { NOTIFICATION_JOBS, SCHEDULERS, type ScheduleDefinition } from '../queue/names';
import { listClients, type Client } from '../store/clients';
import { claimWeeklyReport, markWeeklyReportSent, releaseWeeklyReport } from '../store/weekly-reports';
import type { Transports } from './channels';
import { BACKOFF_TYPE } from './producer';
import { composeWeeklyReport, type ChartRenderer, type WeeklyReportEmail } from './weekly-report';

/** Attempts of a scheduled report (2 s to 5 min apart, the notifications' backoff). */
export const WEEKLY_ATTEMPTS = 8;

/** A claim older than this is a worker that died mid-send: another run may take it over. */
export const WEEKLY_CLAIM_STALE_MS = 15 * 60_000;

/** Cron pattern of an ISO weekday (1 = Monday … 7 = Sunday) at a local HH:MM (evaluated in `tz`). */
export function weeklyReportPattern(weekday: number, localTimeHHMM: string): string {
  const [h, m] = localTimeHHMM.split(':').map(Number) as [number, number];
  return `${m} ${h % 24} * * ${weekday % 7}`;
}

/** The weekly report schedules wanted: one per active client with its report on. */
export function weeklyReportSchedules(clients: Client[]): ScheduleDefinition[] {
  return clients
    .filter((c) => c.active && c.notifications.weeklyReport.enabled)
    .map((c) => {
      const r = c.notifications.weeklyReport;
      return {
        id: SCHEDULERS.weeklyReportOf(c.id),
        repeat: { pattern: weeklyReportPattern(r.weekday, r.localTime), tz: c.timezone },
        job: {
          name: NOTIFICATION_JOBS.weeklyReport,
          data: { clientId: c.id } satisfies WeeklyReportJobData,
          // A week is sent once: an SMTP server away for a while must not lose it (the claim is
          // released on failure, so the retry sends).
          opts: { attempts: WEEKLY_ATTEMPTS, backoff: { type: BACKOFF_TYPE } },
        },
      };
    });
}

/** One scheduler per client with the report on; removed when it is turned off. */
export async function syncWeeklyReportSchedules(queue: Queue, clients?: Client[]): Promise<number> {
  const all = clients ?? (await listClients());
  const wanted = weeklyReportSchedules(all);
  const ids = new Set(wanted.map((s) => s.id));
  for (const s of wanted) await queue.upsertJobScheduler(s.id, s.repeat, s.job);
  for (const client of all) {
    const id = SCHEDULERS.weeklyReportOf(client.id);
    if (!ids.has(id)) await queue.removeJobScheduler(id);
  }
  return wanted.length;
}

export const weeklyReportJobSchema = z.object({ clientId: z.string().regex(/^[0-9a-f]{24}$/i) });
export type WeeklyReportJobData = z.infer<typeof weeklyReportJobSchema>;

export type WeeklyReportDeps = {
  transports: Transports;
  logger: Logger;
  publicBaseUrl: string;
  /** The charts' renderer. @defaultValue chartPng */
  charts?: ChartRenderer;
};

export type WeeklyReportOutcome = {
  /** The Monday of the week reported. */
  week: string;
  to: string[];
  status: 'sent' | 'already-sent' | 'no-recipient';
};

/** The email of the client's last complete week before `now` (the admin preview). */
export async function buildWeeklyReport(
  clientId: string,
  now: Date,
  deps: Pick<WeeklyReportDeps, 'publicBaseUrl' | 'charts'>,
): Promise<WeeklyReportEmail & { key: string; week: string; weekTo: string; to: string[] }> {
  const data = await weeklyReportData(clientId, now, deps.publicBaseUrl);
  const email = composeWeeklyReport({ ...data, publicBaseUrl: deps.publicBaseUrl }, deps.charts);
  return { ...email, key: data.key, week: data.week.from, weekTo: data.week.to, to: data.recipients };
}

/** Sends the report of the last complete week before `asOf`, unless that week was sent already. */
export async function sendWeeklyReport(
  clientId: string,
  asOf: Date,
  deps: WeeklyReportDeps,
): Promise<WeeklyReportOutcome> {
  const report = await buildWeeklyReport(clientId, asOf, deps);
  const { key, week, to } = report;
  if (to.length === 0) return { week, to, status: 'no-recipient' };
  const now = new Date();
  const stale = new Date(now.getTime() - WEEKLY_CLAIM_STALE_MS);
  if (!(await claimWeeklyReport({ key, clientId, week, to }, now, stale))) {
    deps.logger.info(`weekly report ${key}: already sent`);
    return { week, to, status: 'already-sent' };
  }
  try {
    await deps.transports.email({
      key,
      clientId,
      to,
      subject: report.subject,
      text: report.text,
      html: report.html,
      attachments: report.images.map(({ filename, content, contentType, cid }) => ({
        filename,
        content,
        contentType,
        cid,
      })),
    });
  } catch (err) {
    await releaseWeeklyReport(key);
    throw err;
  }
  await markWeeklyReportSent(key, new Date());
  deps.logger.info(`weekly report ${key}: sent to ${to.length} address(es)`);
  return { week, to, status: 'sent' };
}

/** The `weekly-report` job: its data checked (a bad one never succeeds: no retry), then sent. */
export function weeklyReportProcessor(deps: WeeklyReportDeps) {
  return async (job: Job): Promise<WeeklyReportOutcome> => {
    const data = weeklyReportJobSchema.safeParse(job.data);
    if (!data.success) throw new UnrecoverableError(`weekly-report job: ${data.error.message}`);
    // The week is the one before the job was due, not before a retry's run: a Sunday 23:59 report
    // retried after midnight still reports its own week.
    const due = Math.min(job.timestamp + (job.delay || 0), Date.now());
    return sendWeeklyReport(data.data.clientId, new Date(due), deps);
  };
}
