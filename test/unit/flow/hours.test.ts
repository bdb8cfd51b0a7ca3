import { hoursSentence, isOpen, localTime, openStatus } from '../../../src/flow';
import { makeProfile } from './helpers';

describe('opening hours in the client timezone', () => {
  const profile = makeProfile({
    closures: [{ from: '2026-12-21', to: '2026-12-22', label: 'Fermeture' }],
  });

  it.each([
    ['Monday 10:00 (morning shift)', '2026-11-23T09:00:00Z', true],
    ['Monday 12:30 (lunch break between split shifts)', '2026-11-23T11:30:00Z', false],
    ['Monday 14:00 (afternoon shift opens)', '2026-11-23T13:00:00Z', true],
    ['Monday 17:59 (last minute)', '2026-11-23T16:59:00Z', true],
    ['Monday 18:00 (end is exclusive)', '2026-11-23T17:00:00Z', false],
    ['Saturday 11:00', '2026-11-28T10:00:00Z', true],
    ['Saturday 14:00 (no afternoon on Saturday)', '2026-11-28T13:00:00Z', false],
    ['Sunday 10:00', '2026-11-29T09:00:00Z', false],
    ['Friday 23:30 UTC is already Saturday 00:30 in Paris', '2026-11-27T23:30:00Z', false],
  ])('when it is %s (%s), then open is %s', (_label, iso, expected) => {
    expect(isOpen(profile, new Date(iso))).toBe(expected);
  });

  it.each([
    ['first closure day, 17:00 local', '2026-12-22T16:00:00Z', false, 'closure'],
    [
      'just after midnight local on the first day (still the 20th in UTC)',
      '2026-12-20T23:30:00Z',
      false,
      'closure',
    ],
    ['the day after the closure, 09:00 local', '2026-12-23T08:00:00Z', true, 'weekly'],
    ['the day before the closure, 10:00 local', '2026-12-18T09:00:00Z', true, 'weekly'],
  ])('when it is the %s (%s), then open is %s, decided by %s', (_l, iso, open, reason) => {
    expect(openStatus(profile, new Date(iso))).toEqual({ open, reason });
  });

  it('when a date closure starts at local midnight, then the local date is used, not the UTC one', () => {
    expect(localTime(new Date('2026-12-20T23:30:00Z'), 'Europe/Paris')).toEqual({
      date: '2026-12-21',
      weekday: 'mon',
      time: '00:30',
    });
  });

  it.each([
    ['closed override during opening hours', 'closed', '2026-11-23T12:00:00Z', '2026-11-23T09:00:00Z', false],
    ['open override on a Sunday', 'open', '2026-11-30T00:00:00Z', '2026-11-29T10:00:00Z', true],
    ['expired closed override', 'closed', '2026-11-23T12:00:00Z', '2026-11-23T13:00:00Z', true],
  ] as const)(
    'when there is a %s (%s until %s, at %s), then open is %s',
    (_l, mode, until, now, expected) => {
      const p = makeProfile({ override: { mode, until } });
      expect(isOpen(p, new Date(now))).toBe(expected);
    },
  );

  it('when a shift ends at 24:00, then 23:59 local is open', () => {
    const p = makeProfile({ weeklyHours: { sat: [{ start: '20:00', end: '24:00' }] } });
    expect(isOpen(p, new Date('2026-11-28T22:59:00Z'))).toBe(true);
    expect(isOpen(p, new Date('2026-11-28T23:00:00Z'))).toBe(false);
  });
});

