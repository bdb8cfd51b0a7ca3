import type { WebRuntime } from '../../../../src/main/runtime';
import { listAuditEvents } from '../../../../src/store/audit';
import { findClientByNumber, getClient, listClients } from '../../../../src/store/clients';
import { csrfOf, makeClient, makeUser, signIn, startTestWeb, testConfig } from '../web-fixture';
import { clientForm, fieldError, uniqueNumber } from './admin-fixture';

describe('admin pages: clients', () => {
  let web: WebRuntime;
  let admin: Awaited<ReturnType<typeof signIn>>;

  beforeAll(async () => {
    web = await startTestWeb(testConfig(__filename));
    const user = await makeUser('admin', [], 'Ada Admin');
    admin = await signIn(web.server, user.email);
  });
  afterAll(() => web.stop());

  const post = (url: string, form: Record<string, string>) =>
    admin.agent
      .post(url)
      .type('form')
      .send({ _csrf: admin.csrf, ...form });

  it('when an admin creates a client through the form, then it is saved, audited and listed', async () => {
    const page = await admin.agent.get('/admin/clients/new').expect(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.text).toContain('<legend>Horaires d’ouverture</legend>');
    const form = clientForm();
    const res = await post('/admin/clients', form).expect(303);
    const id = /\/admin\/clients\/([0-9a-f]{24})$/.exec(res.headers.location!)![1]!;
    const client = await getClient(id);
    expect(client.numbers).toEqual([form.numbers]);
    expect(client.weeklyHours.mon).toEqual([
      { start: '09:00', end: '12:30' },
      { start: '14:00', end: '18:30' },
    ]);
    expect(client.closures).toEqual([{ from: '2026-12-24', to: '2027-01-02', label: 'Fêtes' }]);
    expect(client.transferTargets).toEqual([{ name: 'Dr Durand', number: '+33612345678', ringSeconds: 20 }]);
    expect(client.notifications.sms).toEqual({ enabled: true, to: ['+33612345678'] });
    const events = await listAuditEvents({ action: 'client.create', targetId: id });
    expect(events).toHaveLength(1);
    const edit = await admin.agent.get(`/admin/clients/${id}`).expect(200);
    expect(edit.text).toContain('Client créé.');
    expect(edit.text).toContain('value="09:00-12:30, 14:00-18:30"');
    const list = await admin.agent.get('/admin/clients').expect(200);
    expect(list.text).toContain('Cabinet Durand');
    // The language by its name, the number as a French reader writes it: no codes, no "+33".
    expect(list.text).toContain('Français (France)');
    expect(list.text).not.toMatch(/>\s*fr-FR\s*</);
    expect(list.text).not.toContain('+33 1');
  });

  it('when the form is invalid, then each error is next to its field, the input is kept and nothing is saved', async () => {
    const before = (await listClients()).length;
    const form = clientForm({
      name: 'Cabinet Invalide',
      numbers: `${uniqueNumber()}\n0612`,
      hours_mon: '18:00-09:00',
      hours_tue: '9h à midi',
      target1_name: 'Secrétariat',
      target1_number: 'abc',
      'rules[0][name]': 'r',
      'rules[0][caller]': 'friend',
      'rules[0][action]': 'transfer',
      smsTo: 'nope',
    });
    const res = await post('/admin/clients', form).expect(400);
    expect(res.text).toContain('role="alert"');
    expect(fieldError(res.text, 'hours_mon')).toContain('Le début doit précéder la fin.');
    expect(fieldError(res.text, 'hours_tue')).toContain('HH:MM-HH:MM');
    expect(fieldError(res.text, 'numbers')).toMatch(/^Ligne 2\u202f: Numéro au format international attendu/);
    expect(fieldError(res.text, 'target1_number')).toContain('format international');
    expect(fieldError(res.text, 'rules-0-caller')).toBe('Choix inconnu.');
    expect(res.text).toContain('<a href="#f-rules-0-caller">Règle 1 · Appelant\u202f: Choix inconnu.</a>');
    expect(fieldError(res.text, 'smsTo')).toContain('format international');
    expect(fieldError(res.text, 'name')).toBeNull();
    expect(res.text).toContain('value="18:00-09:00"');
    expect(res.text).toContain('value="Cabinet Invalide"');
    expect(res.text).toContain('aria-invalid="true"');
    expect((await listClients()).length).toBe(before);
  });

  it('when a closure day does not exist, the zone is EST or the webhook points inside, then each field says so and nothing is saved', async () => {
    const before = (await listClients()).length;
    const form = clientForm({
      closures: '2026-02-30..2026-03-02 Inventaire',
      timezone: 'EST',
      webhookEnabled: 'on',
      webhookUrl: 'http://127.0.0.1:6390/',
      webhookSecret: 'x'.repeat(16),
    });
    const zoneAndDay = await post('/admin/clients', form).expect(400);
    expect(fieldError(zoneAndDay.text, 'closures')).toContain('Ce jour n’existe pas dans le calendrier.');
    expect(fieldError(zoneAndDay.text, 'timezone')).toContain('Europe/Paris');
    const hook = await post(
      '/admin/clients',
      clientForm({
        webhookEnabled: 'on',
        webhookUrl: 'http://127.0.0.1:6390/',
        webhookSecret: 'x'.repeat(16),
      }),
    ).expect(400);
    expect(fieldError(hook.text, 'webhookUrl')).toContain(
      'Le webhook doit viser une adresse publique\u202f: 127.0.0.1 est une adresse de cette machine ou du réseau local.',
    );
    expect((await listClients()).length).toBe(before);
  });

  it('when a rules button is pressed without JavaScript, then the rules come back moved and nothing is saved', async () => {
    const before = (await listClients()).length;
    const form = clientForm({
      'rules[0][name]': 'Première',
      'rules[0][action]': 'message',
      'rules[1][name]': 'Seconde',
      'rules[1][caller]': 'vip',
      'rules[1][action]': 'transfer',
      _rules: 'up:1',
    });
    const res = await post('/admin/clients', form).expect(200);
    expect(res.text).toMatch(/name="rules\[0\]\[name\]"\s+type="text"\s+value="Seconde"/);
    expect(res.text).toMatch(/name="rules\[1\]\[name\]"\s+type="text"\s+value="Première"/);
    expect((await listClients()).length).toBe(before);
  });

  it('when a number is already taken by another client, then the error is next to the numbers', async () => {
    const other = await makeClient('Autre cabinet');
    const mine = uniqueNumber();
    const res = await post('/admin/clients', clientForm({ numbers: `${mine}\n${other.numbers[0]}` })).expect(
      409,
    );
    expect(fieldError(res.text, 'numbers')).toBe(
      'Ligne 2\u202f: Ce numéro est déjà attribué à un autre client.',
    );
    // Nothing half-saved: the first number was released and can be used.
    await post('/admin/clients', clientForm({ numbers: mine })).expect(303);
  });

  it('when an admin edits a client, then the profile is replaced, audited, and an override is read in local time', async () => {
    const client = await makeClient('Cabinet à modifier');
    const form = clientForm({
      name: 'Cabinet modifié',
      numbers: client.numbers[0]!,
      overrideMode: 'closed',
      overrideUntil: '2026-07-14T18:00',
    });
    await post(`/admin/clients/${client.id}`, form).expect(303);
    const saved = await getClient(client.id);
    expect(saved.name).toBe('Cabinet modifié');
    expect(saved.override).toEqual({ mode: 'closed', until: '2026-07-14T16:00:00.000Z' });
    expect(await listAuditEvents({ action: 'client.update', targetId: client.id })).toHaveLength(1);
    const page = await admin.agent.get(`/admin/clients/${client.id}`).expect(200);
    expect(page.text).toContain('value="2026-07-14T18:00"');
    expect(csrfOf(page.text)).toBe(admin.csrf);
  });

  it('when testing the setup with a VIP during opening hours, then the panel shows a transfer', async () => {
    const res = await post('/admin/clients', clientForm({ name: 'Cabinet Test' })).expect(303);
    const url = `${res.headers.location}/preview`;
    // Monday 2026-03-02 10:00 in Paris (09:00 UTC): open.
    const page = await admin.agent
      .get(url)
      .query({ from: '+33611111111', at: '2026-03-02T10:00' })
      .expect(200);
    expect(page.text).toContain('Décision\u202f: Transfert');
    expect(page.text).toContain('lundi 2 mars 2026 à 10:00');
    expect(page.text).toContain('Ouvert');
    expect(page.text).toContain('Dr Durand · 06 12 34 56 78 · 20 s');
    expect(page.text).toContain(
      'Appelant VIP pendant les horaires d’ouverture\u202f: transfert vers Dr Durand.',
    );
    expect(page.text).toContain('(horaires de la semaine)');
    const closed = await admin.agent
      .get(url)
      .query({ from: '+33622222222', at: '2026-03-02T20:00', digits: '2' });
    expect(closed.text).toContain('Fermé');
    expect(closed.text).toContain('Décision\u202f: Prise de message');
    const bad = await admin.agent.get(url).query({ from: 'x', at: '' }).expect(400);
    expect(fieldError(bad.text, 'from')).toContain('format international');
    expect(fieldError(bad.text, 'at')).toBeTruthy();
  });

  it('when an admin switches a client off and on again, then its number stops and resumes being served, both audited', async () => {
    const client = await makeClient('Plomberie Dupuis');
    const number = client.numbers[0]!;
    await post(`/admin/clients/${client.id}/active`, {}).expect(303);
    expect((await getClient(client.id)).active).toBe(false);
    expect(await findClientByNumber(number)).toBeNull();
    const page = await admin.agent.get(`/admin/clients/${client.id}`).expect(200);
    expect(page.text).toContain('Réactiver ce client');
    await post(`/admin/clients/${client.id}/active`, { active: 'on' }).expect(303);
    expect((await findClientByNumber(number))?.id).toBe(client.id);
    const actions = (await listAuditEvents({ targetId: client.id })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['client.deactivate', 'client.activate']));
  });
});
