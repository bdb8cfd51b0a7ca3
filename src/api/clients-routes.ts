/** `/clients`: the tenants' profiles, validated by the shared client-profile schema. */
import { Router } from 'express';
import {
  createClient,
  getClient,
  listClients,
  profileOf,
  restoreClientVersion,
  setClientActive,
  updateClient,
  type ClientsDeps,
} from '../app/clients';
import { clientProfileSchema } from '../flow/profile';
import { HttpError } from '../http/errors';
import { sourceOf } from './auth';
import { routePreviewRouter } from './route-preview-routes';
import type { RoutePreviewer } from './route-preview';
import { CLIENT_PROFILE_KEYS, clientListQuerySchema } from './schemas';
import { mergePatch } from './merge-patch';
import { idParam, objectBody, parseObject, parseQuery, unknownKeys } from './validate';
import { versionsRouter } from './versions-routes';
import type { AppointmentDeps } from '../app/appointments';
import type { CalendarConnectionDeps } from '../app/calendar-connections';
import { clientAppointmentsRouter } from './appointments-routes';
import { calendarRouter } from './calendar-routes';

/** Validates a whole profile; unknown top-level fields are refused rather than silently dropped. */
function parseProfile(body: Record<string, unknown>) {
  const unknown = unknownKeys(body, CLIENT_PROFILE_KEYS);
  if (unknown.length > 0) throw new HttpError(400, 'invalid body', unknown);
  return parseObject(clientProfileSchema, body);
}

export function clientsRouter(options: {
  routePreview: RoutePreviewer;
  clients: ClientsDeps;
  appointments?: AppointmentDeps | undefined;
  calendars?: CalendarConnectionDeps | undefined;
}): Router {
  const router = Router();
  const deps = options.clients;

  router.get('/', async (req, res) => {
    res.json({ data: await listClients(parseQuery(clientListQuerySchema, req)) });
  });

  router.post('/', async (req, res) => {
    const client = await createClient(deps, sourceOf(req, res), parseProfile(objectBody(req)));
    res.status(201).location(`${req.baseUrl}/${client.id}`).json(client);
  });

  router.get('/:id', async (req, res) => {
    res.json(await getClient(idParam(req)));
  });

  router.put('/:id', async (req, res) => {
    const profile = parseProfile(objectBody(req));
    res.json(await updateClient(deps, sourceOf(req, res), idParam(req), { profile }));
  });

  /** JSON Merge Patch of the profile, plus `active`; the merged profile is validated whole. */
  router.patch('/:id', async (req, res) => {
    const id = idParam(req);
    const { active, ...changes } = objectBody(req);
    if (active !== undefined && typeof active !== 'boolean') {
      throw new HttpError(400, 'invalid body', [{ path: 'active', message: 'expected a boolean' }]);
    }
    const current = await getClient(id);
    const profile =
      Object.keys(changes).length > 0
        ? parseProfile(mergePatch(profileOf(current), changes) as Record<string, unknown>)
        : undefined;
    res.json(await updateClient(deps, sourceOf(req, res), id, { profile, active }));
  });

  router.delete('/:id', async (req, res) => {
    res.json(await setClientActive(deps, sourceOf(req, res), idParam(req), false));
  });

  router.use('/:id/route-preview', routePreviewRouter(options.routePreview, options.appointments));
  if (options.appointments) router.use('/:id', clientAppointmentsRouter(options.appointments));
  if (options.calendars) router.use('/:id/calendar', calendarRouter(options.calendars));
  router.use(
    '/:id/versions',
    versionsRouter({
      type: 'client',
      load: getClient,
      restore: (source, id, version) => restoreClientVersion(deps, source, id, version),
    }),
  );
  return router;
}
