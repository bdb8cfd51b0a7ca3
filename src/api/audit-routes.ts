/** `/audit`: the access log, filtered and paged as on the admin page. */
import { Router } from 'express';
import { readAuditLog } from '../app/audit-log';
import { InvalidInputError } from '../domain/errors';
import { HttpError } from '../http/errors';
import { auditQuerySchema, toAuditEventView } from './audit-schemas';
import { actorOf } from './auth';
import { parseQuery } from './validate';

export function auditRouter(deps: { callerKeySecret: () => string }): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const query = parseQuery(auditQuerySchema, req);
    const page = await readAuditLog({ callerKeySecret: deps.callerKeySecret() }, actorOf(res), query).catch(
      (err: unknown) => {
        if (!(err instanceof InvalidInputError)) throw err;
        const details = err.details.map((d) => ({ path: `query.${d.path}`, message: d.message }));
        throw new HttpError(400, 'invalid query', details);
      },
    );
    res.json({ events: page.events.map(toAuditEventView), next: page.next });
  });

  return router;
}
