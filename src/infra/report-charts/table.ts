/** The numbers behind each chart, for the CSV: always per day (the chart may draw weeks), per weekday and hour, per bucket. */
import { REPORT_OUTCOMES } from '../../domain/report-day';
import type { ReportFigures } from '../../domain/report-figures';
import type { Locale } from '../../domain/vocabulary';
import { handleBucketLabel, hourLabel, outcomeLabel, tableWords, weekdayLabel } from './labels';
import type { ChartTable, ReportChart } from './types';

export function chartTable(chart: ReportChart, figures: ReportFigures, locale: Locale): ChartTable {
  const words = tableWords(locale);
  switch (chart) {
    case 'calls':
      return {
        header: [words.day, ...REPORT_OUTCOMES.map((o) => outcomeLabel(o, locale)), words.total],
        rows: figures.perDay.map((d) => [d.day, ...REPORT_OUTCOMES.map((o) => d.byOutcome[o]), d.total]),
      };
    case 'hours':
      return {
        header: [words.weekday, ...Array.from({ length: 24 }, (_, h) => hourLabel(h, locale))],
        rows: figures.heatmap.map((row, d) => [weekdayLabel(d, locale, 'long'), ...row]),
      };
    case 'handling':
      return {
        header: [words.delay, words.messages],
        rows: figures.messages.handleBuckets.map((n, i) => [handleBucketLabel(i, locale), n]),
      };
  }
}
