/**
 * The assistants' appointment pages: a client's day or week (`/appointments`), booking for a
 * caller (`/appointments/new`), one appointment with its move form (`/appointments/:id`) and its
 * cancellation (confirmed first). Same access rules as the messages: an assistant sees and acts
 * for their clients only. The slot rules and the audit are the use cases'.
 */
import { Router, type Request, type RequestHandler, type Response } from 'express';
import {
  appointmentById,
  appointmentsOf,
  bookAppointment,
  cancelAppointment,
  findSlots,
  moveAppointment,
  SlotTakenError,
  type AppointmentDeps,
} from '../../app/appointments';
import { CalendarUnavailableError } from '../../app/calendar-port';
import { getClient, type Client } from '../../app/clients';
import { messageOfCall, visibleClients } from '../../app/message-reads';
import { accessOf, canSeeClient } from '../../domain/access';
import { slotText } from '../../domain/appointment-text';
import { ConflictError, InvalidInputError, NotFoundError } from '../../domain/errors';
import { clientCountry, toE164 } from '../../domain/phone';
import { localToInstant } from '../../domain/zoned-time';
import type { Appointment } from '../../store/appointments';
import { addError, SUMMARY, type FieldErrors } from '../admin/field-errors';
import { formValues, type FormValues } from '../admin/form-values';
import { currentUser, sourceOf } from '../auth';
import { csrfProtection } from '../csrf';
import { pageContext, pageLang, setFlash } from '../page-context';
import {
  calendarQuerySchema,
  daysShown,
  rangeOf,
  readBooking,
  slotSearchSchema,
  startSchema,
  todayIn,
  type SlotSearch,
} from './appointment-query';
import { appointmentTexts, type AppointmentTexts } from './appointment-texts';
import { appointmentPage, cancelPage } from './appointment-view';
import { bookingPage } from './booking-view';
import { calendarPage, type CalendarClient } from './calendar-view';
import type { Slot } from './slot-fields';

type IdRequest = Request<{ id: string }>;
const APPOINTMENT_ID = /^[A-Za-z0-9_-]{1,64}$/;

function idOf(req: IdRequest): string {
  if (!APPOINTMENT_ID.test(req.params.id)) throw new NotFoundError('no such appointment');
  return req.params.id;
}

const asCalendarClient = (c: Client): CalendarClient => ({
  id: c.id,
  name: c.name,
  timezone: c.timezone,
  country: clientCountry(c),
});

/** A client the signed-in person may act for; another one is a 404, as a missing one. */
async function visibleClient(res: Response, id: string): Promise<Client> {
  if (!canSeeClient(accessOf(currentUser(res)), id)) throw new NotFoundError('no such client');
  return getClient(id);
}

/** The free slots of a search: from the day asked (or now), in the part of the day asked. */
function searchSlots(
  deps: AppointmentDeps,
  client: Client,
  typeId: string,
  search: SlotSearch,
  excludeAppointmentId?: string,
): Promise<Slot[]> {
  const notBefore = search.date ? localToInstant(`${search.date}T00:00`, client.timezone) : null;
  const preference = {
    ...(notBefore && notBefore > deps.now() ? { notBefore: notBefore.toISOString() } : {}),
    ...(search.part ? { partOfDay: search.part } : {}),
  };
  return findSlots(deps, client, {
    typeId,
    preference,
    limit: 12,
    ...(excludeAppointmentId ? { excludeAppointmentId } : {}),
  });
}

/** A refused booking or move, as errors next to the fields (and the slots to choose from instead). */
function refusal(err: unknown, t: AppointmentTexts): { errors: FieldErrors; status: number; slots?: Slot[] } {
  const errors: FieldErrors = {};
  if (err instanceof SlotTakenError) {
    addError(errors, 'start', t.errors.slotTaken);
    return { errors, status: 409, slots: err.alternatives };
  }
  if (err instanceof CalendarUnavailableError) {
    addError(errors, SUMMARY, t.errors.calendarDown);
    return { errors, status: 503 };
  }
  if (err instanceof InvalidInputError) {
    for (const d of err.details) {
      if (d.path === 'typeId') addError(errors, 'type', t.errors.type);
      else if (d.path === 'callerNumber') addError(errors, 'callerNumber', t.errors.callerNumber);
      else if (d.path === 'callerName') addError(errors, 'callerName', t.errors.callerName);
      else addError(errors, 'start', t.errors.notBookable);
    }
    return { errors, status: 400 };
  }
  throw err;
}

