import path from 'node:path';
import request from 'supertest';
import { parseEnv } from '../../src/config/env';
import { createLogger } from '../../src/infra/logger';
import { startWeb, type WebRuntime } from '../../src/main/runtime';
import { startRedisServer, type Service } from '../../scripts/lib/services';
import { testDatabaseUri } from '../helpers/db';

describe('health probes', () => {
  let redis: Service;
  let web: WebRuntime;

  beforeAll(async () => {
    // A Redis of this test's own, so stopping it cannot disturb other tests.
    redis = await startRedisServer(path.join(__dirname, '..', '..', 'var', 'test', 'redis-health'));
    const config = parseEnv({
      NODE_ENV: 'test',
      PORT: '0',
      MONGODB_URI: testDatabaseUri(__filename),
      REDIS_URL: redis.url,
    });
    web = await startWeb(config, { logger: createLogger({ level: 'error', json: true }), host: '127.0.0.1' });
  });

  afterAll(async () => {
    await web.stop();
    await redis.stop();
  });

  it('when MongoDB and Redis answer, then /healthz and /readyz are 200', async () => {
    await request(web.server)
      .get('/healthz')
      .expect(200)
      .expect((res) => expect(res.body.status).toBe('ok'));
    const res = await request(web.server).get('/readyz').expect(200);
    expect(res.body.checks).toEqual([
      { name: 'MongoDB', ok: true },
      { name: 'Redis', ok: true },
    ]);
  });

  it('when Redis is stopped, then /readyz turns 503 naming Redis', async () => {
    await redis.stop();
    // ioredis notices the closed socket on its own; give it a moment.
    await new Promise((r) => setTimeout(r, 300));
    const res = await request(web.server).get('/readyz').expect(503);
    expect(res.body.error).toBe('Redis not answering');
    expect(res.body.checks[0]).toEqual({ name: 'MongoDB', ok: true });
  });

  it('when a route does not exist, then the JSON error shape is used', async () => {
    const res = await request(web.server).get('/nope').expect(404);
    expect(res.body).toEqual({ error: 'not found', details: [{ path: '/nope', message: 'no such route' }] });
  });
});
