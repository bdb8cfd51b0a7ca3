import { AuditEventModel, UserModel } from '../../../src/store/models';
import { verifyPassword } from '../../../src/store/users';
import { profileInput, useApi } from './harness';

const { api } = useApi(__filename);

const newUser = (email: string, extra: Record<string, unknown> = {}) => ({
  email,
  name: 'Alice Martin',
  role: 'assistant',
  password: 'correct horse battery',
  ...extra,
});

describe('admin API /users', () => {
  it('when a user is created, read, listed and changed, then no password hash is ever returned', async () => {
    const { body: client } = await api('post', '/clients')
      .send(profileInput(['+33180000701']))
      .expect(201);
    const created = await api('post', '/users')
      .send(newUser('Alice@Example.com', { clientIds: [client.id] }))
      .expect(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      email: 'alice@example.com',
      name: 'Alice Martin',
      role: 'assistant',
      clientIds: [client.id],
      locale: 'fr-FR',
      active: true,
    });
    await api('get', `/users/${created.body.id}`).expect(200, created.body);
    const list = await api('get', '/users?role=assistant').expect(200);
    expect(list.body.data).toEqual([created.body]);
    expect(JSON.stringify(list.body)).not.toMatch(/passwordHash|argon/);

    const changed = await api('patch', `/users/${created.body.id}`)
      .send({ role: 'admin', clientIds: [], active: false, password: 'another long passphrase' })
      .expect(200);
    expect(changed.body).toMatchObject({ role: 'admin', clientIds: [], active: false });
    expect(JSON.stringify(changed.body)).not.toMatch(/password/);
    const stored = await UserModel.findById(created.body.id).lean();
    expect(await verifyPassword(stored!.passwordHash, 'another long passphrase')).toBe(true);

    const audit = await AuditEventModel.find({ 'target.id': created.body.id }).sort({ at: 1 }).lean();
    expect(audit.map((e) => e.action)).toEqual(['user.create', 'user.update']);
    expect(JSON.stringify(audit)).not.toMatch(/another long passphrase/);
    await api('get', '/users?active=false').expect((r) => expect(r.body.data).toHaveLength(1));
  });

  it('when the input is invalid, then 400 names each field', async () => {
    const res = await api('post', '/users')
      .send({ email: 'not-an-email', name: '', role: 'root', password: 'short' })
      .expect(400);
    const paths = res.body.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['email', 'name', 'role', 'password']));
    await api('post', '/users')
      .send(newUser('x@example.com', { isAdmin: true }))
      .expect(400);
    await api('post', '/users')
      .send(newUser('x@example.com', { email: { $ne: '' } }))
      .expect(400);
    await api('get', '/users?role[$ne]=admin').expect(400);
  });

  it('when a client id does not exist, then 400 names it and no user is created', async () => {
    const res = await api('post', '/users')
      .send(newUser('ghost@example.com', { clientIds: ['0123456789abcdef01234567'] }))
      .expect(400);
    expect(res.body.details).toEqual([{ path: 'clientIds.0', message: expect.stringMatching(/no client/) }]);
    expect(await UserModel.exists({ email: 'ghost@example.com' })).toBeNull();
  });

  it('when the email is taken, then 409; when the user is unknown, then 404', async () => {
    await api('post', '/users').send(newUser('bob@example.com')).expect(201);
    const res = await api('post', '/users').send(newUser('BOB@example.com')).expect(409);
    expect(res.body.details).toEqual([{ path: 'email', message: 'already in use' }]);
    await api('get', '/users/0123456789abcdef01234567').expect(404);
    await api('get', '/users/bob').expect(404);
    await api('patch', '/users/0123456789abcdef01234567').send({ name: 'x' }).expect(404);
  });
});
