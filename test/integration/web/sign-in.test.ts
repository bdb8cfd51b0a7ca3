import request from 'supertest';
import { type User } from '../../../src/domain/users';
import type { WebRuntime } from '../../../src/main/runtime';
import { listAuditEvents } from '../../../src/store/audit';
import { createUser } from '../../../src/store/users';
import { csrfOf, makeUser, PASSWORD, signIn, startTestWeb, testConfig } from './web-fixture';

describe('web sign-in, sessions and CSRF', () => {
  let web: WebRuntime;
  let user: User;

  beforeAll(async () => {
    web = await startTestWeb(testConfig(__filename));
    user = await makeUser('assistant', [], 'Alice Assistante');
  });
  afterAll(() => web.stop());

  it('when not signed in, then the list redirects to /login, which is in French', async () => {
    await request(web.server).get('/').expect(303).expect('Location', '/login');
    const page = await request(web.server).get('/login').expect(200);
    expect(page.text).toContain('<html lang="fr">');
    expect(page.text).toContain('Mot de passe');
    const en = await request(web.server).get('/login?lang=en').expect(200);
    expect(en.text).toContain('Password');
  });

  it('when the password is wrong, then 401 with a clear message and an audit line', async () => {
    const agent = request.agent(web.server);
    const page = await agent.get('/login').set('X-Forwarded-For', '10.1.0.1');
    const res = await agent
      .post('/login')
      .set('X-Forwarded-For', '10.1.0.1')
      .type('form')
      .send({ _csrf: csrfOf(page.text), email: user.email, password: 'wrong password!' })
      .expect(401);
    expect(res.text).toContain('Adresse e-mail ou mot de passe incorrect.');
    const events = await listAuditEvents({ action: 'login.failure' });
    expect(events.some((e) => (e.detail as { email?: string })?.email === user.email)).toBe(true);
  });

  it('when signing in, then the session id is fresh and the cookie is HttpOnly and SameSite=Lax', async () => {
    const agent = request.agent(web.server);
    const page = await agent.get('/login');
    const before = String(page.headers['set-cookie']).split(';')[0];
    const res = await agent
      .post('/login')
      .type('form')
      .send({ _csrf: csrfOf(page.text), email: user.email, password: 'correct horse battery' })
      .expect(303);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie.split(';')[0]).not.toBe(before);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/); // not in test; production sets it
    const list = await agent.get('/').expect(200);
    expect(list.headers['cache-control']).toBe('no-store');
    expect(list.headers['content-security-policy']).toContain("script-src 'self'");
    expect(list.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(list.headers['strict-transport-security']).toBeUndefined();
    // The old, pre-login session id gives no access.
    await request(web.server).get('/').set('Cookie', before!).expect(303);
  });

  it('when a form is posted without the CSRF token, then 403 and nothing happens', async () => {
    const agent = request.agent(web.server);
    await agent.get('/login');
    await agent
      .post('/login')
      .type('form')
      .send({ email: user.email, password: 'correct horse battery' })
      .expect(403);
    const { agent: signed } = await signIn(web.server, user.email);
    await signed.post('/logout').type('form').send({ _csrf: 'forged' }).expect(403);
    await signed.get('/').expect(200);
  });

  it('when signing out, then the session ends on the server: the old cookie no longer works', async () => {
    const { agent, csrf } = await signIn(web.server, user.email);
    const cookie = (await agent.get('/')).request.cookies;
    await agent
      .post('/logout')
      .type('form')
      .send({ _csrf: csrf })
      .expect(303)
      .expect('Location', '/login?signedout=1');
    await request(web.server).get('/').set('Cookie', cookie).expect(303).expect('Location', '/login');
  });

  it('when the user is deactivated, then the next request is signed out', async () => {
    const other = await makeUser('assistant', [], 'Bob');
    const { agent } = await signIn(web.server, other.email);
    const { UserModel } = await import('../../../src/store/models');
    await UserModel.updateOne({ _id: other.id }, { active: false });
    await agent.get('/').expect(303).expect('Location', '/login');
  });

  it('when the user prefers English, then pages are in English, and ?lang=fr switches back for the session', async () => {
    const english = await createUser({
      email: `en-${Date.now()}@test.local`,
      name: 'Emma',
      role: 'assistant',
      password: PASSWORD,
      locale: 'en-US',
    });
    const { agent } = await signIn(web.server, english.email);
    const list = await agent.get('/').expect(200);
    expect(list.text).toContain('<html lang="en">');
    expect(list.text).toContain('No message matches.');
    await agent.get('/?lang=fr').expect(200);
    expect((await agent.get('/').expect(200)).text).toContain('Aucun message ne correspond.');
  });

  it('when asking for JSON without a session, then 401 instead of a redirect', async () => {
    await request(web.server).get('/events').set('Accept', 'text/event-stream').expect(401);
  });
});
