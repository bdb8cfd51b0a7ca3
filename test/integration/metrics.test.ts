import request from 'supertest';
import { parseEnv } from '../../src/config/env';
import { createLogger } from '../../src/infra/logger';
import { serveMetrics } from '../../src/http/metrics-route';
import { startWeb, type WebRuntime } from '../../src/main/runtime';
import { redisUrl, testDatabaseUri } from '../helpers/db';

const TOKEN = 'test-admin-api-token-metrics-0123';

/** The value of one sample line of the Prometheus text (0 when absent). */
function sample(text: string, name: string, labels: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}}`));
  return line ? Number(line.split(' ').pop()) : 0;
}

function total(text: string, name: string): number {
  return text
    .split('\n')
    .filter((l) => l.startsWith(`${name}{`))
    .reduce((sum, l) => sum + Number(l.split(' ').pop()), 0);
}

describe('GET /metrics', () => {
  let web: WebRuntime;

  beforeAll(async () => {
    const config = parseEnv({
      NODE_ENV: 'test',
      PORT: '0',
      MONGODB_URI: testDatabaseUri(__filename),
      REDIS_URL: redisUrl(),
      ADMIN_API_TOKEN: TOKEN,
    });
    web = await startWeb(config, { logger: createLogger({ level: 'error', json: true }), host: '127.0.0.1' });
  });

  afterAll(async () => {
    await web.stop();
  });

  const metrics = () => request(web.server).get('/metrics').set('Authorization', `Bearer ${TOKEN}`);

  it('when no token or a wrong one is given, then it answers 401', async () => {
    await request(web.server).get('/metrics').expect(401);
    await request(web.server)
      .get('/metrics')
      .set('Authorization', 'Bearer wrong-token-0123456789')
      .expect(401);
  });

  it('when the admin token is given, then it serves process metrics as Prometheus text', async () => {
    const res = await metrics()
      .expect(200)
      .expect('Content-Type', /text\/plain/);
    expect(res.text).toMatch(/^process_cpu_seconds_total \d/m);
    expect(res.text).toMatch(/^process_resident_memory_bytes \d/m);
  });

  it('when a request reads MongoDB, then the MongoDB command counter grows', async () => {
    const before = (await metrics().expect(200)).text;
    await request(web.server).get('/api/v1/clients').set('Authorization', `Bearer ${TOKEN}`).expect(200);
    const after = (await metrics().expect(200)).text;
    const name = 'receptionist_mongodb_commands_total';
    expect(sample(after, name, 'command="find"')).toBeGreaterThan(sample(before, name, 'command="find"'));
  });

  it('when the readiness probe pings Redis, then the Redis round-trip counter grows', async () => {
    const name = 'receptionist_redis_round_trips_total';
    const before = total((await metrics()).text, name);
    await request(web.server).get('/readyz').expect(200);
    expect(total((await metrics()).text, name)).toBeGreaterThan(before);
  });

  it('when the worker serves metrics on its own port, then it needs the same token', async () => {
    const server = await serveMetrics(0, TOKEN, '127.0.0.1');
    try {
      await request(server).get('/metrics').expect(401);
      const res = await request(server).get('/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(200);
      expect(res.text).toContain('receptionist_mongodb_commands_total');
    } finally {
      server.close();
    }
  });
});
