/**
 * GET /events: server-sent events of new and updated messages, for this user's clients only.
 * One Redis subscriber per process fans events out to the open streams.
 */
import { Router, type Request, type RequestHandler, type Response } from 'express';
import { canSeeClient, accessOf } from '../domain/access';
import type { Redis } from 'ioredis';
import { subscribeMessageEvents, type MessageEvent } from '../infra/message-events';
import { NotFoundError } from '../domain/errors';
import { readMessage, visibleClients } from '../app/message-reads';
import { currentUser } from './auth';
import { isE164Phone } from '../domain/phone';
import { formatPhone } from './format';
import { pageLang } from './page-context';
import { csrfToken } from './csrf';
import { texts } from './i18n';
import { cockpitTexts } from './cockpit-texts';
import { rowContext } from './row-context';
import { messageRow } from './views/message-row';

type Stream = { onEvent: (event: MessageEvent) => void; end: () => void };

export class MessageEventHub {
  private readonly streams = new Set<Stream>();
  private unsubscribe: Promise<() => Promise<void>> | null = null;

  /** @param subscriber a dedicated connection that queues commands while offline (ioredis resubscribes). */
  constructor(
    private readonly subscriber: Redis,
    private readonly namespace: string,
  ) {}

  start(onError: (err: Error) => void): void {
    this.unsubscribe = subscribeMessageEvents(this.subscriber, this.namespace, (e) =>
      this.streams.forEach((s) => s.onEvent(e)),
    );
    this.unsubscribe.catch(onError);
  }

  listen(stream: Stream): () => void {
    this.streams.add(stream);
    return () => this.streams.delete(stream);
  }

  /** Ends every open stream (so a graceful stop does not wait for them) and the subscription. */
  async stop(): Promise<void> {
    this.streams.forEach((s) => s.end());
    this.streams.clear();
    this.subscriber.disconnect();
  }
}

const HEARTBEAT_MS = 25_000;

/** Re-reads the session: a stream must not outlive its session (timeouts, sign-out elsewhere). */
function sessionAlive(req: Request): Promise<boolean> {
  return new Promise((resolve) =>
    req.sessionStore.get(req.sessionID, (err, s) => {
      const now = Date.now();
      resolve(
        !err && !!s?.userId && now <= (s.expiresAt ?? 0) && now - (s.lastSeenAt ?? 0) <= (s.idleMs ?? 0),
      );
    }),
  );
}

export function liveEventsRoute(pageStack: RequestHandler[], hub: MessageEventHub): Router {
  const router = Router();

  router.get('/events', ...pageStack, (req: Request, res: Response) => {
    const user = currentUser(res);
    const access = accessOf(user);
    const lang = pageLang(req, res);
    const csrf = csrfToken(req);
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Accel-Buffering': 'no',
      Connection: 'keep-alive',
    });
    res.write('retry: 5000\n\n');
    const send = async (event: MessageEvent) => {
      if (!canSeeClient(access, event.clientId)) return;
      if (!(await sessionAlive(req))) return void res.end();
      try {
        const message = await readMessage(access, event.messageId);
        const clients = await visibleClients(access);
        const ctx = await rowContext(lang, clients, [message], { userId: user.id, csrf, back: '/' });
        const row = messageRow(message, ctx).value;
        const country = clients.find((c) => c.id === message.clientId)?.country;
        const who =
          message.callerName ||
          (isE164Phone(message.callerNumber)
            ? formatPhone(message.callerNumber, country)
            : texts(lang).unknownCaller);
        // The alert's words are made here, in the page's language (French elides: « d’Élodie »).
        const alert = cockpitTexts(lang).urgentArrived(who);
        const data = { id: message.id, urgent: message.urgent, status: message.status, who, alert, row };
        res.write(`event: ${event.type}\ndata: ${JSON.stringify(data)}\n\n`);
      } catch (err) {
        if (!(err instanceof NotFoundError)) res.write(`: skipped ${event.messageId}\n\n`);
      }
    };
    const stop = hub.listen({ onEvent: (e) => void send(e), end: () => res.end() });
    const heartbeat = setInterval(
      () => void sessionAlive(req).then((alive) => (alive ? res.write(': ping\n\n') : res.end())),
      HEARTBEAT_MS,
    );
    req.on('close', () => {
      clearInterval(heartbeat);
      stop();
    });
  });

  return router;
}
