/**
 * The call log pages: `/calls` (every call, filtered, newest first), `/calls.csv` (the same filter
 * as CSV) and `/calls/:sid` (one call). Tenancy and the audit are the use case's: an assistant sees
 * their clients' calls only, another client's call is a 404 like a missing one.
 */
import { Router, type Request, type RequestHandler, type Response } from 'express';
import { exportCallLog, openCall, readCallLog } from '../../app/call-log';
import { NotFoundError } from '../../domain/errors';
import { sourceOf } from '../auth';
import { pageContext, pageLang } from '../page-context';
import { CSV_CONTENT_TYPE } from '../csv';
import { callCsvLine, callCsvStart } from './call-csv';
import { callListPage } from './call-list-view';
import { callFilterOf, callsQuerySchema } from './call-query';
import { callNotFoundPage, callPage } from './call-view';

export const CALLS_PAGE_SIZE = 50;
/** A Twilio CallSid, or the test and simulator ids of the same alphabet. */
const CALL_SID = /^[A-Za-z0-9_-]{1,64}$/;

export function callRoutes(pageStack: RequestHandler[]): Router {
  const router = Router();

  router.get('/calls', ...pageStack, async (req: Request, res: Response) => {
    const query = callsQuerySchema.parse(req.query);
    const filter = callFilterOf(query);
    const page = await readCallLog(sourceOf(req, res), filter, {
      limit: CALLS_PAGE_SIZE,
      ...(query.before ? { cursor: query.before } : {}),
    });
    res.send(callListPage(pageContext(req, res), query, page));
  });

  router.get('/calls.csv', ...pageStack, async (req: Request, res: Response) => {
    const query = callsQuerySchema.parse(req.query);
    const lang = pageLang(req, res);
    // Fails before the first byte when the filter names a client the user cannot see.
    const { rows, clients } = await exportCallLog(sourceOf(req, res), callFilterOf(query));
    const byId = new Map(clients.map((c) => [c.id, c]));
    const day = new Date().toISOString().slice(0, 10);
    res.setHeader('Content-Type', CSV_CONTENT_TYPE);
    res.setHeader('Content-Disposition', `attachment; filename="calls-${day}.csv"`);
    res.write(callCsvStart(lang));
    for await (const c of rows) {
      if (!res.write(callCsvLine(c, lang, byId.get(c.clientId))))
        await new Promise((r) => res.once('drain', r));
    }
    res.end();
  });

  router.get('/calls/:sid', ...pageStack, async (req: Request<{ sid: string }>, res: Response) => {
    const file = CALL_SID.test(req.params.sid)
      ? await openCall(sourceOf(req, res), req.params.sid).catch((err: unknown) => {
          if (err instanceof NotFoundError) return null;
          throw err;
        })
      : null;
    // Missing or another client's: the same 404, saying it is a call that was not found.
    if (!file) return void res.status(404).send(callNotFoundPage(pageContext(req, res)));
    res.send(callPage(pageContext(req, res), file));
  });

  return router;
}
