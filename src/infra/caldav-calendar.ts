/**
 * A client's own CalDAV calendar (Nextcloud, iCloud, Fastmail, Radicale…) through tsdav: busy
 * times from a server-side time-range query, events written with If-None-Match / If-Match so two
 * writers never overwrite each other. Every request is bounded by `timeoutMs`.
 */
import { calendarQuery, createCalendarObject, deleteCalendarObject, updateCalendarObject } from 'tsdav';
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
import { busyTimesOf } from './caldav-events';
import { caldavSession, refusal, textOf, type CalDavConnection } from './caldav-session';

export type { CalDavConnection } from './caldav-session';
export type CalDavCalendar = CalendarBackend & { check(): Promise<CalendarCheck> };

export function caldavCalendar(conn: CalDavConnection): CalDavCalendar {
  const { host, bounded, exchange, calendar } = caldavSession(conn);

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
