import { z } from 'zod';
import {
  checkSlot,
  freeSlots,
  partOfDayOf,
  proposeSlots,
  searchWindow,
  type BusyTime,
  type Slot,
  type SlotSearch,
} from '../../../src/flow/appointment-slots';
import { appointmentTypeSchema, weeklyHoursSchema } from '../../../src/flow/profile';
import { addDays, instantToLocal, localToInstant, startOfLocalDay } from '../../../src/domain/zoned-time';

const PARIS = 'Europe/Paris';
const NEW_YORK = 'America/New_York';

/** The instant the clocks of `timeZone` show `local` (`YYYY-MM-DDTHH:MM`). */
const at = (local: string, timeZone = PARIS) => localToInstant(local, timeZone)!;
const shown = (slots: Slot[], timeZone = PARIS) => slots.map((s) => instantToLocal(s.start, timeZone));
const busyLocal = (from: string, to: string, timeZone = PARIS): BusyTime => ({
  start: at(from, timeZone),
  end: at(to, timeZone),
});
/** A whole local day busy, as an all-day event in the calendar. */
const allDay = (date: string): BusyTime => ({
  start: startOfLocalDay(date, PARIS),
  end: startOfLocalDay(addDays(date, 1), PARIS),
});

const split = [
  { start: '09:00', end: '12:00' },
  { start: '14:00', end: '18:00' },
];
/** Monday to Friday 9–12 and 14–18, Saturday morning: Paris. */
const SPLIT_WEEK = { mon: split, tue: split, wed: split, thu: split, fri: split, sat: [split[0]!] };
const nineToSix = [{ start: '09:00', end: '18:00' }];
const NINE_TO_SIX = { mon: nineToSix, tue: nineToSix, wed: nineToSix, thu: nineToSix, fri: nineToSix };

type TypeInput = Partial<z.input<typeof appointmentTypeSchema>>;
type Setup = {
  hours?: z.input<typeof weeklyHoursSchema>;
  timezone?: string;
  closures?: { from: string; to: string }[];
  type?: TypeInput;
  busy?: BusyTime[];
  now: Date;
  preference?: SlotSearch['preference'];
  limit?: number;
};

/** A one-hour consultation on the hour, no notice unless a row says so: the rules under test stand out. */
function search(setup: Setup): SlotSearch {
  return {
    profile: {
      timezone: setup.timezone ?? PARIS,
      weeklyHours: weeklyHoursSchema.parse(setup.hours ?? SPLIT_WEEK),
      closures: (setup.closures ?? []).map((c) => ({ ...c, label: '' })),
    },
    type: appointmentTypeSchema.parse({
      id: 'consultation',
      name: 'Consultation',
      durationMinutes: 60,
      slotStepMinutes: 60,
      minNoticeMinutes: 0,
      ...setup.type,
    }),
    busy: setup.busy ?? [],
    now: setup.now,
    ...(setup.preference && { preference: setup.preference }),
    ...(setup.limit !== undefined && { limit: setup.limit }),
  };
}

/** Monday 7 December 2026, 8:00 in Paris (UTC+1). */
const MONDAY_8H = at('2026-12-07T08:00');

/** Every day from `from` for `days` days, busy 9–11 and 14–17 (a weekly rota as recurring events). */
function rota(from: string, days: number): BusyTime[] {
  return Array.from({ length: days }, (_, i) => addDays(from, i)).flatMap((d) => [
    busyLocal(`${d}T09:00`, `${d}T11:00`),
    busyLocal(`${d}T14:00`, `${d}T17:00`),
  ]);
}

