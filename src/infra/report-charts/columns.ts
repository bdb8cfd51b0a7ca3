/**
 * The calls chart's columns: one per day, or one per ISO week when the period is too long for a
 * readable bar per day.
 */
import { REPORT_OUTCOMES, type ReportOutcome } from '../../domain/report-day';
import { weekdayIndex, shiftDay, type ReportFigures } from '../../domain/report-figures';
import type { Locale } from '../../domain/vocabulary';
import { dateLabel, dayLabel, weekLabel } from './labels';

/** Past this many days the bars are weeks. */
export const DAILY_UP_TO_DAYS = 62;
/** Past this many days a day's label names its month ("2 déc.") rather than its weekday. */
const WEEKDAY_LABELS_UP_TO_DAYS = 31;

/** Whether the calls chart draws weeks (a page may title it "per week" then). */
export const callsByWeek = (figures: ReportFigures): boolean => figures.perDay.length > DAILY_UP_TO_DAYS;

export type CallColumns = {
  weekly: boolean;
  labels: string[];
  /** Per outcome, one count per column. */
  values: Record<ReportOutcome, number[]>;
};

const zeroes = (n: number) =>
  Object.fromEntries(REPORT_OUTCOMES.map((o) => [o, Array.from({ length: n }, () => 0)])) as Record<
    ReportOutcome,
    number[]
  >;

export function callColumns(figures: ReportFigures, locale: Locale): CallColumns {
  const days = figures.perDay;
  if (!callsByWeek(figures)) {
    const label = days.length <= WEEKDAY_LABELS_UP_TO_DAYS ? dayLabel : dateLabel;
    const values = zeroes(days.length);
    days.forEach((d, i) => REPORT_OUTCOMES.forEach((o) => (values[o][i] = d.byOutcome[o])));
    return { weekly: false, labels: days.map((d) => label(d.day, locale)), values };
  }
  // A week is keyed by its Monday and named by its first day inside the period (a partial first week).
  const weeks = new Map<string, { first: string; byOutcome: Record<ReportOutcome, number> }>();
  for (const d of days) {
    const monday = shiftDay(d.day, -weekdayIndex(d.day));
    const week = weeks.get(monday) ?? { first: d.day, byOutcome: { ...d.byOutcome } };
    if (weeks.has(monday)) REPORT_OUTCOMES.forEach((o) => (week.byOutcome[o] += d.byOutcome[o]));
    weeks.set(monday, week);
  }
  const list = [...weeks.values()];
  const values = zeroes(list.length);
  list.forEach((w, i) => REPORT_OUTCOMES.forEach((o) => (values[o][i] = w.byOutcome[o])));
  return { weekly: true, labels: list.map((w) => weekLabel(w.first, locale)), values };
}
