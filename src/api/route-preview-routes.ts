/**
 * `POST /clients/:id/route-preview`: the engine's decision for a hypothetical call, read-only, and
 * the appointment slots such a caller would be offered (when the appointment use cases are wired).
 */
import { Router } from 'express';
import type { AppointmentDeps } from '../app/appointments';
import { getClient, profileOf } from '../app/clients';
import type { RoutePreviewer } from './route-preview';
import { slotsOfferedAt } from '../app/offered-slots';
import { routePreviewInputSchema } from './schemas';
import { idParam, parseBody } from './validate';

export function routePreviewRouter(routePreview: RoutePreviewer, appointments?: AppointmentDeps): Router {
  const router = Router({ mergeParams: true });
  router.post('/', async (req, res) => {
    const client = await getClient(idParam(req));
    const input = parseBody(routePreviewInputSchema, req);
    const at = input.at ? new Date(input.at) : new Date();
    const preview = routePreview(profileOf(client), { ...input, at });
    const lang = client.locale.startsWith('en') ? 'en' : 'fr';
    const slots =
      appointments && client.appointments.types.length > 0
        ? { appointmentSlots: await slotsOfferedAt(appointments, client, at, lang) }
        : {};
    res.json({ ...preview, ...slots });
  });
  return router;
}
