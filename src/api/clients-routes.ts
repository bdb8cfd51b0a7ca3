/** `/clients`: the tenants' profiles, validated by the shared client-profile schema. */
import { Router } from 'express';
import { invalidateClientCache } from '../app/client-cache';
import { clientProfileSchema } from '../flow/profile';
import { HttpError } from '../http/errors';
import { createClient, getClient, listClients, updateClient, type Client } from '../store/clients';
import { audit } from './audit';
import { setClientActive } from '../store/clients';
import { routePreviewRouter } from './route-preview-routes';
import type { RoutePreviewer } from './route-preview';
import { CLIENT_PROFILE_KEYS, clientListQuerySchema } from './schemas';
import { mergePatch } from './merge-patch';
import { idParam, objectBody, parseObject, parseQuery, unknownKeys } from './validate';

/** The profile part of a client, as it would be given to PUT. */
function profileOf(client: Client): Record<string, unknown> {
  const { id: _id, active: _active, createdAt: _c, updatedAt: _u, ...profile } = client;
  return profile;
}

/** Validates a whole profile; unknown top-level fields are refused rather than silently dropped. */
function parseProfile(body: Record<string, unknown>) {
  const unknown = unknownKeys(body, CLIENT_PROFILE_KEYS);
  if (unknown.length > 0) throw new HttpError(400, 'invalid body', unknown);
  return parseObject(clientProfileSchema, body);
}

export function clientsRouter(options: { routePreview: RoutePreviewer }): Router {
  const router = Router();
  // A changed profile must reach live calls at once: drop this instance's cached profiles.
  router.use((req, res, next) => {
    if (req.method !== 'GET') res.on('finish', invalidateClientCache);
    next();
  });

  router.get('/', async (req, res) => {
    const { active } = parseQuery(clientListQuerySchema, req);
    const clients = await listClients();
    res.json({ data: active === undefined ? clients : clients.filter((c) => c.active === active) });
  });

  router.post('/', async (req, res) => {
    const profile = parseProfile(objectBody(req));
    const client = await createClient(profile);
    await audit(req, res, {
      action: 'client.create',
      target: { type: 'client', id: client.id },
      clientId: client.id,
    });
    res.status(201).location(`${req.baseUrl}/${client.id}`).json(client);
  });

  router.get('/:id', async (req, res) => {
    res.json(await getClient(idParam(req)));
  });

  router.put('/:id', async (req, res) => {
    const id = idParam(req);
    const client = await updateClient(id, parseProfile(objectBody(req)));
    await audit(req, res, { action: 'client.replace', target: { type: 'client', id }, clientId: id });
    res.json(client);
  });

  router.patch('/:id', async (req, res) => {
    const id = idParam(req);
    const current = await getClient(id);
    const { active, ...changes } = objectBody(req);
    if (active !== undefined && typeof active !== 'boolean') {
      throw new HttpError(400, 'invalid body', [{ path: 'active', message: 'expected a boolean' }]);
    }
    const profile = parseProfile(mergePatch(profileOf(current), changes) as Record<string, unknown>);
    let client = await updateClient(id, profile);
    if (active !== undefined && active !== client.active) client = await setClientActive(id, active);
    const detail = { fields: Object.keys(objectBody(req)) };
    await audit(req, res, { action: 'client.update', target: { type: 'client', id }, clientId: id, detail });
    res.json(client);
  });

  router.delete('/:id', async (req, res) => {
    const id = idParam(req);
    const client = await setClientActive(id, false);
    await audit(req, res, { action: 'client.deactivate', target: { type: 'client', id }, clientId: id });
    res.json(client);
  });

  router.use('/:id/route-preview', routePreviewRouter(options.routePreview));
  return router;
}
