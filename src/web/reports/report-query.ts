/**
 * The reports page's query string: the report's own query (src/app/reports.ts, shared with the
 * admin API) plus the per-client table's sort and the language. The form sends every field, blank
 * ones included: a blank field is an absent one.
 */
import { z } from 'zod';
import { reportQuerySchema, type ReportQuery } from '../../app/reports';
import { LANGS } from '../i18n';

export const CLIENT_SORTS = ['calls', 'messages', 'open', 'overdue', 'handle'] as const;
export type ClientSort = (typeof CLIENT_SORTS)[number];
export const SORT_DIRS = ['asc', 'desc'] as const;
export type SortDir = (typeof SORT_DIRS)[number];

const dropBlanks = (v: unknown) =>
  v && typeof v === 'object' && !Array.isArray(v)
    ? Object.fromEntries(Object.entries(v).filter(([, value]) => value !== ''))
    : v;

export const reportPageQuerySchema = z.preprocess(
  dropBlanks,
  reportQuerySchema
    .safeExtend({
      sort: z.enum(CLIENT_SORTS).optional(),
      dir: z.enum(SORT_DIRS).optional(),
      lang: z.enum(LANGS).optional(),
    })
    .strict(),
);
export type ReportPageQuery = z.output<typeof reportPageQuerySchema>;

/** The report's part of the page query, for the use case. */
export function reportQueryOf(q: ReportPageQuery): ReportQuery {
  const { sort: _sort, dir: _dir, lang: _lang, ...report } = q;
  return report;
}

/**
 * The query string's values of a report, for links that keep it (CSV, sort, other periods):
 * from/to only for a custom period, the threshold only when not the default.
 */
export function reportParams(q: ReportPageQuery): Record<string, string | undefined> {
  const custom = q.period === 'custom';
  return {
    client: q.client,
    period: q.period,
    date: custom ? undefined : q.date,
    from: custom ? q.from : undefined,
    to: custom ? q.to : undefined,
    olderThanDays: q.olderThanDays === 2 ? undefined : String(q.olderThanDays),
  };
}