describe('freeSlots: the times a caller may book, in order', () => {
  it.each<[string, Setup, string[]]>([
    [
      'split shifts: the morning and the afternoon, nothing over lunch',
      { now: MONDAY_8H, preference: { day: '2026-12-08' } },
      ['09:00', '10:00', '11:00', '14:00', '15:00', '16:00', '17:00'].map((t) => `2026-12-08T${t}`),
    ],
    [
      'a recurring pattern of busy times: only the gaps between them, day after day',
      { now: at('2026-12-07T07:00'), busy: rota('2026-12-07', 14), limit: 6 },
      ['07T11:00', '07T17:00', '08T11:00', '08T17:00', '09T11:00', '09T17:00'].map((d) => `2026-12-${d}`),
    ],
    [
      'a recurring pattern with one exception (Tuesday 9–11 cancelled): that morning opens',
      {
        now: at('2026-12-07T07:00'),
        busy: rota('2026-12-07', 14).filter((b) => b.start.getTime() !== at('2026-12-08T09:00').getTime()),
        limit: 6,
      },
      ['07T11:00', '07T17:00', '08T09:00', '08T10:00', '08T11:00', '08T17:00'].map((d) => `2026-12-${d}`),
    ],
    [
      'a whole local day busy (an all-day event): that day skipped, the days around it kept',
      {
        now: at('2026-12-07T17:30'),
        type: { durationMinutes: 30, slotStepMinutes: 30 },
        busy: [allDay('2026-12-08')],
        limit: 3,
      },
      ['2026-12-07T17:30', '2026-12-09T09:00', '2026-12-09T09:30'],
    ],
    [
      'a 15-minute buffer on both sides of a busy hour',
      {
        now: MONDAY_8H,
        type: { durationMinutes: 30, slotStepMinutes: 15, bufferMinutes: 15 },
        busy: [busyLocal('2026-12-08T10:00', '2026-12-08T11:00')],
        preference: { day: '2026-12-08', partOfDay: 'morning' },
      },
      ['09:00', '09:15', '11:15', '11:30'].map((t) => `2026-12-08T${t}`),
    ],
    [
      'two hours of notice at 9:50 on split shifts: the morning is gone, the afternoon starts',
      {
        now: at('2026-12-08T09:50'),
        type: { durationMinutes: 30, slotStepMinutes: 30, minNoticeMinutes: 120 },
        limit: 2,
      },
      ['2026-12-08T14:00', '2026-12-08T14:30'],
    ],
    [
      'two hours of notice at 9:50 on a 15-minute grid: the first start at or after 11:50',
      {
        now: at('2026-12-08T09:50'),
        hours: NINE_TO_SIX,
        type: { durationMinutes: 30, slotStepMinutes: 15, minNoticeMinutes: 120 },
        limit: 2,
      },
      ['2026-12-08T12:00', '2026-12-08T12:15'],
    ],
    [
      'maxDaysAhead 2: today, tomorrow and the day after, up to its last hour, then nothing',
      {
        now: at('2026-12-07T10:00'),
        type: {
          maxDaysAhead: 2,
          hours: {
            mon: [{ start: '17:00', end: '18:00' }],
            tue: [{ start: '17:00', end: '18:00' }],
            wed: [{ start: '17:00', end: '18:00' }],
            thu: [{ start: '17:00', end: '18:00' }],
          },
        },
      },
      ['2026-12-07T17:00', '2026-12-08T17:00', '2026-12-09T17:00'],
    ],
    [
      'a day just past maxDaysAhead asked for: nothing',
      { now: MONDAY_8H, type: { maxDaysAhead: 2 }, preference: { day: '2026-12-10' } },
      [],
    ],
    [
      'a day fully booked asked for: nothing, not the next day instead',
      {
        now: MONDAY_8H,
        busy: [
          busyLocal('2026-12-08T09:00', '2026-12-08T12:00'),
          busyLocal('2026-12-08T14:00', '2026-12-08T18:00'),
        ],
        preference: { day: '2026-12-08' },
      },
      [],
    ],
    [
      "the type's own hours beside the opening hours: Saturday morning and Wednesday evening",
      {
        now: MONDAY_8H,
        type: { hours: { wed: [{ start: '18:00', end: '20:00' }], sat: [{ start: '09:00', end: '12:00' }] } },
        limit: 4,
      },
      ['2026-12-09T18:00', '2026-12-09T19:00', '2026-12-12T09:00', '2026-12-12T10:00'],
    ],
    [
      'a closure from Tuesday to Wednesday, both inclusive',
      { now: at('2026-12-07T17:00'), closures: [{ from: '2026-12-08', to: '2026-12-09' }], limit: 2 },
      ['2026-12-07T17:00', '2026-12-10T09:00'],
    ],
    [
      'the afternoon asked for: 12:00 to 17:00',
      { now: MONDAY_8H, hours: NINE_TO_SIX, preference: { day: '2026-12-08', partOfDay: 'afternoon' } },
      ['12:00', '13:00', '14:00', '15:00', '16:00'].map((t) => `2026-12-08T${t}`),
    ],
    [
      'the evening asked for: from 17:00',
      { now: MONDAY_8H, preference: { day: '2026-12-08', partOfDay: 'evening' } },
      ['2026-12-08T17:00'],
    ],
    [
      'not before Tuesday 15:00 ("later")',
      { now: MONDAY_8H, preference: { notBefore: '2026-12-08T14:00:00Z' }, limit: 3 },
      ['2026-12-08T15:00', '2026-12-08T16:00', '2026-12-08T17:00'],
    ],
    [
      'overlapping ranges: each start once',
      {
        now: MONDAY_8H,
        hours: {
          tue: [
            { start: '09:00', end: '12:00' },
            { start: '10:00', end: '13:00' },
          ],
        },
        preference: { day: '2026-12-08' },
      },
      ['09:00', '10:00', '11:00', '12:00'].map((t) => `2026-12-08T${t}`),
    ],
    ['the limit stops the search', { now: MONDAY_8H, limit: 2 }, ['2026-12-07T09:00', '2026-12-07T10:00']],
  ])('%s', (_name, setup, expected) => {
    expect(shown(freeSlots(search(setup)))).toEqual(expected);
  });

  it('when the client is in New York, then hours, notice and slots are read on its clocks', () => {
    const slots = freeSlots(
      search({
        timezone: NEW_YORK,
        hours: { mon: [{ start: '09:00', end: '17:00' }] },
        now: new Date('2026-12-07T13:00:00Z'), // 8:00 in New York
        type: { minNoticeMinutes: 120 },
        limit: 3,
      }),
    );
    expect(shown(slots, NEW_YORK)).toEqual(['2026-12-07T10:00', '2026-12-07T11:00', '2026-12-07T12:00']);
    expect(slots[0]).toEqual({
      start: new Date('2026-12-07T15:00:00Z'),
      end: new Date('2026-12-07T16:00:00Z'),
    });
  });

  it('when a year of recurring busy times is searched, then it stops at 50 by default, and else runs to the last day', () => {
    // The rota covers 365 days from today; maxDaysAhead 365 reaches one more, a free Tuesday.
    const s = search({ now: MONDAY_8H, type: { maxDaysAhead: 365 }, busy: rota('2026-12-07', 365) });
    expect(freeSlots(s)).toHaveLength(50);
    const all = shown(freeSlots({ ...s, limit: 10_000 }));
    expect(all.slice(-8)).toEqual([
      '2027-12-06T17:00',
      ...['09:00', '10:00', '11:00', '14:00', '15:00', '16:00', '17:00'].map((t) => `2027-12-07T${t}`),
    ]);
  });
});

