/**
 * A client's own CalDAV calendar (Nextcloud, iCloud, Fastmail, Radicale…) through tsdav: busy
 * times from a server-side time-range query, events written with If-None-Match / If-Match so two
 * writers never overwrite each other. Every request is bounded by `timeoutMs`.
 */
import { calendarQuery, createAccount, fetchCalendars, propfind, type DAVResponse } from 'tsdav';
import { createCalendarObject, deleteCalendarObject, updateCalendarObject } from 'tsdav';
import {
  CalendarConflictError,
  CalendarUnavailableError,
  type BusyTime,
  type CalendarBackend,
  type CalendarCheck,
  type CalendarEvent,
  type CalendarEventRef,
} from '../app/calendar-port';
import { appointmentIcs } from './appointment-ics';
import { busyTimesOf, declaredZone } from './caldav-events';

export type CalDavConnection = {
  /** The calendar collection itself, or a server or principal URL to discover the first event calendar from. */
  url: string;
  username: string;
  password: string;
  /** The client's zone: floating times are read in it, events are written in it. */
  timeZone: string;
  /** The most one request may take (ms). */
  timeoutMs: number;
};

export type CalDavCalendar = CalendarBackend & { check(): Promise<CalendarCheck> };

type Resolved = { url: string; name: string; zone: string };

/** A server's answer as a reason people can act on; never the credentials. */
function refusal(status: number, host: string): CalendarUnavailableError {
  if (status === 401 || status === 403)
    return new CalendarUnavailableError(
      `${host} refused the username or password (HTTP ${status})`,
      'credentials',
    );
  if (status === 404)
    return new CalendarUnavailableError(`no calendar at this address on ${host} (HTTP 404)`, 'not-found');
  return new CalendarUnavailableError(`${host} answered HTTP ${status}`, 'server-error');
}

const isCalendar = (r: DAVResponse) => Object.keys(r.props?.resourcetype ?? {}).includes('calendar');

function componentsOf(r: DAVResponse): string[] {
  const comp: unknown = r.props?.supportedCalendarComponentSet?.comp;
  const list = Array.isArray(comp) ? comp : comp ? [comp] : [];
  return list.map((c: { _attributes?: { name?: string } }) => c._attributes?.name ?? '').filter(Boolean);
}

/** A property's text, however xml-js gave it (a string, or `{ _cdata }` / `{ _text }`). */
function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const v = value as { _cdata?: unknown; _text?: unknown };
    return String(v._cdata ?? v._text ?? '');
  }
  return '';
}

