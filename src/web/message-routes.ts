/** The message page and its actions (claim, assign, note, handled, reopen), each audited. */
import { Router, type Request, type RequestHandler, type Response } from 'express';
import { accessOf, type MessageAccess } from '../domain/access';
import type { Redis } from 'ioredis';
import { z, ZodError } from 'zod';
import { publishMessageEvent } from '../infra/message-events';
import { deliveriesOf } from '../store/deliveries';
import { ConflictError, NotFoundError } from '../domain/errors';
import { recordAudit } from '../store/audit';
import {
  addNote,
  assignableUsers,
  assignMessage,
  claimMessage,
  markHandled,
  reopenMessage,
} from '../store/message-actions';
import { callTimeline, getMessageFor } from '../store/message-queries';
import type { Message } from '../store/messages';
import type { User } from '../store/users';
import { currentUser, csrfProtection } from './auth';
import { pageContext, pageLang, setFlash } from './page-context';
import { texts } from './i18n';
import { visibleClients } from './row-context';
import { messagePage } from './views/message-view';

const ACTIONS = {
  claim: (access, id, user) => claimMessage(access, id, user),
  assign: (access, id, _user, body) =>
    assignMessage(
      access,
      id,
      z.object({ assigneeId: z.string().regex(/^([0-9a-f]{24})?$/i) }).parse(body).assigneeId || null,
    ),
  note: (access, id, user, body) =>
    addNote(access, id, user, z.object({ text: z.string() }).parse(body).text),
  handle: (access, id) => markHandled(access, id),
  reopen: (access, id) => reopenMessage(access, id),
} satisfies Record<string, (a: MessageAccess, id: string, u: User, body: unknown) => Promise<Message>>;

type ActionName = keyof typeof ACTIONS;

/** Actions that tell the follow-up pipeline a person has the message in hand. */
const ACKNOWLEDGING: ReadonlySet<string> = new Set(['claim', 'assign', 'handle']);

/** What the message page asks of the follow-up pipeline. */
export type MessageFollowUps = {
  /** An assistant has the message in hand: cancel its pending escalation. */
  acknowledge(messageId: string, by: string): Promise<void>;
  /** An admin retries a failed notification. */
  retryDelivery(messageId: string, key: string): Promise<string>;
};

const NO_FOLLOW_UPS: MessageFollowUps = {
  acknowledge: async () => undefined,
  retryDelivery: async () => 'not-found',
};

export function messageRoutes(
  pageStack: RequestHandler[],
  redis: Redis,
  followUps: MessageFollowUps = NO_FOLLOW_UPS,
): Router {
  const router = Router();

  router.post(
    '/messages/:id/retry',
    ...pageStack,
    csrfProtection,
    async (req: Request<{ id: string }>, res: Response) => {
      const user = currentUser(res);
      if (user.role !== 'admin') throw new NotFoundError('no action retry');
      const message = await getMessageFor(accessOf(user), req.params.id);
      const { key } = z.object({ key: z.string().min(1).max(200) }).parse(req.body ?? {});
      const outcome = await followUps.retryDelivery(message.id, key);
      await audit(req, user, 'message.retry-delivery', message, { key, outcome });
      const t = texts(pageLang(req, res));
      setFlash(
        req,
        outcome === 'retried' || outcome === 'requeued' ? 'ok' : 'error',
        t.retryResult[outcome] ?? outcome,
      );
      res.redirect(303, `/messages/${encodeURIComponent(message.id)}`);
    },
  );

  router.get('/messages/:id', ...pageStack, async (req: Request<{ id: string }>, res: Response) => {
    const user = currentUser(res);
    const access = accessOf(user);
    const message = await getMessageFor(access, req.params.id);
    const [deliveries, timeline, users, clients] = await Promise.all([
      deliveriesOf(message.id),
      callTimeline(message),
      assignableUsers(message.clientId),
      visibleClients(access),
    ]);
    await audit(req, user, 'message.view', message);
    const client = clients.find((c) => c.id === message.clientId);
    res.send(messagePage(pageContext(req, res), { message, deliveries, timeline, users, client, me: user }));
  });

  router.post(
    '/messages/:id/:action',
    ...pageStack,
    csrfProtection,
    async (req: Request<{ id: string; action: string }>, res: Response) => {
      const name = req.params.action as ActionName;
      if (!Object.hasOwn(ACTIONS, name)) throw new NotFoundError(`no action ${name}`);
      const user = currentUser(res);
      const access = accessOf(user);
      const t = texts(pageLang(req, res));
      const back = `/messages/${encodeURIComponent(req.params.id)}`;
      try {
        const message = await ACTIONS[name](access, req.params.id, user, req.body ?? {});
        // Best effort: if Redis is down the escalation may still fire, which errs on the safe side.
        if (ACKNOWLEDGING.has(name))
          await followUps.acknowledge(message.id, user.email).catch(() => undefined);
        await audit(
          req,
          user,
          `message.${name}`,
          message,
          name === 'assign' ? { assigneeId: message.assigneeId } : null,
        );
        await publishMessageEvent(redis, {
          type: 'message.updated',
          messageId: message.id,
          clientId: message.clientId,
          urgent: message.urgent,
        });
        setFlash(req, 'ok', t.done[name]);
      } catch (err) {
        if (err instanceof ConflictError) {
          setFlash(req, 'error', t.alreadyClaimed);
          return res.redirect(303, back);
        }
        if (!(err instanceof ZodError)) throw err;
        setFlash(
          req,
          'error',
          name === 'note' ? t.noteInvalid : `${t.badInput} : ${err.issues.map((i) => i.message).join(', ')}`,
        );
      }
      res.redirect(303, back);
    },
  );

  return router;
}

export function audit(
  req: Request,
  user: User,
  action: string,
  message: Message,
  detail: Record<string, unknown> | null = null,
) {
  return recordAudit({
    actor: { type: 'user', id: user.id, label: user.email },
    action,
    target: { type: 'message', id: message.id },
    clientId: message.clientId,
    ip: req.ip ?? '',
    detail,
  });
}
