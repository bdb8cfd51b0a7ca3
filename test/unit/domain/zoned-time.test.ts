import {
  addDays,
  calendarDaysBefore,
  instantToLocal,
  localDate,
  localToInstant,
  startOfLocalDay,
  wallClock,
} from '../../../src/domain/zoned-time';

describe('zoned time', () => {
  it.each([
    ['2026-12-20T23:30:00Z', 'Europe/Paris', { date: '2026-12-21', time: '00:30', isoWeekday: 1 }],
    ['2026-03-29T00:59:00Z', 'Europe/Paris', { date: '2026-03-29', time: '01:59', isoWeekday: 7 }],
    ['2026-03-29T01:00:00Z', 'Europe/Paris', { date: '2026-03-29', time: '03:00', isoWeekday: 7 }],
    ['2026-10-25T00:30:00Z', 'Europe/Paris', { date: '2026-10-25', time: '02:30', isoWeekday: 7 }],
    ['2026-10-25T01:30:00Z', 'Europe/Paris', { date: '2026-10-25', time: '02:30', isoWeekday: 7 }],
    ['2026-01-01T04:59:00Z', 'America/New_York', { date: '2025-12-31', time: '23:59', isoWeekday: 3 }],
    ['2026-06-01T18:30:00Z', 'Asia/Kolkata', { date: '2026-06-02', time: '00:00', isoWeekday: 2 }],
    ['2026-06-06T11:15:00Z', 'Pacific/Chatham', { date: '2026-06-07', time: '00:00', isoWeekday: 7 }],
  ])('at %s in %s the clocks show %j', (iso, zone, expected) => {
    expect(wallClock(new Date(iso), zone)).toEqual(expected);
  });

  it.each([
    ['2026-01-15T09:00', 'Europe/Paris', '2026-01-15T08:00:00.000Z', 'winter time'],
    ['2026-07-15T09:00', 'Europe/Paris', '2026-07-15T07:00:00.000Z', 'summer time'],
    [
      '2026-03-29T02:30',
      'Europe/Paris',
      '2026-03-29T01:30:00.000Z',
      'the skipped hour, read before the change',
    ],
    ['2026-10-25T02:30', 'Europe/Paris', '2026-10-25T01:30:00.000Z', 'the repeated hour'],
    ['2026-03-08T02:30', 'America/New_York', '2026-03-08T06:30:00.000Z', 'the skipped hour in New York'],
    ['2026-06-02T00:00:59', 'Asia/Kolkata', '2026-06-01T18:30:00.000Z', 'a half-hour zone, seconds ignored'],
  ])('%s in %s is %s (%s)', (local, zone, iso) => {
    expect(localToInstant(local, zone)?.toISOString()).toBe(iso);
  });

  it.each(['2026-02-30T10:00', '2026-01-01T24:00', '2026-01-01', 'tomorrow'])(
    'when %j is no valid date-time, then there is no instant',
    (local) => {
      expect(localToInstant(local, 'Europe/Paris')).toBeNull();
    },
  );

  it('when a day is turned to its start and back, then it is the same day at 00:00, across both changes', () => {
    for (const day of ['2026-03-29', '2026-03-30', '2026-10-25', '2026-10-26']) {
      const start = startOfLocalDay(day, 'Europe/Paris');
      expect(instantToLocal(start, 'Europe/Paris')).toBe(`${day}T00:00`);
      expect(localDate(new Date(start.getTime() - 1), 'Europe/Paris')).toBe(addDays(day, -1));
    }
    expect(() => startOfLocalDay('2026-13-01', 'Europe/Paris')).toThrow(RangeError);
  });

  it.each([
    ['2026-12-31', 1, '2027-01-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2026-03-01', -1, '2026-02-28'],
  ])('%s plus %i day(s) is %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });
});

describe('calendar days before an instant (retention cutoffs)', () => {
  it.each([
    // Across the spring change in Paris: 10 days are 239 hours.
    ['2026-04-05T01:30:00Z', 10, 'Europe/Paris', '2026-03-26T02:30:00.000Z'],
    // Across the autumn change: 241 hours.
    ['2026-10-30T02:30:00Z', 10, 'Europe/Paris', '2026-10-20T01:30:00.000Z'],
    // No change within the period: exactly N × 24 hours, seconds and milliseconds kept.
    ['2026-06-15T08:00:42.125Z', 30, 'Europe/Paris', '2026-05-16T08:00:42.125Z'],
    ['2026-03-12T07:30:00Z', 10, 'America/New_York', '2026-03-02T08:30:00.000Z'],
    // The earlier day's 02:30 does not exist in Paris (skipped hour): read with the offset before it.
    ['2026-04-08T00:30:00Z', 10, 'Europe/Paris', '2026-03-29T01:30:00.000Z'],
    ['2026-07-01T03:30:00Z', 90, 'UTC', '2026-04-02T03:30:00.000Z'],
  ])('%s minus %i days in %s is %s', (at, days, zone, expected) => {
    expect(calendarDaysBefore(new Date(at), days, zone).toISOString()).toBe(expected);
  });
});
