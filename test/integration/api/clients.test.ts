import { invalidateClientCache } from '../../../src/app/client-cache';
import { AuditEventModel, ClientModel } from '../../../src/store/models';
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

  describe('invalid data is refused with the field named', () => {
    it.each([
      [
        'a closure on February 30th',
        { closures: [{ from: '2026-02-30', to: '2026-03-02' }] },
        'closures.0.from',
      ],
      ['a closure in month 13', { closures: [{ from: '2026-12-24', to: '2026-13-45' }] }, 'closures.0.to'],
      [
        'a closure ending before it starts',
        { closures: [{ from: '2026-08-10', to: '2026-08-01' }] },
        'closures.0.to',
      ],
      ['the fixed-offset zone EST', { timezone: 'EST' }, 'timezone'],
      ['the zone UTC', { timezone: 'UTC' }, 'timezone'],
      ['the zone Etc/GMT+5', { timezone: 'Etc/GMT+5' }, 'timezone'],
      [
        'a webhook to 127.0.0.1',
        {
          notifications: {
            webhook: { enabled: true, url: 'http://127.0.0.1:6390/', secret: 'x'.repeat(16) },
          },
        },
        'notifications.webhook.url',
      ],
      [
        'a webhook to the metadata endpoint written in decimal',
        { notifications: { webhook: { enabled: true, url: 'http://2852039166/', secret: 'x'.repeat(16) } } },
        'notifications.webhook.url',
      ],
      ['a name of control characters only', { name: '\u0000\u001b[2J' }, 'name'],
    ])('when %s is sent, then 400 names the field and nothing is saved', async (_what, change, path) => {
      const number = '+33180000601';
      const res = await api('post', '/clients')
        .send({ ...profileInput([number]), ...change })
        .expect(400);
      expect(res.body.error).toBe('invalid body');
      expect(res.body.details.map((d: { path: string }) => d.path)).toContain(path);
      expect(await findClientByNumber(number)).toBeNull();
    });

    it('when names and texts carry control characters, then they are saved without them', async () => {
      const res = await api('post', '/clients')
        .send({
          ...profileInput(['+33180000602'], 'Cabinet\u0000 \u001b[31mMartin\u001b[0m'),
          greeting: 'Bonjour,\r\nbienvenue\u0007',
          timezone: 'America/Argentina/Buenos_Aires',
          closures: [{ from: '2028-02-29', to: '2028-02-29', label: 'Bissextile\u001b]0;x\u0007' }],
        })
        .expect(201);
      expect(res.body).toMatchObject({
        name: 'Cabinet Martin',
        greeting: 'Bonjour,\nbienvenue',
        timezone: 'America/Argentina/Buenos_Aires',
        closures: [{ from: '2028-02-29', to: '2028-02-29', label: 'Bissextile' }],
      });
    });

    it('when a client stored under older rules has a legacy zone, then it still loads and a save asks for a real one', async () => {
      const { body: client } = await api('post', '/clients')
        .send(profileInput(['+33180000603']))
        .expect(201);
      await ClientModel.updateOne({ _id: client.id }, { $set: { timezone: 'UTC' } });
      invalidateClientCache();
      await api('get', `/clients/${client.id}`).expect((r) => expect(r.body.timezone).toBe('UTC'));
      expect((await findClientByNumber('+33180000603'))?.timezone).toBe('UTC');
      const res = await api('patch', `/clients/${client.id}`).send({ greeting: 'Bonjour' }).expect(400);
      expect(res.body.details.map((d: { path: string }) => d.path)).toEqual(['timezone']);
      await api('patch', `/clients/${client.id}`).send({ timezone: 'Europe/Paris' }).expect(200);
    });
  });
});
