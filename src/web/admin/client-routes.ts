/** `/admin/clients`: list, create, edit, and the "test this setup" panel over the saved profile. */
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

type IdRequest = Request<{ id: string }>;

async function renderEdit(
  req: Request,
  res: Response,
  client: Client,
  form: { values: FormValues; errors: FieldErrors },
  panel: PreviewRequest,
) {
  const ctx = pageContext(req, res);
  const t = adminTexts(ctx.lang);
  const result: RoutePreview | null = panel.input ? previewRoute(profileOf(client), panel.input) : null;
  const preview = previewPanel(t, client.id, panel, result);
  const [lastRun] = await recentPurgeRuns(1);
  return clientFormPage(ctx, {
    client: { id: client.id, name: client.name, active: client.active },
    form,
    preview,
    lastPurge: lastPurgeLine(ctx.lang, lastRun, client.id),
  });
}

const emptyPanel = (client: Client): PreviewRequest => ({
  values: { at: instantToLocal(new Date(), client.timezone) },
  errors: {},
});

export function clientRoutes(pageStack: RequestHandler[], clients: ClientsDeps): Router {
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
    res.send(
      await renderEdit(req, res, client, { values: formFromProfile(client), errors: {} }, emptyPanel(client)),
    );
  });

  router.get('/clients/:id/preview', ...pageStack, async (req: IdRequest, res: Response) => {
    const client = await getClient(req.params.id);
    const t = adminTexts(pageLang(req, res));
    const panel = previewRequest(req.query, client.timezone, t);
    if (!panel.input) res.status(400);
    res.send(await renderEdit(req, res, client, { values: formFromProfile(client), errors: {} }, panel));
  });

  router.post('/clients/:id', ...postStack, async (req: IdRequest, res: Response) => {
    const client = await getClient(req.params.id);
    const values = formValues(req.body);
    const t = adminTexts(pageLang(req, res));
    const saved = await saveClientForm(values, t, (profile) =>
      updateClient(clients, sourceOf(req, res), client.id, { profile }),
    );
    if ('errors' in saved) {
      res.status(saved.conflict ? 409 : 400);
      return void res.send(
        await renderEdit(req, res, client, { values, errors: saved.errors }, emptyPanel(client)),
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
