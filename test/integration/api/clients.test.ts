import { AuditEventModel } from '../../../src/store/models';
import { findClientByNumber } from '../../../src/store/clients';
import { profileInput, useApi } from './harness';

const { api } = useApi(__filename);

describe('admin API /clients', () => {
  it('when a client is created, read, replaced and listed, then each answer carries the full profile', async () => {
    const created = await api('post', '/clients')
      .send(profileInput(['+33180000101']))
      .expect(201);
    expect(created.body).toMatchObject({ name: 'Cabinet Martin', locale: 'fr-FR', active: true });
    expect(created.body.defaultAction).toEqual({ type: 'message' });
    expect(created.headers.location).toBe(`/api/v1/clients/${created.body.id}`);

    await api('get', `/clients/${created.body.id}`).expect(200, created.body);
    const replaced = await api('put', `/clients/${created.body.id}`)
      .send({ ...profileInput(['+33180000102'], 'Cabinet Dupont'), locale: 'en-US' })
      .expect(200);
    expect(replaced.body).toMatchObject({
      name: 'Cabinet Dupont',
      numbers: ['+33180000102'],
      locale: 'en-US',
    });
    expect(await findClientByNumber('+33180000101')).toBeNull();

    const list = await api('get', '/clients').expect(200);
    expect(list.body.data.map((c: { id: string }) => c.id)).toContain(created.body.id);
    const audit = await AuditEventModel.find({ 'target.id': created.body.id }).sort({ at: 1 }).lean();
    expect(audit.map((e) => e.action)).toEqual(['client.create', 'client.update']);
    expect(audit[0]!.actor).toMatchObject({ type: 'api-token' });
  });

  it('when a client is patched, then the change is merged and the whole profile validated', async () => {
    const { body: client } = await api('post', '/clients')
      .send(profileInput(['+33180000201']))
      .expect(201);
    const patched = await api('patch', `/clients/${client.id}`)
      .send({ greeting: 'Bonjour', notifications: { email: { enabled: true, to: ['a@example.com'] } } })
      .expect(200);
    expect(patched.body).toMatchObject({
      name: 'Cabinet Martin',
      greeting: 'Bonjour',
      numbers: ['+33180000201'],
    });
    expect(patched.body.notifications.email).toEqual({ enabled: true, to: ['a@example.com'] });
    expect(patched.body.notifications.sms.enabled).toBe(true);
    const cleared = await api('patch', `/clients/${client.id}`).send({ greeting: null }).expect(200);
    expect(cleared.body.greeting).toBe('');

    const bad = await api('patch', `/clients/${client.id}`)
      .send({ locale: 'de-DE', numbers: [] })
      .expect(400);
    expect(bad.body.details.map((d: { path: string }) => d.path)).toEqual(
      expect.arrayContaining(['locale', 'numbers']),
    );
    await api('get', `/clients/${client.id}`).expect((res) => expect(res.body.locale).toBe('fr-FR'));
  });

  it('when the profile is invalid, then 400 names each field and nothing is saved', async () => {
    const res = await api('post', '/clients')
      .send({ name: '', numbers: ['0612'], timezone: 'Mars/Olympus' })
      .expect(400);
    expect(res.body.error).toBe('invalid body');
    const paths = res.body.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['name', 'numbers.0', 'timezone']));
    expect(await findClientByNumber('0612')).toBeNull();
  });

  it('when unknown fields or operator objects are sent, then 400 and nothing reaches the database', async () => {
    const unknown = await api('post', '/clients')
      .send({ ...profileInput(['+33180000301']), $where: 'sleep(1000)' })
      .expect(400);
    expect(unknown.body.details).toEqual([{ path: '$where', message: 'unknown field' }]);
    const operator = await api('post', '/clients')
      .send({ ...profileInput(['+33180000301']), name: { $gt: '' } })
      .expect(400);
    expect(operator.body.details[0].path).toBe('name');
    await api('post', '/clients').send(['not', 'an', 'object']).expect(400);
    const malformed = await api('post', '/clients').set('Content-Type', 'application/json').send('{"name":');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error).toBe('malformed JSON body');
    await api('get', '/clients?active[$ne]=x').expect(400);
    await api('get', '/clients?active=true&active=false').expect(400);
  });

  it('when a number is already assigned, then 409 names it and nothing is half-saved', async () => {
    await api('post', '/clients')
      .send(profileInput(['+33180000401'], 'First'))
      .expect(201);
    const res = await api('post', '/clients')
      .send(profileInput(['+33180000402', '+33180000401'], 'Second'))
      .expect(409);
    expect(res.body.details).toEqual([{ path: 'numbers.1', message: 'already assigned to another client' }]);
    expect(await findClientByNumber('+33180000402')).toBeNull();

    const { body: third } = await api('post', '/clients')
      .send(profileInput(['+33180000403'], 'Third'))
      .expect(201);
    await api('put', `/clients/${third.id}`)
      .send(profileInput(['+33180000401'], 'Third'))
      .expect(409);
    await api('get', `/clients/${third.id}`).expect((r) => expect(r.body.numbers).toEqual(['+33180000403']));
  });

  it('when a client is deleted, then it is deactivated: numbers stay claimed, calls find no client', async () => {
    const { body: client } = await api('post', '/clients')
      .send(profileInput(['+33180000501']))
      .expect(201);
    const res = await api('delete', `/clients/${client.id}`).expect(200);
    expect(res.body.active).toBe(false);
    expect(await findClientByNumber('+33180000501')).toBeNull();
    await api('post', '/clients')
      .send(profileInput(['+33180000501'], 'Thief'))
      .expect(409);
    const inactive = await api('get', '/clients?active=false').expect(200);
    expect(inactive.body.data.map((c: { id: string }) => c.id)).toEqual([client.id]);

    await api('patch', `/clients/${client.id}`).send({ active: true }).expect(200);
    expect((await findClientByNumber('+33180000501'))?.id).toBe(client.id);
  });

  it('when the id is unknown or malformed, then 404', async () => {
    for (const id of ['0123456789abcdef01234567', 'nope', '{"$gt":""}']) {
      await api('get', `/clients/${encodeURIComponent(id)}`).expect(404);
      await api('put', `/clients/${encodeURIComponent(id)}`)
        .send(profileInput(['+33180000601']))
        .expect(404);
      await api('patch', `/clients/${encodeURIComponent(id)}`)
        .send({ name: 'x' })
        .expect(404);
      await api('delete', `/clients/${encodeURIComponent(id)}`).expect(404);
    }
  });
});
