/**
 * The CalDAV backend against the real Radicale `npm test` starts: busy times read the way a
 * person's calendar app means them, writes that never overwrite, failures that say why.
 */
import { createServer, type Server } from 'node:net';
import {
  CalendarConflictError,
  CalendarUnavailableError,
  type CalendarEvent,
} from '../../../src/app/calendar-port';
import { caldavCalendar } from '../../../src/infra/caldav-calendar';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import { newCalendar, PARIS_VTIMEZONE, putEvent, testServer } from './radicale';

const server = testServer();
const connect = (url: string, over: Partial<Parameters<typeof caldavCalendar>[0]> = {}) =>
  caldavCalendar({
    url,
    username: server.username,
    password: server.password,
    timeZone: 'Europe/Paris',
    timeoutMs: 5000,
    ...over,
  });
const at = (iso: string) => new Date(iso);
const spans = (busy: { start: Date; end: Date }[]) =>
  busy.map((b) => [b.start.toISOString(), b.end.toISOString()]).sort((a, b) => a[0]!.localeCompare(b[0]!));

const event = (uid: string, start: string, end: string): CalendarEvent => ({
  uid,
  start: at(start),
  end: at(end),
  timeZone: 'Europe/Paris',
  summary: 'Consultation – Jeanne Dupont',
  description: 'Jeanne Dupont, +33 6 12 34 56 78: première visite. Pris par téléphone.',
  location: '12 rue de la Paix, Paris',
});

