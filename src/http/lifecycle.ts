/**
 * Starting and stopping an HTTP server: limits that keep slow or idle clients from holding sockets,
 * and a graceful stop (stop accepting, finish in-flight, then close).
 */
import http, { type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type express from 'express';

/** How long a client may take; env `HTTP_*` (src/config/env.ts) sets the web service's. */
export type HttpLimits = {
  /**
   * Time to receive a request's headers, from its first byte (or from the connection for its first
   * request); then 408 and the socket is closed. Twilio and browsers send headers in one packet.
   * @defaultValue 10000
   */
  headersTimeoutMs: number;
  /**
   * Time to receive a whole request, headers and body. It ends once the request is read, so a
   * long response (the live-events stream) is not cut by it.
   * @defaultValue 30000
   */
  requestTimeoutMs: number;
  /**
   * Idle time of a kept-alive socket between requests. Above the idle timeout of the proxy in
   * front (60 s for nginx's upstream keepalive and AWS load balancers): the proxy, not this
   * server, must close first, or a request it sends as the socket closes fails (502).
   * @defaultValue 65000
   */
  keepAliveTimeoutMs: number;
  /**
   * How often the timeouts above are enforced; Node's own default (30 s) lets a slow client
   * outlive a 10 s headers timeout by up to 30 s.
   * @defaultValue 1000
   */
  checkIntervalMs?: number;
};

export const DEFAULT_HTTP_LIMITS: Required<HttpLimits> = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 65_000,
  checkIntervalMs: 1000,
};

/** Requests on one socket before it is closed: spreads a proxy's load over restarted instances. */
const MAX_REQUESTS_PER_SOCKET = 1000;
/** Twilio sends about 15 headers, browsers and a proxy some 30; more are dropped, not parsed. */
const MAX_HEADERS_COUNT = 100;
/** Node's default, stated: a session cookie and Twilio's signature fit with room to spare. */
const MAX_HEADER_SIZE = 16 * 1024;

/** Creates an HTTP server for `handler` with the limits applied. */
export function createLimitedServer(handler: http.RequestListener, limits: Partial<HttpLimits> = {}): Server {
  const l = { ...DEFAULT_HTTP_LIMITS, ...limits };
  const server = http.createServer(
    {
      headersTimeout: l.headersTimeoutMs,
      requestTimeout: l.requestTimeoutMs,
      keepAliveTimeout: l.keepAliveTimeoutMs,
      connectionsCheckingInterval: l.checkIntervalMs,
      maxHeaderSize: MAX_HEADER_SIZE,
    },
    handler,
  );
  server.maxRequestsPerSocket = MAX_REQUESTS_PER_SOCKET;
  server.maxHeadersCount = MAX_HEADERS_COUNT;
  return server;
}

export async function listen(
  app: express.Express,
  port: number,
  host?: string,
  limits: Partial<HttpLimits> = {},
): Promise<Server> {
  const server = createLimitedServer(app, limits);
  return new Promise((resolve, reject) => {
    server.once('listening', () => resolve(server));
    server.once('error', reject);
    server.listen(port, host ?? '0.0.0.0');
  });
}

export function portOf(server: Server): number {
  return (server.address() as AddressInfo).port;
}

/** Resolves once in-flight requests are done, or after `graceMs`, closing what is left. */
export async function closeServer(server: Server, graceMs: number): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const timer = setTimeout(() => server.closeAllConnections(), graceMs);
  await closed;
  clearTimeout(timer);
}
