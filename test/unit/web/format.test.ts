import {
  formatDateTime,
  formatPhone,
  formatTime,
  spreadsheetDateTime,
  timeWithZone,
  zonesDiffer,
} from '../../../src/web/format';

// 13:05 UTC: 14:05 in Paris, 8:05 in New York (2 December 2026).
const AT = new Date('2026-12-02T13:05:09Z');
const nbsp = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');

describe('dates in the reader’s conventions', () => {
  it('when French, then day first and 24-hour time', () => {
    expect(formatDateTime(AT, 'fr', 'Europe/Paris')).toBe('02/12/2026 14:05');
    expect(formatTime(AT, 'fr', 'Europe/Paris')).toBe('14:05:09');
  });

  it('when English, then US conventions: month first, 12-hour time (the SMS say 12/02 too)', () => {
    expect(nbsp(formatDateTime(AT, 'en', 'Europe/Paris'))).toBe('12/02/2026, 2:05 PM');
    expect(nbsp(formatTime(AT, 'en', 'America/New_York'))).toBe('8:05:09 AM');
  });

  it('when clients differ in zone, then the time names its zone; otherwise it does not', () => {
    expect(timeWithZone(AT, 'America/New_York', 'fr', true)).toBe('08:05 (heure de New York)');
    expect(timeWithZone(AT, 'Europe/Amsterdam', 'fr', true)).toBe('14:05 (heure d’Amsterdam)');
    expect(nbsp(timeWithZone(AT, 'America/New_York', 'en', true))).toBe('8:05 AM (New York time)');
    expect(timeWithZone(AT, 'Europe/Paris', 'fr', false)).toBe('14:05');
    expect(timeWithZone(AT, 'Europe/Paris', 'fr', true, { date: true })).toBe(
      '02/12/2026 14:05 (heure de Paris)',
    );
    expect(zonesDiffer([{ timezone: 'Europe/Paris' }, { timezone: 'Europe/Paris' }])).toBe(false);
    expect(zonesDiffer([{ timezone: 'Europe/Paris' }, { timezone: 'America/New_York' }])).toBe(true);
  });

  it('when a spreadsheet reads the date, then it is the local time in the form its language parses', () => {
    expect(spreadsheetDateTime(AT, 'fr', 'Europe/Paris')).toBe('02/12/2026 14:05');
    expect(spreadsheetDateTime(AT, 'en', 'America/New_York')).toBe('12/02/2026 8:05 AM');
    // Summer time: the offset changes, the local clock is what is written.
    expect(spreadsheetDateTime(new Date('2026-07-01T12:00:00Z'), 'fr', 'Europe/Paris')).toBe(
      '01/07/2026 14:00',
    );
  });
});

describe('one display of phone numbers', () => {
  it('when the number is of the client’s country, then national; otherwise international', () => {
    expect(formatPhone('+33612345611', 'FR')).toBe('06 12 34 56 11');
    expect(formatPhone('+33612345611', 'US')).toBe('+33 6 12 34 56 11');
    expect(formatPhone('+14155550100', 'US')).toBe('(415) 555-0100');
    expect(formatPhone('anonymous', 'FR')).toBe('anonymous');
  });
});
