import {
  closedNotice,
  hoursNow,
  nextClosing,
  nextOpening,
  startCall,
  type ClientProfile,
  type ClientProfileInput,
} from '../../../src/flow';
import { CALLER, makeProfile, texts } from './helpers';

const nineToSix = [{ start: '09:00', end: '18:00' }];
const fullDay = [{ start: '00:00', end: '24:00' }];
/** Monday to Friday, 9:00–18:00, in Paris. */
const weekdays = (overrides: Partial<ClientProfileInput> = {}) =>
  makeProfile({
    weeklyHours: { mon: nineToSix, tue: nineToSix, wed: nineToSix, thu: nineToSix, fri: nineToSix },
    ...overrides,
  });
const doctor = (label = 'Congés du docteur') =>
  weekdays({ closures: [{ from: '2026-12-02', to: '2026-12-04', label }] });
const everyDay24h = (overrides: Partial<ClientProfileInput> = {}) =>
  makeProfile({
    weeklyHours: {
      mon: fullDay,
      tue: fullDay,
      wed: fullDay,
      thu: fullDay,
      fri: fullDay,
      sat: fullDay,
      sun: fullDay,
    },
    ...overrides,
  });
const newYork = () =>
  weekdays({
    locale: 'en-US',
    timezone: 'America/New_York',
    weeklyHours: {
      mon: [{ start: '09:00', end: '17:00' }],
      tue: [{ start: '09:00', end: '17:00' }],
      wed: [{ start: '09:00', end: '17:00' }],
      thu: [{ start: '09:00', end: '17:00' }],
      fri: [{ start: '09:00', end: '17:00' }],
    },
  });

describe('nextOpening: the next instant the client opens', () => {
  it.each<[string, () => ClientProfile, string, string | undefined]>([
    [
      'lunch break on a Monday (split shifts)',
      makeProfile,
      '2026-11-23T12:30:00+01:00',
      '2026-11-23T13:00:00Z',
    ],
    ['Monday evening', makeProfile, '2026-11-23T20:00:00+01:00', '2026-11-24T08:00:00Z'],
    ['Tuesday 7:00, before opening', makeProfile, '2026-11-24T07:00:00+01:00', '2026-11-24T08:00:00Z'],
    ['Saturday afternoon', makeProfile, '2026-11-28T13:00:00+01:00', '2026-11-30T08:00:00Z'],
    [
      'open now: the opening after the next closing',
      makeProfile,
      '2026-11-23T10:00:00+01:00',
      '2026-11-23T13:00:00Z',
    ],
    [
      'closure Wednesday to Friday, closed weekends',
      doctor,
      '2026-12-02T10:00:00+01:00',
      '2026-12-07T08:00:00Z',
    ],
    [
      'closure Wednesday to Friday, open Saturday morning',
      () => makeProfile({ closures: [{ from: '2026-12-02', to: '2026-12-04', label: '' }] }),
      '2026-12-02T10:00:00+01:00',
      '2026-12-05T08:00:00Z',
    ],
    [
      'closed override until 15:30, during the afternoon shift',
      () => makeProfile({ override: { mode: 'closed', until: '2026-11-23T15:30:00+01:00' } }),
      '2026-11-23T10:00:00+01:00',
      '2026-11-23T14:30:00Z',
    ],
    [
      'closed override ending in the lunch break',
      () => makeProfile({ override: { mode: 'closed', until: '2026-11-23T13:00:00+01:00' } }),
      '2026-11-23T10:00:00+01:00',
      '2026-11-23T13:00:00Z',
    ],
    [
      'open override on a Sunday: Monday morning',
      () => makeProfile({ override: { mode: 'open', until: '2026-11-29T18:00:00+01:00' } }),
      '2026-11-29T10:00:00+01:00',
      '2026-11-30T08:00:00Z',
    ],
    [
      'spring DST day itself, Sunday 10:00 CEST',
      makeProfile,
      '2026-03-29T10:00:00+02:00',
      '2026-03-30T07:00:00Z',
    ],
    [
      'autumn DST day itself, Sunday 10:00 CET',
      makeProfile,
      '2026-10-25T10:00:00+01:00',
      '2026-10-26T08:00:00Z',
    ],
    [
      'spring DST: Saturday → Monday 9:00 CEST',
      makeProfile,
      '2026-03-28T13:00:00+01:00',
      '2026-03-30T07:00:00Z',
    ],
    [
      'autumn DST: Saturday → Monday 9:00 CET',
      makeProfile,
      '2026-10-24T13:00:00+02:00',
      '2026-10-26T08:00:00Z',
    ],
    [
      'spring DST: a 2:30 shift start skipped by the clocks opens when they jump to 3:00',
      () => makeProfile({ weeklyHours: { sun: [{ start: '02:30', end: '04:00' }] } }),
      '2026-03-29T00:30:00Z',
      '2026-03-29T01:00:00Z',
    ],
    [
      'autumn DST: a 2:00 shift opens at the first 2:00 (CEST)',
      () => makeProfile({ weeklyHours: { sun: [{ start: '02:00', end: '03:00' }] } }),
      '2026-10-24T23:30:00Z',
      '2026-10-25T00:00:00Z',
    ],
    [
      'New York, Friday evening → Monday 9:00 EST',
      newYork,
      '2026-11-27T18:00:00-05:00',
      '2026-11-30T14:00:00Z',
    ],
    ['New York, across its spring DST change', newYork, '2026-03-07T12:00:00-05:00', '2026-03-09T13:00:00Z'],
    [
      '24 h client during a Christmas closure: the next local midnight',
      () => everyDay24h({ closures: [{ from: '2026-12-25', to: '2026-12-25', label: '' }] }),
      '2026-12-25T12:00:00+01:00',
      '2026-12-25T23:00:00Z',
    ],
    ['24 h client, never closed: no opening to come', everyDay24h, '2026-11-23T10:00:00+01:00', undefined],
    ['no hours at all', () => makeProfile({ weeklyHours: {} }), '2026-11-23T10:00:00+01:00', undefined],
    [
      'closed for more than the look-ahead',
      () => weekdays({ closures: [{ from: '2026-01-01', to: '2028-12-31', label: '' }] }),
      '2026-11-23T10:00:00+01:00',
      undefined,
    ],
  ])('when it is %s (%s), then it opens at %s', (_label, profile, now, expected) => {
    expect(nextOpening(profile(), new Date(now))?.toISOString()).toBe(
      expected && new Date(expected).toISOString(),
    );
  });

  it('when the client is open, then nextClosing is the end of the current shift', () => {
    expect(nextClosing(makeProfile(), new Date('2026-11-23T10:00:00+01:00'))?.toISOString()).toBe(
      '2026-11-23T11:00:00.000Z',
    );
    expect(nextClosing(everyDay24h(), new Date('2026-11-23T10:00:00+01:00'))).toBeUndefined();
  });
});