describe('busy times', () => {
  it('reads timed events in Europe/Paris on both sides of the daylight-saving changes', async () => {
    const url = await newCalendar(server);
    const day = (uid: string, date: string) => [
      'BEGIN:VEVENT',
      `UID:${uid}`,
      'DTSTAMP:20260101T000000Z',
      `DTSTART;TZID=Europe/Paris:${date}T100000`,
      `DTEND;TZID=Europe/Paris:${date}T110000`,
      'SUMMARY:RDV',
      'END:VEVENT',
    ];
    await putEvent(server, url, 'spring-before', [...PARIS_VTIMEZONE, ...day('spring-before', '20260328')]);
    await putEvent(server, url, 'spring-after', [...PARIS_VTIMEZONE, ...day('spring-after', '20260330')]);
    await putEvent(server, url, 'autumn-before', [...PARIS_VTIMEZONE, ...day('autumn-before', '20261024')]);
    // No VTIMEZONE: read with the tz database by its IANA name.
    await putEvent(server, url, 'autumn-after', day('autumn-after', '20261026'));

    const calendar = connect(url);
    expect(spans(await calendar.busy(at('2026-03-27T00:00:00Z'), at('2026-04-01T00:00:00Z')))).toEqual([
      ['2026-03-28T09:00:00.000Z', '2026-03-28T10:00:00.000Z'],
      ['2026-03-30T08:00:00.000Z', '2026-03-30T09:00:00.000Z'],
    ]);
    const autumn = await calendar.busy(at('2026-10-23T00:00:00Z'), at('2026-10-28T00:00:00Z'));
    expect(spans(autumn)).toEqual([
      ['2026-10-24T08:00:00.000Z', '2026-10-24T09:00:00.000Z'],
      ['2026-10-26T09:00:00.000Z', '2026-10-26T10:00:00.000Z'],
    ]);
    expect(autumn.map((b) => b.uid).sort()).toEqual(['autumn-after', 'autumn-before']);
  });

  it('expands a weekly event without its excluded date, with its moved occurrence where it went and its cancelled one gone', async () => {
    const url = await newCalendar(server);
    const occurrence = (recurrenceId: string, lines: string[]) => [
      'BEGIN:VEVENT',
      'UID:weekly',
      'DTSTAMP:20260101T000000Z',
      `RECURRENCE-ID;TZID=Europe/Paris:${recurrenceId}`,
      ...lines,
      'END:VEVENT',
    ];
    await putEvent(server, url, 'weekly', [
      ...PARIS_VTIMEZONE,
      'BEGIN:VEVENT',
      'UID:weekly',
      'DTSTAMP:20260101T000000Z',
      'DTSTART;TZID=Europe/Paris:20260302T090000',
      'DTEND;TZID=Europe/Paris:20260302T100000',
      'RRULE:FREQ=WEEKLY;COUNT=6',
      'EXDATE;TZID=Europe/Paris:20260309T090000',
      'SUMMARY:Réunion d’équipe',
      'END:VEVENT',
      ...occurrence('20260316T090000', [
        'DTSTART;TZID=Europe/Paris:20260317T140000',
        'DTEND;TZID=Europe/Paris:20260317T150000',
        'SUMMARY:Réunion déplacée',
      ]),
      ...occurrence('20260323T090000', [
        'DTSTART;TZID=Europe/Paris:20260323T090000',
        'DTEND;TZID=Europe/Paris:20260323T100000',
        'STATUS:CANCELLED',
        'SUMMARY:Annulée',
      ]),
    ]);
    const calendar = connect(url);

    expect(spans(await calendar.busy(at('2026-03-01T00:00:00Z'), at('2026-04-13T00:00:00Z')))).toEqual([
      ['2026-03-02T08:00:00.000Z', '2026-03-02T09:00:00.000Z'],
      ['2026-03-17T13:00:00.000Z', '2026-03-17T14:00:00.000Z'],
      ['2026-03-30T07:00:00.000Z', '2026-03-30T08:00:00.000Z'],
      ['2026-04-06T07:00:00.000Z', '2026-04-06T08:00:00.000Z'],
    ]);
    // The day the occurrence moved to, though its original date lies outside the range; the day it left is free.
    expect(spans(await calendar.busy(at('2026-03-17T00:00:00Z'), at('2026-03-18T00:00:00Z')))).toEqual([
      ['2026-03-17T13:00:00.000Z', '2026-03-17T14:00:00.000Z'],
    ]);
    expect(await calendar.busy(at('2026-03-16T00:00:00Z'), at('2026-03-17T00:00:00Z'))).toEqual([]);
  });

  it('takes an all-day event as whole local days, and leaves free and cancelled events out', async () => {
    const url = await newCalendar(server);
    await putEvent(server, url, 'holiday', [
      'BEGIN:VEVENT',
      'UID:holiday',
      'DTSTAMP:20260101T000000Z',
      'DTSTART;VALUE=DATE:20260401',
      'DTEND;VALUE=DATE:20260403',
      'SUMMARY:Congés',
      'END:VEVENT',
    ]);
    await putEvent(server, url, 'free', [
      'BEGIN:VEVENT',
      'UID:free',
      'DTSTAMP:20260101T000000Z',
      'DTSTART:20260406T080000Z',
      'DTEND:20260406T090000Z',
      'TRANSP:TRANSPARENT',
      'SUMMARY:Rappel',
      'END:VEVENT',
    ]);
    await putEvent(server, url, 'off', [
      'BEGIN:VEVENT',
      'UID:off',
      'DTSTAMP:20260101T000000Z',
      'DTSTART:20260406T100000Z',
      'DTEND:20260406T110000Z',
      'STATUS:CANCELLED',
      'SUMMARY:Annulé',
      'END:VEVENT',
    ]);

    expect(spans(await connect(url).busy(at('2026-03-30T00:00:00Z'), at('2026-04-10T00:00:00Z')))).toEqual([
      ['2026-03-31T22:00:00.000Z', '2026-04-02T22:00:00.000Z'],
    ]);
  });

  it('puts all-day events on the days of the zone the calendar declares', async () => {
    const newYork = tzlib_get_ical_block('America/New_York')[0]!;
    const url = await newCalendar(
      server,
      'New York',
      `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n${newYork}\r\nEND:VCALENDAR\r\n`,
    );
    await putEvent(server, url, 'holiday', [
      'BEGIN:VEVENT',
      'UID:holiday',
      'DTSTAMP:20260101T000000Z',
      'DTSTART;VALUE=DATE:20260401',
      'SUMMARY:Congés',
      'END:VEVENT',
    ]);

    expect(spans(await connect(url).busy(at('2026-03-30T00:00:00Z'), at('2026-04-10T00:00:00Z')))).toEqual([
      ['2026-04-01T04:00:00.000Z', '2026-04-02T04:00:00.000Z'],
    ]);
  });

  it('reads a floating time on the client’s clocks', async () => {
    const url = await newCalendar(server);
    await putEvent(server, url, 'floating', [
      'BEGIN:VEVENT',
      'UID:floating',
      'DTSTAMP:20260101T000000Z',
      'DTSTART:20260402T150000',
      'DTEND:20260402T160000',
      'SUMMARY:Appel',
      'END:VEVENT',
    ]);
    const range = [at('2026-04-01T00:00:00Z'), at('2026-04-04T00:00:00Z')] as const;

    expect(spans(await connect(url).busy(...range))).toEqual([
      ['2026-04-02T13:00:00.000Z', '2026-04-02T14:00:00.000Z'],
    ]);
    expect(spans(await connect(url, { timeZone: 'America/New_York' }).busy(...range))).toEqual([
      ['2026-04-02T19:00:00.000Z', '2026-04-02T20:00:00.000Z'],
    ]);
  });

  it('asks only for the range and keeps nothing outside it', async () => {
    const url = await newCalendar(server);
    await putEvent(server, url, 'early', [
      'BEGIN:VEVENT',
      'UID:early',
      'DTSTAMP:20260101T000000Z',
      'DTSTART:20260406T080000Z',
      'DTEND:20260406T090000Z',
      'END:VEVENT',
    ]);
    const daily = [
      'BEGIN:VEVENT',
      'UID:daily',
      'DTSTAMP:20260101T000000Z',
      'DTSTART:20260101T120000Z',
      'DTEND:20260101T130000Z',
      'RRULE:FREQ=DAILY',
      'END:VEVENT',
    ];
    await putEvent(server, url, 'daily', daily);

    const busy = await connect(url).busy(at('2026-04-06T09:00:00Z'), at('2026-04-07T00:00:00Z'));
    expect(spans(busy)).toEqual([['2026-04-06T12:00:00.000Z', '2026-04-06T13:00:00.000Z']]);
  });
});

