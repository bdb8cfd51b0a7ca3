/** The reports in the admin API: the query (the page's, shared) and the answer, for validation and OpenAPI. */
import { z } from 'zod';
import { REPORT_PERIODS, reportQuerySchema, type Report } from '../app/reports';
import { REPORT_OUTCOMES } from '../domain/report-day';
import { HANDLE_BUCKETS } from '../domain/report-figures';
import { MESSAGE_STATUSES } from '../domain/vocabulary';

/** The page's query, strict: an unknown key is a 400, not silently ignored. */
export const reportApiQuerySchema = reportQuerySchema.strict();

const day = z.string().meta({ description: 'A calendar day, YYYY-MM-DD.' });
const seconds = z.number().nullable().meta({ description: 'Seconds; null when nothing was measured.' });
const byOutcome = z.record(z.enum(REPORT_OUTCOMES), z.number());

const periodView = z.object({ kind: z.enum(REPORT_PERIODS), from: day, to: day });

const assistantFiguresView = z.object({
  userId: z.string(),
  claimed: z.number(),
  handled: z.number(),
  medianHandleSeconds: seconds,
  open: z.number(),
  openOlder: z.number().meta({ description: 'Open messages held, older than `olderThanDays`.' }),
});

const figuresView = z.object({
  from: day,
  to: day,
  calls: z.object({
    total: z.number(),
    answered: z.number(),
    afterHours: z.number(),
    urgentTransfers: z.number(),
    byOutcome,
  }),
  perDay: z.array(z.object({ day, byOutcome, total: z.number() })),
  heatmap: z
    .array(z.array(z.number()))
    .meta({ description: 'Calls by ISO weekday (0 is Monday) and local hour (0 to 23).' }),
  messages: z.object({
    total: z.number(),
    urgent: z.number(),
    byStatus: z.record(z.enum(MESSAGE_STATUSES), z.number()),
    open: z.number(),
    unassignedOpen: z.number(),
    medianClaimSeconds: seconds,
    medianHandleSeconds: seconds,
    handleBuckets: z.array(z.number()).meta({
      description: `Handled messages by time to handle, up to ${HANDLE_BUCKETS.join(', ')} seconds, then longer.`,
    }),
  }),
  urgent: z.object({
    messages: z.number(),
    acknowledged: z.number(),
    unacknowledged: z.number(),
    medianAckSeconds: seconds,
  }),
  deliveries: z.object({
    sent: z.number(),
    failed: z.number(),
    pending: z.number(),
    cancelled: z.number(),
    retried: z.number(),
  }),
  topReasons: z.array(z.object({ word: z.string(), count: z.number() })),
  callers: z.object({
    distinct: z.number(),
    repeat: z.number().meta({ description: 'Callers who called more than once in the period.' }),
  }),
  assistants: z.array(assistantFiguresView),
  openOlder: z.number().meta({ description: 'Open messages taken `olderThanDays` days ago or more.' }),
});

const clientRefView = z.object({ id: z.string(), name: z.string(), timezone: z.string() });

export const reportView = z.object({
  period: periodView,
  previousPeriod: periodView,
  today: day.meta({ description: 'Today in the client’s time zone (Europe/Paris for several clients).' }),
  client: clientRefView.nullable().meta({ description: 'The client read; null for every client.' }),
  figures: figuresView,
  previous: figuresView.meta({ description: 'The same figures for the period before.' }),
  perClient: z.array(z.object({ id: z.string(), name: z.string(), figures: figuresView })),
  assistants: z.array(assistantFiguresView.extend({ name: z.string() })),
  builtAt: z.iso
    .datetime()
    .nullable()
    .meta({ description: 'When the freshest rollup read was built; null when none exists yet.' }),
});

export function toReportView(report: Report): z.output<typeof reportView> {
  const ref = (c: { id: string; name: string; timezone: string }) => ({
    id: c.id,
    name: c.name,
    timezone: c.timezone,
  });
  return {
    period: report.period,
    previousPeriod: report.previousPeriod,
    today: report.today,
    client: report.client ? ref(report.client) : null,
    figures: report.figures,
    previous: report.previous,
    perClient: report.perClient,
    assistants: report.assistants,
    builtAt: report.builtAt?.toISOString() ?? null,
  };
}