describe('closedNotice: what a caller hears when we are closed', () => {
  it.each<[string, () => ClientProfile, string, string, string]>([
    [
      'lunch break',
      makeProfile,
      '2026-11-23T12:30:00+01:00',
      "Nous sommes fermés pour le moment, nous rouvrons aujourd'hui à 14 h.",
      'We are closed right now; we reopen today at 2 PM.',
    ],
    [
      'evening',
      makeProfile,
      '2026-11-23T20:00:00+01:00',
      'Nous sommes fermés pour le moment, nous rouvrons demain à 9 h.',
      'We are closed right now; we reopen tomorrow at 9 AM.',
    ],
    [
      'early morning',
      makeProfile,
      '2026-11-24T07:00:00+01:00',
      "Nous sommes fermés pour le moment, nous rouvrons aujourd'hui à 9 h.",
      'We are closed right now; we reopen today at 9 AM.',
    ],
    [
      'weekend',
      makeProfile,
      '2026-11-28T13:00:00+01:00',
      'Nous sommes fermés pour le moment, nous rouvrons lundi à 9 h.',
      'We are closed right now; we reopen Monday at 9 AM.',
    ],
    [
      'closure with a label, ending on a Friday',
      doctor,
      '2026-12-02T10:00:00+01:00',
      "Nous sommes fermés pour congés du docteur jusqu'au vendredi 4 décembre inclus. Nous rouvrons lundi 7 décembre à 9 h.",
      'We are closed for congés du docteur through Friday, December 4. We reopen Monday, December 7 at 9 AM.',
    ],
    [
      'closure without a label',
      () => doctor(''),
      '2026-12-02T10:00:00+01:00',
      "Nous sommes fermés jusqu'au vendredi 4 décembre inclus. Nous rouvrons lundi 7 décembre à 9 h.",
      'We are closed through Friday, December 4. We reopen Monday, December 7 at 9 AM.',
    ],
    [
      'closure ending tomorrow',
      () => weekdays({ closures: [{ from: '2026-12-02', to: '2026-12-03', label: 'Inventaire' }] }),
      '2026-12-02T10:00:00+01:00',
      "Nous sommes fermés pour inventaire jusqu'à demain inclus. Nous rouvrons vendredi 4 décembre à 9 h.",
      'We are closed for inventaire through tomorrow. We reopen Friday, December 4 at 9 AM.',
    ],
    [
      'one-day closure on a Friday, a label in capitals kept',
      () => weekdays({ closures: [{ from: '2026-05-01', to: '2026-05-01', label: 'Labor Day' }] }),
      '2026-05-01T10:00:00+02:00',
      "Nous sommes fermés aujourd'hui pour Labor Day. Nous rouvrons lundi 4 mai à 9 h.",
      'We are closed today for Labor Day. We reopen Monday, May 4 at 9 AM.',
    ],
    [
      'closures back to back, over the new year',
      () =>
        weekdays({
          closures: [
            { from: '2026-12-21', to: '2026-12-31', label: 'Fermeture annuelle' },
            { from: '2027-01-01', to: '2027-01-03', label: 'Nouvel an' },
          ],
        }),
      '2026-12-22T10:00:00+01:00',
      "Nous sommes fermés pour fermeture annuelle jusqu'au dimanche 3 janvier inclus. Nous rouvrons lundi 4 janvier à 9 h.",
      'We are closed for fermeture annuelle through Sunday, January 3. We reopen Monday, January 4 at 9 AM.',
    ],
    [
      '24 h client on a closed day: the day alone, no "midnight"',
      () => everyDay24h({ closures: [{ from: '2026-12-25', to: '2026-12-25', label: 'Noël' }] }),
      '2026-12-25T12:00:00+01:00',
      "Nous sommes fermés aujourd'hui pour noël. Nous rouvrons samedi 26 décembre.",
      'We are closed today for noël. We reopen Saturday, December 26.',
    ],
    [
      'closed override',
      () => makeProfile({ override: { mode: 'closed', until: '2026-11-23T15:30:00+01:00' } }),
      '2026-11-23T10:00:00+01:00',
      "Nous sommes exceptionnellement fermés, nous rouvrons aujourd'hui à 15 h 30.",
      'We are temporarily closed; we reopen today at 3:30 PM.',
    ],
    [
      'closed override over the weekend',
      () => makeProfile({ override: { mode: 'closed', until: '2026-11-30T00:00:00+01:00' } }),
      '2026-11-27T16:00:00+01:00',
      'Nous sommes exceptionnellement fermés, nous rouvrons lundi à 9 h.',
      'We are temporarily closed; we reopen Monday at 9 AM.',
    ],
    [
      'a week or more away: the full date',
      () => makeProfile({ weeklyHours: { mon: [{ start: '09:00', end: '12:00' }] } }),
      '2026-11-23T13:00:00+01:00',
      'Nous sommes fermés pour le moment, nous rouvrons lundi 30 novembre à 9 h.',
      'We are closed right now; we reopen Monday, November 30 at 9 AM.',
    ],
    [
      'spring DST day: the time the clocks show',
      () => makeProfile({ weeklyHours: { sun: [{ start: '02:30', end: '04:00' }] } }),
      '2026-03-29T00:30:00Z',
      "Nous sommes fermés pour le moment, nous rouvrons aujourd'hui à 3 h.",
      'We are closed right now; we reopen today at 3 AM.',
    ],
    [
      'Sunday of the spring DST change',
      makeProfile,
      '2026-03-29T10:00:00+02:00',
      'Nous sommes fermés pour le moment, nous rouvrons demain à 9 h.',
      'We are closed right now; we reopen tomorrow at 9 AM.',
    ],
    [
      'Sunday of the autumn DST change, 1:30 the second time (CET)',
      makeProfile,
      '2026-10-25T01:30:00+01:00',
      'Nous sommes fermés pour le moment, nous rouvrons demain à 9 h.',
      'We are closed right now; we reopen tomorrow at 9 AM.',
    ],
    [
      'autumn DST weekend',
      makeProfile,
      '2026-10-24T13:00:00+02:00',
      'Nous sommes fermés pour le moment, nous rouvrons lundi à 9 h.',
      'We are closed right now; we reopen Monday at 9 AM.',
    ],
    [
      'New York client on a Friday evening',
      newYork,
      '2026-11-27T18:00:00-05:00',
      'Nous sommes fermés pour le moment, nous rouvrons lundi à 9 h.',
      'We are closed right now; we reopen Monday at 9 AM.',
    ],
    [
      'never open again',
      () => makeProfile({ weeklyHours: {} }),
      '2026-11-23T10:00:00+01:00',
      'Nous sommes actuellement fermés.',
      'We are currently closed.',
    ],
    [
      'a closure with no reopening within a year',
      () => weekdays({ closures: [{ from: '2026-01-01', to: '2028-12-31', label: 'Travaux' }] }),
      '2026-11-23T10:00:00+01:00',
      "Nous sommes fermés pour travaux jusqu'au dimanche 31 décembre 2028 inclus.",
      'We are closed for travaux through Sunday, December 31, 2028.',
    ],
  ])('when it is the %s (%s), then French and English say it', (_label, profile, now, fr, en) => {
    const p = profile();
    expect(closedNotice(p, new Date(now), 'fr-FR')).toBe(fr);
    expect(closedNotice(p, new Date(now), 'en-US')).toBe(en);
  });

  it('when a closure has an English label, then it is said in the sentence', () => {
    const p = doctor("Doctor's vacation");
    expect(closedNotice(p, new Date('2026-12-03T10:00:00+01:00'), 'en-US')).toBe(
      "We are closed for doctor's vacation through tomorrow. We reopen Monday, December 7 at 9 AM.",
    );
  });
});

