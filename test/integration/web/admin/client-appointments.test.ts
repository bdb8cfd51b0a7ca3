/**
 * The client page's appointment parts: the types section of the client form (saved through the
 * profile schema, errors in French next to their field), the calendar panel against the Radicale
 * `npm test` started (the password never in a page), and the slots the route preview offers.
 */
import type { WebRuntime } from '../../../../src/main/runtime';
import { getClient } from '../../../../src/store/clients';
import { formFromProfile } from '../../../../src/web/admin/client-form-fill';
import { newCalendar, testServer } from '../../calendar/radicale';
import { makeClient, makeUser, signIn, startTestWeb, testConfig } from '../web-fixture';
import { fieldError } from './admin-fixture';

describe('admin client page: appointments and calendar', () => {
  let web: WebRuntime;
  let admin: Awaited<ReturnType<typeof signIn>>;
  const server = testServer();

  beforeAll(async () => {
    web = await startTestWeb(testConfig(__filename, { WEBHOOK_ALLOW_PRIVATE: 'true' }));
    admin = await signIn(web.server, (await makeUser('admin', [], 'Ada Admin')).email);
  });
  afterAll(() => web.stop());

  const post = (url: string, form: Record<string, string>) =>
    admin.agent
      .post(url)
      .type('form')
      .send({ _csrf: admin.csrf, ...form });

  it('when the page is opened, then the types show with their own hours in words, and no internal id', async () => {
    const client = await makeClient('Cabinet Types');
    const page = await admin.agent.get(`/admin/clients/${client.id}`).expect(200);
    expect(page.text).toContain('<legend>Rendez-vous</legend>');
    expect(page.text).toMatch(/id="f-apt0_name"[^>]*value="Consultation"/s);
    expect(page.text).toContain('mardi 14:00-17:00');
    expect(page.text).toMatch(/type="hidden" name="apt0_id" value="consultation"/);
    expect(page.text).not.toMatch(/<label[^>]*>[^<]*\bid\b/i);
  });

  it('when a type is added and the form saved, then the profile has it with an id from its name', async () => {
    const client = await makeClient('Cabinet Ajout');
    const form = formFromProfile(client);
    const res = await post(`/admin/clients/${client.id}`, {
      ...form,
      apt2_name: 'Bilan à domicile',
      apt2_duration: '45',
      apt2_buffer: '15',
      apt2_newCallers: 'request',
      apt2_hours: 'lundi 14:00-18:00\nFriday 09:00-12:00',
    });
    expect(res.status).toBe(303);
    const saved = await getClient(client.id);
    expect(saved.appointments.types.map((t) => t.id)).toEqual([
      'consultation',
      'vaccination',
      'bilan-a-domicile',
    ]);
    expect(saved.appointments.types[2]).toMatchObject({
      name: 'Bilan à domicile',
      durationMinutes: 45,
      bufferMinutes: 15,
      newCallers: 'request',
      hours: { mon: [{ start: '14:00', end: '18:00' }], fri: [{ start: '09:00', end: '12:00' }], tue: [] },
    });
    // Saving the page as shown changes nothing.
    const again = formFromProfile(saved);
    await post(`/admin/clients/${client.id}`, again).expect(303);
    expect((await getClient(client.id)).appointments).toEqual(saved.appointments);
  });

  it('when a type is wrong, then the French sentence is next to its field and nothing is saved', async () => {
    const client = await makeClient('Cabinet Erreurs');
    const form = formFromProfile(client);
    const res = await post(`/admin/clients/${client.id}`, {
      ...form,
      apt1_duration: '3',
      apt0_hours: 'lundi 9h à midi',
      aptReminderHours: '500',
    }).expect(400);
    expect(fieldError(res.text, 'apt1_duration')).toBe('Entre 5 et 480 minutes.');
    expect(fieldError(res.text, 'apt0_hours')).toContain('Une ligne par jour');
    expect(fieldError(res.text, 'aptReminderHours')).toBe('Entre 0 et 168 heures.');
    expect(res.text).not.toMatch(/Too (small|big)|expected/);
    expect((await getClient(client.id)).appointments).toEqual(client.appointments);
  });

  it('when a CalDAV calendar is connected, tested and disconnected, then the password never shows', async () => {
    const client = await makeClient('Cabinet Agenda');
    const page = await admin.agent.get(`/admin/clients/${client.id}`).expect(200);
    expect(page.text).toContain('Carnet de rendez-vous intégré');
    const url = await newCalendar(server, 'Agenda du cabinet');
    const bad = await post(`/admin/clients/${client.id}/calendar`, {
      action: 'connect',
      url,
      username: server.username,
      password: 'wrong-password-123',
    }).expect(400);
    expect(fieldError(bad.text, 'password')).toBe('L’identifiant ou le mot de passe a été refusé.');
    expect(bad.text).not.toContain('wrong-password-123');
    const noUrl = await post(`/admin/clients/${client.id}/calendar`, {
      action: 'connect',
      url: 'agenda',
      username: 'x',
      password: 'y',
    }).expect(400);
    expect(fieldError(noUrl.text, 'url')).toBe('Indiquez l’adresse https de l’agenda.');

    await post(`/admin/clients/${client.id}/calendar`, {
      action: 'connect',
      url,
      username: server.username,
      password: server.password,
    }).expect(303);
    const connected = await admin.agent.get(`/admin/clients/${client.id}`).expect(200);
    expect(connected.text).toContain('Agenda connecté.');
    expect(connected.text).toContain('Agenda CalDAV du client');
    expect(connected.text).toMatch(/name="password"[^>]*placeholder="enregistré"/s);
    expect(connected.text).not.toContain(server.password);
    // A blank password tests the stored one.
    const tested = await post(`/admin/clients/${client.id}/calendar`, {
      action: 'test',
      url,
      username: server.username,
      password: '',
    }).expect(200);
    expect(tested.text).toContain('Connexion réussie\u00a0: agenda «\u00a0Agenda du cabinet\u00a0».');
    expect(tested.text).not.toContain(server.password);
    await post(`/admin/clients/${client.id}/calendar/disconnect`, {}).expect(303);
    const after = await admin.agent.get(`/admin/clients/${client.id}`).expect(200);
    expect(after.text).toContain('Agenda déconnecté');
    await admin.agent
      .post(`/admin/clients/${client.id}/calendar/disconnect`)
      .type('form')
      .send({})
      .expect(403);
  });

  it('when a time is previewed, then the panel lists the slots a caller would be offered per type', async () => {
    const client = await makeClient('Cabinet Aperçu');
    const res = await admin.agent
      .get(`/admin/clients/${client.id}/preview?from=%2B33612345678&at=2030-01-07T10:00`)
      .expect(200);
    expect(res.text).toContain('Créneaux proposés à un appelant');
    expect(res.text).toMatch(
      /<dt>Consultation<\/dt>\s*<dd>\s*<ul>\s*<li><time datetime="2030-01-07T10:00:00.000Z">lundi 7 janvier à 11\u00a0h<\/time>/,
    );
    expect(res.text).toContain('<dt>Vaccination</dt>');
  });
});
