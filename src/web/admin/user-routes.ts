/** `/admin/users`: list, create and edit users (role, client assignments, activation, password reset). */
import { Router, type Request, type RequestHandler, type Response } from 'express';
import { type User } from '../../domain/users';
import { listClients } from '../../app/clients';
import { getUser, listUsers } from '../../app/users';
import { sourceOf } from '../auth';
import { csrfProtection } from '../csrf';
import { pageContext, pageLang, setFlash } from '../page-context';
import { adminTexts } from './admin-texts';
import { formList, formValues, type FormValues } from './form-values';
import { createUserFromForm, updateUserFromForm } from './user-save';
import { userFormPage, userListPage } from './user-views';

type IdRequest = Request<{ id: string }>;

function valuesOf(u: User): FormValues {
  return { name: u.name, role: u.role, locale: u.locale, active: u.active ? 'on' : '' };
}

export function userRoutes(pageStack: RequestHandler[]): Router {
  const router = Router();
  const postStack = [...pageStack, csrfProtection as RequestHandler];

  router.get('/users', ...pageStack, async (req, res) => {
    const [users, clients] = await Promise.all([listUsers(), listClients()]);
    res.send(userListPage(pageContext(req, res), users, clients));
  });

  router.get('/users/new', ...pageStack, async (req, res) => {
    const form = { values: { role: 'assistant', locale: 'fr-FR' }, errors: {} };
    res.send(userFormPage(pageContext(req, res), { form, clientIds: [], clients: await listClients() }));
  });

  router.post('/users', ...postStack, async (req: Request, res: Response) => {
    const values = formValues(req.body, ['clientIds']);
    const clientIds = formList(req.body, 'clientIds');
    const t = adminTexts(pageLang(req, res));
    const saved = await createUserFromForm(sourceOf(req, res), values, clientIds, t);
    if ('errors' in saved) {
      delete values.password;
      const page = { form: { values, errors: saved.errors }, clientIds, clients: await listClients() };
      return void res.status(saved.status).send(userFormPage(pageContext(req, res), page));
    }
    setFlash(req, 'ok', t.userCreated);
    res.redirect(303, `/admin/users/${saved.user.id}`);
  });

  router.get('/users/:id', ...pageStack, async (req: IdRequest, res: Response) => {
    const user = await getUser(req.params.id);
    const form = { values: valuesOf(user), errors: {} };
    const page = { user, form, clientIds: user.clientIds, clients: await listClients() };
    res.send(userFormPage(pageContext(req, res), page));
  });

  router.post('/users/:id', ...postStack, async (req: IdRequest, res: Response) => {
    const before = await getUser(req.params.id);
    const values = formValues(req.body, ['clientIds']);
    const clientIds = formList(req.body, 'clientIds');
    const t = adminTexts(pageLang(req, res));
    const saved = await updateUserFromForm(sourceOf(req, res), before.id, values, clientIds, t);
    if ('errors' in saved) {
      delete values.password;
      const page = {
        user: before,
        form: { values, errors: saved.errors },
        clientIds,
        clients: await listClients(),
      };
      return void res.status(saved.status).send(userFormPage(pageContext(req, res), page));
    }
    setFlash(req, 'ok', t.userSaved);
    res.redirect(303, `/admin/users/${before.id}`);
  });

  return router;
}