export function appointmentRoutes(pageStack: RequestHandler[], deps: AppointmentDeps): Router {
  const router = Router();
  const postStack = [...pageStack, csrfProtection as RequestHandler];

  router.get('/appointments', ...pageStack, async (req: Request, res: Response) => {
    const query = calendarQuerySchema.parse(req.query);
    const user = currentUser(res);
    const clients = await visibleClients(accessOf(user));
    if (query.client && !clients.some((c) => c.id === query.client))
      throw new NotFoundError('no such client');
    const chosen = clients.find((c) => c.id === query.client) ?? clients[0];
    const ctx = pageContext(req, res);
    if (!chosen) {
      const none = { clients, client: null, view: 'week' as const, date: '', today: '' };
      return void res.send(calendarPage(ctx, { ...none, days: [], appointments: [] }));
    }
    const today = todayIn(chosen.timezone, deps.now());
    const view = query.view ?? 'week';
    const date = query.date ?? today;
    const days = daysShown(view, date);
    const { from, to } = rangeOf(days, chosen.timezone);
    const appointments = await appointmentsOf(sourceOf(req, res), chosen.id, from, to);
    res.send(calendarPage(ctx, { clients, client: chosen, view, date, days, today, appointments }));
  });

  const renderBooking = async (
    req: Request,
    res: Response,
    client: Client,
    search: SlotSearch,
    form: { values: FormValues; errors: FieldErrors },
    slots?: Slot[],
  ) => {
    const types = client.appointments.types;
    const type = types.find((x) => x.id === search.type) ?? types[0] ?? null;
    const found = slots ?? (type ? await searchSlots(deps, client, type.id, search) : []);
    res.send(
      bookingPage(pageContext(req, res), {
        client: asCalendarClient(client),
        types,
        type,
        search: { date: search.date, part: search.part },
        slots: found,
        form,
      }),
    );
  };

  router.get('/appointments/new', ...pageStack, async (req: Request, res: Response) => {
    const search = slotSearchSchema.parse(req.query);
    const clients = await visibleClients(accessOf(currentUser(res)));
    const id = search.client ?? clients[0]?.id;
    if (!id) throw new NotFoundError('no client');
    const client = await visibleClient(res, id);
    await renderBooking(req, res, client, search, { values: {}, errors: {} });
  });

  router.post('/appointments/new', ...postStack, async (req: Request, res: Response) => {
    const values = formValues(req.body);
    const client = await visibleClient(res, slotSearchSchema.parse({ client: values.client }).client ?? '');
    const t = appointmentTexts(pageLang(req, res));
    const search: SlotSearch = { type: values.type };
    const read = readBooking(values, t);
    const errors: FieldErrors = 'errors' in read ? read.errors : {};
    const number = 'booking' in read ? toE164(read.booking.callerNumber, clientCountry(client)) : undefined;
    if ('booking' in read && !number) addError(errors, 'callerNumber', t.errors.callerNumber);
    if (!('booking' in read) || !number) {
      res.status(400);
      return renderBooking(req, res, client, search, { values, errors });
    }
    const { booking } = read;
    try {
      const booked = await bookAppointment(deps, sourceOf(req, res), client, {
        typeId: booking.type,
        start: new Date(booking.start),
        callerName: booking.callerName,
        callerNumber: number,
        ...(booking.reason ? { reason: booking.reason } : {}),
      });
      setFlash(req, 'ok', t.booked(slotText(booked.start, pageLang(req, res), client.timezone)));
      res.redirect(303, `/appointments/${encodeURIComponent(booked.id)}`);
    } catch (err) {
      const refused = refusal(err, t);
      res.status(refused.status);
      await renderBooking(req, res, client, search, { values, errors: refused.errors }, refused.slots);
    }
  });

  const renderAppointment = async (
    req: Request,
    res: Response,
    a: Appointment,
    search: SlotSearch,
    form: { values: FormValues; errors: FieldErrors },
    slots?: Slot[],
  ) => {
    const client = await getClient(a.clientId);
    const [messageId, found] = await Promise.all([
      messageOfCall(accessOf(currentUser(res)), client.id, a.callSid),
      slots ??
        (a.status === 'booked' && client.appointments.types.some((x) => x.id === a.typeId)
          ? searchSlots(deps, client, a.typeId, search, a.id)
          : Promise.resolve([])),
    ]);
    const page = { appointment: a, client: asCalendarClient(client), messageId, slots: found, form };
    res.send(
      appointmentPage(pageContext(req, res), { ...page, search: { date: search.date, part: search.part } }),
    );
  };

  router.get('/appointments/:id', ...pageStack, async (req: IdRequest, res: Response) => {
    const a = await appointmentById(sourceOf(req, res), idOf(req));
    await renderAppointment(req, res, a, slotSearchSchema.parse(req.query), { values: {}, errors: {} });
  });

  router.post('/appointments/:id/move', ...postStack, async (req: IdRequest, res: Response) => {
    const source = sourceOf(req, res);
    const a = await appointmentById(source, idOf(req));
    const values = formValues(req.body);
    const t = appointmentTexts(pageLang(req, res));
    const parsed = startSchema.safeParse(values);
    if (!parsed.success) {
      res.status(400);
      return renderAppointment(req, res, a, {}, { values, errors: { start: [t.errors.start] } });
    }
    try {
      const moved = await moveAppointment(deps, source, a.id, new Date(parsed.data.start));
      const client = await getClient(moved.clientId);
      setFlash(req, 'ok', t.moved(slotText(moved.start, pageLang(req, res), client.timezone)));
      res.redirect(303, `/appointments/${encodeURIComponent(a.id)}`);
    } catch (err) {
      const refused = refusal(err, t);
      res.status(refused.status);
      await renderAppointment(req, res, a, {}, { values, errors: refused.errors }, refused.slots);
    }
  });

  router.get('/appointments/:id/cancel', ...pageStack, async (req: IdRequest, res: Response) => {
    const a = await appointmentById(sourceOf(req, res), idOf(req));
    if (a.status !== 'booked') return res.redirect(303, `/appointments/${encodeURIComponent(a.id)}`);
    res.send(cancelPage(pageContext(req, res), a, asCalendarClient(await getClient(a.clientId))));
  });

  router.post('/appointments/:id/cancel', ...postStack, async (req: IdRequest, res: Response) => {
    const source = sourceOf(req, res);
    const a = await appointmentById(source, idOf(req));
    const t = appointmentTexts(pageLang(req, res));
    try {
      await cancelAppointment(deps, source, a.id, 'staff');
      setFlash(req, 'ok', t.cancelled);
    } catch (err) {
      if (err instanceof ConflictError) setFlash(req, 'error', t.alreadyCancelled);
      else if (err instanceof CalendarUnavailableError) setFlash(req, 'error', t.errors.calendarDown);
      else throw err;
    }
    res.redirect(303, `/appointments/${encodeURIComponent(a.id)}`);
  });

  return router;
}