describe('freeSlots across daylight-saving changes in Paris (wall-clock hours, real minutes)', () => {
  const sunday = (range: { start: string; end: string }) => ({ sun: [range] });
  const oneToFour = { start: '01:00', end: '04:00' };
  it.each<[string, { start: string; end: string }, TypeInput, string, string[]]>([
    [
      'spring forward, 30-minute slots: none in the skipped hour 2:00–3:00',
      oneToFour,
      { durationMinutes: 30, slotStepMinutes: 30 },
      '2026-03-29',
      ['00:00', '00:30', '01:00', '01:30'].map((t) => `2026-03-29T${t}:00.000Z`),
    ],
    [
      'spring forward: 1:00–4:00 lasts two real hours, so two one-hour slots',
      oneToFour,
      {},
      '2026-03-29',
      ['2026-03-29T00:00:00.000Z', '2026-03-29T01:00:00.000Z'],
    ],
    [
      'spring forward, a range from 2:30 (skipped): it starts when the clocks jump to 3:00',
      { start: '02:30', end: '05:00' },
      { durationMinutes: 30, slotStepMinutes: 30 },
      '2026-03-29',
      ['01:00', '01:30', '02:00', '02:30'].map((t) => `2026-03-29T${t}:00.000Z`),
    ],
    [
      'spring forward: a 2 h 30 appointment does not fit in 1:00–4:00',
      oneToFour,
      { durationMinutes: 150, slotStepMinutes: 30 },
      '2026-03-29',
      [],
    ],
    [
      'fall back, 30-minute slots: 2:00 and 2:30 offered once, at their first showing',
      oneToFour,
      { durationMinutes: 30, slotStepMinutes: 30 },
      '2026-10-25',
      [
        '2026-10-24T23:00:00.000Z', // 1:00 (UTC+2)
        '2026-10-24T23:30:00.000Z',
        '2026-10-25T00:00:00.000Z', // 2:00 (UTC+2)
        '2026-10-25T00:30:00.000Z', // 2:30 (UTC+2); 2:00 and 2:30 (UTC+1) not again
        '2026-10-25T02:00:00.000Z', // 3:00 (UTC+1)
        '2026-10-25T02:30:00.000Z',
      ],
    ],
    [
      'fall back: 1:00–4:00 lasts four real hours, so a 3 h 30 appointment fits',
      oneToFour,
      { durationMinutes: 210, slotStepMinutes: 30 },
      '2026-10-25',
      ['2026-10-24T23:00:00.000Z', '2026-10-24T23:30:00.000Z'],
    ],
    [
      'an ordinary Sunday: 1:00–4:00 lasts three hours, too short for 3 h 30',
      oneToFour,
      { durationMinutes: 210, slotStepMinutes: 30 },
      '2026-11-01',
      [],
    ],
  ])('%s', (_name, range, type, day, expected) => {
    const slots = freeSlots(
      search({
        now: at('2026-03-01T12:00'),
        hours: sunday(range),
        type: { maxDaysAhead: 365, ...type },
        preference: { day },
      }),
    );
    expect(slots.map((s) => s.start.toISOString())).toEqual(expected);
    for (const s of slots) {
      expect(s.end.getTime() - s.start.getTime()).toBe((type.durationMinutes ?? 60) * 60_000);
    }
  });
});

