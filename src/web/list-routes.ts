/** GET / (the message list) and GET /export.csv (the same filter as CSV), both tenancy-checked. */
import { Router, type Request, type RequestHandler, type Response } from 'express';
import { accessOf } from '../domain/access';
import { recordAudit } from '../store/audit';
import { assertClientVisible, countByStatus, listMessages, streamMessages } from '../store/message-queries';
import { currentUser } from './auth';
import { csvLine, CSV_HEADER } from './csv';
import { filterParams, listQuerySchema, toCursor, toFilter } from './list-query';
import { pageContext } from './page-context';
import { rowContext, visibleClients } from './row-context';
import { listPage } from './views/list-view';

export const PAGE_SIZE = 50;

const ms = (since: bigint) => (Number(process.hrtime.bigint() - since) / 1e6).toFixed(1);

async function timed<T>(work: Promise<T>): Promise<[T, string]> {
  const started = process.hrtime.bigint();
  const value = await work;
  return [value, ms(started)];
}

export function listRoutes(pageStack: RequestHandler[]): Router {
  const router = Router();

  router.get('/', ...pageStack, async (req: Request, res: Response) => {
    const started = process.hrtime.bigint();
    const query = listQuerySchema.parse(req.query);
    const user = currentUser(res);
    const access = accessOf(user);
    const filter = toFilter(query);
    const [[page, listMs], [counts, countMs], clients] = await Promise.all([
      timed(listMessages(access, filter, { limit: PAGE_SIZE, before: toCursor(query.before) })),
      timed(countByStatus(access, filter)),
      visibleClients(access),
    ]);
    const ctx = pageContext(req, res);
    const rows = await rowContext(ctx.lang, clients, page.messages);
    await audit(req, user, 'messages.list', { filter: filterParams(query), shown: page.messages.length });
    const body = listPage(ctx, { query, messages: page.messages, next: page.next, counts, clients, rows });
    res.setHeader('Server-Timing', `list;dur=${listMs}, counts;dur=${countMs}, total;dur=${ms(started)}`);
    res.send(body);
  });

  router.get('/export.csv', ...pageStack, async (req: Request, res: Response) => {
    const query = listQuerySchema.parse(req.query);
    const user = currentUser(res);
    const access = accessOf(user);
    const filter = toFilter(query);
    // Fail before the first byte when the filter names a client the user cannot see.
    assertClientVisible(access, filter.clientId);
    const clients = new Map((await visibleClients(access)).map((c) => [c.id, c.name]));
    await audit(req, user, 'messages.export', { filter: filterParams(query) });
    const day = new Date().toISOString().slice(0, 10);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="messages-${day}.csv"`);
    res.write('\ufeff' + CSV_HEADER);
    for await (const m of streamMessages(access, filter)) {
      if (!res.write(csvLine(m, clients.get(m.clientId) ?? '')))
        await new Promise((r) => res.once('drain', r));
    }
    res.end();
  });

  return router;
}

function audit(
  req: Request,
  user: { id: string; email: string },
  action: string,
  detail: Record<string, unknown>,
) {
  return recordAudit({
    actor: { type: 'user', id: user.id, label: user.email },
    action,
    ip: req.ip ?? '',
    detail,
  });
}