describe('Europe/Paris daylight-saving changes', () => {
  it.each([
    // 29 March 2026: 02:00 CET jumps to 03:00 CEST at 01:00 UTC.
    ['spring: 00:59 UTC is 01:59 CET', '2026-03-29T00:59:00Z', '01:59'],
    ['spring: 01:00 UTC is 03:00 CEST', '2026-03-29T01:00:00Z', '03:00'],
    // 25 October 2026: 03:00 CEST falls back to 02:00 CET at 01:00 UTC; 02:30 happens twice.
    ['autumn: 00:30 UTC is 02:30 CEST', '2026-10-25T00:30:00Z', '02:30'],
    ['autumn: 01:30 UTC is 02:30 CET', '2026-10-25T01:30:00Z', '02:30'],
    ['autumn: 02:00 UTC is 03:00 CET', '2026-10-25T02:00:00Z', '03:00'],
  ])('when it is %s (%s), then the local time is %s', (_l, iso, time) => {
    expect(localTime(new Date(iso), 'Europe/Paris').time).toBe(time);
  });

  it('when the clocks go forward, then a 03:00 Sunday shift opens at 01:00 UTC', () => {
    const p = makeProfile({ weeklyHours: { sun: [{ start: '03:00', end: '04:00' }] } });
    expect(isOpen(p, new Date('2026-03-29T00:59:00Z'))).toBe(false);
    expect(isOpen(p, new Date('2026-03-29T01:00:00Z'))).toBe(true);
  });

  it('when the clocks go back, then a 02:00–03:00 Sunday shift is open for both 02:30s', () => {
    const p = makeProfile({ weeklyHours: { sun: [{ start: '02:00', end: '03:00' }] } });
    expect(isOpen(p, new Date('2026-10-25T00:30:00Z'))).toBe(true);
    expect(isOpen(p, new Date('2026-10-25T01:30:00Z'))).toBe(true);
    expect(isOpen(p, new Date('2026-10-25T02:00:00Z'))).toBe(false);
  });

  it.each([
    ['Monday after spring change, 09:00 CEST = 07:00 UTC', '2026-03-30T07:00:00Z', true],
    ['Monday after spring change, 08:59 CEST', '2026-03-30T06:59:00Z', false],
    ['Monday after autumn change, 09:00 CET = 08:00 UTC', '2026-10-26T08:00:00Z', true],
    ['Monday after autumn change, 08:59 CET', '2026-10-26T07:59:00Z', false],
  ])('when it is %s (%s), then open is %s', (_l, iso, expected) => {
    expect(isOpen(makeProfile(), new Date(iso))).toBe(expected);
  });
});