describe('freeSlots across clock changes elsewhere', () => {
  const range = (start: string, end: string) => [{ start, end }];
  it.each<[string, string, string, { [day: string]: { start: string; end: string }[] }, TypeInput, string[]]>(
    [
      [
        'New York, spring forward: 1:00–4:00 holds 1:00 (UTC−5) and 3:00 (UTC−4)',
        NEW_YORK,
        '2026-03-08',
        { sun: range('01:00', '04:00') },
        {},
        ['2026-03-08T06:00:00.000Z', '2026-03-08T07:00:00.000Z'],
      ],
      [
        'New York, fall back: 1:00 once, then 2:00 and 3:00',
        NEW_YORK,
        '2026-11-01',
        { sun: range('01:00', '04:00') },
        {},
        ['2026-11-01T05:00:00.000Z', '2026-11-01T07:00:00.000Z', '2026-11-01T08:00:00.000Z'],
      ],
      [
        'Santiago skips midnight (23:59 → 1:00): a range from 0:00 starts at the jump',
        'America/Santiago',
        '2026-09-06',
        { sun: range('00:00', '03:00') },
        { durationMinutes: 30, slotStepMinutes: 30 },
        ['04:00', '04:30', '05:00', '05:30'].map((t) => `2026-09-06T${t}:00.000Z`),
      ],
      [
        'Santiago, the evening before the skipped midnight keeps its last hour',
        'America/Santiago',
        '2026-09-05',
        { sat: range('22:00', '24:00') },
        { durationMinutes: 30, slotStepMinutes: 30 },
        ['02:00', '02:30', '03:00', '03:30'].map((t) => `2026-09-06T${t}:00.000Z`),
      ],
    ],
  )('%s', (_name, timezone, day, hours, type, expected) => {
    const s = search({
      timezone,
      hours,
      now: new Date('2026-03-01T12:00:00Z'),
      type: { maxDaysAhead: 365, ...type },
      preference: { day },
    });
    const slots = freeSlots(s);
    expect(slots.map((x) => x.start.toISOString())).toEqual(expected);
    for (const slot of slots) expect(checkSlot({ ...s, start: slot.start })).toMatchObject({ ok: true });
  });
});

