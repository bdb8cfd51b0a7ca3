/**
 * Settings history through the admin API: every change keeps a version (who, when, from where,
 * the readable diff), a client from before versions gets a baseline, any two versions compare, and
 * a restore goes through today's rules — or changes nothing.
 */
import { AuditEventModel, SettingsVersionModel } from '../../../src/store/models';
import { createClient, getClient } from '../../../src/store/clients';
import { recordVersion } from '../../../src/app/settings-history';
import { profileInput, useApi } from './harness';

const { api } = useApi(__filename);

const IP = '203.0.113.70';
const SECRET = 'webhook-secret-0700-abcdefgh';
type Version = {
  version: number;
  action: string;
  via: string;
  ip: string;
  actor: { type: string; label: string };
  restoredFrom: number | null;
  snapshot: Record<string, unknown>;
  changes: { path: string; kind: string; before?: unknown; after?: unknown; secret?: true }[];
};

const versionsOf = async (kind: 'clients' | 'users', id: string): Promise<Version[]> =>
  (await api('get', `/${kind}/${id}/versions`).expect(200)).body.data;

describe('admin API: settings history of clients and users', () => {
  it('when a client is created then patched through the API, then each change is a version with actor, via, address and diff', async () => {
    const { body: client } = await api('post', '/clients')
      .set('X-Forwarded-For', IP)
      .send(profileInput(['+33180000701'], 'Cabinet Historique'))
      .expect(201);
    await api('patch', `/clients/${client.id}`)
      .set('X-Forwarded-For', IP)
      .send({ greeting: 'Bonjour', weeklyHours: { mon: [{ start: '09:00', end: '12:00' }] } })
      .expect(200);
    // Saving the same settings again changes nothing: no version.
    await api('patch', `/clients/${client.id}`).send({ greeting: 'Bonjour' }).expect(200);

    const versions = await versionsOf('clients', client.id);
    expect(versions.map((v) => [v.version, v.action])).toEqual([
      [2, 'update'],
      [1, 'create'],
    ]);
    expect(versions[0]).toMatchObject({
      via: 'api',
      ip: IP,
      actor: { type: 'api-token', label: 'API token' },
    });
    expect(versions[0]!.changes).toEqual(
      expect.arrayContaining([
        { path: 'greeting', kind: 'CHANGE', before: '', after: 'Bonjour' },
        { path: 'weeklyHours.mon', kind: 'CHANGE', before: [], after: [{ start: '09:00', end: '12:00' }] },
      ]),
    );
    expect(versions[0]!.changes).toHaveLength(2);
    expect(versions[0]!.snapshot).toMatchObject({
      name: 'Cabinet Historique',
      greeting: 'Bonjour',
      active: true,
    });
    const one = await api('get', `/clients/${client.id}/versions/1`).expect(200);
    expect(one.body).toMatchObject({ version: 1, action: 'create', changes: [] });
  });

  it('when a client saved before versions existed is changed, then version 1 is its former state (system) and version 2 the change', async () => {
    const legacy = await createClient({ ...profileInput(['+33180000702'], 'Cabinet Ancien') });
    expect(await SettingsVersionModel.countDocuments({ subjectId: legacy.id })).toBe(0);
    await api('patch', `/clients/${legacy.id}`).send({ address: '1 rue Neuve' }).expect(200);

    const [change, baseline] = await versionsOf('clients', legacy.id);
    expect(baseline).toMatchObject({
      version: 1,
      action: 'baseline',
      via: 'system',
      actor: { type: 'system' },
    });
    expect(baseline!.snapshot).toMatchObject({ name: 'Cabinet Ancien', address: '' });
    expect(change).toMatchObject({ version: 2, action: 'update', via: 'api' });
    expect(change!.changes).toEqual([{ path: 'address', kind: 'CHANGE', before: '', after: '1 rue Neuve' }]);
  });

  it('when two versions are compared, then the readable diff between them comes back, and bad or unknown versions are refused', async () => {
    const { body: client } = await api('post', '/clients')
      .send(profileInput(['+33180000703'], 'Cabinet Compare'))
      .expect(201);
    await api('patch', `/clients/${client.id}`)
      .send({ vipNumbers: ['+33620000701'] })
      .expect(200);
    await api('patch', `/clients/${client.id}`)
      .send({ vipNumbers: ['+33620000701', '+33620000702'], name: 'Cabinet Comparé' })
      .expect(200);

    const res = await api('get', `/clients/${client.id}/versions/compare?from=1&to=3`).expect(200);
    expect(res.body.from.version).toBe(1);
    expect(res.body.to.version).toBe(3);
    expect(res.body.changes).toEqual(
      expect.arrayContaining([
        { path: 'vipNumbers', kind: 'CHANGE', before: [], after: ['+33620000701', '+33620000702'] },
        { path: 'name', kind: 'CHANGE', before: 'Cabinet Compare', after: 'Cabinet Comparé' },
      ]),
    );
    const bad = await api('get', `/clients/${client.id}/versions/compare?from=zero&to=2&x=1`).expect(400);
    expect(bad.body.error).toBe('invalid query');
    expect(bad.body.details.map((d: { path: string }) => d.path).sort()).toEqual(['query', 'query.from']);
    await api('get', `/clients/${client.id}/versions/compare?from=1&to=9`).expect(404);
    await api('get', `/clients/${client.id}/versions/9`).expect(404);
    await api('get', `/clients/${client.id}/versions/abc`).expect(404);
    await api('get', '/clients/0123456789abcdef01234567/versions').expect(404);
  });

  it('when an older version is restored, then its settings come back (secret included, active flag kept) as a new audited version', async () => {
    const { body: client } = await api('post', '/clients')
      .send({
        ...profileInput(['+33180000704'], 'Cabinet Restaure'),
        notifications: { webhook: { enabled: true, url: 'https://hooks.example.com/r', secret: SECRET } },
      })
      .expect(201);
    await api('patch', `/clients/${client.id}`)
      .send({
        name: 'Cabinet Modifié',
        notifications: { webhook: { enabled: false, url: null, secret: null } },
      })
      .expect(200);
    await api('delete', `/clients/${client.id}`).expect(200);

    const listed = await api('get', `/clients/${client.id}/versions`).expect(200);
    expect(listed.text).not.toContain(SECRET);
    const update = (listed.body.data as Version[]).find((v) => v.action === 'update')!;
    expect(update.changes).toEqual(
      expect.arrayContaining([{ path: 'notifications.webhook.secret', kind: 'REMOVE', secret: true }]),
    );
    const first = await api('get', `/clients/${client.id}/versions/1`).expect(200);
    expect(first.body.snapshot.notifications.webhook.secret).toBe('********');

    const restored = await api('post', `/clients/${client.id}/versions/1/restore`)
      .set('X-Forwarded-For', IP)
      .expect(200);
    expect(restored.body).toMatchObject({ name: 'Cabinet Restaure', active: false });
    const stored = await getClient(client.id);
    expect(stored.notifications.webhook).toEqual({
      enabled: true,
      url: 'https://hooks.example.com/r',
      secret: SECRET,
    });
    const [latest] = await versionsOf('clients', client.id);
    expect(latest).toMatchObject({ version: 4, action: 'restore', restoredFrom: 1, via: 'api', ip: IP });
    expect(latest!.changes).toEqual(
      expect.arrayContaining([
        { path: 'name', kind: 'CHANGE', before: 'Cabinet Modifié', after: 'Cabinet Restaure' },
        { path: 'notifications.webhook.secret', kind: 'CREATE', secret: true },
      ]),
    );
    const audit = await AuditEventModel.findOne({ 'target.id': client.id, action: 'client.restore' }).lean();
    expect(audit?.detail).toMatchObject({ restoredFrom: 1, version: 4 });
    expect(JSON.stringify(audit)).not.toContain(SECRET);
  });

  it('when a version is invalid under today’s rules or its number is now another client’s, then the restore is refused and nothing changes', async () => {
    const { body: client } = await api('post', '/clients')
      .send(profileInput(['+33180000705'], 'Cabinet Refus'))
      .expect(201);
    await api('post', '/clients')
      .send(profileInput(['+33180000706'], 'Cabinet Voisin'))
      .expect(201);
    const [v1] = await versionsOf('clients', client.id);
    const base = (await SettingsVersionModel.findOne({ subjectId: client.id, version: 1 }).lean())!;
    const { _id, ...fields } = base;
    // The stored-profile schema still reads 'UTC'; the write schema asks for a business zone.
    await SettingsVersionModel.create({
      ...fields,
      version: 2,
      snapshot: { ...v1!.snapshot, timezone: 'UTC' },
    });
    await SettingsVersionModel.create({
      ...fields,
      version: 3,
      snapshot: { ...v1!.snapshot, numbers: ['+33180000706'] },
    });
    const before = await getClient(client.id);

    const invalid = await api('post', `/clients/${client.id}/versions/2/restore`).expect(400);
    expect(invalid.body.error).toMatch(/not valid under today/);
    expect(invalid.body.details).toEqual([{ path: 'timezone', message: expect.any(String) }]);
    const taken = await api('post', `/clients/${client.id}/versions/3/restore`).expect(409);
    expect(taken.body.details).toEqual([
      { path: 'numbers.0', message: 'already assigned to another client' },
    ]);
    await api('post', `/clients/${client.id}/versions/8/restore`).expect(404);

    expect(await getClient(client.id)).toEqual(before);
    expect(await SettingsVersionModel.countDocuments({ subjectId: client.id })).toBe(3);
    expect(await AuditEventModel.countDocuments({ 'target.id': client.id, action: 'client.restore' })).toBe(
      0,
    );
  });

  it('when a user is created, changed and has their password reset, then each is a version without any password, and restores', async () => {
    const { body: client } = await api('post', '/clients')
      .send(profileInput(['+33180000707'], 'Cabinet Équipe'))
      .expect(201);
    const { body: user } = await api('post', '/users')
      .send({
        email: 'versions-0700@example.com',
        name: 'Lucie',
        role: 'assistant',
        password: 'a long enough passphrase',
      })
      .expect(201);
    await api('patch', `/users/${user.id}`)
      .send({ role: 'admin', clientIds: [client.id], password: 'another long passphrase' })
      .expect(200);

    const listed = await api('get', `/users/${user.id}/versions`).expect(200);
    expect(listed.text).not.toMatch(/passphrase|passwordHash|argon2/);
    const [change, created] = listed.body.data as Version[];
    expect(created).toMatchObject({ version: 1, action: 'create', via: 'api' });
    expect(created!.snapshot).toEqual({
      name: 'Lucie',
      role: 'assistant',
      clientIds: [],
      locale: 'fr-FR',
      active: true,
    });
    expect(change!.changes).toEqual(
      expect.arrayContaining([
        { path: 'role', kind: 'CHANGE', before: 'assistant', after: 'admin' },
        { path: 'clientIds', kind: 'CHANGE', before: [], after: [client.id] },
        { path: 'password', kind: 'CHANGE', secret: true },
      ]),
    );
    const compared = await api('get', `/users/${user.id}/versions/compare?from=2&to=1`).expect(200);
    expect(compared.body.changes).toEqual(
      expect.arrayContaining([{ path: 'role', kind: 'CHANGE', before: 'admin', after: 'assistant' }]),
    );

    const restored = await api('post', `/users/${user.id}/versions/1/restore`).expect(200);
    expect(restored.body).toMatchObject({ role: 'assistant', clientIds: [] });
    const [latest] = await versionsOf('users', user.id);
    expect(latest).toMatchObject({ version: 3, action: 'restore', restoredFrom: 1 });
  });

  it('when changes of one client are recorded at the same moment, then each gets its own number and a diff from the one before', async () => {
    const subject = { type: 'client' as const, id: '0123456789abcdef01234570' };
    const source = {
      actor: { type: 'system' as const, id: 'test', label: 'test' },
      ip: '',
      via: 'system' as const,
    };
    const names = ['A', 'B', 'C', 'D', 'E', 'F'];
    await Promise.all(
      names.map((name) =>
        recordVersion(subject, source, { action: 'update', before: { name: '0' }, after: { name } }),
      ),
    );
    const versions = await SettingsVersionModel.find({ subjectId: subject.id }).sort({ version: 1 }).lean();
    expect(versions.map((v) => v.version)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(versions[0]).toMatchObject({ action: 'baseline', snapshot: { name: '0' } });
    for (let i = 1; i < versions.length; i++) {
      const [previous, current] = [versions[i - 1]!, versions[i]!];
      expect(current.changes).toEqual([
        {
          path: 'name',
          kind: 'CHANGE',
          before: (previous.snapshot as { name: string }).name,
          after: (current.snapshot as { name: string }).name,
        },
      ]);
    }
  });
});
