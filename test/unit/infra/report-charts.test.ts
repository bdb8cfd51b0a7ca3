/**
 * The report charts as ECharts draws them on the server: the right bars and cells with the right
 * values, in French and English, weeks beyond 62 days, a readable line for an empty period, an SVG
 * safe to inline under the pages' CSP, and a PNG whose text really renders.
 */
import { DOMParser } from '@xmldom/xmldom';
import { REPORT_OUTCOMES, type ReportOutcome } from '../../../src/domain/report-day';
import {
  callsByWeek,
  chartOption,
  chartPng,
  chartSvg,
  chartTitle,
  OUTCOME_COLOURS,
  REPORT_CHARTS,
} from '../../../src/infra/report-charts';
import { HEAT_RAMP } from '../../../src/infra/report-charts/palette';
import { rasterise } from '../../../src/infra/report-charts/png';
import { cleanSvg, renderEcharts } from '../../../src/infra/report-charts/render';
import { barHeight, figuresOf, marks, PNG_SIGNATURE, pngSize, texts } from './report-charts-helpers';

const SIZE = { width: 720, height: 320 };
const raw = (
  chart: (typeof REPORT_CHARTS)[number],
  figures: ReturnType<typeof figuresOf>,
  locale = 'fr-FR' as const,
) => renderEcharts(chartOption(chart, figures, locale), SIZE);

/** Monday 30 November to Sunday 6 December 2026; no appointment, no blocked call. */
const WEEK = figuresOf('2026-11-30', '2026-12-06', {
  '2026-11-30': { calls: { transferred: 3, message: 5 }, hours: { 9: 4 }, handleSeconds: [60, 600, 900] },
  '2026-12-01': { calls: { message: 2, abandoned: 1 }, handleSeconds: [1000, 7200, 8000] },
  '2026-12-03': { calls: { transferred: 1, information: 4 }, hours: { 9: 2, 14: 11 } },
  '2026-12-04': { calls: { failed: 2 }, handleSeconds: [100_000, 300_000, 400_000, 500_000, 600_000] },
  '2026-12-05': { calls: { message: 6 } },
  '2026-12-06': { calls: { transferred: 2 } },
});
const EMPTY = figuresOf('2026-11-30', '2026-12-06', {});

/** Each series' bar heights are its values at one common scale. */
function expectBarsAt(svg: string, series: number, values: number[]) {
  const bars = marks(svg).filter((m) => m.series === series);
  expect(bars.map((b) => b.index)).toEqual(values.map((_, i) => i));
  const unit = barHeight(bars[values.indexOf(Math.max(...values))]!.d) / Math.max(...values);
  bars.forEach((b, i) => expect(barHeight(b.d)).toBeCloseTo(values[i]! * unit, 0));
}

const timings: Record<string, number> = {};
afterAll(() => console.log('report charts render times (ms, 720×320):', timings));

