/**
 * What people read of the reports: a period's indicators for one client or every client the actor
 * may see, the previous period to compare with, each client's figures side by side and, for
 * admins, each assistant's. Read from the month rollups by `_id` (report-rollups.ts), never from
 * the calls and messages themselves: a page costs one read per client and month whatever the size
 * of the store. The web page, its CSV, the admin API and the weekly report all come through here.
 */
import { z } from 'zod';
import { accessOf, canSeeClient, type Actor } from '../domain/access';
import { calendarDateSchema } from '../domain/calendar';
import { InvalidInputError, NotFoundError } from '../domain/errors';
import type { DayRollup } from '../domain/report-day';
import { daysBetween, reportFigures, shiftDay, type ReportFigures } from '../domain/report-figures';
import { localDate } from '../domain/zoned-time';
import { readMonthRollups } from '../store/report-rollups';
import { userNames } from '../store/web-users';
import { visibleClients, type VisibleClient } from './message-reads';

export const REPORT_PERIODS = ['day', 'week', 'month', 'custom'] as const;
export type ReportPeriod = (typeof REPORT_PERIODS)[number];

/** The longest custom period: a year and a day (a leap year, or a year from the same weekday). */
export const MAX_REPORT_DAYS = 366;

/** The zone of "today" when several clients are read together: the assistants'. */
const DEFAULT_ZONE = 'Europe/Paris';

/** A report's query, the same from the page's query string and the admin API's. */
export const reportQuerySchema = z
  .object({
    client: z
      .string()
      .regex(/^[0-9a-f]{24}$/i, 'expected a client id')
      .optional()
      .meta({ description: 'One client; every client the caller may see when omitted.' }),
    period: z
      .enum(REPORT_PERIODS)
      .default('week')
      .meta({ description: 'A calendar day, an ISO week (Monday to Sunday), a calendar month, or from–to.' }),
    date: calendarDateSchema.optional().meta({
      description: 'A day inside the period (YYYY-MM-DD); today in the client’s time zone when omitted.',
    }),
    from: calendarDateSchema.optional().meta({ description: 'First day of a custom period (YYYY-MM-DD).' }),
    to: calendarDateSchema
      .optional()
      .meta({ description: 'Last day of a custom period (YYYY-MM-DD), inclusive.' }),
    olderThanDays: z.coerce
      .number()
      .int()
      .min(1)
      .max(90)
      .default(2)
      .meta({ description: 'Open messages count as overdue from this many days old.' }),
  })
  .superRefine((q, ctx) => {
    if (q.period !== 'custom') return;
    if (!q.from || !q.to) {
      ctx.addIssue({
        code: 'custom',
        path: [q.from ? 'to' : 'from'],
        message: 'a custom period needs from and to',
      });
    } else if (q.from > q.to) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'the last day comes before the first' });
    } else if (daysBetween(q.from, q.to).length > MAX_REPORT_DAYS) {
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: `a period covers at most ${MAX_REPORT_DAYS} days`,
      });
    }
  });
export type ReportQuery = z.infer<typeof reportQuerySchema>;

export type PeriodRange = { kind: ReportPeriod; from: string; to: string };

