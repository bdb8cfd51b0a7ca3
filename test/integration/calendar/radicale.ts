/**
 * The Radicale that `npm test` started, and a fresh calendar in it for each test (MKCALENDAR
 * through tsdav, as a person's calendar app would make one).
 */
import { randomUUID } from 'node:crypto';
import { createObject, makeCalendar } from 'tsdav';

export type TestServer = { root: string; username: string; password: string };

export function testServer(): TestServer {
  const root = process.env.CALDAV_TEST_URL;
  const username = process.env.CALDAV_TEST_USERNAME;
  const password = process.env.CALDAV_TEST_PASSWORD;
  if (!root || !username || !password)
    throw new Error('CALDAV_TEST_URL is not set: run the suite with `npm test`');
  return { root, username, password };
}

export const basicAuth = (s: TestServer) => ({
  authorization: `Basic ${Buffer.from(`${s.username}:${s.password}`).toString('base64')}`,
});

/** Makes `/<username>/<random>/` with a display name; returns its URL. */
export async function newCalendar(
  s: TestServer,
  displayName = 'Cabinet',
  vtimezone?: string,
): Promise<string> {
  const url = new URL(`/${s.username}/${randomUUID()}/`, s.root).href;
  const [answer] = await makeCalendar({
    url,
    props: {
      'd:displayname': displayName,
      ...(vtimezone ? { 'c:calendar-timezone': { _cdata: vtimezone } } : {}),
      'c:supported-calendar-component-set': { 'c:comp': { _attributes: { name: 'VEVENT' } } },
    },
    headers: basicAuth(s),
  });
  if (answer && !answer.ok) throw new Error(`MKCALENDAR ${url} answered ${answer.status}`);
  return url;
}

/** Puts a hand-written iCalendar object in the calendar, as another app would. */
export async function putEvent(
  s: TestServer,
  calendarUrl: string,
  name: string,
  lines: string[],
): Promise<void> {
  const response = await createObject({
    url: new URL(`${name}.ics`, calendarUrl).href,
    data: ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//test//EN', ...lines, 'END:VCALENDAR', ''].join(
      '\r\n',
    ),
    headers: { ...basicAuth(s), 'content-type': 'text/calendar; charset=utf-8' },
  });
  if (!response.ok) throw new Error(`PUT ${name} answered ${response.status}: ${await response.text()}`);
}

export const PARIS_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Paris',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];
