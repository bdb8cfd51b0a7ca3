/**
 * Talking to one CalDAV server through tsdav: credentials in a header, a deadline on every
 * request, failures turned into CalendarUnavailableError with a reason people can act on, and
 * the discovery of the calendar to use when the address given is not one.
 */
import { createAccount, fetchCalendars, propfind, type DAVResponse } from 'tsdav';
import { CalendarConflictError, CalendarUnavailableError } from '../app/calendar-port';
import { declaredZone } from './caldav-events';

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

/** The calendar in use: its collection URL, its name for people, the zone of its all-day events. */
export type ResolvedCalendar = { url: string; name: string; zone: string };

export type CalDavSession = {
  host: string;
  /** tsdav's `headers` and `fetchOptions` for one request, with a fresh deadline. */
  bounded(): { headers: Record<string, string>; fetchOptions: RequestInit };
  /** Runs one exchange; network failures and time-outs become CalendarUnavailableError. */
  exchange<T>(work: () => Promise<T>): Promise<T>;
  /** The calendar, found once per session; a failed discovery is tried again next time. */
  calendar(): Promise<ResolvedCalendar>;
};

/** A server's answer as a reason people can act on; never the credentials. */
export function refusal(status: number, host: string): CalendarUnavailableError {
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
export function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const v = value as { _cdata?: unknown; _text?: unknown };
    return String(v._cdata ?? v._text ?? '');
  }
  return '';
}

export function caldavSession(conn: CalDavConnection): CalDavSession {
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

  async function discover(): Promise<ResolvedCalendar> {
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

  let resolved: Promise<ResolvedCalendar> | null = null;
  /** Discovery happens once per backend; a failed one is tried again next time. */
  function calendar(): Promise<ResolvedCalendar> {
    resolved ??= exchange(discover).catch((error: unknown) => {
      resolved = null;
      throw error;
    });
    return resolved;
  }

  return { host, bounded, exchange, calendar };
}
