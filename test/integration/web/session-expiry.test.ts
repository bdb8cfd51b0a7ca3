import type { WebRuntime } from '../../../src/main/runtime';
import { makeUser, signIn, startTestWeb, testConfig } from './web-fixture';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('session timeouts', () => {
  let web: WebRuntime;
  let email: string;

  beforeAll(async () => {
    web = await startTestWeb(testConfig(__filename), { session: { idleMs: 1000, absoluteMs: 2500 } });
    email = (await makeUser('assistant', [], 'Sleepy')).email;
  });
  afterAll(() => web.stop());

  it('when the session is left idle past the idle timeout, then the user is sent back to sign in', async () => {
    const { agent } = await signIn(web.server, email);
    await sleep(1300);
    await agent.get('/').expect(303).expect('Location', '/login?expired=1');
    const page = await agent.get('/login?expired=1').expect(200);
    expect(page.text).toContain('Votre session a expiré');
  });

  it('when the session stays active past the absolute timeout, then it ends all the same', async () => {
    const { agent } = await signIn(web.server, email);
    const started = Date.now();
    while (Date.now() - started < 2200) {
      await agent.get('/').expect(200);
      await sleep(400);
    }
    await sleep(500);
    await agent.get('/').expect(303).expect('Location', '/login?expired=1');
  });
});
