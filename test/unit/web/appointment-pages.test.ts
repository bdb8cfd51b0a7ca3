/** The appointment pages' pure parts: times in French and English, the week shown, type ids and hours from the form. */
import { clockText, slotText, timeRangeText } from '../../../src/domain/appointment-text';
import { daysShown, rangeOf } from '../../../src/web/appointments/appointment-query';
import {
  appointmentsFromForm,
  hoursToText,
  idFromName,
} from '../../../src/web/admin/client-form-appointments';
import { adminTexts } from '../../../src/web/admin/admin-texts';

const NB = '\u00a0';

describe('appointment times as people read them', () => {
  it.each([
    ['2026-12-08T09:00:00Z', 'fr', `10${NB}h`],
    ['2026-12-08T09:30:00Z', 'fr', `10${NB}h${NB}30`],
    ['2026-12-08T09:05:00Z', 'en', '10:05\u00a0AM'],
    // Summer time: the same UTC hour is an hour later on Paris clocks.
    ['2026-07-08T09:00:00Z', 'fr', `11${NB}h`],
  ] as const)('when %s is shown in %s, then it reads %s in Paris', (iso, lang, text) => {
    expect(clockText(new Date(iso), lang, 'Europe/Paris')).toBe(text);
  });

  it('when a slot is written, then it has the day, the date and the time, no line break inside "10 h"', () => {
    const start = new Date('2026-12-08T09:30:00Z');
    expect(slotText(start, 'fr', 'Europe/Paris')).toBe(`mardi 8 décembre à 10${NB}h${NB}30`);
    expect(slotText(start, 'en', 'Europe/Paris')).toBe('Tuesday, December 8 at 10:30\u00a0AM');
    expect(timeRangeText(start, new Date('2026-12-08T10:00:00Z'), 'fr', 'Europe/Paris')).toBe(
      `10${NB}h${NB}30${NB}–${NB}11${NB}h`,
    );
  });
});

describe('the days a page shows', () => {
  it('when a week is asked from a Sunday, then it runs from that week’s Monday', () => {
    expect(daysShown('week', '2026-12-06')).toEqual([
      '2026-11-30',
      '2026-12-01',
      '2026-12-02',
      '2026-12-03',
      '2026-12-04',
      '2026-12-05',
      '2026-12-06',
    ]);
    expect(daysShown('day', '2026-12-06')).toEqual(['2026-12-06']);
  });

  it('when the week holds the change to winter time, then its range is 7 days and an hour in UTC', () => {
    const { from, to } = rangeOf(daysShown('week', '2026-10-25'), 'Europe/Paris');
    expect(from.toISOString()).toBe('2026-10-18T22:00:00.000Z');
    expect(to.getTime() - from.getTime()).toBe((7 * 24 + 1) * 3600_000);
  });
});

describe('appointment types from the client form', () => {
  it('when a new type is named, then its id comes from its name, unique among the others', () => {
    const taken = new Set(['consultation']);
    expect(idFromName('Consultation', taken, 0)).toBe('consultation-2');
    expect(idFromName('Bilan à domicile !', taken, 1)).toBe('bilan-a-domicile');
    expect(idFromName('…', taken, 2)).toBe('type-3');
  });

  it('when own hours are typed in French or English, then they read back in the page’s language', () => {
    const errors = {};
    const { input, rows } = appointmentsFromForm(
      { apt1_name: 'Bilan', apt1_hours: 'lundi 09:00-12:00, 14:00-17:00\nFriday: 08:00-10:00' },
      adminTexts('fr'),
      errors,
    );
    expect(errors).toEqual({});
    expect(rows).toEqual([1]);
    const hours = (input as { types: { hours: Parameters<typeof hoursToText>[0] }[] }).types[0]!.hours;
    expect(hoursToText(hours, 'fr')).toBe('lundi 09:00-12:00, 14:00-17:00\nvendredi 08:00-10:00');
    expect(hoursToText(hours, 'en')).toBe('Monday 09:00-12:00, 14:00-17:00\nFriday 08:00-10:00');
  });

  it('when a day cannot be read, then the field says so in the page’s language', () => {
    const errors: Record<string, string[]> = {};
    appointmentsFromForm({ apt0_name: 'Bilan', apt0_hours: 'lundy 9-12' }, adminTexts('fr'), errors);
    expect(errors.apt0_hours?.[0]).toMatch(/^Une ligne par jour/);
  });
});
