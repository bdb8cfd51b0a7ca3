/** Calls by weekday (rows, Monday on top) and local hour (columns), in classes of a sequential ramp. */
import type { EChartsOption } from 'echarts';
import type { ReportFigures } from '../../domain/report-figures';
import type { Locale } from '../../domain/vocabulary';
import { baseOption, emptyOption, stillSeries } from './common';
import { emptyText, hourLabel, weekdayLabel } from './labels';
import { BACKGROUND, HEAT_DARK_FROM, HEAT_RAMP, MUTED_TEXT, TEXT } from './palette';
import type { ChartSize } from './types';

/** Below this width a cell's number would not fit: the colour alone tells. */
const MIN_LABELLED_CELL = 18;
const LEFT = 56;

export type HeatClass = { min: number; max: number; colour: string; label: string };

/** The classes of the legend: zero, then up to four equal ranges of whole counts up to the busiest cell. */
export function heatClasses(max: number): HeatClass[] {
  const zero: HeatClass = { min: 0, max: 0, colour: HEAT_RAMP[0], label: '0' };
  if (max <= 0) return [zero];
  const count = Math.min(HEAT_RAMP.length - 1, max);
  const step = Math.ceil(max / count);
  const classes = [zero];
  for (let i = 0; i < count && i * step + 1 <= max; i += 1) {
    const lo = i * step + 1;
    const hi = Math.min(max, (i + 1) * step);
    classes.push({ min: lo, max: hi, colour: HEAT_RAMP[i + 1]!, label: lo === hi ? `${lo}` : `${lo}–${hi}` });
  }
  return classes;
}

export function hoursOption(figures: ReportFigures, locale: Locale, size: ChartSize): EChartsOption {
  const max = Math.max(...figures.heatmap.flat());
  if (max <= 0) return emptyOption(emptyText('hours', locale));
  const classes = heatClasses(max);
  const classOf = (v: number) => classes.findIndex((c) => v >= c.min && v <= c.max);
  const cellWidth = (size.width - LEFT - 16) / 24;
  const cells = figures.heatmap.flatMap((row, day) =>
    row.map((v, hour) => ({
      value: [hour, day, v],
      label: { color: classOf(v) >= HEAT_DARK_FROM ? BACKGROUND : TEXT },
    })),
  );
  return {
    ...baseOption(),
    visualMap: {
      type: 'piecewise',
      dimension: 2,
      orient: 'horizontal',
      left: 'center',
      top: 8,
      itemWidth: 14,
      itemHeight: 14,
      selectedMode: false,
      textStyle: { color: TEXT },
      pieces: classes.map((c) => ({ min: c.min, max: c.max, color: c.colour, label: c.label })),
    },
    grid: { top: 40, left: LEFT, right: 16, bottom: 8 },
    xAxis: {
      type: 'category',
      data: Array.from({ length: 24 }, (_, h) => hourLabel(h, locale)),
      axisLine: { show: false },
      axisTick: { show: false },
      axisLabel: { color: MUTED_TEXT, hideOverlap: true },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: Array.from({ length: 7 }, (_, d) => weekdayLabel(d, locale, 'short')),
      axisLine: { show: false },
      axisTick: { show: false },
      axisLabel: { color: MUTED_TEXT },
    },
    series: [
      {
        type: 'heatmap',
        data: cells,
        itemStyle: { borderColor: BACKGROUND, borderWidth: 1 },
        label: {
          show: cellWidth >= MIN_LABELLED_CELL,
          fontSize: cellWidth >= 24 ? 11 : 9,
          formatter: (p: { value?: unknown }) => {
            const v = Array.isArray(p.value) ? Number(p.value[2]) : 0;
            return v > 0 ? String(v) : '';
          },
        },
        ...stillSeries,
      },
    ],
  };
}
