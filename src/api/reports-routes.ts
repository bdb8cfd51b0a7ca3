/** `/reports`: a period's indicators, the same as the reports page's, from the rollups; tenancy as everywhere. */
import { Router } from 'express';
import { readReport } from '../app/reports';
import { InvalidInputError } from '../domain/errors';
import { HttpError } from '../http/errors';
import { sourceOf } from './auth';
import { reportApiQuerySchema, toReportView } from './report-schemas';
import { parseQuery } from './validate';

export function reportsRouter(): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const query = parseQuery(reportApiQuerySchema, req);
    const report = await readReport(sourceOf(req, res).actor, query).catch((err: unknown) => {
      if (!(err instanceof InvalidInputError)) throw err;
      const details = err.details.map((d) => ({ path: `query.${d.path}`, message: d.message }));
      throw new HttpError(400, 'invalid query', details);
    });
    res.json(toReportView(report));
  });

  return router;
}
