/**
 * Throttling of the admin token, with two web instances on the same Redis (as behind a load
 * balancer): the counters they keep must be the same counters.
 */
import request from 'supertest';
import { createLogger } from '../../../src/infra/logger';
import { startWeb, type WebRuntime } from '../../../src/main/runtime';
import { clearRateLimits } from '../../helpers/db';
import { testConfig } from '../web/web-fixture';
import { TOKEN } from './harness';

const MAX_FAILURES = 3;
const MAX_REQUESTS = 20;

/** A fresh address per test and run, so the counters of one never reach another. */
const freshIp = () =>
  `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

describe('admin API throttling', () => {
  const webs: WebRuntime[] = [];
  const call = (instance: number, ip: string, token: string, path = '/api/v1/clients') =>
    request(webs[instance]!.server)
      .get(path)
      .set('X-Forwarded-For', ip)
      .set('Authorization', `Bearer ${token}`);

  beforeAll(async () => {
    const config = testConfig(__filename, { ADMIN_API_TOKEN: TOKEN });
    for (let i = 0; i < 2; i++) {
      webs.push(
        await startWeb(config, {
          logger: createLogger({ level: 'error', json: true }),
          host: '127.0.0.1',
          apiThrottle: {
            maxFailuresPerIp: MAX_FAILURES,
            failureWindowMs: 60_000,
            maxRequestsPerIp: MAX_REQUESTS,
          },
        }),
      );
    }
    await clearRateLimits(webs[0]!.redis, config.mongodbUri);
  });
  afterAll(async () => {
    for (const web of webs.reverse()) await web.stop();
  });

  it('when a token is guessed on both instances, then past the limit every guess gets 429, the right one too', async () => {
    const attacker = freshIp();
    for (let i = 0; i < MAX_FAILURES; i++) await call(i % 2, attacker, `guess-${i}`).expect(401);

    const refused = await call(1, attacker, 'guess-again').expect(429);
    expect(refused.body).toEqual({ error: 'too many requests', details: [] });
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // A right guess from the refused address must not be told apart from a wrong one.
    await call(0, attacker, TOKEN).expect(429);
  });

  it('when one address is refused, then the right token from another address works on both instances', async () => {
    const attacker = freshIp();
    for (let i = 0; i <= MAX_FAILURES; i++) await call(0, attacker, 'wrong');
    await call(0, attacker, 'wrong').expect(429);

    const admin = freshIp();
    await call(0, admin, TOKEN).expect(200);
    await call(1, admin, TOKEN).expect(200);
  });

  it('when an address sends many right requests at once, then none of them counts as a failure', async () => {
    const admin = freshIp();
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => call(i % 2, admin, TOKEN)));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    for (let i = 0; i < MAX_FAILURES; i++) await call(0, admin, 'typo').expect(401);
    await call(1, admin, 'typo').expect(429);
  });

  it('when the token is guessed on /metrics, then the failures count against the admin API too', async () => {
    const attacker = freshIp();
    for (let i = 0; i < MAX_FAILURES; i++) await call(i % 2, attacker, 'guess', '/metrics').expect(401);
    await call(0, attacker, 'guess', '/api/v1/clients').expect(429);
    await call(1, attacker, TOKEN, '/metrics').expect(429);
  });

  it('when an address sends more requests than the overall limit, then the next one gets 429 on either instance', async () => {
    const busy = freshIp();
    for (let i = 0; i < MAX_REQUESTS; i++) {
      const res = await call(i % 2, busy, TOKEN).expect(200);
      expect(res.headers['ratelimit']).toMatch(new RegExp(`"requests"; r=${MAX_REQUESTS - i - 1}; t=\\d+`));
    }
    const refused = await call(0, busy, TOKEN).expect(429);
    expect(refused.body).toEqual({ error: 'too many requests', details: [] });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('admin API throttling when the service is exposed without a proxy (TRUST_PROXY=0)', () => {
  let web: WebRuntime;
  beforeAll(async () => {
    const config = testConfig(__filename, { ADMIN_API_TOKEN: TOKEN, TRUST_PROXY: '0' });
    web = await startWeb(config, {
      logger: createLogger({ level: 'error', json: true }),
      host: '127.0.0.1',
      apiThrottle: { maxFailuresPerIp: MAX_FAILURES, failureWindowMs: 60_000 },
    });
    await clearRateLimits(web.redis, config.mongodbUri);
  });
  afterAll(() => web.stop());

  it('when an attacker makes up a new X-Forwarded-For for each guess, then the guesses still count against its real address', async () => {
    const guess = (i: number) =>
      request(web.server)
        .get('/api/v1/clients')
        .set('X-Forwarded-For', freshIp())
        .set('Authorization', `Bearer guess-${i}`);
    for (let i = 0; i < MAX_FAILURES; i++) await guess(i).expect(401);
    await guess(MAX_FAILURES).expect(429);
  });
});