describe('writing appointments', () => {
  it('creates an event read back as busy under its UID, never twice, and removes it (twice is fine)', async () => {
    const url = await newCalendar(server);
    const calendar = connect(url);
    const booked = event('apt-1', '2026-03-30T08:00:00Z', '2026-03-30T08:30:00Z');

    const ref = await calendar.create(booked);
    expect(ref?.href).toBe(new URL('apt-1.ics', url).href);
    expect(ref?.etag).toBeTruthy();
    expect(await calendar.busy(at('2026-03-30T00:00:00Z'), at('2026-03-31T00:00:00Z'))).toEqual([
      { start: booked.start, end: booked.end, uid: 'apt-1' },
    ]);
    await expect(calendar.create(booked)).rejects.toBeInstanceOf(CalendarConflictError);

    await calendar.remove(ref!);
    await calendar.remove(ref!);
    expect(await calendar.busy(at('2026-03-30T00:00:00Z'), at('2026-03-31T00:00:00Z'))).toEqual([]);
  });

  it('moves an event only from the version it read: a stale ETag is a conflict', async () => {
    const url = await newCalendar(server);
    const calendar = connect(url);
    const first = await calendar.create(event('apt-2', '2026-10-24T08:00:00Z', '2026-10-24T08:30:00Z'));

    const moved = await calendar.update(
      first!,
      event('apt-2', '2026-10-26T09:00:00Z', '2026-10-26T09:30:00Z'),
    );
    expect(moved.etag).toBeTruthy();
    expect(moved.etag).not.toBe(first!.etag);
    await expect(
      calendar.update(first!, event('apt-2', '2026-10-27T09:00:00Z', '2026-10-27T09:30:00Z')),
    ).rejects.toBeInstanceOf(CalendarConflictError);
    expect(spans(await calendar.busy(at('2026-10-20T00:00:00Z'), at('2026-10-30T00:00:00Z')))).toEqual([
      ['2026-10-26T09:00:00.000Z', '2026-10-26T09:30:00.000Z'],
    ]);
  });
});

