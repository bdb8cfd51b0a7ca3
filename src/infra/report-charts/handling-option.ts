/** How long handled messages waited: one bar per HANDLE_BUCKETS bucket, its count on top. */
import type { EChartsOption } from 'echarts';
import type { ReportFigures } from '../../domain/report-figures';
import type { Locale } from '../../domain/vocabulary';
import { baseOption, categoryAxisLook, countAxis, emptyOption, stillSeries } from './common';
import { emptyText, handleBucketLabel } from './labels';
import { HANDLING_COLOUR, TEXT } from './palette';
import type { ChartSize } from './types';

export function handlingOption(figures: ReportFigures, locale: Locale, size: ChartSize): EChartsOption {
  const buckets = figures.messages.handleBuckets;
  if (buckets.every((n) => n === 0)) return emptyOption(emptyText('handling', locale));
  const labels = buckets.map((_, i) => handleBucketLabel(i, locale));
  // Every bucket keeps its label: long ones wrap within their slot (the plot's width, less the count
  // axis, shared out) rather than disappear.
  const slot = Math.floor((size.width - 48) / buckets.length) - 4;
  return {
    ...baseOption(),
    grid: { top: 24, left: 8, right: 16, bottom: 8 },
    xAxis: {
      type: 'category',
      data: labels,
      ...categoryAxisLook,
      axisLabel: {
        ...categoryAxisLook.axisLabel,
        interval: 0,
        hideOverlap: false,
        width: slot,
        overflow: 'break',
      },
    },
    yAxis: countAxis,
    series: [
      {
        type: 'bar',
        data: buckets,
        barMaxWidth: 64,
        itemStyle: { color: HANDLING_COLOUR },
        label: { show: true, position: 'top', color: TEXT },
        ...stillSeries,
      },
    ],
  };
}
