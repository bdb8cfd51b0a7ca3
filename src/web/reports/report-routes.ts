/**
 * GET /reports (the page) and its CSVs (/reports/calls.csv, hours.csv, handling.csv, clients.csv,
 * assistants.csv), all from the same query. Tenancy is the use case's: a client the user may not
 * see is a 404 like a missing one; the per-assistant figures are the admins'.
 */
import { Router, type Request, type RequestHandler, type Response } from 'express';
import { readReport } from '../../app/reports';
import { HttpError } from '../../http/errors';
import { REPORT_CHARTS } from '../../infra/report-charts';
import { currentUser, sourceOf } from '../auth';
import { CSV_CONTENT_TYPE } from '../csv';
import { pageContext, pageLang } from '../page-context';
import { csvFileName, REPORT_TABLES, reportCsv } from './report-csv';
import { reportPageQuerySchema, reportQueryOf } from './report-query';
import { reportPage } from './report-view';

const ms = (since: bigint) => (Number(process.hrtime.bigint() - since) / 1e6).toFixed(1);

export function reportRoutes(pageStack: RequestHandler[]): Router {
  const router = Router();

  router.get('/reports', ...pageStack, async (req: Request, res: Response) => {
    const started = process.hrtime.bigint();
    const query = reportPageQuerySchema.parse(req.query);
    const report = await readReport(sourceOf(req, res).actor, reportQueryOf(query));
    const read = ms(started);
    const body = reportPage(pageContext(req, res), report, query);
    // The benchmark reads how long the rollups took and the whole page.
    res.setHeader('Server-Timing', `report;dur=${read}, total;dur=${ms(started)}`);
    res.send(body);
  });

  for (const csv of [...REPORT_CHARTS, ...REPORT_TABLES]) {
    router.get(`/reports/${csv}.csv`, ...pageStack, async (req: Request, res: Response) => {
      const query = reportPageQuerySchema.parse(req.query);
      if (csv === 'assistants' && currentUser(res).role !== 'admin') throw new HttpError(404, 'not found');
      const report = await readReport(sourceOf(req, res).actor, reportQueryOf(query));
      const lang = pageLang(req, res);
      res.setHeader('Content-Type', CSV_CONTENT_TYPE);
      res.setHeader('Content-Disposition', `attachment; filename="${csvFileName(csv, report.period, lang)}"`);
      res.send(reportCsv(csv, report, query, lang));
    });
  }

  return router;
}