/** The period around `date`, and the one before it (same length; the previous month for a month). */
export function resolvePeriod(q: Pick<ReportQuery, 'period' | 'date' | 'from' | 'to'>, today: string) {
  const anchor = q.date ?? today;
  let current: PeriodRange;
  let previous: PeriodRange;
  if (q.period === 'day') {
    current = { kind: 'day', from: anchor, to: anchor };
    previous = { kind: 'day', from: shiftDay(anchor, -1), to: shiftDay(anchor, -1) };
  } else if (q.period === 'week') {
    const monday = shiftDay(anchor, -((new Date(`${anchor}T00:00:00Z`).getUTCDay() + 6) % 7));
    current = { kind: 'week', from: monday, to: shiftDay(monday, 6) };
    previous = { kind: 'week', from: shiftDay(monday, -7), to: shiftDay(monday, -1) };
  } else if (q.period === 'month') {
    const first = `${anchor.slice(0, 7)}-01`;
    const last = shiftDay(`${shiftDay(first, 31).slice(0, 7)}-01`, -1);
    const prevLast = shiftDay(first, -1);
    current = { kind: 'month', from: first, to: last };
    previous = { kind: 'month', from: `${prevLast.slice(0, 7)}-01`, to: prevLast };
  } else {
    const from = q.from ?? anchor;
    const to = q.to ?? anchor;
    const length = daysBetween(from, to).length;
    current = { kind: 'custom', from, to };
    previous = { kind: 'custom', from: shiftDay(from, -length), to: shiftDay(from, -1) };
  }
  return { current, previous };
}

const monthsOf = (from: string, to: string) => [...new Set(daysBetween(from, to).map((d) => d.slice(0, 7)))];

export type ClientReport = { id: string; name: string; figures: ReportFigures };
export type AssistantReport = ReportFigures['assistants'][number] & { name: string };

export type Report = {
  period: PeriodRange;
  previousPeriod: PeriodRange;
  /** The client's today (or the assistants' when several clients are read). */
  today: string;
  /** The client read, or null for every visible client. */
  client: VisibleClient | null;
  /** The clients the actor may choose among. */
  clients: VisibleClient[];
  figures: ReportFigures;
  previous: ReportFigures;
  /** Each client's figures for the period, for the side-by-side table. */
  perClient: ClientReport[];
  /** Each assistant's work (admins only; empty for assistants). */
  assistants: AssistantReport[];
  /** When the freshest of the rollups read was built; null when none exists yet. */
  builtAt: Date | null;
};

/** The report an actor asked for; a client they may not see is a NotFoundError, as a missing one. */
export async function readReport(actor: Actor, query: ReportQuery): Promise<Report> {
  const access = accessOf(actor);
  const clients = await visibleClients(access);
  const client = query.client ? (clients.find((c) => c.id === query.client) ?? null) : null;
  if (query.client && (!client || !canSeeClient(access, query.client))) {
    throw new NotFoundError(`client ${query.client} not found`);
  }
  const scope = client ? [client] : clients;
  const today = localDate(new Date(), client?.timezone ?? DEFAULT_ZONE);
  const { current, previous } = resolvePeriod(query, today);
  if (
    query.period !== 'custom' &&
    query.date &&
    daysBetween(current.from, current.to).length > MAX_REPORT_DAYS
  ) {
    throw new InvalidInputError([{ path: 'date', message: 'period too long' }]);
  }
  const months = monthsOf(previous.from, current.to);
  const ids = scope.map((c) => c.id);
  const { days: rollups, builtAt } = await readMonthRollups(ids, months);
  const options = { openOlderThanDays: query.olderThanDays, today };
  const figures = reportFigures(rollups, { ...options, from: current.from, to: current.to });
  const before = reportFigures(rollups, { ...options, from: previous.from, to: previous.to });
  const byClient = new Map<string, DayRollup[]>();
  for (const r of rollups) {
    const list = byClient.get(r.clientId);
    if (list) list.push(r);
    else byClient.set(r.clientId, [r]);
  }
  const perClient = scope.map((c) => ({
    id: c.id,
    name: c.name,
    figures: reportFigures(byClient.get(c.id) ?? [], { ...options, from: current.from, to: current.to }),
  }));
  const names = access.all
    ? await userNames(figures.assistants.map((a) => a.userId))
    : new Map<string, string>();
  const assistants = access.all
    ? figures.assistants.map((a) => ({ ...a, name: names.get(a.userId) ?? '' }))
    : [];
  return {
    period: current,
    previousPeriod: previous,
    today,
    client,
    clients,
    figures,
    previous: before,
    perClient,
    assistants,
    builtAt,
  };
}