describe('checkSlot: one start, and why it cannot be booked', () => {
  /** Monday 7 December 9:50; 30-minute slots, 2 h notice, 10-minute buffer; Tuesday 10–11 busy. */
  const base = search({
    now: at('2026-12-07T09:50'),
    type: {
      durationMinutes: 30,
      slotStepMinutes: 30,
      minNoticeMinutes: 120,
      bufferMinutes: 10,
      maxDaysAhead: 30,
    },
    busy: [busyLocal('2026-12-08T10:00', '2026-12-08T11:00')],
    closures: [{ from: '2026-12-24', to: '2026-12-26' }],
  });

  it.each<[string, string, string]>([
    ['a free afternoon slot', '2026-12-07T14:00', 'ok'],
    ['11:30, inside the two hours of notice', '2026-12-07T11:30', 'notice'],
    ['the last day maxDaysAhead allows', '2027-01-06T17:30', 'ok'],
    ['the day after it', '2027-01-07T09:00', 'too-far'],
    ['a closure day', '2026-12-24T09:00', 'closed'],
    ['over lunch', '2026-12-08T12:30', 'outside-hours'],
    ['running past the end of the morning', '2026-12-08T11:45', 'outside-hours'],
    ['a Sunday', '2026-12-13T10:00', 'outside-hours'],
    ['off the 30-minute grid', '2026-12-08T09:10', 'off-grid'],
    ['ending 10 minutes before the busy hour, inside the buffer', '2026-12-08T09:30', 'busy'],
    ['starting when the busy hour ends, inside the buffer', '2026-12-08T11:00', 'busy'],
    ['half an hour after the busy hour', '2026-12-08T11:30', 'ok'],
  ])('%s (%s) → %s', (_name, local, expected) => {
    const result = checkSlot({ ...base, start: at(local) });
    expect(result.ok ? 'ok' : result.reason).toBe(expected);
    if (result.ok)
      expect(result.slot).toEqual({ start: at(local), end: new Date(at(local).getTime() + 30 * 60_000) });
  });

  it('when 2:00 is shown a second time as the clocks go back, then that second showing is off the grid', () => {
    const s = search({ now: at('2026-10-20T12:00'), hours: { sun: [{ start: '01:00', end: '04:00' }] } });
    expect(checkSlot({ ...s, start: new Date('2026-10-25T00:00:00Z') })).toMatchObject({ ok: true });
    expect(checkSlot({ ...s, start: new Date('2026-10-25T01:00:00Z') })).toEqual({
      ok: false,
      reason: 'off-grid',
    });
  });

  it('when free slots are searched over a fortnight, then they are exactly the starts checkSlot accepts', () => {
    const s = search({
      now: at('2026-12-07T09:50'),
      type: {
        durationMinutes: 45,
        slotStepMinutes: 20,
        minNoticeMinutes: 120,
        bufferMinutes: 10,
        maxDaysAhead: 14,
      },
      busy: [
        ...rota('2026-12-08', 3),
        allDay('2026-12-14'),
        busyLocal('2026-12-15T10:20', '2026-12-15T10:40'),
      ],
      closures: [{ from: '2026-12-17', to: '2026-12-17' }],
      limit: 10_000,
    });
    const accepted: string[] = [];
    for (let t = at('2026-12-07T00:00').getTime(); t < at('2026-12-23T00:00').getTime(); t += 10 * 60_000) {
      const start = new Date(t);
      if (checkSlot({ ...s, start }).ok) accepted.push(start.toISOString());
    }
    expect(freeSlots(s).map((x) => x.start.toISOString())).toEqual(accepted);
    expect(accepted.length).toBeGreaterThan(50);
  });
});

describe('searchWindow: the busy times the search needs', () => {
  it.each<[string, Setup, [string, string] | null]>([
    [
      'from the notice (less the buffer) to the last hour of the last day (plus the buffer)',
      { now: at('2026-12-07T09:50'), type: { minNoticeMinutes: 120, bufferMinutes: 10, maxDaysAhead: 2 } },
      ['2026-12-07T11:40', '2026-12-09T18:10'],
    ],
    [
      'a day asked for: its hours only',
      { now: MONDAY_8H, type: { bufferMinutes: 10 }, preference: { day: '2026-12-08' } },
      ['2026-12-08T08:50', '2026-12-08T18:10'],
    ],
    [
      'a day past maxDaysAhead',
      { now: MONDAY_8H, type: { maxDaysAhead: 2 }, preference: { day: '2026-12-10' } },
      null,
    ],
    ['a day already past', { now: MONDAY_8H, preference: { day: '2026-12-06' } }, null],
    ['a Sunday, never open', { now: MONDAY_8H, preference: { day: '2026-12-13' } }, null],
    [
      'a closure day',
      {
        now: MONDAY_8H,
        closures: [{ from: '2026-12-08', to: '2026-12-08' }],
        preference: { day: '2026-12-08' },
      },
      null,
    ],
    ['today, after its last hour', { now: at('2026-12-07T17:30'), preference: { day: '2026-12-07' } }, null],
    ['a day that does not exist', { now: MONDAY_8H, preference: { day: '2026-02-30' } }, null],
  ])('%s', (_name, setup, expected) => {
    const window = searchWindow(search(setup));
    expect(window && [instantToLocal(window.from, PARIS), instantToLocal(window.to, PARIS)]).toEqual(
      expected,
    );
  });

  it('when only the busy times inside the window are given, then the free slots are the same', () => {
    const s = search({
      now: MONDAY_8H,
      type: {
        durationMinutes: 30,
        slotStepMinutes: 30,
        bufferMinutes: 15,
        maxDaysAhead: 5,
        minNoticeMinutes: 90,
      },
      busy: rota('2026-11-20', 40),
      limit: 1000,
    });
    const { from, to } = searchWindow(s)!;
    const inside = s.busy.filter((b) => b.start < to && b.end > from);
    expect(inside.length).toBeLessThan(s.busy.length);
    expect(freeSlots({ ...s, busy: inside })).toEqual(freeSlots(s));
  });
});

