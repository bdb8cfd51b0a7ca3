/**
 * The admin pages and the admin API end in the same use cases: the same admin doing the same thing
 * on either edge leaves the same audit entry (actor, action, changed field names, address).
 */
import type { WebRuntime } from '../../../../src/main/runtime';
import { listAuditEvents } from '../../../../src/store/audit';
import { makeUser, signIn, startTestWeb, testConfig } from '../web-fixture';
import { clientForm, uniqueNumber } from './admin-fixture';

const IP = '10.0.0.1';

describe('audit of client and user changes, from the admin pages and the admin API', () => {
  let web: WebRuntime;
  let admin: Awaited<ReturnType<typeof signIn>>;

  beforeAll(async () => {
    web = await startTestWeb(testConfig(__filename));
    admin = await signIn(web.server, (await makeUser('admin', [], 'Ada Admin')).email, undefined, IP);
  });
  afterAll(() => web.stop());

  const page = (url: string, form: Record<string, string | string[]>) =>
    admin.agent
      .post(url)
      .set('X-Forwarded-For', IP)
      .type('form')
      .send({ _csrf: admin.csrf, ...form })
      .expect(303);
  /** The admin API with the same admin's session cookie (no bearer token). */
  const api = (method: 'post' | 'patch', url: string, body: object) =>
    admin.agent[method](`/api/v1${url}`).set('X-Forwarded-For', IP).send(body);

  /** The one audit entry of `action` on `id`, without what differs by nature (ids, time). */
  async function auditOf(action: string, id: string) {
    const events = await listAuditEvents({ action, targetId: id });
    expect(events).toHaveLength(1);
    const { actor, ip, detail, target } = events[0]!;
    return { actor, ip, detail, targetType: target?.type };
  }

  const idIn = (location: string) => location.split('/').pop()!;

  it('when a client is created and its name and greeting changed on each edge, then both audits are the same', async () => {
    const form = clientForm();
    const viaPage = idIn((await page('/admin/clients', form)).headers.location!);
    const viaApi = await api('post', '/clients', { name: 'Cabinet Durand', numbers: [uniqueNumber()] });
    expect(viaApi.status).toBe(201);
    const created = await auditOf('client.create', viaPage);
    expect(created.actor).toMatchObject({ type: 'user', label: expect.stringMatching(/@test\.local$/) });
    expect(await auditOf('client.create', viaApi.body.id)).toEqual(created);

    // The page posts the whole form again; only what differs from the saved profile counts as changed.
    await page(`/admin/clients/${viaPage}`, { ...form, name: 'Cabinet Renommé', greeting: 'Bonjour !' });
    const change = { name: 'Cabinet Renommé', greeting: 'Bonjour !' };
    expect((await api('patch', `/clients/${viaApi.body.id}`, change)).status).toBe(200);
    const updated = await auditOf('client.update', viaPage);
    expect(updated.detail).toEqual({ fields: ['greeting', 'name'] });
    expect(await auditOf('client.update', viaApi.body.id)).toEqual(updated);
  });

  it('when a user is created and renamed on each edge, then both audits are the same, and never the password', async () => {
    const user = (name: string) => ({
      email: `${name.toLowerCase()}-${Date.now()}@test.local`,
      name,
      role: 'assistant',
      password: 'a long passphrase',
      locale: 'fr-FR',
    });
    const viaPage = idIn((await page('/admin/users', user('Nina'))).headers.location!);
    const viaApi = await api('post', '/users', user('Noah'));
    expect(viaApi.status).toBe(201);
    const created = await auditOf('user.create', viaPage);
    expect(created.detail).toEqual({ role: 'assistant' });
    expect(await auditOf('user.create', viaApi.body.id)).toEqual(created);

    const edit = { name: 'Renamed', role: 'assistant', locale: 'fr-FR', active: 'on' };
    await page(`/admin/users/${viaPage}`, { ...edit, password: 'another long passphrase' });
    const change = { name: 'Renamed', password: 'another long passphrase' };
    expect((await api('patch', `/users/${viaApi.body.id}`, change)).status).toBe(200);
    const updated = await auditOf('user.update', viaPage);
    expect(updated.detail).toEqual({ fields: ['name', 'password'] });
    expect(await auditOf('user.update', viaApi.body.id)).toEqual(updated);
    expect(JSON.stringify(updated)).not.toContain('passphrase');
  });

  it('when an admin demotes themselves through the API, then it is refused as on the pages', async () => {
    const me = admin.agent.get('/api/v1/users?role=admin').set('X-Forwarded-For', IP);
    const self = ((await me).body.data as { id: string; email: string }[]).find((u) =>
      u.email.startsWith('ada-admin-'),
    )!;
    const res = await api('patch', `/users/${self.id}`, { role: 'assistant' });
    expect(res.status).toBe(409);
    expect(res.body.details).toEqual([{ path: 'role', message: expect.any(String) }]);
    expect((await api('patch', `/users/${self.id}`, { active: false })).status).toBe(409);
  });
});
