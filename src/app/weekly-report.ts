/**
 * What a client's weekly report says: the last complete ISO week (Monday to Sunday, in the
 * client's timezone) against the week before, read through `readReport` like the reports page,
 * and the messages still open, urgent first, as the cockpit's "to do" list orders them. The
 * worker's job, the admin preview and "send now" all come through here.
 */
import type { ActionSource, Actor } from '../domain/access';
import type { ReportFigures } from '../domain/report-figures';
import { addDays, localDate } from '../domain/zoned-time';
import { countByStatus } from '../store/message-queries';
import type { Message } from '../store/messages';
import { getClient, type Client } from '../store/clients';
import { audit } from './audit';
import { listOpenPage, OPEN_STATUSES } from './cockpit-reads';
import { readReport, type PeriodRange } from './reports';

/** Who reads the figures for the weekly report: the service itself, which sees every client. */
export const WEEKLY_REPORT_ACTOR: Actor = { type: 'system', id: 'weekly-report', label: 'weekly report' };

/** Open items listed in the report at most; the rest are counted. */
export const WEEKLY_OPEN_ITEMS = 10;

/** The last complete ISO week before `now`'s week, in the zone: its Monday and Sunday (YYYY-MM-DD). */
export function lastCompleteWeek(now: Date, timeZone: string): { from: string; to: string } {
  const today = localDate(now, timeZone);
  const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7;
  const from = addDays(today, -weekday - 7);
  return { from, to: addDays(from, 6) };
}

/** The delivery key of a client's week: one email per client and week, whoever sends it. */
export const weeklyReportKey = (clientId: string, weekMonday: string) => `weekly.${clientId}.${weekMonday}`;

/** The report page of that week, on the public base URL. */
export const weeklyReportUrl = (publicBaseUrl: string, clientId: string, weekMonday: string) =>
  `${publicBaseUrl}/reports?${new URLSearchParams({ client: clientId, period: 'week', date: weekMonday }).toString()}`;

/** Who receives it: its own addresses, else the client's notification emails. */
export const weeklyReportRecipients = (client: Pick<Client, 'notifications'>): string[] => {
  const own = client.notifications.weeklyReport.to;
  return own.length > 0 ? [...own] : [...client.notifications.email.to];
};

export type WeeklyReportData = {
  client: Client;
  key: string;
  week: PeriodRange;
  previousWeek: PeriodRange;
  figures: ReportFigures;
  previous: ReportFigures;
  /** Open messages, urgent first then the longest waiting, at most WEEKLY_OPEN_ITEMS. */
  open: Message[];
  /** Every open message of the client, listed or not. */
  openTotal: number;
  reportUrl: string;
  recipients: string[];
};

/** The figures and open items of the client's last complete week before `now`. */
export async function weeklyReportData(
  clientId: string,
  now: Date,
  publicBaseUrl: string,
): Promise<WeeklyReportData> {
  const client = await getClient(clientId);
  const week = lastCompleteWeek(now, client.timezone);
  const access = { all: true } as const;
  const [report, page, counts] = await Promise.all([
    readReport(WEEKLY_REPORT_ACTOR, { client: client.id, period: 'week', date: week.from, olderThanDays: 2 }),
    listOpenPage(access, { clientId: client.id }, { limit: WEEKLY_OPEN_ITEMS }),
    countByStatus(access, { clientId: client.id }),
  ]);
  return {
    client,
    key: weeklyReportKey(client.id, week.from),
    week: report.period,
    previousWeek: report.previousPeriod,
    figures: report.figures,
    previous: report.previous,
    open: page.messages,
    openTotal: OPEN_STATUSES.reduce((n, s) => n + counts[s], 0),
    reportUrl: weeklyReportUrl(publicBaseUrl, client.id, week.from),
    recipients: weeklyReportRecipients(client),
  };
}

/** An admin's "send now", on record whatever its outcome (sent, already sent that week, no one to send to). */
export function auditWeeklyReportSend(
  source: ActionSource,
  clientId: string,
  detail: { week: string; outcome: string; recipients: number },
): Promise<void> {
  return audit(source, {
    action: 'client.weekly-report.send',
    target: { type: 'client', id: clientId },
    clientId,
    detail,
  });
}
