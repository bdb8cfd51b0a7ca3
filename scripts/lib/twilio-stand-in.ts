/**
 * A local stand-in for the part of Twilio's REST API this service uses: create and list
 * Messages and Calls (`/2010-04-01/Accounts/{sid}/Messages.json`, `Calls.json`), with Basic auth,
 * Twilio's JSON resources, list filters (`To`, `From`, `DateSent>`/`<`, `StartTime>`/`<`), newest
 * first, and paging through `next_page_uri` as the twilio SDK follows it.
 *
 * Point the SDK at it with `TWILIO_API_BASE_URL`. Tests and benchmarks read what was "sent" from
 * `messages` / `calls`. `latencyMs` delays each answer *after* the resource is recorded, which is how
 * a worker killed mid-request leaves a notification that Twilio accepted but the service never
 * heard back about. `failWith` injects error answers (429, 500…) before anything is recorded.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type StandInSms = { sid: string; to: string; from: string; body: string; dateCreated: Date };
export type StandInCall = {
  sid: string;
  to: string;
  from: string;
  twiml?: string;
  url?: string;
  dateCreated: Date;
};

export type TwilioStandInOptions = {
  accountSid: string;
  authToken: string;
  /** Delay of every answer, after the resource is recorded. @defaultValue 0 */
  latencyMs?: number | (() => number);
  /** An HTTP status to answer a create request with instead of creating (e.g. 429 or 500), or null. */
  failWith?: (kind: 'message' | 'call', form: URLSearchParams) => number | null;
  /** The same for list requests (a lookup Twilio cannot answer), given the query, or null. */
  failListWith?: (kind: 'message' | 'call', query: URLSearchParams) => number | null;
  /** @defaultValue 0 (a free port on 127.0.0.1) */
  port?: number;
};

export type TwilioStandIn = {
  /** The value for TWILIO_API_BASE_URL. */
  url: string;
  messages: StandInSms[];
  calls: StandInCall[];
  /** Every request, in order: method, path and query. */
  requests: { method: string; path: string }[];
  close(): Promise<void>;
};

const API = '/2010-04-01/Accounts/';
const DEFAULT_PAGE_SIZE = 50;

/** Twilio's date format: RFC 2822 in UTC, with `+0000`. */
const rfc2822 = (d: Date): string => d.toUTCString().replace('GMT', '+0000');

const newSid = (prefix: 'SM' | 'CA'): string => `${prefix}${randomBytes(16).toString('hex')}`;

function twilioError(res: ServerResponse, status: number, code: number, message: string): void {
  const json = JSON.stringify({
    code,
    message,
    more_info: `https://www.twilio.com/docs/errors/${code}`,
    status,
  });
  res.writeHead(status, { 'content-type': 'application/json' }).end(json);
}

/** `DateSent>=` style bounds; Twilio accepts a date (`YYYY-MM-DD`) or an ISO date-time. */
function bound(query: URLSearchParams, name: string): { after?: Date; before?: Date; on?: string } {
  const parse = (v: string | null) => (v ? new Date(v.length === 10 ? `${v}T00:00:00Z` : v) : undefined);
  return {
    after: parse(query.get(`${name}>`)),
    before: parse(query.get(`${name}<`)),
    on: query.get(name) ?? undefined,
  };
}

function inBound(date: Date, b: ReturnType<typeof bound>): boolean {
  // Twilio's resources carry whole seconds: compare at that precision.
  const t = Math.floor(date.getTime() / 1000) * 1000;
  if (b.after && t < b.after.getTime()) return false;
  if (b.before && t >= b.before.getTime()) return false;
  if (b.on && date.toISOString().slice(0, 10) !== b.on.slice(0, 10)) return false;
  return true;
}

function messageResource(accountSid: string, m: StandInSms) {
  return {
    account_sid: accountSid,
    api_version: '2010-04-01',
    body: m.body,
    date_created: rfc2822(m.dateCreated),
    date_sent: rfc2822(m.dateCreated),
    date_updated: rfc2822(m.dateCreated),
    direction: 'outbound-api',
    error_code: null,
    error_message: null,
    from: m.from,
    messaging_service_sid: null,
    num_media: '0',
    num_segments: String(Math.max(1, Math.ceil(m.body.length / 153))),
    price: null,
    price_unit: 'USD',
    sid: m.sid,
    status: 'sent',
    subresource_uris: { media: `${API}${accountSid}/Messages/${m.sid}/Media.json` },
    to: m.to,
    uri: `${API}${accountSid}/Messages/${m.sid}.json`,
  };
}

