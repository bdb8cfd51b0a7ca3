/**
 * `GET /metrics`: the process's Prometheus metrics, for the admin token only (like the admin API).
 * The web server mounts the router; the worker serves the same on its own port when asked to.
 */
import type http from 'node:http';
import { Router, type Request, type Response, type NextFunction } from 'express';
import { apiAuth, sameSecret } from '../api/auth';
import type { ApiThrottle } from '../api/throttle';
import { metricsText } from '../infra/metrics';
import { createLimitedServer } from './lifecycle';

/** `throttle`: the admin API's, so the token cannot be guessed here instead. */
export function metricsRouter(adminApiToken: string, throttle: ApiThrottle): Router {
  const router = Router();
  router.get(
    '/metrics',
    ...apiAuth({ adminApiToken, throttle }),
    (_req: Request, res: Response, next: NextFunction) => {
      metricsText().then(({ contentType, body }) => {
        res.setHeader('Cache-Control', 'no-store');
        res.type(contentType).send(body);
      }, next);
    },
  );
  return router;
}

/** A bare HTTP server with `GET /metrics` alone: the worker process has no express app. */
export async function serveMetrics(port: number, adminApiToken: string, host?: string): Promise<http.Server> {
  const server = createLimitedServer((req, res) => {
    const token = /^Bearer ([^\s]+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'Content-Type': 'application/json' }).end('{"error":"not found"}');
    } else if (token === undefined || !sameSecret(token, adminApiToken)) {
      res
        .writeHead(401, { 'Content-Type': 'application/json', 'WWW-Authenticate': 'Bearer realm="api"' })
        .end('{"error":"unauthorized"}');
    } else {
      metricsText().then(
        ({ contentType, body }) => res.writeHead(200, { 'Content-Type': contentType }).end(body),
        () => res.writeHead(500).end(),
      );
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host ?? '0.0.0.0', () => resolve());
  });
  return server;
}
