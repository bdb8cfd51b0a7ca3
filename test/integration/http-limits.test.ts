/**
 * The web service's HTTP limits against real sockets: slow and idle clients are closed by the
 * server, long responses (live events) are not, and every body parser refuses an oversized body.
 * Timeouts are shortened through the environment; assertions poll with deadlines.
 */
import { redisNamespace } from '../../src/infra/redis';
import net from 'node:net';
import request from 'supertest';
import { publishMessageEvent } from '../../src/infra/message-events';
import type { WebRuntime } from '../../src/main/runtime';
import {
  makeClient,
  makeMessage,
  makeUser,
  readEvents,
  signIn,
  startTestWeb,
  testConfig,
} from './web/web-fixture';

const HEADERS_TIMEOUT_MS = 1000;
const REQUEST_TIMEOUT_MS = 1500;
const KEEP_ALIVE_TIMEOUT_MS = 1000;

type Watched = { socket: net.Socket; received: () => string; closed: () => boolean; closedByUs: boolean };

function connect(port: number): Promise<Watched> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let text = '';
    let closed = false;
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('close', () => (closed = true));
    socket.on('error', () => undefined); // a reset by the server is what some tests wait for
    const watched: Watched = { socket, received: () => text, closed: () => closed, closedByUs: false };
    socket.once('connect', () => resolve(watched));
    socket.once('error', reject);
  });
}

async function until(check: () => boolean, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Writes `lines` one by one every `everyMs` until the socket closes; returns how many were sent. */
function trickle(w: Watched, lines: () => string, everyMs: number): { stop: () => number } {
  let sent = 0;
  const timer = setInterval(() => {
    if (w.closed() || !w.socket.writable) return;
    w.socket.write(lines());
    sent += 1;
  }, everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      return sent;
    },
  };
}

describe('HTTP server limits', () => {
  let web: WebRuntime;

  beforeAll(async () => {
    web = await startTestWeb(
      testConfig(__filename, {
        HTTP_HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS),
        HTTP_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
        HTTP_KEEP_ALIVE_TIMEOUT_MS: String(KEEP_ALIVE_TIMEOUT_MS),
      }),
      undefined,
      { httpLimits: { checkIntervalMs: 100 } },
    );
  });
  afterAll(() => web.stop());

  it('when five clients send one header line at a time, then the server closes them with 408 at the headers timeout', async () => {
    const clients = await Promise.all(Array.from({ length: 5 }, () => connect(web.port)));
    const trickles = clients.map((c) => {
      c.socket.write('POST /webhooks/voice/incoming HTTP/1.1\r\nHost: localhost\r\n');
      let n = 0;
      // Faster than the timeout, so only the total time can close them.
      return trickle(c, () => `X-Slow-${(n += 1)}: 1\r\n`, 150);
    });

    await until(
      () => clients.every((c) => c.closed()),
      'the server to close all five',
      10 * HEADERS_TIMEOUT_MS,
    );

    const sent = trickles.map((t) => t.stop());
    for (const c of clients) expect(c.received()).toMatch(/^HTTP\/1\.1 408 /);
    // Each was still sending when closed: the clock, not the client, ended it.
    expect(Math.min(...sent)).toBeGreaterThan(2);
  });

  it('when a client connects and sends nothing, then the server closes the socket', async () => {
    const silent = await connect(web.port);
    await until(silent.closed, 'the server to close a silent socket', 10 * HEADERS_TIMEOUT_MS);
    expect(silent.received()).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('when a body arrives a byte at a time, then the server closes the socket at the request timeout', async () => {
    const slow = await connect(web.port);
    slow.socket.write(
      'POST /webhooks/sms/incoming HTTP/1.1\r\nHost: localhost\r\n' +
        'Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 10000\r\n\r\n',
    );
    const body = trickle(slow, () => 'a', 100);
    await until(slow.closed, 'the server to close a slow body', 10 * REQUEST_TIMEOUT_MS);
    expect(body.stop()).toBeGreaterThan(2);
    expect(slow.received()).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('when a kept-alive socket stays idle, then it serves requests meanwhile and is closed after the idle timeout', async () => {
    const kept = await connect(web.port);
    const get = 'GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n';
    kept.socket.write(get);
    await until(() => /\r\n\r\n\{.*\}$/s.test(kept.received()), 'the first answer', 5000);
    kept.socket.write(get);
    await until(() => kept.received().split('HTTP/1.1 200').length === 3, 'the second answer', 5000);
    expect(kept.closed()).toBe(false);

    await until(kept.closed, 'the idle socket to be closed', 10 * KEEP_ALIVE_TIMEOUT_MS);
    expect(kept.received()).toMatch(/Keep-Alive: timeout=1/i);
  });

  it('when the live-events stream stays open past the request timeout, then it still delivers events', async () => {
    const client = await makeClient('Limits Live');
    const message = await makeMessage(client.id, { callerName: 'Longue Attente' });
    const { cookie } = await signIn(web.server, (await makeUser('assistant', [client.id], 'Patiente')).email);
    const received = readEvents(web.port, cookie, new RegExp(message.id));

    // Twice the request timeout and well past several checks of it.
    await new Promise((r) => setTimeout(r, 2 * REQUEST_TIMEOUT_MS));
    await publishMessageEvent(web.redis, redisNamespace(web.config.mongodbUri), {
      type: 'message.created',
      messageId: message.id,
      clientId: message.clientId,
      urgent: false,
    });

    expect(await received).toContain('Longue Attente');
  });

  describe('when a body is larger than its parser allows, then it is refused with 413', () => {
    const form = (bytes: number) => `Body=${'a'.repeat(bytes)}`;
    it.each([
      ['the voice webhooks', '/webhooks/voice/incoming', 65 * 1024],
      ['the SMS webhook', '/webhooks/sms/incoming', 65 * 1024],
      ['the web pages', '/login', 21 * 1024],
      ['the admin pages', '/admin/clients', 401 * 1024],
    ])('%s (%s)', async (_edge, path, bytes) => {
      await request(web.server).post(path).type('form').send(form(bytes)).expect(413);
    });

    it('the admin API (JSON)', async () => {
      await request(web.server)
        .post('/api/v1/clients')
        .set('Authorization', `Bearer ${web.config.adminApiToken}`)
        .type('json')
        .send(JSON.stringify({ name: 'x'.repeat(201 * 1024) }))
        .expect(413);
    });

    it('and a body within the limit still reaches the route (the SMS webhook answers 403 to a missing signature)', async () => {
      await request(web.server).post('/webhooks/sms/incoming').type('form').send(form(1024)).expect(403);
    });
  });
});
