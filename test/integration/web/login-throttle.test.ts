import request from 'supertest';
import { type User } from '../../../src/domain/users';
import type { WebRuntime } from '../../../src/main/runtime';
import { csrfOf, makeUser, PASSWORD, signIn, startTestWeb, testConfig } from './web-fixture';

async function attempt(web: WebRuntime, email: string, password: string, ip: string) {
  const agent = request.agent(web.server);
  const page = await agent.get('/login').set('X-Forwarded-For', ip);
  return agent
    .post('/login')
    .set('X-Forwarded-For', ip)
    .type('form')
    .send({ _csrf: csrfOf(page.text), email, password });
}

describe('sign-in throttling', () => {
  let web: WebRuntime;
  let user: User;
  const attackerIp = `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

  beforeAll(async () => {
    web = await startTestWeb(testConfig(__filename), {
      throttle: { maxPerIpAndAccount: 3, slowAfterPerAccount: 100 },
    });
    user = await makeUser('assistant', [], 'Throttled');
  });
  afterAll(() => web.stop());

  it('when one IP fails too often on an account, then it is refused for a while, even with the right password', async () => {
    for (let i = 0; i < 3; i++)
      expect((await attempt(web, user.email, 'wrong-password-x', attackerIp)).status).toBe(401);
    const refused = await attempt(web, user.email, PASSWORD, attackerIp);
    expect(refused.status).toBe(429);
    expect(refused.text).toMatch(/Trop de tentatives de connexion\. Réessayez dans \d+ minutes?\./);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('when the real user signs in from another IP meanwhile, then it works', async () => {
    await signIn(web.server, user.email, PASSWORD, '10.8.0.1');
  });

  it('when a user fails, then signs in, then the failures from that IP are forgotten', async () => {
    const user = await makeUser('assistant', [], 'Forgetful');
    const ip = '10.6.0.1';
    for (let i = 0; i < 2; i++) expect((await attempt(web, user.email, 'typo', ip)).status).toBe(401);
    await signIn(web.server, user.email, PASSWORD, ip);
    // With the earlier two still counted, the second of these would pass the limit of 3.
    for (let i = 0; i < 3; i++) expect((await attempt(web, user.email, 'typo', ip)).status).toBe(401);
    expect((await attempt(web, user.email, 'typo', ip)).status).toBe(429);
  });

  it('when another account is tried from the refused IP, then that account is not refused', async () => {
    const other = await makeUser('assistant', [], 'Other');
    await signIn(web.server, other.email, PASSWORD, attackerIp);
  });
});

describe('sign-in throttling per address and per account', () => {
  let web: WebRuntime;
  const sprayerIp = `10.7.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

  beforeAll(async () => {
    web = await startTestWeb(testConfig(__filename), {
      throttle: { maxPerIpAndAccount: 3, maxPerIp: 4, slowAfterPerAccount: 2 },
    });
  });
  afterAll(() => web.stop());

  it('when one IP sprays passwords over many accounts, then it is refused once it passes the per-IP limit', async () => {
    for (let i = 0; i < 4; i++) {
      expect((await attempt(web, `nobody-${i}-${sprayerIp}@test.local`, 'guess', sprayerIp)).status).toBe(
        401,
      );
    }
    const refused = await attempt(web, `nobody-5-${sprayerIp}@test.local`, 'guess', sprayerIp);
    expect(refused.status).toBe(429);
  });

  it('when one account fails from many IPs, then answers are slowed down but never refused', async () => {
    const user = await makeUser('assistant', [], 'Targeted');
    const timed = async (ip: string) => {
      const started = Date.now();
      const res = await attempt(web, user.email, 'wrong', ip);
      return { status: res.status, ms: Date.now() - started };
    };
    const first = await timed('10.5.0.1');
    await timed('10.5.0.2');
    const third = await timed('10.5.0.3'); // two failures before it: 0.5 s
    const fourth = await timed('10.5.0.4'); // three: 1 s
    expect([first.status, third.status, fourth.status]).toEqual([401, 401, 401]);
    expect(third.ms).toBeGreaterThanOrEqual(500);
    expect(fourth.ms).toBeGreaterThanOrEqual(1000);
    expect(first.ms).toBeLessThan(third.ms);
    // The real user, from their own IP, still gets in (slowly).
    await signIn(web.server, user.email, PASSWORD, '10.5.0.9');
  });
});
