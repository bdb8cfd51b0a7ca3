import { localToInstant } from '../../../src/domain/zoned-time';
import type { Locale } from '../../../src/domain/vocabulary';
import { describeSlotForPeople } from '../../../src/flow/slot-text';

const PARIS = 'Europe/Paris';
const NEW_YORK = 'America/New_York';

describe('describeSlotForPeople: a slot as written in pages and SMS', () => {
  it.each<[string, string, string, Locale, string | undefined, string]>([
    ['half past ten', '2026-12-08T10:30', PARIS, 'fr-FR', undefined, 'mardi 8 décembre à 10 h 30'],
    ['half past ten', '2026-12-08T10:30', PARIS, 'en-US', undefined, 'Tuesday, December 8 at 10:30 AM'],
    ['on the hour', '2026-12-08T14:00', PARIS, 'fr-FR', undefined, 'mardi 8 décembre à 14 h'],
    ['on the hour', '2026-12-08T14:00', PARIS, 'en-US', undefined, 'Tuesday, December 8 at 2 PM'],
    ['the first of the month', '2027-05-01T09:15', PARIS, 'fr-FR', undefined, 'samedi 1er mai à 9 h 15'],
    ['noon', '2026-12-08T12:00', PARIS, 'en-US', undefined, 'Tuesday, December 8 at noon'],
    [
      'in New York, on its clocks',
      '2026-12-08T09:00',
      NEW_YORK,
      'en-US',
      undefined,
      'Tuesday, December 8 at 9 AM',
    ],
    [
      'more than six months ahead',
      '2027-09-14T10:00',
      PARIS,
      'fr-FR',
      '2026-12-02',
      'mardi 14 septembre 2027 à 10 h',
    ],
    [
      'more than six months ahead',
      '2027-09-14T10:00',
      PARIS,
      'en-US',
      '2026-12-02',
      'Tuesday, September 14, 2027 at 10 AM',
    ],
    ['within six months', '2027-03-02T10:00', PARIS, 'fr-FR', '2026-12-02', 'mardi 2 mars à 10 h'],
  ])('%s (%s in %s, %s)', (_name, local, timeZone, locale, today, expected) => {
    const start = localToInstant(local, timeZone)!;
    expect(describeSlotForPeople({ start }, timeZone, locale, today)).toBe(expected);
  });

  it('when the slot is the same instant, then Paris and New York write their own day and time', () => {
    const start = new Date('2026-12-08T04:30:00Z');
    expect(describeSlotForPeople({ start }, PARIS, 'fr-FR')).toBe('mardi 8 décembre à 5 h 30');
    expect(describeSlotForPeople({ start }, NEW_YORK, 'en-US')).toBe('Monday, December 7 at 11:30 PM');
  });
});