describe('the hours choice agrees with now', () => {
  it.each<[string, () => ClientProfile, string, string, string]>([
    [
      'open: until the end of the shift',
      makeProfile,
      '2026-11-23T10:00:00+01:00',
      "Nous sommes ouverts du lundi au vendredi de 9 h à 12 h et de 14 h à 18 h, et le samedi de 9 h à 12 h. Nous sommes ouverts en ce moment, jusqu'à 12 h.",
      'We are open Monday to Friday from 9 AM to noon and from 2 PM to 6 PM, and Saturday from 9 AM to noon. We are open right now, until noon.',
    ],
    [
      'closure: usual hours, then the closure and the reopening',
      doctor,
      '2026-12-02T10:00:00+01:00',
      "En temps normal, nous sommes ouverts du lundi au vendredi de 9 h à 18 h, et fermés le week-end. Nous sommes fermés pour congés du docteur jusqu'au vendredi 4 décembre inclus. Nous rouvrons lundi 7 décembre à 9 h.",
      'Usually, we are open Monday to Friday from 9 AM to 6 PM, and closed on weekends. We are closed for congés du docteur through Friday, December 4. We reopen Monday, December 7 at 9 AM.',
    ],
    [
      'lunch break',
      makeProfile,
      '2026-11-23T12:30:00+01:00',
      "Nous sommes ouverts du lundi au vendredi de 9 h à 12 h et de 14 h à 18 h, et le samedi de 9 h à 12 h. Nous sommes fermés pour le moment, nous rouvrons aujourd'hui à 14 h.",
      'We are open Monday to Friday from 9 AM to noon and from 2 PM to 6 PM, and Saturday from 9 AM to noon. We are closed right now; we reopen today at 2 PM.',
    ],
    [
      'open override on a Sunday',
      () => weekdays({ override: { mode: 'open', until: '2026-11-29T18:00:00+01:00' } }),
      '2026-11-29T10:00:00+01:00',
      "Nous sommes ouverts du lundi au vendredi de 9 h à 18 h, et fermés le week-end. Nous sommes exceptionnellement ouverts en ce moment, jusqu'à 18 h.",
      'We are open Monday to Friday from 9 AM to 6 PM, and closed on weekends. We are open right now, until 6 PM.',
    ],
    [
      'open past midnight',
      () =>
        makeProfile({
          weeklyHours: { sat: [{ start: '20:00', end: '24:00' }], sun: [{ start: '00:00', end: '02:00' }] },
        }),
      '2026-11-28T23:00:00+01:00',
      "Nous sommes ouverts le samedi de 20 h à minuit, et le dimanche de minuit à 2 h. Nous sommes ouverts en ce moment, jusqu'à demain 2 h.",
      'We are open Saturday from 8 PM to midnight, and Sunday from midnight to 2 AM. We are open right now, until 2 AM tomorrow.',
    ],
    [
      'open until midnight',
      () => makeProfile({ weeklyHours: { sat: [{ start: '20:00', end: '24:00' }] } }),
      '2026-11-28T23:00:00+01:00',
      "Nous sommes ouverts le samedi de 20 h à minuit. Nous sommes ouverts en ce moment, jusqu'à minuit.",
      'We are open Saturday from 8 PM to midnight. We are open right now, until midnight.',
    ],
    [
      '24 h client: nothing to add',
      everyDay24h,
      '2026-11-23T10:00:00+01:00',
      'Nous sommes ouverts tous les jours, 24 h sur 24.',
      'We are open every day, 24 hours a day.',
    ],
  ])('when it is %s (%s), then French and English agree with now', (_label, profile, now, fr, en) => {
    const p = profile();
    expect(hoursNow(p, new Date(now), 'fr-FR')).toBe(fr);
    expect(hoursNow(p, new Date(now), 'en-US')).toBe(en);
  });
});

describe('the start of a closed call', () => {
  it('when a call comes during a dated closure, then the closure is named and no weekly hours are said', () => {
    const t = startCall({
      profile: doctor(),
      caller: { number: CALLER, known: false },
      callSid: 'CA00000000000000000000000000000042',
      now: new Date('2026-12-02T10:00:00+01:00'),
    });
    const said = texts(t.actions).join(' ');
    expect(said).toContain('Nous sommes fermés pour congés du docteur');
    expect(said).toContain('Nous rouvrons lundi 7 décembre à 9 h.');
    expect(said).not.toMatch(/Nous sommes ouverts|actuellement fermés|mercredi/);
    expect(t.state.step).toBe('name');
  });
});