export function caldavCalendar(conn: CalDavConnection): CalDavCalendar {
  const host = new URL(conn.url).host;
  const headers = {
    authorization: `Basic ${Buffer.from(`${conn.username}:${conn.password}`).toString('base64')}`,
  };
  /** A fresh deadline per request: tsdav passes fetchOptions to every fetch it makes. */
  const bounded = () => ({ headers, fetchOptions: { signal: AbortSignal.timeout(conn.timeoutMs) } });

  /** Runs one exchange with the server; network failures and time-outs become CalendarUnavailableError. */
  async function exchange<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof CalendarUnavailableError || error instanceof CalendarConflictError) throw error;
      const e = error as Error & { cause?: { code?: string; message?: string } };
      if (e.name === 'TimeoutError' || e.name === 'AbortError')
        throw new CalendarUnavailableError(`${host} did not answer within ${conn.timeoutMs} ms`, 'timeout');
      // fetch says only "fetch failed"; why is in its cause (ECONNREFUSED, ENOTFOUND, a bad port…).
      const why = e.cause?.code ?? e.cause?.message;
      if (why) throw new CalendarUnavailableError(`could not reach ${host} (${why})`);
      if (/401|Invalid credentials/.test(e.message)) throw refusal(401, host);
      throw new CalendarUnavailableError(`${host} gave no usable calendar (${e.message})`, 'not-found');
    }
  }

  async function discover(): Promise<Resolved> {
    const [here] = await propfind({
      url: conn.url,
      props: {
        'd:resourcetype': {},
        'd:displayname': {},
        'c:supported-calendar-component-set': {},
        'c:calendar-timezone': {},
      },
      depth: '0',
      ...bounded(),
    });
    if (!here) throw new CalendarUnavailableError(`${host} gave an empty answer`, 'server-error');
    // A 404 is not discovered from: a mistyped calendar address must not land in another calendar.
    if (here.status && [401, 403, 404].includes(here.status)) throw refusal(here.status, host);
    if (here.status && here.status >= 500) throw refusal(here.status, host);
    const components = componentsOf(here);
    if (here.ok && isCalendar(here) && components.length && !components.includes('VEVENT'))
      throw new CalendarUnavailableError(
        `this calendar on ${host} holds no events (tasks or notes only)`,
        'not-found',
      );
    if (here.ok && isCalendar(here)) {
      return {
        url: conn.url,
        name: textOf(here.props?.displayname) || conn.url,
        zone: declaredZone(textOf(here.props?.calendarTimezone)) ?? conn.timeZone,
      };
    }
    const account = await createAccount({
      account: { serverUrl: conn.url, accountType: 'caldav', credentials: {} },
      ...bounded(),
    });
    const calendars = await fetchCalendars({ account, ...bounded() });
    const found = calendars.find((c) => !c.components?.length || c.components.includes('VEVENT'));
    if (!found)
      throw new CalendarUnavailableError(`${host} has no calendar for events for this user`, 'not-found');
    return {
      url: found.url,
      name: textOf(found.displayName) || found.url,
      zone: declaredZone(textOf(found.timezone)) ?? conn.timeZone,
    };
  }

  let resolved: Promise<Resolved> | null = null;
  /** Discovery happens once per backend; a failed one is tried again next time. */
  function calendar(): Promise<Resolved> {
    resolved ??= exchange(discover).catch((error: unknown) => {
      resolved = null;
      throw error;
    });
    return resolved;
  }

  /** The event's resource: on the connected server only, so the credentials never go elsewhere. */
  function sameServer(ref: CalendarEventRef): boolean {
    return new URL(ref.href, conn.url).origin === new URL(conn.url).origin;
  }

  async function written(response: Response, href: string): Promise<CalendarEventRef> {
    if (response.status === 412)
      throw new CalendarConflictError('the calendar already has this event, or it changed since it was read');
    if (!response.ok) throw refusal(response.status, host);
    const etag = response.headers.get('etag');
    return { href, ...(etag ? { etag } : {}) };
  }

  async function create(event: CalendarEvent): Promise<CalendarEventRef> {
    const { url } = await calendar();
    const filename = `${encodeURIComponent(event.uid)}.ics`;
    return exchange(async () =>
      written(
        await createCalendarObject({
          calendar: { url },
          filename,
          iCalString: appointmentIcs(event),
          ...bounded(),
        }),
        new URL(filename, url).href,
      ),
    );
  }

  async function busy(from: Date, to: Date): Promise<BusyTime[]> {
    const { url, zone } = await calendar();
    const stamp = (d: Date) => `${d.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;
    const responses = await exchange(() =>
      calendarQuery({
        url,
        props: { 'd:getetag': {}, 'c:calendar-data': {} },
        filters: {
          'comp-filter': {
            _attributes: { name: 'VCALENDAR' },
            'comp-filter': {
              _attributes: { name: 'VEVENT' },
              'time-range': { _attributes: { start: stamp(from), end: stamp(to) } },
            },
          },
        },
        depth: '1',
        ...bounded(),
      }),
    );
    // tsdav answers a refused request (no multistatus) with one response without props.
    const refused = responses.find((r) => !r.ok && !('props' in r));
    if (refused) throw refusal(refused.status ?? 0, host);
    const zones = { allDay: zone, floating: conn.timeZone };
    return responses.flatMap((r) => {
      const ics = textOf(r.props?.calendarData);
      if (!ics) return [];
      try {
        return busyTimesOf(ics, from, to, zones);
      } catch (error) {
        // Skipping an event we cannot read could offer a time that is taken: the calendar is unusable until it is fixed.
        throw new CalendarUnavailableError(
          `an event of the calendar cannot be read (${r.href ?? 'unknown'}: ${(error as Error).message})`,
          'server-error',
        );
      }
    });
  }

  return {
    kind: 'caldav',
    busy,
    create,

    async update(ref: CalendarEventRef, event: CalendarEvent): Promise<CalendarEventRef> {
      if (!sameServer(ref)) return create(event);
      return exchange(async () =>
        written(
          await updateCalendarObject({
            calendarObject: {
              url: ref.href,
              data: appointmentIcs(event),
              ...(ref.etag ? { etag: ref.etag } : {}),
            },
            ...bounded(),
          }),
          ref.href,
        ),
      );
    },

    async remove(ref: CalendarEventRef): Promise<void> {
      // An event in a calendar no longer connected is left alone. No If-Match: the appointment is
      // cancelled whatever was changed in the event since.
      if (!sameServer(ref)) return;
      const response = await exchange(() =>
        deleteCalendarObject({ calendarObject: { url: ref.href, etag: '' }, ...bounded() }),
      );
      if (!response.ok && response.status !== 404 && response.status !== 410)
        throw refusal(response.status, host);
    },

    async check(): Promise<CalendarCheck> {
      try {
        const found = await calendar();
        await busy(new Date(), new Date(Date.now() + 60_000));
        return { ok: true, calendarName: found.name, calendarUrl: found.url };
      } catch (error) {
        if (error instanceof CalendarUnavailableError)
          return { ok: false, error: error.message, reason: error.reason };
        return { ok: false, error: String(error), reason: 'server-error' };
      }
    },
  };
}
