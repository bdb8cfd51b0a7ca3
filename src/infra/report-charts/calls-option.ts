/** Calls per day (or week), stacked by outcome in REPORT_OUTCOMES order; only outcomes that happened. */
import type { EChartsOption } from 'echarts';
import { REPORT_OUTCOMES } from '../../domain/report-day';
import type { ReportFigures } from '../../domain/report-figures';
import type { Locale } from '../../domain/vocabulary';
import { callColumns } from './columns';
import { baseOption, categoryAxisLook, countAxis, emptyOption, legendLines, stillSeries } from './common';
import { emptyText, outcomeLabel } from './labels';
import { BACKGROUND, OUTCOME_COLOURS, TEXT } from './palette';
import type { ChartSize } from './types';

const LEGEND_ICON = 14;
const LEGEND_LINE = 24;

export function callsOption(figures: ReportFigures, locale: Locale, size: ChartSize): EChartsOption {
  if (figures.calls.total === 0) return emptyOption(emptyText('calls', locale));
  const columns = callColumns(figures, locale);
  const shown = REPORT_OUTCOMES.filter((o) => columns.values[o].some((n) => n > 0));
  const names = shown.map((o) => outcomeLabel(o, locale));
  const lines = legendLines(names, size, LEGEND_ICON);
  return {
    ...baseOption(),
    legend: {
      top: 8,
      left: 'center',
      icon: 'rect',
      itemWidth: LEGEND_ICON,
      itemHeight: LEGEND_ICON,
      selectedMode: false,
      textStyle: { color: TEXT },
      data: names,
    },
    grid: { top: 8 + lines * LEGEND_LINE + 8, left: 8, right: 16, bottom: 8 },
    xAxis: { type: 'category', data: columns.labels, ...categoryAxisLook },
    yAxis: countAxis,
    series: shown.map((o) => ({
      type: 'bar',
      name: outcomeLabel(o, locale),
      stack: 'calls',
      data: columns.values[o],
      barMaxWidth: 48,
      // A hairline of background between stacked parts: neighbours stay apart whatever the colour vision.
      itemStyle: { color: OUTCOME_COLOURS[o], borderColor: BACKGROUND, borderWidth: 0.5 },
      ...stillSeries,
    })),
  };
}