describe('the calls chart', () => {
  const shown: ReportOutcome[] = ['transferred', 'message', 'information', 'abandoned', 'failed'];

  it('stacks one bar per day and outcome that happened, at its value and in its own colour', () => {
    const svg = raw('calls', WEEK);
    shown.forEach((outcome, series) => {
      expectBarsAt(
        svg,
        series,
        WEEK.perDay.map((d) => d.byOutcome[outcome]),
      );
      expect(
        new Set(
          marks(svg)
            .filter((m) => m.series === series)
            .map((m) => m.fill),
        ),
      ).toEqual(new Set([OUTCOME_COLOURS[outcome]]));
    });
    expect(new Set(marks(svg).map((m) => m.series)).size).toBe(shown.length);
  });

  it('names in French the outcomes that happened, and the days as "lun. 30"', () => {
    const words = texts(chartSvg('calls', WEEK, 'fr-FR'));
    expect(words).toEqual(
      expect.arrayContaining(['Transférés', 'Message pris', 'Renseignement', 'Raccroché', 'Échec']),
    );
    expect(words).not.toEqual(expect.arrayContaining(['Rendez-vous']));
    expect(words).not.toEqual(expect.arrayContaining(['Bloqué']));
    expect(words).toEqual(expect.arrayContaining(['lun. 30', 'mar. 1', 'mer. 2', 'dim. 6']));
  });

  it('speaks English for en-US', () => {
    const words = texts(chartSvg('calls', WEEK, 'en-US'));
    expect(words).toEqual(
      expect.arrayContaining([
        'Transferred',
        'Message taken',
        'Information',
        'Hung up',
        'Failed',
        'Mon 30',
        'Sun 6',
      ]),
    );
    expect(words.join(' ')).not.toMatch(/Transférés|lun\./);
  });

  it('keeps a bar per day up to 62 days, then draws ISO weeks named by their first day', () => {
    const every = (from: string, to: string) => {
      const days: Record<string, { calls: { message: number } }> = {};
      for (
        let d = new Date(`${from}T00:00:00Z`);
        d.toISOString().slice(0, 10) <= to;
        d.setUTCDate(d.getUTCDate() + 1)
      )
        days[d.toISOString().slice(0, 10)] = { calls: { message: 1 } };
      return figuresOf(from, to, days);
    };
    const daily = every('2026-01-01', '2026-03-03');
    expect(daily.perDay).toHaveLength(62);
    expect(callsByWeek(daily)).toBe(false);
    expect(marks(raw('calls', daily)).filter((m) => m.series === 0)).toHaveLength(62);

    // 1 January 2026 is a Thursday: a 4-day week first, 12 full weeks, then Monday 30 and Tuesday 31 March.
    const quarter = every('2026-01-01', '2026-03-31');
    expect(callsByWeek(quarter)).toBe(true);
    expectBarsAt(raw('calls', quarter), 0, [4, ...Array.from({ length: 12 }, () => 7), 2]);
    const fr = chartOption('calls', quarter, 'fr-FR') as { xAxis: { data: string[] } };
    expect(fr.xAxis.data.map((l) => l.replace(/\u00a0/g, ' '))).toEqual(
      expect.arrayContaining(['sem. du 1 janv.', 'sem. du 5 janv.', 'sem. du 30 mars']),
    );
    expect(fr.xAxis.data).toHaveLength(14);
    expect(texts(chartSvg('calls', quarter, 'en-US'))).toEqual(expect.arrayContaining(['week of Jan 1']));
  });
});

describe('the hours heat map', () => {
  it('draws 7 × 24 cells, Monday on top, the busiest in the darkest class with its count', () => {
    const svg = raw('hours', WEEK);
    const cells = marks(svg);
    expect(cells).toHaveLength(7 * 24);
    const cell = (day: number, hour: number) => cells.find((c) => c.index === day * 24 + hour)!;
    expect(cell(3, 14).fill).toBe(HEAT_RAMP[4]); // Thursday 14 h, 11 calls
    expect(cell(0, 9).fill).toBe(HEAT_RAMP[2]); // Monday 9 h, 4 calls: the 4–6 class
    expect(cell(6, 0).fill).toBe(HEAT_RAMP[0]);
    const words = texts(chartSvg('hours', WEEK, 'fr-FR'));
    expect(words).toEqual(
      expect.arrayContaining(['11', '4', '2', '0', '1–3', '10–11', 'lun.', 'dim.', '0 h']),
    );
    const y = (label: string) =>
      Number(new RegExp(`translate\\([\\d.]+ ([\\d.]+)\\)"[^>]*>${label}<`).exec(svg)![1]);
    expect(y('lun\\.')).toBeLessThan(y('dim\\.'));
  });

  it('names weekdays and hours in English', () => {
    expect(texts(chartSvg('hours', WEEK, 'en-US'))).toEqual(
      expect.arrayContaining(['Mon', 'Sun', '12 am', '11']),
    );
  });
});

describe('the time-to-handle chart', () => {
  it('draws one bar per bucket with its count, every bucket labelled', () => {
    expect(WEEK.messages.handleBuckets).toEqual([3, 1, 2, 0, 1, 4]);
    expectBarsAt(raw('handling', WEEK), 0, [3, 1, 2, 0, 1, 4]);
    const fr = texts(chartSvg('handling', WEEK, 'fr-FR')).join('|');
    for (const label of [
      'moins de 15 min',
      '15 min à 1 h',
      '1 à 4 h',
      '4 à 24 h',
      '1 à 3 jours',
      'plus de 3 jours',
    ])
      expect(fr).toContain(label);
    const en = texts(chartSvg('handling', WEEK, 'en-US')).join('|');
    for (const label of ['under 15 min', '15 min–1 h', '1–4 h', '4–24 h', '1–3 days', 'over 3 days'])
      expect(en).toContain(label);
  });
});

