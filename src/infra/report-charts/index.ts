/**
 * The reports' charts, rendered on the server: SVG for the pages (no client script, nothing the CSP
 * must allow) and PNG for emails. PLACEHOLDER bodies until the charts land: signatures are the contract.
 */
import type { ReportFigures } from '../../domain/report-figures';
import type { Locale } from '../../domain/vocabulary';

/** The charts of a report, by name: each has an SVG, a PNG and the table of numbers behind it (CSV). */
export const REPORT_CHARTS = ['calls', 'hours', 'handling'] as const;
export type ReportChart = (typeof REPORT_CHARTS)[number];

export type ChartSize = { width: number; height: number };

/** The numbers behind a chart, as the CSV gives them: a header row and one row per bar or cell. */
export type ChartTable = { header: string[]; rows: (string | number)[][] };

/** A chart as an SVG document (width 100% when placed in a page; its viewBox keeps the ratio). */
export function chartSvg(
  chart: ReportChart,
  figures: ReportFigures,
  locale: Locale,
  size?: ChartSize,
): string {
  void figures;
  void locale;
  const { width, height } = size ?? { width: 720, height: 320 };
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img"><title>${chart}</title></svg>`;
}

/** The chart as a PNG image (emails). */
export function chartPng(
  chart: ReportChart,
  figures: ReportFigures,
  locale: Locale,
  size?: ChartSize,
): Buffer {
  void chart;
  void figures;
  void locale;
  void size;
  return Buffer.alloc(0);
}

/** The chart's title, as people read it above the chart and in an image's alt text. */
export function chartTitle(chart: ReportChart, locale: Locale): string {
  const fr = locale === 'fr-FR';
  return {
    calls: fr ? 'Appels par jour' : 'Calls per day',
    hours: fr ? 'Heures d’appel' : 'Call hours',
    handling: fr ? 'Délai de traitement' : 'Time to handle',
  }[chart];
}

/** The numbers behind the chart, with headers in the reader's language. */
export function chartTable(chart: ReportChart, figures: ReportFigures, locale: Locale): ChartTable {
  void chart;
  void figures;
  void locale;
  return { header: [], rows: [] };
}
