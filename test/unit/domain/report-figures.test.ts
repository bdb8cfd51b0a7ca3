import { emptyDay, type DayRollup } from '../../../src/domain/report-day';
import {
  daysBetween,
  median,
  reportFigures,
  shiftDay,
  weekdayIndex,
} from '../../../src/domain/report-figures';

function day(clientId: string, date: string, fill: (d: DayRollup) => void = () => undefined): DayRollup {
  const d = emptyDay(clientId, date);
  fill(d);
  return d;
}

describe('a period’s figures', () => {
  const week = { from: '2026-11-23', to: '2026-11-29' };

  it('when two clients have days in the period and one outside, then the period sums the days inside only', () => {
    const rollups = [
      day('a', '2026-11-23', (d) => {
        d.calls.total = 3;
        d.calls.byOutcome.message = 2;
        d.calls.byOutcome.transferred = 1;
        d.hours[9] = 3;
      }),
      day('b', '2026-11-23', (d) => {
        d.calls.total = 1;
        d.calls.byOutcome.blocked = 1;
        d.hours[22] = 1;
      }),
      day('a', '2026-11-30', (d) => {
        d.calls.total = 50;
        d.calls.byOutcome.message = 50;
      }),
    ];
    const f = reportFigures(rollups, week);
    expect(f.calls.total).toBe(4);
    expect(f.calls.byOutcome).toMatchObject({ message: 2, transferred: 1, blocked: 1 });
    expect(f.perDay).toHaveLength(7);
    expect(f.perDay[0]).toMatchObject({ day: '2026-11-23', total: 4 });
    expect(f.perDay[6]).toMatchObject({ day: '2026-11-29', total: 0 });
    // 23 November 2026 is a Monday: row 0.
    expect(f.heatmap[0]![9]).toBe(3);
    expect(f.heatmap[0]![22]).toBe(1);
    expect(f.heatmap.flat().reduce((a, b) => a + b, 0)).toBe(4);
  });

  it('when handling times are spread, then the median and the distribution follow them', () => {
    const rollups = [
      day('a', '2026-11-24', (d) => (d.handleSeconds = [60, 1200])),
      day('a', '2026-11-25', (d) => (d.handleSeconds = [7200, 90_000, 400_000])),
    ];
    const f = reportFigures(rollups, week);
    expect(f.messages.medianHandleSeconds).toBe(7200);
    expect(f.messages.handleBuckets).toEqual([1, 1, 1, 0, 1, 1]);
  });

  it('when a caller calls on two days and another once, then there are two callers and one repeat caller', () => {
    const rollups = [
      day('a', '2026-11-24', (d) => (d.callers = { x: 1, y: 1 })),
      day('a', '2026-11-26', (d) => (d.callers = { x: 1 })),
    ];
    expect(reportFigures(rollups, week).callers).toEqual({ distinct: 2, repeat: 1 });
  });

  it('when open messages are older than the threshold, then they count as overdue, per assistant too', () => {
    const open = (d: DayRollup) => {
      d.messages.byStatus.new = 1;
      d.messages.byStatus.in_progress = 1;
      d.assistants.u1 = { claimed: 1, handled: 0, handleSeconds: [], open: 1 };
    };
    const rollups = [day('a', '2026-11-25', open), day('a', '2026-11-29', open)];
    const f = reportFigures(rollups, { ...week, today: '2026-11-29', openOlderThanDays: 2 });
    expect(f.messages.open).toBe(4);
    expect(f.openOlder).toBe(2);
    expect(f.assistants).toEqual([
      { userId: 'u1', claimed: 2, handled: 0, medianHandleSeconds: null, open: 2, openOlder: 1 },
    ]);
  });

  it('when reasons repeat across days, then the top words come most used first, ties in alphabetical order', () => {
    const rollups = [
      day('a', '2026-11-24', (d) => (d.reasons = { ordonnance: 2, devis: 1 })),
      day('a', '2026-11-25', (d) => (d.reasons = { ordonnance: 1, facture: 1 })),
    ];
    expect(reportFigures(rollups, { ...week, topReasons: 2 }).topReasons).toEqual([
      { word: 'ordonnance', count: 3 },
      { word: 'devis', count: 1 },
    ]);
  });

  it('when nothing happened, then medians are null and counts zero (no NaN)', () => {
    const f = reportFigures([], week);
    expect(f.messages.medianHandleSeconds).toBeNull();
    expect(f.urgent.medianAckSeconds).toBeNull();
    expect(JSON.stringify(f)).not.toContain('NaN');
  });
});

describe('day arithmetic', () => {
  it('shifts across month and year ends and DST changes (calendar days, not hours)', () => {
    expect(shiftDay('2026-12-31', 1)).toBe('2027-01-01');
    expect(shiftDay('2026-03-29', 1)).toBe('2026-03-30');
    expect(shiftDay('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-10-24', '2026-10-26')).toEqual(['2026-10-24', '2026-10-25', '2026-10-26']);
    expect(weekdayIndex('2026-11-29')).toBe(6);
  });

  it('takes the median of odd and even counts', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(3);
    expect(median([])).toBeNull();
  });
});
