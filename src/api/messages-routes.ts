/** `/messages`: the summaries taken on calls, their status, assignee, notes and delivery log. */
import { Router } from 'express';
import { addNote, changeMessage } from '../store/message-actions';
import { deliveriesOf, deliveriesOfMessages, getMessageWithDeliveries } from '../store/deliveries';
import { getMessage, type Message } from '../store/messages';
import { audit } from './audit';
import { actorOf } from './auth';
import { listMessages } from './message-queries';
import { messageChangesSchema, messageListQuerySchema, newNoteSchema } from './schemas';
import { idParam, parseBody, parseQuery } from './validate';
import { toMessageSummary, toMessageView } from './views';

export type ApiFollowUps = {
  acknowledge(messageId: string, by: string): Promise<void>;
  retryDelivery(
    messageId: string,
    key: string,
  ): Promise<'retried' | 'requeued' | 'already-sent' | 'in-progress' | 'not-found'>;
};

const RETRY_STATUS = {
  retried: 202,
  requeued: 202,
  'already-sent': 409,
  'in-progress': 409,
  'not-found': 404,
} as const;

const withDeliveries = async (m: Message) => ({ ...m, deliveries: await deliveriesOf(m.id) });

export function messagesRouter(followUps?: ApiFollowUps): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const page = await listMessages(parseQuery(messageListQuerySchema, req));
    const logs = await deliveriesOfMessages(page.data.map((m) => m.id));
    const data = page.data.map((m) => toMessageSummary({ ...m, deliveries: logs.get(m.id) ?? [] }));
    res.json({ data, nextCursor: page.nextCursor });
  });

  router.get('/:id', async (req, res) => {
    res.json(toMessageView(await getMessageWithDeliveries(idParam(req))));
  });

  router.patch('/:id', async (req, res) => {
    const id = idParam(req);
    const changes = parseBody(messageChangesSchema, req);
    const message = await changeMessage(id, changes);
    if (followUps && (changes.status === 'handled' || changes.assigneeId)) {
      await followUps.acknowledge(id, actorOf(res).label).catch(() => undefined);
    }
    const target = { type: 'message', id } as const;
    await audit(req, res, { action: 'message.update', target, clientId: message.clientId, detail: changes });
    res.json(toMessageView(await withDeliveries(message)));
  });

  router.post('/:id/notes', async (req, res) => {
    const id = idParam(req);
    const { text } = parseBody(newNoteSchema, req);
    const actor = actorOf(res);
    const author = { id: actor.type === 'user' ? actor.id : null, name: actor.label };
    const message = await addNote({ all: true }, id, author, text);
    const target = { type: 'message', id } as const;
    await audit(req, res, { action: 'message.note', target, clientId: message.clientId });
    res.status(201).json(toMessageView(await withDeliveries(message)));
  });

  router.post('/:id/deliveries/:key/retry', async (req, res) => {
    const id = idParam(req);
    const message = await getMessage(id);
    const key = String(req.params.key ?? '');
    const outcome = followUps ? await followUps.retryDelivery(id, key) : 'not-found';
    const target = { type: 'message', id } as const;
    await audit(req, res, {
      action: 'message.retry-delivery',
      target,
      clientId: message.clientId,
      detail: { key, outcome },
    });
    res
      .status(RETRY_STATUS[outcome])
      .json({ outcome, message: toMessageView(await getMessageWithDeliveries(id)) });
  });

  return router;
}
