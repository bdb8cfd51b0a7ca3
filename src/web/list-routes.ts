/**
 * GET / (the message list, "to do" by default), GET /counts (its tab counts as JSON, for live
 * updates) and GET /export.csv (the same filter as CSV), all tenancy-checked.
 */
import { Router, type Request, type RequestHandler, type Response } from 'express';
import { assignableForClients, cockpitCounts, listOpenPage } from '../app/cockpit-reads';
import { auditListRead, exportMessages, listMessagePage, visibleClients } from '../app/message-reads';
import { accessOf } from '../domain/access';
import { currentUser, sourceOf } from './auth';
import { CSV_CONTENT_TYPE } from './csv';
import { messageCsvRow, messageCsvStart } from './message-csv';
import { countsQuerySchema, filterParams, listQuerySchema, toFilter, viewOf } from './list-query';
import { pageContext, pageLang } from './page-context';
import { rowContext } from './row-context';
import { listPage } from './views/list-view';
import { queryString } from './html';

export const PAGE_SIZE = 50;

const ms = (since: bigint) => (Number(process.hrtime.bigint() - since) / 1e6).toFixed(1);

async function timed<T>(work: Promise<T>): Promise<[T, string]> {
  const started = process.hrtime.bigint();
  const value = await work;
  return [value, ms(started)];
}

/** `publicBaseUrl` makes the export's links absolute (a spreadsheet has no page to be relative to). */
export function listRoutes(pageStack: RequestHandler[], publicBaseUrl = ''): Router {
  const router = Router();

  router.get('/', ...pageStack, async (req: Request, res: Response) => {
    const started = process.hrtime.bigint();
    const query = listQuerySchema.parse(req.query);
    const user = currentUser(res);
    const access = accessOf(user);
    const filter = toFilter(query);
    const pageOf = viewOf(query) === 'open' ? listOpenPage : listMessagePage;
    const [[page, listMs], [counts, countMs], clients] = await Promise.all([
      timed(pageOf(access, filter, { limit: PAGE_SIZE, cursor: query.before })),
      timed(cockpitCounts(access, filter)),
      visibleClients(access),
    ]);
    const ctx = pageContext(req, res);
    const back = '/' + queryString({ ...filterParams(query), before: query.before });
    const [rows, assignees] = await Promise.all([
      rowContext(ctx.lang, clients, page.messages, { userId: user.id, csrf: ctx.csrf, back }),
      assignableForClients(clients.map((c) => c.id)),
    ]);
    const shown = { filter: filterParams(query), shown: page.messages.length };
    await auditListRead(sourceOf(req, res), shown, query.client);
    const next = page.nextCursor;
    const body = listPage(ctx, {
      query,
      messages: page.messages,
      next,
      counts,
      clients,
      rows,
      assignees,
      bulkMax: PAGE_SIZE,
    });
    res.setHeader('Server-Timing', `list;dur=${listMs}, counts;dur=${countMs}, total;dur=${ms(started)}`);
    res.send(body);
  });

  // Counts only, no caller data: what the list's script refreshes when a message arrives or changes.
  router.get('/counts', ...pageStack, async (req: Request, res: Response) => {
    const query = countsQuerySchema.parse(req.query);
    const counts = await cockpitCounts(accessOf(currentUser(res)), toFilter({ ...query, status: 'all' }));
    res.json(counts);
  });

  router.get('/export.csv', ...pageStack, async (req: Request, res: Response) => {
    const query = listQuerySchema.parse(req.query);
    const source = sourceOf(req, res);
    // Fails before the first byte when the filter names a client the user cannot see.
    const rows = await exportMessages(source, toFilter(query), { filter: filterParams(query) });
    const clients = new Map((await visibleClients(accessOf(source.actor))).map((c) => [c.id, c]));
    const lang = pageLang(req, res);
    const day = new Date().toISOString().slice(0, 10);
    res.setHeader('Content-Type', CSV_CONTENT_TYPE);
    res.setHeader('Content-Disposition', `attachment; filename="messages-${day}.csv"`);
    res.write(messageCsvStart(lang));
    for await (const m of rows) {
      const line = messageCsvRow(lang, m, clients.get(m.clientId), `${publicBaseUrl}/messages/${m.id}`);
      if (!res.write(line)) await new Promise((r) => res.once('drain', r));
    }
    res.end();
  });

  return router;
}
