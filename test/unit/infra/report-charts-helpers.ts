/** Figures from hand-made day rollups, and what the tests read back from ECharts' raw SVG. */
import { emptyDay, type DayRollup, type ReportOutcome } from '../../../src/domain/report-day';
import { reportFigures, type ReportFigures } from '../../../src/domain/report-figures';

export type DaySpec = {
  calls?: Partial<Record<ReportOutcome, number>>;
  /** Calls per local hour, `{ 9: 3 }`. */
  hours?: Record<number, number>;
  handleSeconds?: number[];
};

export function rollup(day: string, spec: DaySpec = {}): DayRollup {
  const r = emptyDay('client-1', day);
  for (const [outcome, n] of Object.entries(spec.calls ?? {}) as [ReportOutcome, number][]) {
    r.calls.byOutcome[outcome] = n;
    r.calls.total += n;
  }
  for (const [hour, n] of Object.entries(spec.hours ?? {})) r.hours[Number(hour)] = n;
  r.handleSeconds = spec.handleSeconds ?? [];
  r.messages.total = r.handleSeconds.length;
  r.messages.byStatus.handled = r.handleSeconds.length;
  return r;
}

export const figuresOf = (from: string, to: string, days: Record<string, DaySpec>): ReportFigures =>
  reportFigures(
    Object.entries(days).map(([day, spec]) => rollup(day, spec)),
    { from, to },
  );

/** The data marks ECharts drew (bars, cells), by series and data index, from its raw SSR output. */
export function marks(rawSvg: string): { series: number; index: number; d: string; fill: string }[] {
  const found = [];
  for (const [tag] of rawSvg.matchAll(/<path\b[^>]*ecmeta_ssr_type="chart"[^>]*>/g)) {
    const attr = (name: string) => new RegExp(` ${name}="([^"]*)"`).exec(tag)?.[1] ?? '';
    found.push({
      series: Number(attr('ecmeta_series_index')),
      index: Number(attr('ecmeta_data_index')),
      d: attr('d'),
      fill: attr('fill'),
    });
  }
  return found;
}

/** A bar's height from its rectangle path `M x y l w 0 l 0 -h l -w 0 Z`. */
export function barHeight(d: string): number {
  const m = /^M[-\d.]+ [-\d.]+l[-\d.]+ 0l0 (-?[\d.]+)l/.exec(d);
  if (!m) throw new Error(`not a bar path: ${d}`);
  return Math.abs(Number(m[1]));
}

/** The texts of an SVG, entities decoded, no-break spaces as spaces. */
export const texts = (svg: string): string[] =>
  [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((m) =>
    m[1]!
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;|&#39;/g, "'")
      .replace(/&amp;/g, '&')
      .replace(/[\u00a0\u202f]/g, ' '),
  );

/** Width and height from a PNG's IHDR chunk. */
export function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
