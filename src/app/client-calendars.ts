/**
 * Which calendar a client's appointments go to: its CalDAV calendar when one is connected, else
 * the built-in book. Backends are kept a few seconds per client so a call does not read the
 * connection and rediscover the calendar at every step; a connection changed on this instance
 * takes effect at once (`forgetCalendar`), one changed elsewhere within `CACHE_MS`.
 */
import type { OutboundPolicy } from '../domain/outbound-url';
import { caldavCalendar } from '../infra/caldav-calendar';
import { openSecret } from '../infra/secret-box';
import {
  getCalendarConnection,
  recordCalendarCheck,
  type StoredCalendarConnection,
} from '../store/calendar-connections';
import type { Client } from '../store/clients';
import { builtinCalendar } from './builtin-calendar';
import { CalendarUnavailableError, type CalendarBackend } from './calendar-port';

export type CalendarConnectionDeps = {
  /** `config().calendars.credentialsKey`: seals the stored passwords. */
  credentialsKey: string;
  /** `config().calendars.timeoutMs`: the most one calendar request may take during a call. */
  timeoutMs: number;
  /**
   * Where a calendar URL may point (`config().outbound`): a public host in production, so a
   * client's settings cannot make the service probe its own network. @defaultValue STRICT_OUTBOUND_POLICY
   */
  outbound?: OutboundPolicy;
  now?: () => Date;
};

const CACHE_MS = 15_000;

type Entry = { version: string; backend: CalendarBackend | null; expires: number };
const entries = new Map<string, Entry>();

/** The next use of this client's calendar reads its connection again. */
export function forgetCalendar(clientId: string): void {
  entries.delete(clientId);
}

/** The stored password, or why it cannot be read (the key changed): the calendar is then unavailable. */
export function openStoredPassword(deps: CalendarConnectionDeps, stored: StoredCalendarConnection): string {
  try {
    return openSecret(stored.passwordSealed, deps.credentialsKey);
  } catch {
    throw new CalendarUnavailableError(
      'the stored calendar password cannot be read (the credentials key changed): connect the calendar again',
      'unreadable-password',
    );
  }
}

/** A calendar that cannot be used at all: every call is told so and leaves a booking request instead. */
function unusable(error: CalendarUnavailableError): CalendarBackend {
  const fail = () => Promise.reject(error);
  return { kind: 'caldav', busy: fail, create: fail, update: fail, remove: fail };
}

/** Wraps a backend so that the failures calls meet show on the client's calendar settings. */
function reporting(
  deps: CalendarConnectionDeps,
  clientId: string,
  backend: CalendarBackend,
): CalendarBackend {
  const watch =
    <A extends unknown[], R>(work: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await work(...args);
      } catch (error) {
        if (error instanceof CalendarUnavailableError) {
          const at = (deps.now ?? (() => new Date()))();
          await recordCalendarCheck(clientId, { at, ok: false, error: error.message }).catch(() => undefined);
        }
        throw error;
      }
    };
  return {
    kind: backend.kind,
    busy: watch(backend.busy),
    create: watch(backend.create),
    update: watch(backend.update),
    remove: watch(backend.remove),
  };
}

function connected(
  deps: CalendarConnectionDeps,
  client: Client,
  stored: StoredCalendarConnection,
): CalendarBackend {
  let password: string;
  try {
    password = openStoredPassword(deps, stored);
  } catch (error) {
    return reporting(deps, client.id, unusable(error as CalendarUnavailableError));
  }
  const backend = caldavCalendar({
    url: stored.url,
    username: stored.username,
    password,
    timeZone: client.timezone,
    timeoutMs: deps.timeoutMs,
  });
  return reporting(deps, client.id, backend);
}

/** The calendar of each client: its CalDAV calendar when connected, else the built-in book. */
export function calendarFor(deps: CalendarConnectionDeps): (client: Client) => Promise<CalendarBackend> {
  return async (client) => {
    const now = Date.now();
    const hit = entries.get(client.id);
    if (hit && hit.expires > now) return hit.backend ?? builtinCalendar(client);
    const stored = await getCalendarConnection(client.id);
    // The same settings keep the same backend, and with it the calendar it discovered.
    const version = stored
      ? [stored.url, stored.username, stored.passwordSealed, client.timezone].join('\n')
      : '';
    const backend =
      hit && hit.version === version ? hit.backend : stored ? connected(deps, client, stored) : null;
    if (entries.size > 5000) entries.clear();
    entries.set(client.id, { version, backend, expires: now + CACHE_MS });
    return backend ?? builtinCalendar(client);
  };
}
