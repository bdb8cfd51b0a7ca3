/**
 * `/admin/callers`: a caller's access request and erasure from the admin pages. Every step is a
 * POST (CSRF-checked), so the number never lands in a URL, a browser history or an access log.
 */
import { Router, type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import { exportCallerData, lookUpCaller, type CallerRightsDeps } from '../../app/caller-access';
import { eraseCaller, previewErasure } from '../../app/caller-erasure';
import { listClients } from '../../app/clients';
import { ConflictError, InvalidInputError } from '../../domain/errors';
import { sourceOf } from '../auth';
import { csrfProtection } from '../csrf';
import { pageContext } from '../page-context';
import {
  callerHoldingsPage,
  callerSearchPage,
  erasureDonePage,
  erasurePreviewPage,
  type CallerForm,
} from './caller-views';
import { callerTexts } from './caller-texts';

const formSchema = z.object({
  phone: z.string().trim().max(40).default(''),
  clientId: z
    .string()
    .regex(/^([0-9a-f]{24})?$/i)
    .default('')
    .transform((v) => v || undefined),
  lang: z.enum(['fr', 'en']).default('fr'),
  token: z.string().max(200).default(''),
});

function readForm(req: Request) {
  const parsed = formSchema.safeParse(req.body ?? {});
  return parsed.success ? parsed.data : null;
}

export function callerRoutes(pageStack: RequestHandler[], deps: CallerRightsDeps): Router {
  const router = Router();
  const postStack = [...pageStack, csrfProtection as RequestHandler];

  const formAgain = async (req: Request, res: Response, values: CallerForm['values'], message: string) => {
    const errors = { phone: [message] };
    res.status(400).send(callerSearchPage(pageContext(req, res), await listClients(), { values, errors }));
  };

  router.get('/callers', ...pageStack, async (req, res) => {
    res.send(
      callerSearchPage(pageContext(req, res), await listClients(), { values: { lang: 'fr' }, errors: {} }),
    );
  });

  router.post('/callers', ...postStack, async (req, res) => {
    const form = readForm(req);
    const t = callerTexts(pageContext(req, res).lang);
    if (!form || !form.phone) return formAgain(req, res, { lang: 'fr' }, t.phoneError);
    const values = { phone: form.phone, clientId: form.clientId ?? '', lang: form.lang };
    try {
      const found = await lookUpCaller(deps, { phone: form.phone, clientId: form.clientId });
      res.set('Cache-Control', 'no-store');
      res.send(
        callerHoldingsPage(
          pageContext(req, res),
          await listClients(),
          { values, errors: {} },
          found.holdings,
        ),
      );
    } catch (err) {
      if (err instanceof InvalidInputError) return formAgain(req, res, values, t.phoneError);
      throw err;
    }
  });

  router.post('/callers/export', ...postStack, async (req, res) => {
    const form = readForm(req);
    if (!form || !form.phone) return void res.redirect(303, '/admin/callers');
    const out = await exportCallerData(deps, sourceOf(req, res), {
      phone: form.phone,
      clientId: form.clientId,
      lang: form.lang,
    });
    res
      .type('application/zip')
      .set('Content-Disposition', `attachment; filename="${out.fileName}"`)
      .set('Cache-Control', 'no-store')
      .send(Buffer.from(out.zip));
  });

  router.post('/callers/erasure/preview', ...postStack, async (req, res) => {
    const form = readForm(req);
    if (!form || !form.phone) return void res.redirect(303, '/admin/callers');
    const preview = await previewErasure(deps, { phone: form.phone, clientId: form.clientId });
    res.set('Cache-Control', 'no-store').send(erasurePreviewPage(pageContext(req, res), preview));
  });

  router.post('/callers/erasure', ...postStack, async (req, res) => {
    const form = readForm(req);
    if (!form || !form.phone) return void res.redirect(303, '/admin/callers');
    const request = { phone: form.phone, clientId: form.clientId };
    try {
      const result = await eraseCaller(deps, sourceOf(req, res), { ...request, token: form.token });
      res.set('Cache-Control', 'no-store').send(erasureDonePage(pageContext(req, res), result));
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
      const preview = await previewErasure(deps, request);
      const ctx = pageContext(req, res);
      res.status(409).send(erasurePreviewPage(ctx, preview, callerTexts(ctx.lang).tokenRefused));
    }
  });

  return router;
}
