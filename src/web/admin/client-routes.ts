/** `/admin/clients`: list, create, edit, and the "test this setup" panel over the saved profile. */
import { clientCountry } from '../../domain/phone';
import { Router, type Request, type RequestHandler, type Response } from 'express';
import {
  createClient,
  getClient,
  listClients,
  profileOf,
  setClientActive,
  updateClient,
  type Client,
  type ClientsDeps,
} from '../../app/clients';
import { previewRoute, type RoutePreview } from '../../flow/preview';
import { sourceOf } from '../auth';
import { csrfProtection } from '../csrf';
import { pageContext, pageLang, setFlash } from '../page-context';
import { adminTexts } from './admin-texts';
import { formFromProfile, newClientValues } from './client-form-fill';
import { clientFormPage } from './client-form-view';
import { clientListPage } from './client-list-view';
import { saveClientForm } from './client-save';
import type { FieldErrors } from './field-errors';
import { formValues, type FormValues } from './form-values';
import { previewRequest, type PreviewRequest } from './preview-query';
import { previewPanel } from './preview-view';
import { instantToLocal } from '../../domain/zoned-time';
import { recentPurgeRuns } from '../../app/retention';
import { lastPurgeLine } from './retention-view';
import type { AppointmentDeps } from '../../app/appointments';
import { calendarConnectionOf, type CalendarConnectionDeps } from '../../app/calendar-connections';
import { slotsOfferedAt, type OfferedSlots } from '../../app/offered-slots';
import { calendarFormValues, calendarPanel, type CalendarPanelData } from './calendar-panel';
import type { FormState } from './form-controls';
import { applyRulesOp, RULES_OP } from './rules-form';
import type { WeeklyReportDeps } from '../../notify/weekly-report-send';

type IdRequest = Request<{ id: string }>;

/** What the client page needs beyond the client use cases: the slot search of the preview, the calendar panel. */
export type ClientPageDeps = {
  /** Without it, the preview shows no appointment slots. */
  appointments?: AppointmentDeps | undefined;
  /** Without it, the calendar panel is not shown. */
  calendars?: CalendarConnectionDeps | undefined;
  /** Without it, the weekly report preview and « Envoyer maintenant » are not served. */
  weeklyReport?: WeeklyReportDeps | undefined;
};

/** The edit page: the form, the preview panel (with the slots a caller would be offered), the calendar panel. */
export async function renderEdit(
  req: Request,
  res: Response,
  client: Client,
  form: { values: FormValues; errors: FieldErrors },
  panel: PreviewRequest,
  more: ClientPageDeps = {},
  calendar?: { form: FormState; check?: CalendarPanelData['check'] },
) {
  const ctx = pageContext(req, res);
  const t = adminTexts(ctx.lang);
  const result: RoutePreview | null = panel.input ? previewRoute(profileOf(client), panel.input) : null;
  const slots: OfferedSlots[] | undefined =
    panel.input && more.appointments && client.appointments.types.length
      ? await slotsOfferedAt(more.appointments, client, panel.input.at, ctx.lang)
      : undefined;
  const when = panel.input
    ? { at: panel.input.at, timeZone: client.timezone, country: clientCountry(client) }
    : undefined;
  const preview = previewPanel(t, client.id, panel, result, slots, when);
  const [lastRun, connection] = await Promise.all([
    recentPurgeRuns(1).then((runs) => runs[0]),
    more.calendars ? calendarConnectionOf(client.id) : Promise.resolve(null),
  ]);
  return clientFormPage(ctx, {
    client: { id: client.id, name: client.name, active: client.active },
    form,
    preview,
    ...(connection
      ? {
          calendar: calendarPanel(t, ctx.lang, ctx.csrf, {
            clientId: client.id,
            connection,
            form: calendar?.form ?? calendarFormValues(connection),
            check: calendar?.check,
          }),
        }
      : {}),
    lastPurge: lastPurgeLine(ctx.lang, lastRun, client.id),
  });
}

