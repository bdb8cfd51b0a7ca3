/**
 * Appointments in the admin API: a client's free slots and appointments (`/clients/{id}/…`), one
 * appointment, moving and cancelling it (`/appointments/{id}…`). The slot rules, the calendar
 * writes and the audit are the use cases'; this edge reads the inputs and shapes the answers.
 */
import { Router, type Request, type Response } from 'express';
import {
  appointmentById,
  appointmentsOf,
  bookAppointment,
  cancelAppointment,
  findSlots,
  moveAppointment,
  SlotTakenError,
  type AppointmentDeps,
} from '../app/appointments';
import { getClient, type Client } from '../app/clients';
import { CalendarUnavailableError } from '../app/calendar-port';
import { accessOf, canSeeClient } from '../domain/access';
import { slotText } from '../domain/appointment-text';
import { NotFoundError } from '../domain/errors';
import { clientCountry, toE164 } from '../domain/phone';
import { addDays, startOfLocalDay } from '../domain/zoned-time';
import { HttpError } from '../http/errors';
import type { Appointment } from '../store/appointments';
import {
  appointmentListQuerySchema,
  appointmentMoveBodySchema,
  availabilityQuerySchema,
  langOf,
  MAX_LIST_DAYS,
  newAppointmentBodySchema,
  toAppointmentView,
} from './appointment-schemas';
import { sourceOf } from './auth';
import { idParam, parseBody, parseQuery } from './validate';

type Slot = { start: Date; end: Date };

const slotViewOf = (client: Client) => (s: Slot) => ({
  start: s.start,
  end: s.end,
  local: slotText(s.start, langOf(client.locale), client.timezone),
});

const viewOf = (client: Pick<Client, 'locale' | 'timezone'>, a: Appointment) =>
  toAppointmentView(a, slotText(a.start, langOf(client.locale), client.timezone));

/**
 * Runs a booking or a move and answers it: a slot taken meanwhile is a 409 with the next free
 * slots as `alternatives` (beside the usual `{ error, details }`); a silent calendar a 503.
 */
async function answerChange(
  res: Response,
  client: Client,
  status: number,
  work: () => Promise<Appointment>,
): Promise<Appointment | null> {
  try {
    const appointment = await work();
    res.status(status).json(viewOf(client, appointment));
    return appointment;
  } catch (err) {
    if (!(err instanceof SlotTakenError)) return bookingError(err);
    res.status(409).json({
      error: 'this slot is not free any more',
      details: [{ path: 'start', message: 'the slot was just taken: choose one of `alternatives`' }],
      alternatives: err.alternatives.map(slotViewOf(client)),
    });
    return null;
  }
}

function bookingError(err: unknown): never {
  if (err instanceof CalendarUnavailableError) {
    throw new HttpError(503, 'the client’s calendar does not answer', [
      { path: 'calendar', message: err.message },
    ]);
  }
  throw err;
}

/** A client the actor may act for (the API token sees every client; a missing one is a 404). */
async function clientFor(req: Request, res: Response): Promise<Client> {
  const client = await getClient(idParam(req));
  if (!canSeeClient(accessOf(sourceOf(req, res).actor), client.id)) throw new NotFoundError('no such client');
  return client;
}

/** `from`/`to` of a list: a day is read in the client's timezone, `to` a whole day included. */
function rangeOf(req: Request, timeZone: string): { from: Date; to: Date } {
  const q = parseQuery(appointmentListQuerySchema, req);
  const isDay = (v: string) => v.length === 10;
  const from = isDay(q.from) ? startOfLocalDay(q.from, timeZone) : new Date(q.from);
  const to = isDay(q.to) ? startOfLocalDay(addDays(q.to, 1), timeZone) : new Date(q.to);
  if (to <= from)
    throw new HttpError(400, 'invalid query', [{ path: 'query.to', message: 'must be after from' }]);
  if (to.getTime() - from.getTime() > MAX_LIST_DAYS * 86_400_000) {
    throw new HttpError(400, 'invalid query', [
      { path: 'query.to', message: `at most ${MAX_LIST_DAYS} days after from` },
    ]);
  }
  return { from, to };
}

/** `/clients/{id}/availability` and `/clients/{id}/appointments`. */
export function clientAppointmentsRouter(deps: AppointmentDeps): Router {
  const router = Router({ mergeParams: true });

  router.get('/availability', async (req, res) => {
    const client = await clientFor(req, res);
    const q = parseQuery(availabilityQuerySchema, req);
    const type = client.appointments.types.find((t) => t.id === q.type);
    if (!type)
      throw new HttpError(400, 'invalid query', [
        { path: 'query.type', message: 'no such appointment type' },
      ]);
    const preference = {
      ...(q.day ? { day: q.day } : {}),
      ...(q.partOfDay ? { partOfDay: q.partOfDay } : {}),
    };
    const slots = await findSlots(deps, client, {
      typeId: type.id,
      preference,
      limit: q.limit ?? type.slotsOffered,
    }).catch(bookingError);
    res.json({ typeId: type.id, timeZone: client.timezone, data: slots.map(slotViewOf(client)) });
  });

  router.get('/appointments', async (req, res) => {
    const client = await clientFor(req, res);
    const { from, to } = rangeOf(req, client.timezone);
    const list = await appointmentsOf(sourceOf(req, res), client.id, from, to);
    res.json({ data: list.map((a) => viewOf(client, a)) });
  });

  router.post('/appointments', async (req, res) => {
    const client = await clientFor(req, res);
    const body = parseBody(newAppointmentBodySchema, req);
    const number = toE164(body.callerNumber, clientCountry(client));
    if (!number) {
      throw new HttpError(400, 'invalid body', [
        {
          path: 'callerNumber',
          message: 'not a valid phone number (international, or national in the client’s country)',
        },
      ]);
    }
    const source = sourceOf(req, res);
    await answerChange(res, client, 201, async () => {
      const booked = await bookAppointment(deps, source, client, {
        ...body,
        start: new Date(body.start),
        callerNumber: number,
      });
      res.location(`${req.baseUrl.replace(/\/clients\/[^/]+$/, '')}/appointments/${booked.id}`);
      return booked;
    });
  });

  return router;
}

const APPOINTMENT_ID = /^[A-Za-z0-9_-]{1,64}$/;

function appointmentParam(req: Request): string {
  const id = req.params.id;
  if (typeof id !== 'string' || !APPOINTMENT_ID.test(id)) throw new HttpError(404, 'not found');
  return id;
}

/** `/appointments/{id}`: read, move (`PATCH { start }`), cancel. */
export function appointmentsRouter(deps: AppointmentDeps): Router {
  const router = Router();

  const answer = async (res: Response, a: Appointment) => res.json(viewOf(await getClient(a.clientId), a));

  router.get('/:id', async (req, res) => {
    await answer(res, await appointmentById(sourceOf(req, res), appointmentParam(req)));
  });

  router.patch('/:id', async (req, res) => {
    const source = sourceOf(req, res);
    const current = await appointmentById(source, appointmentParam(req));
    const { start } = parseBody(appointmentMoveBodySchema, req);
    const client = await getClient(current.clientId);
    await answerChange(res, client, 200, () => moveAppointment(deps, source, current.id, new Date(start)));
  });

  router.post('/:id/cancel', async (req, res) => {
    const source = sourceOf(req, res);
    const current = await appointmentById(source, appointmentParam(req));
    const client = await getClient(current.clientId);
    await answerChange(res, client, 200, () => cancelAppointment(deps, source, current.id, 'staff'));
  });

  return router;
}
