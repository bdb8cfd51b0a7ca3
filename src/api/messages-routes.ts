/** `/messages`: the summaries taken on calls, their status, assignee, notes and delivery log. */
import { Router } from 'express';
import { getMessage } from '../store/messages';
import { audit } from './audit';
import { actorOf } from './auth';
import { addNote, listMessages, updateMessage } from './message-queries';
import { messageChangesSchema, messageListQuerySchema, newNoteSchema } from './schemas';
import { idParam, parseBody, parseQuery } from './validate';
import { toMessageSummary, toMessageView } from './views';

export function messagesRouter(): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const page = await listMessages(parseQuery(messageListQuerySchema, req));
    res.json({ data: page.data.map(toMessageSummary), nextCursor: page.nextCursor });
  });

  router.get('/:id', async (req, res) => {
    res.json(toMessageView(await getMessage(idParam(req))));
  });

  router.patch('/:id', async (req, res) => {
    const id = idParam(req);
    const changes = parseBody(messageChangesSchema, req);
    const message = await updateMessage(id, changes);
    const target = { type: 'message', id } as const;
    await audit(req, res, { action: 'message.update', target, clientId: message.clientId, detail: changes });
    res.json(toMessageView(message));
  });

  router.post('/:id/notes', async (req, res) => {
    const id = idParam(req);
    const { text } = parseBody(newNoteSchema, req);
    const actor = actorOf(res);
    const author = { authorId: actor.type === 'user' ? actor.id : null, authorName: actor.label };
    const message = await addNote(id, { text, ...author });
    const target = { type: 'message', id } as const;
    await audit(req, res, { action: 'message.note', target, clientId: message.clientId });
    res.status(201).json(toMessageView(message));
  });

  return router;
}