const emptyPanel = (client: Client): PreviewRequest => ({
  values: { at: instantToLocal(new Date(), client.timezone) },
  errors: {},
});

/** A rules builder button pressed without JavaScript: the form comes back rearranged, nothing saved. */
function rulesButton(values: FormValues): FormValues | null {
  const op = values[RULES_OP];
  return op === undefined ? null : applyRulesOp(values, op);
}

export function clientRoutes(
  pageStack: RequestHandler[],
  clients: ClientsDeps,
  more: ClientPageDeps = {},
): Router {
  const router = Router();
  const postStack = [...pageStack, csrfProtection as RequestHandler];

  router.get('/clients', ...pageStack, async (req, res) => {
    res.send(clientListPage(pageContext(req, res), await listClients()));
  });

  router.get('/clients/new', ...pageStack, (req, res) => {
    res.send(clientFormPage(pageContext(req, res), { form: { values: newClientValues(), errors: {} } }));
  });

  router.post('/clients', ...postStack, async (req, res) => {
    const values = formValues(req.body);
    const t = adminTexts(pageLang(req, res));
    const rearranged = rulesButton(values);
    if (rearranged)
      return void res.send(
        clientFormPage(pageContext(req, res), { form: { values: rearranged, errors: {} } }),
      );
    const saved = await saveClientForm(values, t, (profile) =>
      createClient(clients, sourceOf(req, res), profile),
    );
    if ('errors' in saved) {
      res.status(saved.conflict ? 409 : 400);
      return void res.send(clientFormPage(pageContext(req, res), { form: { values, errors: saved.errors } }));
    }
    setFlash(req, 'ok', t.clientCreated);
    res.redirect(303, `/admin/clients/${saved.client.id}`);
  });

  router.get('/clients/:id', ...pageStack, async (req: IdRequest, res: Response) => {
    const client = await getClient(req.params.id);
    const values = formFromProfile(client, pageLang(req, res));
    res.send(await renderEdit(req, res, client, { values, errors: {} }, emptyPanel(client), more));
  });

  router.get('/clients/:id/preview', ...pageStack, async (req: IdRequest, res: Response) => {
    const client = await getClient(req.params.id);
    const t = adminTexts(pageLang(req, res));
    const panel = previewRequest(req.query, client.timezone, t);
    if (!panel.input) res.status(400);
    const values = formFromProfile(client, pageLang(req, res));
    res.send(await renderEdit(req, res, client, { values, errors: {} }, panel, more));
  });

  router.post('/clients/:id', ...postStack, async (req: IdRequest, res: Response) => {
    const client = await getClient(req.params.id);
    const values = formValues(req.body);
    const t = adminTexts(pageLang(req, res));
    const rearranged = rulesButton(values);
    if (rearranged)
      return void res.send(
        await renderEdit(req, res, client, { values: rearranged, errors: {} }, emptyPanel(client), more),
      );
    const saved = await saveClientForm(values, t, (profile) =>
      updateClient(clients, sourceOf(req, res), client.id, { profile }),
    );
    if ('errors' in saved) {
      res.status(saved.conflict ? 409 : 400);
      return void res.send(
        await renderEdit(req, res, client, { values, errors: saved.errors }, emptyPanel(client), more),
      );
    }
    setFlash(req, 'ok', t.clientSaved);
    res.redirect(303, `/admin/clients/${client.id}`);
  });

  router.post('/clients/:id/active', ...postStack, async (req: IdRequest, res: Response) => {
    const active = (req.body as { active?: unknown }).active === 'on';
    const client = await setClientActive(clients, sourceOf(req, res), req.params.id, active);
    const t = adminTexts(pageLang(req, res));
    setFlash(req, 'ok', active ? t.clientActivated : t.clientDeactivated);
    res.redirect(303, `/admin/clients/${client.id}`);
  });

  return router;
}
