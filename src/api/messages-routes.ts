/** `/messages`: the summaries taken on calls, their status, assignee, notes and delivery log. */
import { Router } from 'express';
import { addNote, changeMessage, retryDelivery } from '../app/message-actions';
import {
  auditListRead,
  deliveriesOfPage,
  listMessagePage,
  openMessage,
  withDeliveries,
} from '../app/message-reads';
import type { MessageActionDeps } from '../app/ports';
import { accessOf } from '../domain/access';
import { InvalidInputError } from '../domain/errors';
import { HttpError } from '../http/errors';
import { actorOf, sourceOf } from './auth';
import { messageChangesSchema, messageListQuerySchema, newNoteSchema } from './schemas';
import { idParam, parseBody, parseQuery } from './validate';
import { toMessageSummary, toMessageView } from './views';

const DEFAULT_LIMIT = 25;

/** Retries that cannot happen are errors of the API's one shape (its OpenAPI document says 404 and 409). */
const RETRY_REFUSED = {
  'already-sent': [409, 'the notification was already sent'],
  'in-progress': [409, 'the notification is being sent'],
  'not-found': [404, 'no such notification on this message'],
} as const;

export function messagesRouter(deps: MessageActionDeps): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const q = parseQuery(messageListQuerySchema, req);
    const filter = { clientId: q.clientId, status: q.status, urgent: q.urgent, from: q.from, to: q.to };
    const limit = q.limit ?? DEFAULT_LIMIT;
    const page = await listMessagePage(accessOf(actorOf(res)), filter, {
      limit,
      cursor: q.cursor,
      page: q.page,
    }).catch((err: unknown) => {
      if (!(err instanceof InvalidInputError)) throw err;
      const details = err.details.map((d) => ({ path: `query.${d.path}`, message: d.message }));
      throw new HttpError(400, 'invalid query', details);
    });
    const logs = await deliveriesOfPage(page.messages);
    const data = page.messages.map((m) => toMessageSummary({ ...m, deliveries: logs.get(m.id) ?? [] }));
    const shown = {
      filter: { ...filter, from: q.from?.toISOString(), to: q.to?.toISOString() },
      shown: data.length,
    };
    await auditListRead(sourceOf(req, res), shown, q.clientId);
    res.json({ data, nextCursor: page.nextCursor });
  });

  router.get('/:id', async (req, res) => {
    // A person (or a script with the token) read caller data: audited as the web page's reading is.
    const { message, deliveries } = await openMessage(sourceOf(req, res), idParam(req));
    res.json(toMessageView({ ...message, deliveries }));
  });

  router.patch('/:id', async (req, res) => {
    const message = await changeMessage(
      deps,
      sourceOf(req, res),
      idParam(req),
      parseBody(messageChangesSchema, req),
    );
    res.json(toMessageView(await withDeliveries(message)));
  });

  router.post('/:id/notes', async (req, res) => {
    const { text } = parseBody(newNoteSchema, req);
    const message = await addNote(deps, sourceOf(req, res), idParam(req), text);
    res.status(201).json(toMessageView(await withDeliveries(message)));
  });

  router.post('/:id/deliveries/:key/retry', async (req, res) => {
    const key = String(req.params.key ?? '');
    const { outcome, message } = await retryDelivery(deps, sourceOf(req, res), idParam(req), key);
    if (outcome in RETRY_REFUSED) {
      const [status, reason] = RETRY_REFUSED[outcome as keyof typeof RETRY_REFUSED];
      throw new HttpError(status, reason, [{ path: 'key', message: reason }]);
    }
    res.status(202).json({
      outcome,
      message: toMessageView(await withDeliveries(message)),
    });
  });

  return router;
}
