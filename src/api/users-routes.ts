/** `/users`: assistants and admins. Password hashes never leave the store. */
import { Router } from 'express';
import { createUser, getUser, listUsers, updateUser } from '../store/users';
import { audit } from './audit';
import { newUserBodySchema, userChangesBodySchema, userListQuerySchema } from './schemas';
import { idParam, parseBody, parseQuery } from './validate';

export function usersRouter(): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    res.json({ data: await listUsers(parseQuery(userListQuerySchema, req)) });
  });

  router.post('/', async (req, res) => {
    const user = await createUser(parseBody(newUserBodySchema, req));
    await audit(req, res, { action: 'user.create', target: { type: 'user', id: user.id } });
    res.status(201).location(`${req.baseUrl}/${user.id}`).json(user);
  });

  router.get('/:id', async (req, res) => {
    res.json(await getUser(idParam(req)));
  });

  router.patch('/:id', async (req, res) => {
    const id = idParam(req);
    const changes = parseBody(userChangesBodySchema, req);
    const user = await updateUser(id, changes);
    const fields = Object.keys(changes).map((key) => (key === 'password' ? 'password (reset)' : key));
    await audit(req, res, { action: 'user.update', target: { type: 'user', id }, detail: { fields } });
    res.json(user);
  });

  return router;
}
