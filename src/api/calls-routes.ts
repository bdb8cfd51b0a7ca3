/** `/calls`: every call on record, newest first, filtered and paged as on the call log page; reads audited. */
import { Router } from 'express';
import { openCall, readCallLog } from '../app/call-log';
import { sourceOf } from './auth';
import { callListQuerySchema, toCallDetail, toCallSummary } from './call-schemas';
import { parseQuery } from './validate';
import { z } from 'zod';
import { InvalidInputError } from '../domain/errors';
import { HttpError } from '../http/errors';

const DEFAULT_LIMIT = 25;
const CALL_SID = /^[A-Za-z0-9_-]{1,64}$/;
const langQuery = z.strictObject({ lang: z.enum(['fr', 'en']).optional() });

export function callsRouter(): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const q = parseQuery(callListQuerySchema, req);
    const { limit, cursor, lang, clientId, ...rest } = q;
    const filter = { ...rest, ...(clientId ? { client: clientId } : {}) };
    const page = await readCallLog(sourceOf(req, res), filter, {
      limit: limit ?? DEFAULT_LIMIT,
      ...(cursor ? { cursor } : {}),
    }).catch((err: unknown) => {
      if (!(err instanceof InvalidInputError)) throw err;
      const details = err.details.map((d) => ({ path: `query.${d.path}`, message: d.message }));
      throw new HttpError(400, 'invalid query', details);
    });
    res.json({
      data: page.calls.map((c) => toCallSummary(c, lang ?? 'fr')),
      counts: page.counts,
      nextCursor: page.nextCursor,
    });
  });

  router.get('/:callSid', async (req, res) => {
    const { lang } = parseQuery(langQuery, req);
    const sid = String(req.params.callSid);
    if (!CALL_SID.test(sid)) throw new HttpError(404, 'call not found');
    res.json(toCallDetail(await openCall(sourceOf(req, res), sid), lang ?? 'fr'));
  });

  return router;
}
