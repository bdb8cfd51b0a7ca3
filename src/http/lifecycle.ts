/** Starting and stopping an HTTP server gracefully: stop accepting, finish in-flight, then close. */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type express from 'express';

export async function listen(app: express.Express, port: number, host?: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host ?? '0.0.0.0');
    server.once('listening', () => resolve(server));
    server.once('error', reject);
    // Twilio keeps connections alive; outlive its idle timeout so it rarely meets a closed socket.
    server.keepAliveTimeout = 65_000;
    server.headersTimeout = 66_000;
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
