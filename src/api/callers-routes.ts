/** `/callers`: a caller's access request (export) and erasure (preview, then confirm). */
import { Router } from 'express';
import { exportCallerData, type CallerRightsDeps } from '../app/caller-access';
import { eraseCaller, previewErasure } from '../app/caller-erasure';
import { sourceOf } from './auth';
import { callerErasureBodySchema, callerExportBodySchema, callerQuerySchema } from './schemas';
import { parseBody } from './validate';

export function callersRouter(deps: CallerRightsDeps): Router {
  const router = Router();

  router.post('/export', async (req, res) => {
    const body = parseBody(callerExportBodySchema, req);
    const out = await exportCallerData(deps, sourceOf(req, res), body);
    res
      .status(200)
      .type('application/zip')
      .set('Content-Disposition', `attachment; filename="${out.fileName}"`)
      .set('Cache-Control', 'no-store')
      .send(Buffer.from(out.zip));
  });

  router.post('/erasure/preview', async (req, res) => {
    const preview = await previewErasure(deps, parseBody(callerQuerySchema, req));
    res.set('Cache-Control', 'no-store').json(preview);
  });

  router.post('/erasure', async (req, res) => {
    const body = parseBody(callerErasureBodySchema, req);
    res.json(await eraseCaller(deps, sourceOf(req, res), body));
  });

  return router;
}
