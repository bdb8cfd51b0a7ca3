/**
 * What talks to the instances in the multi-instance test: Twilio (signed webhooks against the one
 * public URL, delivered to whichever instance the "load balancer" picks), an assistant's browser
 * (sign-in, then the live events stream), and an admin script (the admin API).
 */
import http from 'node:http';
import { MESSAGE_ANSWERS } from '../webhooks/harness';
import { newCallSid, parseTwiml, sign, voiceParams, type Verb } from '../../helpers/twilio';

export type Instance = { name: string; port: number };
export type Call = { callSid: string; from: string; to: string };

const base = (i: Instance) => `http://127.0.0.1:${i.port}`;

export const findVerbs = (verb: Verb, name: string): Verb[] =>
  verb.children.flatMap((c) => (c.name === name ? [c] : findVerbs(c, name)));

export const spoken = (twiml: Verb): string =>
  findVerbs(twiml, 'Say')
    .map((s) => s.text)
    .join(' ');

/** Twilio's side: every instance is configured with the same public URL, as behind a load balancer. */
export function twilioSide(publicBaseUrl: string, authToken: string) {
  /** POSTs a signed webhook to `instance`; returns the parsed TwiML and how long it took (ms). */
  async function post(
    instance: Instance,
    pathAndQuery: string,
    params: Record<string, string>,
  ): Promise<{ twiml: Verb; ms: number }> {
    const started = performance.now();
    const res = await fetch(`${base(instance)}${pathAndQuery}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': sign(authToken, `${publicBaseUrl}${pathAndQuery}`, params),
      },
      body: new URLSearchParams(params),
    });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`${instance.name} ${pathAndQuery}: ${res.status} ${text}`);
    return { twiml: parseTwiml(text), ms: performance.now() - started };
  }

  const pathOf = (url: string) => {
    const u = new URL(url);
    return `${u.pathname}${u.search}`;
  };

  return {
    post,

    /** A new call's first webhook on `instance`: what the caller hears first. */
    async greet(instance: Instance, from: string, to: string): Promise<string> {
      const { twiml } = await post(instance, '/webhooks/voice/incoming', voiceParams(newCallSid(), from, to));
      return spoken(twiml);
    },

    /**
     * A caller leaving a message, up to the final confirmation (which stores it). Each webhook goes
     * to `route(step)`, so one call's webhooks may be served by different instances;
     * `beforeConfirm` runs just before the confirmation. Returns the webhook timings, the instance
     * that stored the message, when it answered, and what the caller heard last.
     */
    async leaveMessage(
      o: Call & { route: (step: number) => Instance },
      beforeConfirm?: () => Promise<void>,
    ): Promise<{ timings: number[]; storedBy: Instance; confirmedAt: number; lastWords: string }> {
      const timings: number[] = [];
      const first = await post(o.route(0), '/webhooks/voice/incoming', voiceParams(o.callSid, o.from, o.to));
      let twiml = first.twiml;
      timings.push(first.ms);
      let storedBy = o.route(0);
      for (const [i, answer] of MESSAGE_ANSWERS.entries()) {
        const gather = findVerbs(twiml, 'Gather')[0];
        if (!gather) throw new Error(`${o.callSid}: no Gather after step ${i}: ${spoken(twiml)}`);
        if (i === MESSAGE_ANSWERS.length - 1 && beforeConfirm) await beforeConfirm();
        storedBy = o.route(i + 1);
        const next = await post(
          storedBy,
          pathOf(gather.attrs.action!),
          voiceParams(o.callSid, o.from, o.to, answer),
        );
        twiml = next.twiml;
        timings.push(next.ms);
      }
      return { timings, storedBy, confirmedAt: Date.now(), lastWords: spoken(twiml) };
    },

    /** The call's status callback: the caller hung up. */
    async hangUp(instance: Instance, o: Call): Promise<number> {
      const params = voiceParams(o.callSid, o.from, o.to, { CallStatus: 'completed' });
      return (await post(instance, '/webhooks/voice/status', params)).ms;
    },
  };
}

/** The admin API with the admin token. */
export async function adminApi<T>(
  instance: Instance,
  token: string,
  method: 'POST' | 'PATCH' | 'GET',
  path: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${base(instance)}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await res.json()) as T;
  if (!res.ok)
    throw new Error(`${method} ${path} on ${instance.name}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

const csrfOf = (html: string): string => {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('no CSRF token in the page');
  return match[1]!;
};

const cookieOf = (res: Response): string | null => {
  const set = res.headers.getSetCookie();
  return set.length > 0 ? set.map((c) => c.split(';')[0]).join('; ') : null;
};

/** Signs in through the web form of `instance`; returns the session cookie. */
export async function signIn(instance: Instance, email: string, password: string): Promise<string> {
  const page = await fetch(`${base(instance)}/login`);
  const first = cookieOf(page);
  const login = await fetch(`${base(instance)}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(first ? { cookie: first } : {}),
    },
    body: new URLSearchParams({ _csrf: csrfOf(await page.text()), email, password }),
  });
  const cookie = cookieOf(login) ?? first;
  if (login.status !== 303 || !cookie) throw new Error(`sign-in on ${instance.name}: ${login.status}`);
  return cookie;
}

export type LiveEvent = { type: string; id: string; at: number };

/** An assistant's open `/events` stream on one instance: every event received, with its arrival time. */
export type EventStream = { events: LiveEvent[]; close(): void };

export function openEvents(instance: Instance, cookie: string): Promise<EventStream> {
  return new Promise((resolve, reject) => {
    const events: LiveEvent[] = [];
    const req = http.get({
      host: '127.0.0.1',
      port: instance.port,
      path: '/events',
      headers: { cookie, accept: 'text/event-stream' },
    });
    req.on('response', (res) => {
      if (res.statusCode !== 200) return reject(new Error(`/events on ${instance.name}: ${res.statusCode}`));
      res.setEncoding('utf8');
      let buffer = '';
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const type = /^event: (.+)$/m.exec(frame)?.[1];
          const data = /^data: (.+)$/m.exec(frame)?.[1];
          if (type && data)
            events.push({ type, id: (JSON.parse(data) as { id: string }).id, at: Date.now() });
          else if (frame.startsWith(': skipped '))
            events.push({ type: 'skipped', id: frame.slice(': skipped '.length), at: Date.now() });
        }
      });
      resolve({ events, close: () => req.destroy() });
    });
    req.on('error', (err) => {
      if (!req.destroyed) reject(err);
    });
  });
}
