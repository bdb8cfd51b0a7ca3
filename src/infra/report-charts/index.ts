/**
 * The reports' charts, rendered on the server with Apache ECharts: SVG for the pages (no client
 * script, nothing the CSP must allow) and PNG for emails (the same SVG through resvg).
 */
import type { EChartsOption } from 'echarts';
import { LRUCache } from 'lru-cache';
import type { ReportFigures } from '../../domain/report-figures';
import type { Locale } from '../../domain/vocabulary';
import { callsOption } from './calls-option';
import { handlingOption } from './handling-option';
import { hoursOption } from './hours-option';
import { chartTitle } from './labels';
import { FONT_FAMILY } from './palette';
import { svgToPng } from './png';
import { cleanSvg, renderEcharts } from './render';
import { checkedSize, type ChartSize, type ReportChart } from './types';

export { REPORT_CHARTS, type ReportChart, type ChartSize, type ChartTable } from './types';
export { chartTable } from './table';
export { callsByWeek } from './columns';
export { chartTitle, outcomeLabel, handleBucketLabel, weekdayLabel, hourLabel } from './labels';
export { OUTCOME_COLOURS } from './palette';

const OPTIONS: Record<ReportChart, (f: ReportFigures, l: Locale, s: ChartSize) => EChartsOption> = {
  calls: callsOption,
  hours: hoursOption,
  handling: handlingOption,
};

/** The ECharts option of a chart (tests read it; the page never needs it). */
export const chartOption = (chart: ReportChart, figures: ReportFigures, locale: Locale, size?: ChartSize) =>
  OPTIONS[chart](figures, locale, checkedSize(size));

/**
 * A chart as an SVG document: `role="img"` with its title, its width and height as asked and a
 * viewBox, so a page sizes it with CSS (`width: 100%; height: auto`) and it keeps its ratio.
 */
export function chartSvg(
  chart: ReportChart,
  figures: ReportFigures,
  locale: Locale,
  size?: ChartSize,
): string {
  const checked = checkedSize(size);
  const option = OPTIONS[chart](figures, locale, checked);
  // The option is every input of the drawing: the same option draws the same SVG.
  const key = `${chart}|${locale}|${checked.width}x${checked.height}|${JSON.stringify(option)}`;
  const drawn = drawnCharts.get(key);
  if (drawn !== undefined) return drawn;
  const svg = cleanSvg(renderEcharts(option, checked), chartTitle(chart, locale), FONT_FAMILY);
  drawnCharts.set(key, svg);
  return svg;
}

/**
 * Charts already drawn, by their option: ECharts takes 10 to 80 ms a chart on this machine, and the
 * figures behind a report change only when the worker refreshes its rollups (every 5 minutes), so a
 * page seen again, a CSV's page or the next assistant's view reuse the drawing. Bounded in size.
 */
const drawnCharts = new LRUCache<string, string>({
  maxSize: 8_000_000,
  sizeCalculation: (svg, key) => svg.length + key.length,
});

/** The chart as a PNG image (emails), `size.width` pixels wide. */
export function chartPng(
  chart: ReportChart,
  figures: ReportFigures,
  locale: Locale,
  size?: ChartSize,
): Buffer {
  const checked = checkedSize(size);
  return svgToPng(chartSvg(chart, figures, locale, checked), checked.width);
}
