/**
 * The message page and its actions (claim, assign, note, handled, reopen, retry), and the list's
 * bulk actions: translation only. An action posted from a list row comes back to that list; marking
 * a message handled on its page goes on to the next message to do.
 */
import { Router, type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import {
  addNote,
  assignMessage,
  BULK_ACTIONS,
  bulkAct,
  claimMessage,
  markHandled,
  reopenMessage,
  retryDelivery,
  type BulkRequest,
} from '../app/message-actions';
import { nextOpenMessageId, noteMessageOpened } from '../app/cockpit-reads';
import { cockpitTexts } from './cockpit-texts';
import { PAGE_SIZE } from './list-routes';
import { openMessage, visibleClients } from '../app/message-reads';
import type { MessageActionDeps } from '../app/ports';
import { accessOf, type ActionSource } from '../domain/access';
import { ConflictError, InvalidInputError, InvalidReferenceError, NotFoundError } from '../domain/errors';
import { currentUser, sourceOf } from './auth';
import { csrfProtection } from './csrf';
import { issueText } from './issue-texts';
import { texts } from './i18n';
import { pageContext, pageLang, setFlash } from './page-context';
import { messagePage } from './views/message-view';

const objectIdOrBlank = z.object({ assigneeId: z.string().regex(/^([0-9a-f]{24})?$/i) });

/** Where a row's action comes back to: the list, with its view and filters, and nothing else. */
const backSchema = z
  .string()
  .max(600)
  .regex(/^\/(\?[A-Za-z0-9_\-.~%+=&]*)?$/, 'expected a list address');

const objectId = z.string().regex(/^[0-9a-f]{24}$/i, 'expected a message id');

/** The list's bulk form: the ticked rows (one `ids` field each) and the chosen action. */
const bulkSchema = z.object({
  _csrf: z.string().optional(),
  back: backSchema.optional(),
  action: z.enum(BULK_ACTIONS),
  assigneeId: z
    .string()
    .regex(/^([0-9a-f]{24})?$/i, 'expected a user id')
    .optional(),
  ids: z.preprocess(
    (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
    z.array(objectId).max(PAGE_SIZE, `at most ${PAGE_SIZE} messages`),
  ),
});

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

  router.post('/messages/bulk', ...pageStack, csrfProtection, async (req: Request, res: Response) => {
    const t = texts(pageLang(req, res));
    const ct = cockpitTexts(pageLang(req, res));
    const parsed = bulkSchema.safeParse(req.body ?? {});
    const back = backSchema.safeParse((req.body as { back?: unknown } | undefined)?.back).data ?? '/';
    if (!parsed.success) {
      const tooMany = parsed.error.issues.some((i) => i.code === 'too_big');
      const detail = parsed.error.issues.map((i) => issueText(i, pageLang(req, res))).join(', ');
      setFlash(req, 'error', tooMany ? ct.bulkTooMany(PAGE_SIZE) : `${t.badInput}${ct.colon}${detail}`);
    } else if (parsed.data.ids.length === 0) {
      setFlash(req, 'error', ct.bulkNoneSelected);
    } else {
      const { action, ids, assigneeId } = parsed.data;
      const request: BulkRequest =
        action === 'assign' ? { action, assigneeId: assigneeId || null } : { action };
      const outcome = await bulkAct(deps, sourceOf(req, res), ids, request);
      setFlash(req, outcome.done > 0 ? 'ok' : 'error', ct.bulkResult(action, outcome));
    }
    res.redirect(303, back);
  });

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
    await noteMessageOpened(user.id, file.message.id, deps.now());
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
      const back = backSchema.optional().parse((req.body as { back?: unknown } | undefined)?.back);
      try {
        await ACTIONS[name](deps, sourceOf(req, res), req.params.id, req.body ?? {});
        if (name === 'handle' && !back) return void (await goToNext(req, res));
        setFlash(req, 'ok', t.done[name]);
      } catch (err) {
        if (err instanceof ConflictError) setFlash(req, 'error', t.alreadyClaimed);
        else if (err instanceof InvalidReferenceError) setFlash(req, 'error', t.cannotAssign);
        else if (err instanceof InvalidInputError || err instanceof z.ZodError) {
          const issues = err instanceof z.ZodError ? err.issues : err.details;
          setFlash(
            req,
            'error',
            name === 'note'
              ? t.noteInvalid
              : `${t.badInput}${cockpitTexts(pageLang(req, res)).colon}${issues.map((i) => i.message).join(', ')}`,
          );
        } else throw err;
      }
      res.redirect(303, back ?? `/messages/${encodeURIComponent(req.params.id)}`);
    },
  );

  return router;
}

/** After "handled" on a message's page: the next message to do, or the list when none is left. */
async function goToNext(req: Request, res: Response): Promise<void> {
  const ct = cockpitTexts(pageLang(req, res));
  const next = await nextOpenMessageId(accessOf(currentUser(res)), currentUser(res).id);
  setFlash(req, 'ok', next ? ct.nextFlash : ct.nothingLeft);
  res.redirect(303, next ? `/messages/${encodeURIComponent(next)}` : '/');
}
