import request from 'supertest';
import type { WebRuntime } from '../../../../src/main/runtime';
import { getClient } from '../../../../src/store/clients';
import { makeClient, makeUser, signIn, startTestWeb, testConfig } from '../web-fixture';
import { clientForm } from './admin-fixture';

describe('admin pages: only admins, CSRF on every POST', () => {
  let web: WebRuntime;
  let clientId: string;
  let userId: string;

  beforeAll(async () => {
    web = await startTestWeb(testConfig(__filename));
    const client = await makeClient('Cabinet Martin');
    clientId = client.id;
    userId = (await makeUser('assistant', [client.id], 'Alice')).id;
  });
  afterAll(() => web.stop());

  const routes = () =>
    [
      ['get', '/admin'],
      ['get', '/admin/clients'],
      ['get', '/admin/clients/new'],
      ['post', '/admin/clients'],
      ['get', `/admin/clients/${clientId}`],
      ['get', `/admin/clients/${clientId}/preview?from=%2B33611111111&at=2026-03-02T10:00`],
      ['post', `/admin/clients/${clientId}`],
      ['get', '/admin/users'],
      ['get', '/admin/users/new'],
      ['post', '/admin/users'],
      ['get', `/admin/users/${userId}`],
      ['post', `/admin/users/${userId}`],
    ] as const;

  it('when an assistant opens or posts to any admin route, then 403 and nothing changes', async () => {
    const assistant = await makeUser('assistant', [clientId], 'Bob');
    const { agent, csrf } = await signIn(web.server, assistant.email);
    for (const [method, url] of routes()) {
      const res = await agent[method](url)
        .type('form')
        .send({ _csrf: csrf, ...clientForm({ name: 'Hijack' }) });
      expect([method, url, res.status]).toEqual([method, url, 403]);
    }
    expect((await getClient(clientId)).name).toBe('Cabinet Martin');
  });

  it('when signed out, then admin pages redirect to the sign-in', async () => {
    await request(web.server)
      .get('/admin/clients')
      .expect(303)
      .expect('Location', '/login?next=%2Fadmin%2Fclients');
  });

  it('when an admin posts without the CSRF token, then 403 and nothing changes', async () => {
    const admin = await makeUser('admin', [], 'Ada');
    const { agent } = await signIn(web.server, admin.email);
    const form = clientForm({ name: 'Sans jeton' });
    await agent.post('/admin/clients').type('form').send(form).expect(403);
    await agent.post(`/admin/clients/${clientId}`).type('form').send(form).expect(403);
    await agent.post('/admin/users').type('form').send({ email: 'x@test.local' }).expect(403);
    await agent.post(`/admin/users/${userId}`).type('form').send({ _csrf: 'forged', name: 'X' }).expect(403);
    expect((await getClient(clientId)).name).toBe('Cabinet Martin');
    const nav = await agent.get('/').expect(200);
    expect(nav.text).toContain('href="/admin/clients"');
  });

  it('the admin link is not shown to assistants', async () => {
    const assistant = await makeUser('assistant', [clientId], 'Carl');
    const { agent } = await signIn(web.server, assistant.email);
    expect((await agent.get('/').expect(200)).text).not.toContain('href="/admin/clients"');
  });
});
