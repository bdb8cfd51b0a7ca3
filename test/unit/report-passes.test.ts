import { rebuildPasses } from '../../src/app/report-rollups';
import { daysBetween } from '../../src/domain/report-figures';

describe('rebuild passes', () => {
  const year = daysBetween('2026-01-01', '2026-12-31');

  it('when 20 clients rebuild a year, then one pass covers it', () => {
    expect(rebuildPasses(year, 20)).toEqual([year]);
  });

  it('when many clients rebuild a year, then the passes hold at most the allowed client-days, in order', () => {
    const passes = rebuildPasses(year, 1000);
    expect(passes).toHaveLength(19);
    expect(passes.every((p) => p.length * 1000 <= 20_000)).toBe(true);
    expect(passes.flat()).toEqual(year);
  });

  it('when the clients outnumber the allowed client-days, then each pass still takes a day', () => {
    expect(rebuildPasses(year.slice(0, 3), 50, 10)).toEqual([['2026-01-01'], ['2026-01-02'], ['2026-01-03']]);
  });
});
