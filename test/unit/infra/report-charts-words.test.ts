/**
 * The words and numbers around the charts: labels the page and the email reuse, the tables behind
 * the CSV, and colours that stay readable on white.
 */
import { REPORT_OUTCOMES } from '../../../src/domain/report-day';
import { HANDLE_BUCKETS } from '../../../src/domain/report-figures';
import {
  chartTable,
  handleBucketLabel,
  hourLabel,
  OUTCOME_COLOURS,
  outcomeLabel,
  weekdayLabel,
} from '../../../src/infra/report-charts';
import { heatClasses } from '../../../src/infra/report-charts/hours-option';
import {
  BACKGROUND,
  contrastRatio,
  HANDLING_COLOUR,
  HEAT_DARK_FROM,
  HEAT_RAMP,
  TEXT,
} from '../../../src/infra/report-charts/palette';
import { figuresOf } from './report-charts-helpers';

const spaced = (s: string) => s.replace(/\u00a0/g, ' ');

describe('labels', () => {
  it('names every outcome in French and English, in the chart order', () => {
    expect(REPORT_OUTCOMES.map((o) => outcomeLabel(o, 'fr-FR'))).toEqual([
      'Transférés',
      'Message pris',
      'Rendez-vous',
      'Renseignement',
      'Raccroché',
      'Bloqué',
      'Échec',
    ]);
    expect(REPORT_OUTCOMES.map((o) => outcomeLabel(o, 'en-US'))).toEqual([
      'Transferred',
      'Message taken',
      'Appointment',
      'Information',
      'Hung up',
      'Blocked',
      'Failed',
    ]);
  });

  it('names every time-to-handle bucket, numbers held to their unit, and no bucket beyond', () => {
    const all = (locale: 'fr-FR' | 'en-US') =>
      Array.from({ length: HANDLE_BUCKETS.length + 1 }, (_, i) => handleBucketLabel(i, locale));
    expect(all('fr-FR').map(spaced)).toEqual([
      'moins de 15 min',
      '15 min à 1 h',
      '1 à 4 h',
      '4 à 24 h',
      '1 à 3 jours',
      'plus de 3 jours',
    ]);
    expect(all('en-US').map(spaced)).toEqual([
      'under 15 min',
      '15 min–1 h',
      '1–4 h',
      '4–24 h',
      '1–3 days',
      'over 3 days',
    ]);
    for (const label of all('fr-FR')) expect(label).not.toMatch(/\d (?:min|h|jours)/);
    expect(() => handleBucketLabel(HANDLE_BUCKETS.length + 1, 'fr-FR')).toThrow(RangeError);
  });

  it('names weekdays from Monday and hours as people read them', () => {
    expect([0, 1, 6].map((d) => weekdayLabel(d, 'fr-FR', 'short'))).toEqual(['lun.', 'mar.', 'dim.']);
    expect([0, 6].map((d) => weekdayLabel(d, 'en-US', 'long'))).toEqual(['Monday', 'Sunday']);
    expect(() => weekdayLabel(7, 'fr-FR', 'short')).toThrow(RangeError);
    expect([0, 9, 14, 23].map((h) => spaced(hourLabel(h, 'fr-FR')))).toEqual(['0 h', '9 h', '14 h', '23 h']);
    expect([0, 9, 12, 23].map((h) => spaced(hourLabel(h, 'en-US')))).toEqual([
      '12 am',
      '9 am',
      '12 pm',
      '11 pm',
    ]);
  });
});

describe('the tables behind the charts (CSV)', () => {
  const figures = figuresOf('2026-11-30', '2026-12-02', {
    '2026-11-30': { calls: { transferred: 3, message: 5 }, hours: { 9: 8 }, handleSeconds: [60, 3000] },
    '2026-12-02': { calls: { failed: 1 }, hours: { 14: 1 } },
  });

  it('calls: a row per day with each outcome and the total', () => {
    const table = chartTable('calls', figures, 'fr-FR');
    expect(table.header).toEqual([
      'Jour',
      'Transférés',
      'Message pris',
      'Rendez-vous',
      'Renseignement',
      'Raccroché',
      'Bloqué',
      'Échec',
      'Total',
    ]);
    expect(table.rows).toEqual([
      ['2026-11-30', 3, 5, 0, 0, 0, 0, 0, 8],
      ['2026-12-01', 0, 0, 0, 0, 0, 0, 0, 0],
      ['2026-12-02', 0, 0, 0, 0, 0, 0, 1, 1],
    ]);
    expect(chartTable('calls', figures, 'en-US').header).toEqual([
      'Day',
      ...REPORT_OUTCOMES.map((o) => outcomeLabel(o, 'en-US')),
      'Total',
    ]);
  });

  it('hours: a row per weekday from Monday, a column per hour', () => {
    const table = chartTable('hours', figures, 'fr-FR');
    expect(table.header.map(spaced)).toEqual([
      'Jour de la semaine',
      ...Array.from({ length: 24 }, (_, h) => `${h} h`),
    ]);
    expect(table.rows.map((r) => r[0])).toEqual([
      'lundi',
      'mardi',
      'mercredi',
      'jeudi',
      'vendredi',
      'samedi',
      'dimanche',
    ]);
    expect(table.rows[0]![1 + 9]).toBe(8);
    expect(table.rows[2]![1 + 14]).toBe(1);
    expect(table.rows.every((r) => r.length === 25)).toBe(true);
    const en = chartTable('hours', figures, 'en-US');
    expect([en.header[0], spaced(en.header[1]!), en.rows[6]![0]]).toEqual(['Weekday', '12 am', 'Sunday']);
  });

  it('handling: a row per bucket', () => {
    expect(chartTable('handling', figures, 'fr-FR')).toEqual({
      header: ['Délai', 'Messages'],
      rows: [0, 1, 2, 3, 4, 5].map((i) => [handleBucketLabel(i, 'fr-FR'), i <= 1 ? 1 : 0]),
    });
    expect(chartTable('handling', figures, 'en-US').header).toEqual(['Time to handle', 'Messages']);
  });
});

describe('colours', () => {
  it('keep every mark at 3:1 or more against the white background', () => {
    for (const colour of [...Object.values(OUTCOME_COLOURS), HANDLING_COLOUR])
      expect(contrastRatio(colour, BACKGROUND)).toBeGreaterThanOrEqual(3);
  });

  it('write heat-map counts at 4.5:1 or more on their cell', () => {
    HEAT_RAMP.forEach((cell, i) =>
      expect(contrastRatio(i >= HEAT_DARK_FROM ? BACKGROUND : TEXT, cell)).toBeGreaterThanOrEqual(4.5),
    );
  });

  it.each([
    [1, ['0', '1']],
    [5, ['0', '1–2', '3–4', '5']],
    [11, ['0', '1–3', '4–6', '7–9', '10–11']],
    [400, ['0', '1–100', '101–200', '201–300', '301–400']],
  ])('split a busiest cell of %i into whole classes', (max, labels) => {
    const classes = heatClasses(max);
    expect(classes.map((c) => c.label)).toEqual(labels);
    expect(classes[classes.length - 1]!.max).toBe(max);
  });
});
