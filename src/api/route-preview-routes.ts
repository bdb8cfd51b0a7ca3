/** `POST /clients/:id/route-preview`: the engine's decision for a hypothetical call, read-only. */
import { Router } from 'express';
import { getClient, profileOf } from '../app/clients';
import type { RoutePreviewer } from './route-preview';
import { routePreviewInputSchema } from './schemas';
import { idParam, parseBody } from './validate';

export function routePreviewRouter(routePreview: RoutePreviewer): Router {
  const router = Router({ mergeParams: true });
  router.post('/', async (req, res) => {
    const client = await getClient(idParam(req));
    const input = parseBody(routePreviewInputSchema, req);
    const preview = routePreview(profileOf(client), {
      ...input,
      at: input.at ? new Date(input.at) : new Date(),
    });
    res.json(preview);
  });
  return router;
}