describe('opening hours read aloud', () => {
  it('when the week has split shifts and a Saturday morning, then French reads naturally', () => {
    expect(hoursSentence(makeProfile())).toBe(
      'Nous sommes ouverts du lundi au vendredi de 9 h à 12 h et de 14 h à 18 h, et le samedi de 9 h à 12 h.',
    );
  });

  it('when the locale is English, then the same hours read in English', () => {
    expect(hoursSentence(makeProfile({ locale: 'en-US' }))).toBe(
      'We are open Monday to Friday from 9 AM to noon and from 2 PM to 6 PM, and Saturday from 9 AM to noon.',
    );
  });

  it('when days differ, then each run is read with half hours and midnight', () => {
    const p = makeProfile({
      weeklyHours: {
        mon: [{ start: '08:30', end: '12:00' }],
        tue: [{ start: '08:30', end: '12:00' }],
        thu: [{ start: '20:00', end: '24:00' }],
      },
    });
    expect(hoursSentence(p)).toBe(
      'Nous sommes ouverts le lundi et le mardi de 8 h 30 à 12 h, et le jeudi de 20 h à minuit.',
    );
    expect(hoursSentence(p, 'en-US')).toBe(
      'We are open Monday and Tuesday from 8:30 AM to noon, and Thursday from 8 PM to midnight.',
    );
  });

  it('when there are no hours at all, then the sentence says so', () => {
    const p = makeProfile({ weeklyHours: {} });
    expect(hoursSentence(p)).toBe("Nous n'avons pas d'horaires d'ouverture réguliers.");
  });

  const nineToSix = [{ start: '09:00', end: '18:00' }];
  const morning = [{ start: '09:00', end: '12:00' }];
  const fullDay = [{ start: '00:00', end: '24:00' }];
  const week = (days: string[], shifts: { start: string; end: string }[]) =>
    Object.fromEntries(days.map((d) => [d, shifts]));
  const MON_FRI = ['mon', 'tue', 'wed', 'thu', 'fri'];
  const ALL = [...MON_FRI, 'sat', 'sun'];

  it.each<[string, Record<string, { start: string; end: string }[]>, string, string]>([
    [
      'equal days that are not consecutive',
      week(['mon', 'tue', 'thu'], nineToSix),
      'Nous sommes ouverts le lundi, le mardi et le jeudi de 9 h à 18 h.',
      'We are open Monday, Tuesday and Thursday from 9 AM to 6 PM.',
    ],
    [
      'a run and a lone day with the same hours',
      week(['mon', 'tue', 'wed', 'sat'], nineToSix),
      'Nous sommes ouverts du lundi au mercredi et le samedi de 9 h à 18 h.',
      'We are open Monday to Wednesday and Saturday from 9 AM to 6 PM.',
    ],
    [
      'weekdays with a short Wednesday',
      { ...week(MON_FRI, nineToSix), wed: morning },
      'Nous sommes ouverts du lundi au vendredi de 9 h à 18 h, sauf le mercredi de 9 h à 12 h, et fermés le week-end.',
      'We are open Monday to Friday from 9 AM to 6 PM, except Wednesday from 9 AM to noon, and closed on weekends.',
    ],
    [
      'weekdays but Wednesday',
      week(['mon', 'tue', 'thu', 'fri'], nineToSix),
      'Nous sommes ouverts du lundi au vendredi sauf le mercredi, de 9 h à 18 h.',
      'We are open Monday to Friday except Wednesday, from 9 AM to 6 PM.',
    ],
    [
      'weekdays only',
      week(MON_FRI, nineToSix),
      'Nous sommes ouverts du lundi au vendredi de 9 h à 18 h, et fermés le week-end.',
      'We are open Monday to Friday from 9 AM to 6 PM, and closed on weekends.',
    ],
    [
      'every day',
      week(ALL, nineToSix),
      'Nous sommes ouverts tous les jours de 9 h à 18 h.',
      'We are open every day from 9 AM to 6 PM.',
    ],
    [
      'every day but Sunday',
      week(ALL.slice(0, 6), nineToSix),
      'Nous sommes ouverts du lundi au samedi de 9 h à 18 h.',
      'We are open Monday to Saturday from 9 AM to 6 PM.',
    ],
    [
      'every day but Wednesday',
      week(['mon', 'tue', 'thu', 'fri', 'sat', 'sun'], nineToSix),
      'Nous sommes ouverts tous les jours sauf le mercredi, de 9 h à 18 h.',
      'We are open every day except Wednesday, from 9 AM to 6 PM.',
    ],
    [
      'around the clock, every day',
      week(ALL, fullDay),
      'Nous sommes ouverts tous les jours, 24 h sur 24.',
      'We are open every day, 24 hours a day.',
    ],
    [
      'around the clock on weekdays',
      week(MON_FRI, fullDay),
      'Nous sommes ouverts du lundi au vendredi, 24 h sur 24, et fermés le week-end.',
      'We are open Monday to Friday, 24 hours a day, and closed on weekends.',
    ],
    [
      'one full day',
      { ...week(['wed'], fullDay), sat: morning },
      'Nous sommes ouverts le mercredi, 24 h sur 24, et le samedi de 9 h à 12 h.',
      'We are open Wednesday, 24 hours a day, and Saturday from 9 AM to noon.',
    ],
  ])('when the week is %s, then it reads as a person says it', (_label, weeklyHours, fr, en) => {
    const p = makeProfile({ weeklyHours });
    expect(hoursSentence(p)).toBe(fr);
    expect(hoursSentence(p, 'en-US')).toBe(en);
    expect(`${hoursSentence(p)} ${hoursSentence(p, 'en-US')}`).not.toMatch(
      /minuit à minuit|midnight to midnight/,
    );
  });
});
