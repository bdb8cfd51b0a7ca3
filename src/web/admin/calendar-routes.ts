/**
 * The client page's calendar panel actions: connect a CalDAV calendar (the use case tests it
 * first), test settings or the stored connection, disconnect. A blank password keeps the stored one.
 */
import { Router, type Request, type RequestHandler, type Response } from 'express';
import {
  calendarConnectionInputSchema,
  connectCalendar,
  disconnectCalendar,
  testCalendarConnection,
  type CalendarConnectionDeps,
} from '../../app/calendar-connections';
import { getClient, type Client } from '../../app/clients';
import { InvalidInputError } from '../../domain/errors';
import { instantToLocal } from '../../domain/zoned-time';
import { sourceOf } from '../auth';
import { csrfProtection } from '../csrf';
import { pageLang, setFlash } from '../page-context';
import { adminTexts, type AdminTexts } from './admin-texts';
import { formFromProfile } from './client-form-fill';
import { renderEdit, type ClientPageDeps } from './client-routes';
import { addError, SUMMARY, type FieldErrors } from './field-errors';
import { formValues, type FormValues } from './form-values';

type IdRequest = Request<{ id: string }>;
const FIELDS = ['url', 'username', 'password'] as const;

/** The panel's fields through the use case's schema; each field at fault gets the panel's sentence. */
function readConnection(v: FormValues, t: AdminTexts) {
  const input = {
    url: (v.url ?? '').trim(),
    username: (v.username ?? '').trim(),
    ...(v.password ? { password: v.password } : {}),
  };
  const parsed = calendarConnectionInputSchema.safeParse(input);
  if (parsed.success) return { input: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = FIELDS.find((f) => f === issue.path[0]);
    if (field && !errors[field]) addError(errors, field, t.appointmentForm.calendarErrors[field]!);
    else if (!field) addError(errors, SUMMARY, t.appointmentForm.connectFailed);
  }
  return { errors };
}

export function calendarRoutes(
  pageStack: RequestHandler[],
  deps: CalendarConnectionDeps,
  more: ClientPageDeps,
): Router {
  const router = Router();
  const postStack = [...pageStack, csrfProtection as RequestHandler];

  const render = async (
    req: Request,
    res: Response,
    client: Client,
    values: FormValues,
    errors: FieldErrors,
    check?: { ok: boolean; text: string },
  ) => {
    const form = { values: formFromProfile(client, pageLang(req, res)), errors: {} };
    const panel = { values: { at: instantToLocal(new Date(), client.timezone) }, errors: {} };
    const { password: _password, ...shown } = values;
    res.send(
      await renderEdit(req, res, client, form, panel, more, { form: { values: shown, errors }, check }),
    );
  };

  router.post('/clients/:id/calendar', ...postStack, async (req: IdRequest, res: Response) => {
    const client = await getClient(req.params.id);
    const values = formValues(req.body);
    const t = adminTexts(pageLang(req, res));
    const a = t.appointmentForm;
    const read = readConnection(values, t);
    if ('errors' in read) {
      res.status(400);
      return render(req, res, client, values, read.errors ?? {});
    }
    const source = sourceOf(req, res);
    try {
      if (values.action === 'test') {
        const check = await testCalendarConnection(deps, source, client.id, read.input);
        const why = check.ok ? '' : ((check.reason && a.failures[check.reason]) ?? a.failures.unreachable!);
        const text = check.ok ? a.testOk(check.calendarName) : a.testFailed(why);
        return render(req, res, client, values, {}, { ok: check.ok, text });
      }
      await connectCalendar(deps, source, client.id, read.input);
    } catch (err) {
      if (!(err instanceof InvalidInputError)) throw err;
      const errors: FieldErrors = {};
      for (const d of err.details) {
        const field = FIELDS.find((f) => f === d.path);
        addError(errors, field ?? SUMMARY, (field && a.connectField[field]) || a.connectFailed);
      }
      res.status(400);
      return render(req, res, client, values, errors, { ok: false, text: a.connectFailed });
    }
    setFlash(req, 'ok', a.connected);
    res.redirect(303, `/admin/clients/${client.id}#calendar`);
  });

  router.post('/clients/:id/calendar/disconnect', ...postStack, async (req: IdRequest, res: Response) => {
    const client = await getClient(req.params.id);
    await disconnectCalendar(deps, sourceOf(req, res), client.id);
    setFlash(req, 'ok', adminTexts(pageLang(req, res)).appointmentForm.disconnected);
    res.redirect(303, `/admin/clients/${client.id}#calendar`);
  });

  return router;
}
