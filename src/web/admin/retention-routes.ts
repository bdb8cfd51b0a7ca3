/** `/admin/retention`: what the purge did and what it will do; "run now" (POST, CSRF). */
import { Router, type Request, type RequestHandler, type Response } from 'express';
import { PurgeFailedError, retentionOverview, runPurge, type ServiceRetention } from '../../app/retention';
import { sourceOf } from '../auth';
import { csrfProtection } from '../csrf';
import { pageContext, pageLang, setFlash } from '../page-context';
import { retentionTexts } from './retention-texts';
import { retentionPage } from './retention-view';

export function retentionRoutes(pageStack: RequestHandler[], service: ServiceRetention): Router {
  const router = Router();
  const postStack = [...pageStack, csrfProtection as RequestHandler];

  router.get('/retention', ...pageStack, async (req: Request, res: Response) => {
    res.send(retentionPage(pageContext(req, res), await retentionOverview(), service));
  });

  // The same purge as the nightly job's, in this request: the page then shows its result.
  router.post('/retention/run', ...postStack, async (req: Request, res: Response) => {
    const t = retentionTexts(pageLang(req, res));
    try {
      await runPurge(
        { now: () => new Date(), retention: service },
        { trigger: 'manual', source: sourceOf(req, res) },
      );
      setFlash(req, 'ok', t.ranOk);
    } catch (err) {
      // Recorded with its error: the page shows it under "last purge".
      if (!(err instanceof PurgeFailedError)) throw err;
      setFlash(req, 'error', t.ranFailed);
    }
    res.redirect(303, '/admin/retention');
  });

  return router;
}
