import type { WebRuntime } from '../../../../src/main/runtime';
import { listAuditEvents } from '../../../../src/store/audit';
import { findUserByEmail, getUser, verifyPassword } from '../../../../src/store/users';
import { makeClient, makeUser, signIn, startTestWeb, testConfig } from '../web-fixture';
import { fieldError } from './admin-fixture';

describe('admin pages: users and their clients', () => {
  let web: WebRuntime;
  let admin: Awaited<ReturnType<typeof signIn>>;
  let adminId: string;

  beforeAll(async () => {
    web = await startTestWeb(testConfig(__filename));
    const user = await makeUser('admin', [], 'Ada Admin');
    adminId = user.id;
    admin = await signIn(web.server, user.email);
  });
  afterAll(() => web.stop());

  const post = (url: string, form: Record<string, string | string[]>) =>
    admin.agent
      .post(url)
      .type('form')
      .send({ _csrf: admin.csrf, ...form });

  it('when an admin creates an assistant with two clients, then the user exists, can sign in, and it is audited', async () => {
    const [a, b] = await Promise.all([makeClient('Cabinet A'), makeClient('Cabinet B')]);
    const page = await admin.agent.get('/admin/users/new').expect(200);
    expect(page.text).toContain('Cabinet A');
    const email = `nina-${Date.now()}@test.local`;
    const res = await post('/admin/users', {
      email,
      name: 'Nina',
      role: 'assistant',
      password: 'a long passphrase',
      locale: 'en-US',
      clientIds: [a.id, b.id],
    }).expect(303);
    const user = (await findUserByEmail(email))!;
    expect(res.headers.location).toBe(`/admin/users/${user.id}`);
    expect(user.clientIds.sort()).toEqual([a.id, b.id].sort());
    expect(user.locale).toBe('en-US');
    expect(await verifyPassword(user.passwordHash, 'a long passphrase')).toBe(true);
    const events = await listAuditEvents({ action: 'user.create', targetId: user.id });
    expect(events).toHaveLength(1);
    expect(JSON.stringify(events[0])).not.toContain('passphrase');
    await signIn(web.server, email, 'a long passphrase', '10.9.0.1');
    expect((await admin.agent.get('/admin/users').expect(200)).text).toContain('Cabinet A, Cabinet B');
  });

  it('when the user form is invalid, then errors are next to the fields, the password is not echoed, nothing is saved', async () => {
    const email = `short-${Date.now()}@test.local`;
    const res = await post('/admin/users', {
      email,
      name: '',
      role: 'assistant',
      password: 'short',
      clientIds: 'ffffffffffffffffffffffff',
    }).expect(400);
    expect(fieldError(res.text, 'password')).toBe('12 caractères au minimum.');
    expect(fieldError(res.text, 'name')).toBeTruthy();
    expect(res.text).toContain(`value="${email}"`);
    expect(res.text).not.toContain('value="short"');
    expect(await findUserByEmail(email)).toBeNull();
    const unknown = await post('/admin/users', {
      email,
      name: 'X',
      role: 'assistant',
      password: 'a long passphrase',
      clientIds: 'ffffffffffffffffffffffff',
    }).expect(400);
    expect(unknown.text).toMatch(/id="f-clientIds-error">no client ffff/);
    expect(await findUserByEmail(email)).toBeNull();
  });

  it('when the email is taken, then the error is next to the email', async () => {
    const existing = await makeUser('assistant', [], 'Taken');
    const res = await post('/admin/users', {
      email: existing.email,
      name: 'Other',
      role: 'assistant',
      password: 'a long passphrase',
    }).expect(409);
    expect(fieldError(res.text, 'email')).toBe('Cette adresse e-mail est déjà utilisée.');
  });

  it('when an admin edits a user (role, clients, active, password), then it applies and the audit names the fields', async () => {
    const c = await makeClient('Cabinet C');
    const user = await makeUser('assistant', [], 'Paul');
    const page = await admin.agent.get(`/admin/users/${user.id}`).expect(200);
    expect(page.text).toContain(user.email);
    await post(`/admin/users/${user.id}`, {
      name: 'Paul Martin',
      role: 'assistant',
      locale: 'fr-FR',
      clientIds: c.id,
      password: 'another long passphrase',
    }).expect(303);
    const saved = await getUser(user.id);
    expect(saved).toMatchObject({ name: 'Paul Martin', clientIds: [c.id], active: false });
    const [event] = await listAuditEvents({ action: 'user.update', targetId: user.id });
    expect((event!.detail as { fields: string[] }).fields.sort()).toEqual([
      'active',
      'clientIds',
      'name',
      'password',
    ]);
    const bad = await post(`/admin/users/${user.id}`, { name: 'P', role: 'boss', active: 'on' }).expect(400);
    expect(fieldError(bad.text, 'role')).toBeTruthy();
    expect((await getUser(user.id)).active).toBe(false);
  });

  it('when an admin tries to demote or deactivate themselves, then it is refused next to the field and nothing changes', async () => {
    const me = await getUser(adminId);
    const demote = await post(`/admin/users/${me.id}`, {
      name: me.name,
      role: 'assistant',
      locale: 'fr-FR',
      active: 'on',
    }).expect(400);
    expect(fieldError(demote.text, 'role')).toMatch(/administrateur/);
    const deactivate = await post(`/admin/users/${me.id}`, {
      name: me.name,
      role: 'admin',
      locale: 'fr-FR',
    }).expect(400);
    expect(fieldError(deactivate.text, 'active')).toMatch(/désactiver/);
    expect(await getUser(me.id)).toMatchObject({ role: 'admin', active: true });
  });
});
