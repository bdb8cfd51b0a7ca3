/** The charts' shared vocabulary (index.ts re-exports it: callers import from the folder). */

/** The charts of a report, by name: each has an SVG, a PNG and the table of numbers behind it (CSV). */
export const REPORT_CHARTS = ['calls', 'hours', 'handling'] as const;
export type ReportChart = (typeof REPORT_CHARTS)[number];

export type ChartSize = { width: number; height: number };

/** The numbers behind a chart, as the CSV gives them: a header row and one row per bar or cell. */
export type ChartTable = { header: string[]; rows: (string | number)[][] };

/** The size a chart gets when the caller names none: a page's content column, an email's width. */
export const DEFAULT_SIZE: ChartSize = { width: 720, height: 320 };

/** Beyond these the chart is a caller's mistake, not a layout to draw (and a PNG to allocate). */
export const SIZE_LIMITS = { min: 120, max: 4096 } as const;

export function checkedSize(size: ChartSize | undefined): ChartSize {
  const { width, height } = size ?? DEFAULT_SIZE;
  for (const [name, value] of [
    ['width', width],
    ['height', height],
  ] as const) {
    if (!Number.isInteger(value) || value < SIZE_LIMITS.min || value > SIZE_LIMITS.max)
      throw new RangeError(`chart ${name} must be an integer from ${SIZE_LIMITS.min} to ${SIZE_LIMITS.max}`);
  }
  return { width, height };
}
