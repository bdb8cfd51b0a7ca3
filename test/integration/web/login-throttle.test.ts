import request from 'supertest';
import type { WebRuntime } from '../../../src/main/runtime';
import type { User } from '../../../src/store/users';
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

  it('when another account is tried from the refused IP, then that account is not refused', async () => {
    const other = await makeUser('assistant', [], 'Other');
    await signIn(web.server, other.email, PASSWORD, attackerIp);
  });
});
