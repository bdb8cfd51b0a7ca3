/** `/users`: assistants and admins. Password hashes never leave the store. */
import { Router } from 'express';
import { createUser, getUser, listUsers, restoreUserVersion, updateUser } from '../app/users';
import { sourceOf } from './auth';
import { newUserBodySchema, userChangesBodySchema, userListQuerySchema } from './schemas';
import { idParam, parseBody, parseQuery } from './validate';
import { versionsRouter } from './versions-routes';

export function usersRouter(): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    res.json({ data: await listUsers(parseQuery(userListQuerySchema, req)) });
  });

  router.post('/', async (req, res) => {
    const user = await createUser(sourceOf(req, res), parseBody(newUserBodySchema, req));
    res.status(201).location(`${req.baseUrl}/${user.id}`).json(user);
  });

  router.get('/:id', async (req, res) => {
    res.json(await getUser(idParam(req)));
  });

  router.patch('/:id', async (req, res) => {
    const changes = parseBody(userChangesBodySchema, req);
    res.json(await updateUser(sourceOf(req, res), idParam(req), changes));
  });

  router.use('/:id/versions', versionsRouter({ type: 'user', load: getUser, restore: restoreUserVersion }));

  return router;
}