describe('proposeSlots: a few slots spread out, as a receptionist would', () => {
  const slots = (...locals: string[]) =>
    locals.map((l) => ({ start: at(l), end: new Date(at(l).getTime() + 1800_000) }));
  it.each<[string, string[], number, string[]]>([
    [
      'two on the same morning: the second moves to the afternoon',
      ['2026-12-08T09:00', '2026-12-08T09:30', '2026-12-08T10:00', '2026-12-08T14:00', '2026-12-08T14:30'],
      2,
      ['2026-12-08T09:00', '2026-12-08T14:00'],
    ],
    [
      'no afternoon that day: the next day',
      ['2026-12-08T09:00', '2026-12-08T09:30', '2026-12-09T09:00'],
      2,
      ['2026-12-08T09:00', '2026-12-09T09:00'],
    ],
    [
      'three: a morning, an afternoon, the next morning',
      ['2026-12-08T09:00', '2026-12-08T09:30', '2026-12-08T14:00', '2026-12-08T14:30', '2026-12-09T09:00'],
      3,
      ['2026-12-08T09:00', '2026-12-08T14:00', '2026-12-09T09:00'],
    ],
    [
      'noon starts the afternoon half-day',
      ['2026-12-08T11:30', '2026-12-08T11:45', '2026-12-08T12:00'],
      2,
      ['2026-12-08T11:30', '2026-12-08T12:00'],
    ],
    [
      'nothing else: adjacent slots',
      ['2026-12-08T09:00', '2026-12-08T09:30', '2026-12-08T10:00'],
      2,
      ['2026-12-08T09:00', '2026-12-08T09:30'],
    ],
    [
      'too few half-days for three: the earliest other slot fills in, in time order',
      ['2026-12-08T09:00', '2026-12-08T09:30', '2026-12-08T14:00'],
      3,
      ['2026-12-08T09:00', '2026-12-08T09:30', '2026-12-08T14:00'],
    ],
    ['fewer slots than asked', ['2026-12-08T09:00'], 2, ['2026-12-08T09:00']],
    ['none', [], 2, []],
  ])('%s', (_name, locals, count, expected) => {
    expect(shown(proposeSlots(slots(...locals), count, PARIS))).toEqual(expected);
  });

  it("when the client is in New York, then the half-days are New York's", () => {
    const ny = ['2026-12-08T10:00', '2026-12-08T11:30', '2026-12-08T13:00'].map((l) => ({
      start: at(l, NEW_YORK),
      end: at(l, NEW_YORK),
    }));
    expect(shown(proposeSlots(ny, 2, NEW_YORK), NEW_YORK)).toEqual(['2026-12-08T10:00', '2026-12-08T13:00']);
  });
});

describe('partOfDayOf', () => {
  it.each<[string, string, string]>([
    ['2026-12-08T00:00', PARIS, 'morning'],
    ['2026-12-08T11:59', PARIS, 'morning'],
    ['2026-12-08T12:00', PARIS, 'afternoon'],
    ['2026-12-08T16:59', PARIS, 'afternoon'],
    ['2026-12-08T17:00', PARIS, 'evening'],
    ['2026-12-08T11:30', NEW_YORK, 'morning'], // 17:30 in Paris
  ])('%s in %s → %s', (local, timeZone, expected) => {
    expect(partOfDayOf(at(local, timeZone), timeZone)).toBe(expected);
  });
});