function callResource(accountSid: string, c: StandInCall) {
  return {
    account_sid: accountSid,
    api_version: '2010-04-01',
    date_created: rfc2822(c.dateCreated),
    date_updated: rfc2822(c.dateCreated),
    direction: 'outbound-api',
    from: c.from,
    from_formatted: c.from,
    sid: c.sid,
    start_time: rfc2822(c.dateCreated),
    end_time: null,
    status: 'queued',
    to: c.to,
    to_formatted: c.to,
    uri: `${API}${accountSid}/Calls/${c.sid}.json`,
  };
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

export async function startTwilioStandIn(options: TwilioStandInOptions): Promise<TwilioStandIn> {
  const { accountSid } = options;
  const expectedAuth = 'Basic ' + Buffer.from(`${accountSid}:${options.authToken}`).toString('base64');
  const messages: StandInSms[] = [];
  const calls: StandInCall[] = [];
  const requests: TwilioStandIn['requests'] = [];
  const latency = () =>
    typeof options.latencyMs === 'function' ? options.latencyMs() : (options.latencyMs ?? 0);

  const send = (res: ServerResponse, status: number, body: unknown) => {
    const json = JSON.stringify(body);
    const answer = () =>
      res
        .writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) })
        .end(json);
    const ms = latency();
    if (ms > 0) setTimeout(answer, ms);
    else answer();
  };

  /** Newest first, one page at a time, as Twilio lists. */
  const list = <T extends { dateCreated: Date }>(
    res: ServerResponse,
    path: string,
    query: URLSearchParams,
    key: 'messages' | 'calls',
    items: T[],
    matches: (item: T) => boolean,
    toResource: (item: T) => unknown,
  ) => {
    const pageSize = Math.min(1000, Math.max(1, Number(query.get('PageSize') ?? DEFAULT_PAGE_SIZE) || 1));
    const page = Math.max(0, Number(query.get('Page') ?? 0) || 0);
    const found = items.filter(matches).sort((a, b) => b.dateCreated.getTime() - a.dateCreated.getTime());
    const slice = found.slice(page * pageSize, (page + 1) * pageSize);
    const pageUri = (p: number) => {
      const q = new URLSearchParams(query);
      q.set('Page', String(p));
      q.set('PageSize', String(pageSize));
      return `${path}?${q.toString()}`;
    };
    send(res, 200, {
      [key]: slice.map(toResource),
      page,
      page_size: pageSize,
      start: page * pageSize,
      end: page * pageSize + Math.max(0, slice.length - 1),
      uri: pageUri(page),
      first_page_uri: pageUri(0),
      previous_page_uri: page > 0 ? pageUri(page - 1) : null,
      next_page_uri: (page + 1) * pageSize < found.length ? pageUri(page + 1) : null,
    });
  };

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://stand-in');
      requests.push({ method: req.method ?? 'GET', path: `${url.pathname}${url.search}` });
      if (req.headers.authorization !== expectedAuth) return twilioError(res, 401, 20003, 'Authenticate');
      const route = new RegExp(
        `^${API}${accountSid}/(Messages|Calls)(?:/((?:SM|CA)[0-9a-f]{32}))?\\.json$`,
      ).exec(url.pathname);
      if (!route) return twilioError(res, 404, 20404, 'The requested resource was not found');
      const [, collection, sid] = route;

      if (req.method === 'POST' && !sid) {
        const form = await readForm(req);
        const to = form.get('To');
        const from = form.get('From');
        if (!to) return twilioError(res, 400, 21604, "A 'To' phone number is required.");
        if (!from) return twilioError(res, 400, 21603, "A 'From' phone number is required.");
        const kind = collection === 'Messages' ? 'message' : 'call';
        const failure = options.failWith?.(kind, form) ?? null;
        if (failure !== null)
          return twilioError(res, failure, failure === 429 ? 20429 : 20500, 'Injected failure');
        if (kind === 'message') {
          const body = form.get('Body');
          if (!body) return twilioError(res, 400, 21602, 'Message body is required.');
          const sms: StandInSms = { sid: newSid('SM'), to, from, body, dateCreated: new Date() };
          messages.push(sms);
          return send(res, 201, messageResource(accountSid, sms));
        }
        const twiml = form.get('Twiml') ?? undefined;
        const callUrl = form.get('Url') ?? undefined;
        if (!twiml && !callUrl) return twilioError(res, 400, 21205, 'Url or Twiml is required.');
        const call: StandInCall = {
          sid: newSid('CA'),
          to,
          from,
          twiml,
          url: callUrl,
          dateCreated: new Date(),
        };
        calls.push(call);
        return send(res, 201, callResource(accountSid, call));
      }

      if (req.method === 'GET' && sid) {
        const item =
          collection === 'Messages' ? messages.find((m) => m.sid === sid) : calls.find((c) => c.sid === sid);
        if (!item) return twilioError(res, 404, 20404, 'The requested resource was not found');
        return send(
          res,
          200,
          collection === 'Messages'
            ? messageResource(accountSid, item as StandInSms)
            : callResource(accountSid, item as StandInCall),
        );
      }

      if (req.method === 'GET') {
        const q = url.searchParams;
        const listFailure = options.failListWith?.(collection === 'Messages' ? 'message' : 'call', q) ?? null;
        if (listFailure !== null)
          return twilioError(res, listFailure, listFailure === 429 ? 20429 : 20500, 'Injected failure');
        const to = q.get('To');
        const from = q.get('From');
        const party = (i: { to: string; from: string }) => (!to || i.to === to) && (!from || i.from === from);
        if (collection === 'Messages') {
          const sent = bound(q, 'DateSent');
          return list(
            res,
            url.pathname,
            q,
            'messages',
            messages,
            (m) => party(m) && inBound(m.dateCreated, sent),
            (m) => messageResource(accountSid, m),
          );
        }
        const started = bound(q, 'StartTime');
        return list(
          res,
          url.pathname,
          q,
          'calls',
          calls,
          (c) => party(c) && inBound(c.dateCreated, started),
          (c) => callResource(accountSid, c),
        );
      }
      return twilioError(res, 405, 20004, 'Method not allowed');
    })().catch((err: unknown) => twilioError(res, 500, 20500, (err as Error).message));
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    messages,
    calls,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
