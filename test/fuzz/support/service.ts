/**
 * The real service for the fuzz suite: in-process on a known port (Twilio signatures cover
 * PUBLIC_BASE_URL), this file's own fresh database on the FerretDB `npm test` started, Redis, a
 * logger whose lines are kept so properties can read what a request logged, and throttles wide
 * open (a throttled answer is a 429 before any handler runs: the fuzzer would stop reaching them).
 */
import { Writable } from 'node:stream';
import mongoose from 'mongoose';
import { parseEnv, type Config } from '../../../src/config/env';
import { createLogger } from '../../../src/infra/logger';
import { redisNamespace } from '../../../src/infra/redis';
import { startWeb, type WebRuntime } from '../../../src/main/runtime';
import { freePort } from '../../../scripts/lib/services';
import { clearRateLimits, redisUrl, testDatabaseUri } from '../../helpers/db';

export const API_TOKEN = 'fuzz-admin-api-token-0123456789';

export type LogLine = { level: string; message: string; [key: string]: unknown };

export type FuzzRequest = {
  method: string;
  /** Path and query, sent as is. */
  path: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
};

export type FuzzResponse = {
  status: number;
  contentType: string;
  text: string;
  headers: Headers;
  /** What the service logged while answering (lines in order). */
  logs: LogLine[];
};

export type FuzzService = {
  web: () => WebRuntime;
  config: () => Config;
  /** Sends one raw request (no redirects followed) and collects what was logged meanwhile. */
  send: (req: FuzzRequest) => Promise<FuzzResponse>;
};

/** How long each request took, for the report printed after a file's run (never asserted). */
const timings: { what: string; ms: number }[] = [];

export function timingReport(): string {
  const by = new Map<string, number[]>();
  for (const t of timings) by.set(t.what, [...(by.get(t.what) ?? []), t.ms]);
  const total = timings.reduce((sum, t) => sum + t.ms, 0);
  const rows = [...by]
    .map(([what, ms]) => ({ what, n: ms.length, sum: ms.reduce((a, b) => a + b, 0), max: Math.max(...ms) }))
    .sort((a, b) => b.sum - a.sum)
    .slice(0, 12)
    .map((r) => `  ${r.what}: ${r.n} × ${(r.sum / r.n).toFixed(0)} ms (max ${r.max.toFixed(0)})`);
  return `${timings.length} requests in ${(total / 1000).toFixed(1)} s\n${rows.join('\n')}`;
}

export function useFuzzService(testFile: string): FuzzService {
  let web: WebRuntime;
  let config: Config;
  const lines: LogLine[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line.trim()) lines.push(JSON.parse(line) as LogLine);
      }
      done();
    },
  });

  beforeAll(async () => {
    const port = await freePort();
    config = parseEnv({
      NODE_ENV: 'test',
      PORT: String(port),
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
      MONGODB_URI: testDatabaseUri(testFile),
      REDIS_URL: redisUrl(),
      ADMIN_API_TOKEN: API_TOKEN,
    });
    const wide = 1_000_000;
    web = await startWeb(config, {
      // Warnings are kept too: they are what a 4xx is allowed to log.
      logger: createLogger({ level: 'warn', json: true, stream: sink }),
      host: '127.0.0.1',
      // Generous so that a loaded machine does not answer the fail-safe (an error line) by accident.
      webhookDeadlineMs: 8000,
      // Notifications are another suite's business; a stored message is only noted.
      followUps: { messageStored: async () => undefined },
      apiThrottle: { maxFailuresPerIp: wide, maxRequestsPerIp: wide },
      web: { throttle: { maxPerIp: wide, maxPerIpAndAccount: wide, slowAfterPerAccount: wide } },
    });
    await clearRateLimits(web.redis, config.mongodbUri);
    // Live calls of a previous run (same seed, same CallSids) would point at clients dropped below.
    const stale = await web.redis.keys(`receptionist:${redisNamespace(config.mongodbUri)}:*`);
    if (stale.length) await web.redis.del(...stale);
    await mongoose.connection.db!.dropDatabase();
    await Promise.all(Object.values(mongoose.models).map((m) => m.init().then(() => m.syncIndexes())));
  });
  afterAll(async () => {
    console.log(`fuzz ${testFile.split('/').pop()}: ${timingReport()}`);
    await web.stop();
  });

  return {
    web: () => web,
    config: () => config,
    send: async ({ method, path, headers = {}, body }) => {
      const before = lines.length;
      const started = performance.now();
      const res = await fetch(`${config.publicBaseUrl}${path}`, {
        method,
        headers,
        redirect: 'manual',
        // Bytes, never a string: fetch would add a Content-Type of its own to a string body.
        ...(body === undefined ? {} : { body: typeof body === 'string' ? Buffer.from(body, 'utf8') : body }),
      });
      const text = await res.text();
      timings.push({
        what: `${method} ${path.split('?')[0]} ${res.status}`,
        ms: performance.now() - started,
      });
      return {
        status: res.status,
        contentType: res.headers.get('content-type') ?? '',
        text,
        headers: res.headers,
        logs: lines.slice(before),
      };
    },
  };
}
