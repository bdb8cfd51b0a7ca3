/**
 * `/clients/{id}/calendar`: which calendar a client's appointments go to — the built-in book or a
 * CalDAV calendar — connecting one (tested first), testing it, disconnecting it. The password goes
 * in and never comes out: answers say only that one is stored.
 */
import { Router } from 'express';
import {
  calendarConnectionOf,
  connectCalendar,
  disconnectCalendar,
  testCalendarConnection,
  type CalendarConnectionDeps,
  type CalendarConnectionView,
} from '../app/calendar-connections';
import { getClient } from '../app/clients';
import { InvalidInputError } from '../domain/errors';
import { HttpError } from '../http/errors';
import { calendarConnectionBodySchema } from './appointment-schemas';
import { sourceOf } from './auth';
import { idParam, objectBody, parseBody } from './validate';

/** Only the fields the API documents: whatever else a connection carries stays inside. */
export function toCalendarView(c: CalendarConnectionView) {
  if (c.kind !== 'caldav') return { kind: 'builtin' as const };
  return {
    kind: 'caldav' as const,
    url: c.url,
    username: c.username,
    password: 'set' as const,
    checkedAt: c.checkedAt,
    checkOk: c.checkOk,
    checkError: c.checkError,
  };
}

export function calendarRouter(deps: CalendarConnectionDeps): Router {
  const router = Router({ mergeParams: true });

  router.get('/', async (req, res) => {
    const client = await getClient(idParam(req));
    res.json(toCalendarView(await calendarConnectionOf(client.id)));
  });

  router.put('/', async (req, res) => {
    const client = await getClient(idParam(req));
    const input = parseBody(calendarConnectionBodySchema, req);
    try {
      const { view } = await connectCalendar(deps, sourceOf(req, res), client.id, input);
      res.json(toCalendarView(view));
    } catch (err) {
      if (!(err instanceof InvalidInputError)) throw err;
      throw new HttpError(400, 'the calendar could not be used with these settings', err.details);
    }
  });

  router.delete('/', async (req, res) => {
    const client = await getClient(idParam(req));
    res.json(toCalendarView(await disconnectCalendar(deps, sourceOf(req, res), client.id)));
  });

  /** Tests the body's settings when there is one, else the stored connection. */
  router.post('/test', async (req, res) => {
    const client = await getClient(idParam(req));
    const body =
      req.body === undefined || Object.keys(objectBody(req)).length === 0
        ? undefined
        : parseBody(calendarConnectionBodySchema, req);
    const check = await testCalendarConnection(deps, sourceOf(req, res), client.id, body);
    res.json(
      check.ok ? check : { ok: false, error: check.error, ...(check.reason ? { reason: check.reason } : {}) },
    );
  });

  return router;
}
