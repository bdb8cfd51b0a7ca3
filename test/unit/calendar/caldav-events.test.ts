/** Busy times read out of iCalendar objects as calendar apps write them (the parts Radicale does not vary). */
import { busyTimesOf, declaredZone } from '../../../src/infra/caldav-events';

const zones = { allDay: 'Europe/Paris', floating: 'Europe/Paris' };
const calendar = (...lines: string[]) =>
  ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', ...lines, 'END:VCALENDAR', ''].join('\r\n');
const spans = (busy: { start: Date; end: Date }[]) =>
  busy.map((b) => [b.start.toISOString(), b.end.toISOString()]);

/** Outlook names zones its own way and defines them inline. */
const ROMANCE = [
  'BEGIN:VTIMEZONE',
  'TZID:Romance Standard Time',
  'BEGIN:STANDARD',
  'DTSTART:16010101T030000',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10',
  'END:STANDARD',
  'BEGIN:DAYLIGHT',
  'DTSTART:16010101T020000',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3',
  'END:DAYLIGHT',
  'END:VTIMEZONE',
];

describe('busy times of an iCalendar object', () => {
  it('reads a zone defined only inline (Outlook’s names) with that definition', () => {
    const ics = calendar(
      ...ROMANCE,
      'BEGIN:VEVENT',
      'UID:o',
      'DTSTAMP:20260101T000000Z',
      'DTSTART;TZID=Romance Standard Time:20260330T100000',
      'DTEND;TZID=Romance Standard Time:20260330T110000',
      'END:VEVENT',
    );
    expect(
      spans(busyTimesOf(ics, new Date('2026-03-30T00:00:00Z'), new Date('2026-03-31T00:00:00Z'), zones)),
    ).toEqual([['2026-03-30T08:00:00.000Z', '2026-03-30T09:00:00.000Z']]);
  });

  it('matches a moved occurrence whose RECURRENCE-ID is written in UTC to its zoned series', () => {
    const ics = calendar(
      'BEGIN:VEVENT',
      'UID:s',
      'DTSTAMP:20260101T000000Z',
      'DTSTART;TZID=Europe/Paris:20260302T090000',
      'DURATION:PT1H',
      'RRULE:FREQ=DAILY;COUNT=3',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:s',
      'DTSTAMP:20260101T000000Z',
      'RECURRENCE-ID:20260303T080000Z',
      'DTSTART:20260303T150000Z',
      'DTEND:20260303T160000Z',
      'END:VEVENT',
    );
    expect(
      spans(busyTimesOf(ics, new Date('2026-03-01T00:00:00Z'), new Date('2026-03-10T00:00:00Z'), zones)),
    ).toEqual([
      ['2026-03-02T08:00:00.000Z', '2026-03-02T09:00:00.000Z'],
      ['2026-03-04T08:00:00.000Z', '2026-03-04T09:00:00.000Z'],
      ['2026-03-03T15:00:00.000Z', '2026-03-03T16:00:00.000Z'],
    ]);
  });

  it('keeps an event that began before the range and is still running, and a one-day all-day event without an end', () => {
    const ics = calendar(
      'BEGIN:VEVENT',
      'UID:long',
      'DTSTAMP:20260101T000000Z',
      'DTSTART:20260329T220000Z',
      'DTEND:20260330T090000Z',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:day',
      'DTSTAMP:20260101T000000Z',
      'DTSTART;VALUE=DATE:20260331',
      'END:VEVENT',
    );
    expect(
      spans(busyTimesOf(ics, new Date('2026-03-30T06:00:00Z'), new Date('2026-04-02T00:00:00Z'), zones)),
    ).toEqual([
      ['2026-03-29T22:00:00.000Z', '2026-03-30T09:00:00.000Z'],
      ['2026-03-30T22:00:00.000Z', '2026-03-31T22:00:00.000Z'],
    ]);
  });

  it('walks a series begun years ago to the range, and a weekly all-day series by local days', () => {
    const ics = calendar(
      'BEGIN:VEVENT',
      'UID:old',
      'DTSTAMP:20200101T000000Z',
      'DTSTART;TZID=Europe/Paris:20200106T123000',
      'DTEND;TZID=Europe/Paris:20200106T140000',
      'RRULE:FREQ=DAILY',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:market',
      'DTSTAMP:20200101T000000Z',
      'DTSTART;VALUE=DATE:20260102',
      'DTEND;VALUE=DATE:20260103',
      'RRULE:FREQ=WEEKLY',
      'END:VEVENT',
    );
    const busy = busyTimesOf(ics, new Date('2026-10-24T00:00:00Z'), new Date('2026-10-27T00:00:00Z'), zones);
    expect(spans(busy.filter((b) => b.uid === 'old'))).toEqual([
      ['2026-10-24T10:30:00.000Z', '2026-10-24T12:00:00.000Z'],
      ['2026-10-25T11:30:00.000Z', '2026-10-25T13:00:00.000Z'],
      ['2026-10-26T11:30:00.000Z', '2026-10-26T13:00:00.000Z'],
    ]);
    // Fridays: none in the range; the Friday before it ends at its local midnight.
    expect(busy.filter((b) => b.uid === 'market')).toEqual([]);
  });

  it('takes the zone a calendar declares only when the runtime knows it', () => {
    const vtz = (tzid: string) =>
      calendar(
        'BEGIN:VTIMEZONE',
        `TZID:${tzid}`,
        'BEGIN:STANDARD',
        'DTSTART:19700101T000000',
        'TZOFFSETFROM:+0100',
        'TZOFFSETTO:+0100',
        'END:STANDARD',
        'END:VTIMEZONE',
      );
    expect(declaredZone(vtz('America/New_York'))).toBe('America/New_York');
    expect(declaredZone(vtz('Romance Standard Time'))).toBeNull();
    expect(declaredZone('')).toBeNull();
  });
});
