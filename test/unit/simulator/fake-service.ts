/**
 * A stand-in for the service's webhook edge: serves canned TwiML per path on port 0 and records every
 * request it receives (raw body, content type, signature) so tests can check what the simulator sent.
 */
import express from 'express';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';

export interface Received {
  path: string;
  method: string;
  contentType: string | undefined;
  signature: string | undefined;
  rawBody: string;
  params: Record<string, string>;
}

export type Reply = string | { status?: number; contentType?: string; body: string; delayMs?: number };

export interface FakeService {
  baseUrl: string;
  received: Received[];
  /** Canned replies by path; a function gets the request's params. */
  routes: Map<string, Reply | ((params: Record<string, string>) => Reply)>;
  close(): Promise<void>;
}

export const twiml = (inner: string) => `<?xml version="1.0" encoding="UTF-8"?><Response>${inner}</Response>`;

export async function startFakeService(): Promise<FakeService> {
  const app = express();
  const received: Received[] = [];
  const routes: FakeService['routes'] = new Map();
  app.use(express.text({ type: '*/*' }));
  app.all('/{*path}', async (req, res) => {
    const rawBody = typeof req.body === 'string' ? req.body : '';
    received.push({
      path: req.path,
      method: req.method,
      contentType: req.get('content-type'),
      signature: req.get('x-twilio-signature'),
      rawBody,
      params: Object.fromEntries(new URLSearchParams(rawBody)),
    });
    const route = routes.get(req.path);
    const reply =
      typeof route === 'function' ? route(Object.fromEntries(new URLSearchParams(rawBody))) : route;
    if (reply === undefined) {
      res.status(204).end();
      return;
    }
    const full = typeof reply === 'string' ? { body: reply } : reply;
    if (full.delayMs) await new Promise((resolve) => setTimeout(resolve, full.delayMs));
    res
      .status(full.status ?? 200)
      .type(full.contentType ?? 'text/xml')
      .send(full.body);
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    received,
    routes,
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
