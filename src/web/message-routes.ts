/** The message page and its actions (claim, assign, note, handled, reopen, retry): translation only. */
import { Router, type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import {
  addNote,
  assignMessage,
  claimMessage,
  markHandled,
  reopenMessage,
  retryDelivery,
} from '../app/message-actions';
import { openMessage, visibleClients } from '../app/message-reads';
import type { MessageActionDeps } from '../app/ports';
import { accessOf, type ActionSource } from '../domain/access';
import { ConflictError, InvalidInputError, InvalidReferenceError, NotFoundError } from '../domain/errors';
import { currentUser, sourceOf } from './auth';
import { csrfProtection } from './csrf';
import { texts } from './i18n';
import { pageContext, pageLang, setFlash } from './page-context';
import { messagePage } from './views/message-view';

const objectIdOrBlank = z.object({ assigneeId: z.string().regex(/^([0-9a-f]{24})?$/i) });

const ACTIONS = {
  claim: (deps, source, id) => claimMessage(deps, source, id),
  assign: (deps, source, id, body) =>
    assignMessage(deps, source, id, objectIdOrBlank.parse(body).assigneeId || null),
  note: (deps, source, id, body) =>
    addNote(deps, source, id, z.object({ text: z.string() }).parse(body).text),
  handle: (deps, source, id) => markHandled(deps, source, id),
  reopen: (deps, source, id) => reopenMessage(deps, source, id),
} satisfies Record<
  string,
  (deps: MessageActionDeps, source: ActionSource, id: string, body: unknown) => Promise<unknown>
>;

type ActionName = keyof typeof ACTIONS;

export function messageRoutes(pageStack: RequestHandler[], deps: MessageActionDeps): Router {
  const router = Router();

  router.post(
    '/messages/:id/retry',
    ...pageStack,
    csrfProtection,
    async (req: Request<{ id: string }>, res: Response) => {
      const { key } = z.object({ key: z.string().min(1).max(200) }).parse(req.body ?? {});
      const { outcome, message } = await retryDelivery(deps, sourceOf(req, res), req.params.id, key);
      const t = texts(pageLang(req, res));
      const ok = outcome === 'retried' || outcome === 'requeued';
      setFlash(req, ok ? 'ok' : 'error', t.retryResult[outcome] ?? outcome);
      res.redirect(303, `/messages/${encodeURIComponent(message.id)}`);
    },
  );

  router.get('/messages/:id', ...pageStack, async (req: Request<{ id: string }>, res: Response) => {
    const user = currentUser(res);
    const [file, clients] = await Promise.all([
      openMessage(sourceOf(req, res), req.params.id),
      visibleClients(accessOf(user)),
    ]);
    const client = clients.find((c) => c.id === file.message.clientId);
    res.send(messagePage(pageContext(req, res), { ...file, client, me: user }));
  });

  router.post(
    '/messages/:id/:action',
    ...pageStack,
    csrfProtection,
    async (req: Request<{ id: string; action: string }>, res: Response) => {
      const name = req.params.action as ActionName;
      if (!Object.hasOwn(ACTIONS, name)) throw new NotFoundError(`no action ${name}`);
      const t = texts(pageLang(req, res));
      try {
        await ACTIONS[name](deps, sourceOf(req, res), req.params.id, req.body ?? {});
        setFlash(req, 'ok', t.done[name]);
      } catch (err) {
        if (err instanceof ConflictError) setFlash(req, 'error', t.alreadyClaimed);
        else if (err instanceof InvalidReferenceError) setFlash(req, 'error', t.cannotAssign);
        else if (err instanceof InvalidInputError || err instanceof z.ZodError) {
          const issues = err instanceof z.ZodError ? err.issues : err.details;
          setFlash(
            req,
            'error',
            name === 'note' ? t.noteInvalid : `${t.badInput} : ${issues.map((i) => i.message).join(', ')}`,
          );
        } else throw err;
      }
      res.redirect(303, `/messages/${encodeURIComponent(req.params.id)}`);
    },
  );

  return router;
}
