/**
 * The settings history pages: an edit through the admin form keeps a version (the admin, the
 * admin pages, their address), the history reads in words, two versions compare, and a restore
 * asks for confirmation, then applies through the use case — or says why not and changes nothing.
 */
import type { WebRuntime } from '../../../../src/main/runtime';
import { SettingsVersionModel } from '../../../../src/store/models';
import { getClient } from '../../../../src/store/clients';
import { getUser } from '../../../../src/store/users';
import { makeClient, makeUser, signIn, startTestWeb, testConfig } from '../web-fixture';
import { clientForm } from './admin-fixture';

const IP = '198.51.100.70';
const SECRET = 'web-history-secret-0700-xyz';

describe('admin pages: settings history', () => {
  let web: WebRuntime;
  let admin: Awaited<ReturnType<typeof signIn>>;
  let adminEmail: string;
  let adminId: string;

  beforeAll(async () => {
    web = await startTestWeb(testConfig(__filename));
    const user = await makeUser('admin', [], 'Ada Historique');
    [adminEmail, adminId] = [user.email, user.id];
    admin = await signIn(web.server, user.email, undefined, IP);
  });
  afterAll(() => web.stop());

  const get = (url: string) => admin.agent.get(url).set('X-Forwarded-For', IP);
  const post = (url: string, form: Record<string, string | string[]> = {}) =>
    admin.agent
      .post(url)
      .set('X-Forwarded-For', IP)
      .type('form')
      .send({ _csrf: admin.csrf, ...form });

  it('when an admin edits a legacy client through the form, then a baseline and a web version are kept and the history reads in words', async () => {
    const client = await makeClient('Cabinet Lumière');
    const form = clientForm({
      name: 'Cabinet Lumière',
      numbers: '+33180000708',
      hours_mon: '09:00-12:00, 14:00-18:00',
      webhookEnabled: 'on',
      webhookUrl: 'https://hooks.example.com/lumiere',
      webhookSecret: SECRET,
    });
    await post(`/admin/clients/${client.id}`, form).expect(303);

    const versions = await SettingsVersionModel.find({ subjectId: client.id }).sort({ version: 1 }).lean();
    expect(versions.map((v) => [v.version, v.action, v.via])).toEqual([
      [1, 'baseline', 'system'],
      [2, 'update', 'web'],
    ]);
    expect(versions[1]).toMatchObject({ ip: IP, actor: { type: 'user', id: adminId, label: adminEmail } });

    const edit = await get(`/admin/clients/${client.id}`).expect(200);
    expect(edit.text).toContain(`href="/admin/clients/${client.id}/history"`);
    const page = await get(`/admin/clients/${client.id}/history`).expect(200);
    expect(page.text).toContain('Historique des réglages · Cabinet Lumière');
    expect(page.text).toContain(`par ${adminEmail} · page d’administration · ${IP}`);
    expect(page.text).toContain('État avant l’historique');
    expect(page.text).toMatch(/Réglages modifiés\u00a0: [^<]*Horaires d’ouverture/);
    expect(page.text).toContain('lundi\u00a0: 9 h – 12 h, 14 h – 18 h');
    expect(page.text).toContain('Secret du webhook');
    expect(page.text).toContain('modifié (valeur masquée)');
    expect(page.text).not.toContain(SECRET);
    expect(page.text).not.toContain(adminId);
    expect(page.text).not.toMatch(/weeklyHours|notifications\.webhook/);
    expect(page.text).toContain(`href="/admin/clients/${client.id}/history/1/restore"`);
    expect(page.text).not.toContain(`href="/admin/clients/${client.id}/history/2/restore"`);

    const english = await get(`/admin/clients/${client.id}/history?lang=en`).expect(200);
    expect(english.text).toContain(`by ${adminEmail} · admin pages`);
    expect(english.text).toContain('Monday: 9 AM – noon, 2 PM – 6 PM');
    await get(`/admin/clients/${client.id}/history?lang=fr`).expect(200);
  });

  it('when two versions are compared, then the difference shows; a version not in the list is refused next to the field', async () => {
    const client = await makeClient('Cabinet Comparaison');
    await post(
      `/admin/clients/${client.id}`,
      clientForm({ name: 'Cabinet Comparaison', vipNumbers: '+33620000705' }),
    ).expect(303);
    const page = await get(`/admin/clients/${client.id}/history?from=1&to=2`).expect(200);
    expect(page.text).toContain('De la version 1 à la version 2');
    expect(page.text).toContain('+33 6 20 00 07 05');
    const bad = await get(`/admin/clients/${client.id}/history?from=1&to=7`).expect(400);
    expect(bad.text).toMatch(/id="f-to-error">Choisissez une version de la liste\./);
    expect(bad.text).not.toContain('id="comparison"');
    expect(bad.text).not.toContain('id="f-from-error"');
    const word = await get(`/admin/clients/${client.id}/history?from=un&to=2`).expect(400);
    expect(word.text).toContain('id="f-from-error"');
    expect(word.text).not.toContain('id="f-to-error"');
  });

  it('when an admin confirms the restore of an older version, then the settings come back as a new version and a flash says so', async () => {
    const client = await makeClient('Cabinet Retour');
    await post(
      `/admin/clients/${client.id}`,
      clientForm({ name: 'Cabinet Changé', numbers: '+33180000709' }),
    ).expect(303);

    const confirm = await get(`/admin/clients/${client.id}/history/1/restore`).expect(200);
    expect(confirm.text).toContain('Restaurer la version 1\u00a0?');
    expect(confirm.text).toContain('Cabinet Changé');
    expect(confirm.text).toContain('name="_csrf"');
    // Without the form's token nothing happens.
    await admin.agent.post(`/admin/clients/${client.id}/history/1/restore`).type('form').send({}).expect(403);
    expect((await getClient(client.id)).name).toBe('Cabinet Changé');

    const done = await post(`/admin/clients/${client.id}/history/1/restore`).expect(303);
    expect(done.headers.location).toBe(`/admin/clients/${client.id}/history`);
    const restored = await getClient(client.id);
    expect(restored.name).toBe('Cabinet Retour');
    expect(restored.numbers).toEqual(client.numbers);
    const history = await get(`/admin/clients/${client.id}/history`).expect(200);
    expect(history.text).toContain('Version 1 restaurée\u00a0: c’est maintenant la version 3.');
    expect(history.text).toContain('restauration de la version 1');
  });

  it('when the version is invalid under today’s rules, then the confirmation page says which setting and nothing changes', async () => {
    const client = await makeClient('Cabinet Ancien Fuseau');
    await post(`/admin/clients/${client.id}`, clientForm({ name: 'Cabinet Ancien Fuseau' })).expect(303);
    const v1 = (await SettingsVersionModel.findOne({ subjectId: client.id, version: 1 }).lean())!;
    const { _id, ...fields } = v1;
    await SettingsVersionModel.create({
      ...fields,
      version: 3,
      snapshot: { ...(v1.snapshot as object), timezone: 'UTC' },
    });
    const before = await getClient(client.id);
    const res = await post(`/admin/clients/${client.id}/history/3/restore`).expect(400);
    expect(res.text).toContain('Cette version ne peut pas être restaurée\u00a0; rien n’a été modifié.');
    expect(res.text).toMatch(/<li>Fuseau horaire\u00a0: /);
    expect(await getClient(client.id)).toEqual(before);
    expect(await SettingsVersionModel.countDocuments({ subjectId: client.id })).toBe(3);
    await get(`/admin/clients/${client.id}/history/abc/restore`).expect(404);
    await get(`/admin/clients/${client.id}/history/9/restore`).expect(404);
  });

  it('when a user is edited through the form, then the user history names the role, the clients and the password reset, and restores', async () => {
    const c = await makeClient('Cabinet Équipe Web');
    const user = await makeUser('assistant', [], 'Paul Historique');
    await post(`/admin/users/${user.id}`, {
      name: 'Paul Historique',
      role: 'admin',
      locale: 'fr-FR',
      active: 'on',
      clientIds: [c.id],
      password: 'a brand new passphrase',
    }).expect(303);

    const page = await get(`/admin/users/${user.id}/history`).expect(200);
    expect(page.text).toContain('Historique des réglages · Paul Historique');
    expect(page.text).toContain('Administrateur');
    expect(page.text).toContain('Cabinet Équipe Web');
    expect(page.text).toContain('Mot de passe');
    expect(page.text).not.toContain(c.id);
    expect(page.text).not.toMatch(/passphrase|argon2/);

    await post(`/admin/users/${user.id}/history/1/restore`).expect(303);
    expect(await getUser(user.id)).toMatchObject({ role: 'assistant', clientIds: [] });
  });

  it('when an admin would restore a version of themselves without admin rights, then it is refused and nothing changes', async () => {
    const me = await makeUser('assistant', [], 'Zoé Promue');
    const session = await signIn(web.server, me.email, undefined, '198.51.100.71');
    await post(`/admin/users/${me.id}`, {
      name: 'Zoé Promue',
      role: 'admin',
      locale: 'fr-FR',
      active: 'on',
    }).expect(303);
    const fresh = await signIn(web.server, me.email, undefined, '198.51.100.71');
    void session;
    const res = await fresh.agent
      .post(`/admin/users/${me.id}/history/1/restore`)
      .type('form')
      .send({ _csrf: fresh.csrf })
      .expect(409);
    expect(res.text).toContain('Vous ne pouvez ni retirer vos propres droits d’administrateur');
    expect((await getUser(me.id)).role).toBe('admin');
  });
});