describe('events written to a calendar no longer connected', () => {
  it('are written anew in the connected calendar when moved, and left alone when cancelled', async () => {
    const url = await newCalendar(server);
    const calendar = connect(url);
    const elsewhere = { href: 'http://192.0.2.10/dav/old-calendar/apt-3.ics', etag: '"1"' };

    await calendar.remove(elsewhere);
    const moved = await calendar.update(
      elsewhere,
      event('apt-3', '2026-12-08T09:00:00Z', '2026-12-08T09:30:00Z'),
    );
    expect(moved.href).toBe(new URL('apt-3.ics', url).href);
    expect(await calendar.busy(at('2026-12-08T00:00:00Z'), at('2026-12-09T00:00:00Z'))).toHaveLength(1);
  });
});

describe('connections', () => {
  it('finds the first event calendar from the server root, and says which', async () => {
    await newCalendar(server, 'Agenda du cabinet');
    const check = await connect(server.root).check();
    expect(check).toMatchObject({ ok: true });
    if (!check.ok) return;
    expect(check.calendarUrl.startsWith(new URL(`/${server.username}/`, server.root).href)).toBe(true);
    expect(check.calendarName).toBeTruthy();
    expect(check.calendarName).not.toContain('http');
  });

  it('does not wander off from a mistyped calendar address to another calendar', async () => {
    await newCalendar(server);
    const check = await connect(new URL(`/${server.username}/no-such-calendar/`, server.root).href).check();
    expect(check).toMatchObject({
      ok: false,
      reason: 'not-found',
      error: expect.stringMatching(/no calendar at this address/),
    });
  });

  it('names the calendar it was given', async () => {
    const url = await newCalendar(server, 'Agenda du Dr Martin');
    expect(await connect(url).check()).toEqual({
      ok: true,
      calendarName: 'Agenda du Dr Martin',
      calendarUrl: url,
    });
  });

  it('refuses a wrong password with a reason a person can read, without the password', async () => {
    const url = await newCalendar(server);
    const calendar = connect(url, { password: 'not-the-password' });

    await expect(
      calendar.busy(at('2026-03-30T00:00:00Z'), at('2026-03-31T00:00:00Z')),
    ).rejects.toBeInstanceOf(CalendarUnavailableError);
    const check = await calendar.check();
    expect(check).toMatchObject({
      ok: false,
      reason: 'credentials',
      error: expect.stringMatching(/username or password/),
    });
    expect(JSON.stringify(check)).not.toContain('not-the-password');
  });

  it('gives up on a closed port, and on a server that never answers, within the time allowed', async () => {
    const closed = await freePort();
    const silent = await listening(createServer(() => {}));
    const silentPort = (silent.address() as { port: number }).port;
    try {
      for (const [port, message, reason] of [
        [closed, /could not reach/, 'unreachable'],
        [silentPort, /did not answer within 300 ms/, 'timeout'],
      ] as const) {
        const started = Date.now();
        const calendar = connect(`http://127.0.0.1:${port}/dav/`, { timeoutMs: 300 });
        const failure = await calendar
          .busy(at('2026-03-30T00:00:00Z'), at('2026-03-31T00:00:00Z'))
          .catch((e: unknown) => e);
        expect(failure).toBeInstanceOf(CalendarUnavailableError);
        expect(failure).toMatchObject({ message: expect.stringMatching(message), reason });
        expect(Date.now() - started).toBeLessThan(1500);
      }
    } finally {
      silent.close();
    }
  });
});

function listening(s: Server): Promise<Server> {
  return new Promise((resolve) => s.listen(0, '127.0.0.1', () => resolve(s)));
}

async function freePort(): Promise<number> {
  const s = await listening(createServer());
  const { port } = s.address() as { port: number };
  await new Promise((resolve) => s.close(resolve));
  return port;
}