describe('an empty period', () => {
  it.each([
    ['calls', 'fr-FR', 'Aucun appel sur la période'],
    ['hours', 'fr-FR', 'Aucun appel sur la période'],
    ['handling', 'fr-FR', 'Aucun message traité sur la période'],
    ['calls', 'en-US', 'No calls in this period'],
    ['handling', 'en-US', 'No handled messages in this period'],
  ] as const)('%s (%s) says so in one line, without axes', (chart, locale, line) => {
    const svg = chartSvg(chart, EMPTY, locale);
    expect(texts(svg)).toEqual([line]);
    expect(marks(renderEcharts(chartOption(chart, EMPTY, locale), SIZE))).toHaveLength(0);
  });

  it('draws the handling line when calls came but no message was handled', () => {
    const calls = figuresOf('2026-11-30', '2026-12-06', { '2026-12-01': { calls: { transferred: 2 } } });
    expect(texts(chartSvg('handling', calls, 'fr-FR'))).toEqual(['Aucun message traité sur la période']);
  });
});

describe('the SVG placed inline in a page', () => {
  it.each(REPORT_CHARTS)('%s: an image with its title, nothing the CSP blocks, well-formed XML', (chart) => {
    const started = performance.now();
    const svg = chartSvg(chart, WEEK, 'fr-FR');
    timings[`${chart} svg`] = Math.round(performance.now() - started);
    const title = chartTitle(chart, 'fr-FR');
    expect(svg).toMatch(new RegExp(`^<svg [^>]*role="img" aria-label="${title}"><title>${title}</title>`));
    expect(svg).toContain('viewBox="0 0 720 320"');
    expect(svg).not.toMatch(
      /<style|\sstyle=|\sclass=|ecmeta_|<script|\son[a-z]+=|javascript:|<foreignObject/i,
    );
    expect(svg).toMatch(/<svg [^>]*font-family="Arial, [^"]*sans-serif"/);
    for (const [tag] of svg.matchAll(/<text\b[^>]*>/g)) expect(tag).toMatch(/font-size="\d+px"/);
    const errors: string[] = [];
    new DOMParser({ onError: (level, message) => void errors.push(`${level}: ${message}`) }).parseFromString(
      svg,
      'image/svg+xml',
    );
    expect(errors).toEqual([]);
  });

  it('escapes texts: ECharts its labels, the cleaner the title', () => {
    const hostile = '<script>alert(1)</script> & "x"';
    const rawSvg = renderEcharts(
      { xAxis: { type: 'category', data: [hostile] }, yAxis: {}, series: [{ type: 'bar', data: [1] }] },
      SIZE,
    );
    expect(rawSvg).not.toContain('<script');
    expect(texts(rawSvg)).toContain(hostile);
    const clean = cleanSvg(rawSvg, hostile, 'sans-serif');
    expect(clean).not.toContain('<script');
    expect(clean).toContain('aria-label="&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;"');
  });

  it('rejects a size nobody should draw', () => {
    expect(() => chartSvg('calls', WEEK, 'fr-FR', { width: 0, height: 320 })).toThrow(RangeError);
    expect(() => chartPng('calls', WEEK, 'fr-FR', { width: 720.5, height: 320 })).toThrow(RangeError);
  });
});

describe('the PNG for emails', () => {
  it('is a PNG of the asked width and height', () => {
    const started = performance.now();
    const png = chartPng('calls', WEEK, 'fr-FR', SIZE);
    timings['calls png'] = Math.round(performance.now() - started);
    expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(pngSize(png)).toEqual(SIZE);
    expect(pngSize(chartPng('hours', WEEK, 'en-US', { width: 480, height: 240 }))).toEqual({
      width: 480,
      height: 240,
    });
  });

  it('renders text with a font of this machine (the empty chart is only its line)', () => {
    const image = rasterise(chartSvg('calls', EMPTY, 'fr-FR'), SIZE.width);
    const pixels = image.pixels; // a getter that copies the buffer: read it once
    let dark = 0;
    for (let i = 0; i < pixels.length; i += 4) if (pixels[i]! < 128) dark += 1;
    // One line of 16 px text, about 190 px long: hundreds of dark pixels; none when no font is found.
    expect(dark).toBeGreaterThan(300);
  });
});

it('colours every outcome apart', () => {
  expect(new Set(REPORT_OUTCOMES.map((o) => OUTCOME_COLOURS[o])).size).toBe(REPORT_OUTCOMES.length);
});
