/**
 * The assistants' appointment pages against the real service: the week and day views in the
 * client's timezone and language, booking through the form (CSRF, French errors next to the
 * fields, a slot taken meanwhile), moving and cancelling (confirmed first), and tenancy: an
 * assistant never sees or acts on another client's appointments.
 */
import { randomBytes } from 'node:crypto';
import { bookAppointment, findSlots } from '../../../src/app/appointments';
import type { ActionSource } from '../../../src/domain/access';
import { localDate } from '../../../src/domain/zoned-time';
import { messageKey } from '../../../src/flow';
import type { WebRuntime } from '../../../src/main/runtime';
import { listAuditEvents } from '../../../src/store/audit';
import type { Client } from '../../../src/store/clients';
import { csrfOf, makeClient, makeMessage, makeUser, signIn, startTestWeb, testConfig } from './web-fixture';

const api: ActionSource = {
  actor: { type: 'api-token', id: 'admin-api-token', label: 'API token' },
  ip: '',
  via: 'api',
};

describe('appointment pages', () => {
  let web: WebRuntime;
  let mine: Client;
  let theirs: Client;
  let session: Awaited<ReturnType<typeof signIn>>;

  beforeAll(async () => {
    web = await startTestWeb(testConfig(__filename));
    mine = await makeClient('Cabinet Martin');
    theirs = await makeClient('Cabinet Durand');
    const assistant = await makeUser('assistant', [mine.id], 'Assistante Martin');
    session = await signIn(web.server, assistant.email);
  });
  afterAll(() => web.stop());

  const slots = (client: Client, limit = 4) =>
    findSlots(web.appointments, client, { typeId: 'consultation', limit });
  const bookFor = async (client: Client, start: Date, fields: Record<string, string> = {}) =>
    bookAppointment(web.appointments, api, client, {
      typeId: 'consultation',
      start,
      callerName: 'Jeanne Dupont',
      callerNumber: '+33612345678',
      reason: 'Contrôle annuel',
      ...fields,
    });

  it('when the week of a booked appointment is opened, then it shows it in French with its caller, number, reason and status', async () => {
    const [slot] = await slots(mine);
    const callSid = `CA${randomBytes(16).toString('hex')}`;
    const booked = await bookFor(mine, slot!.start, { callSid });
    const message = await makeMessage(mine.id, { key: messageKey(callSid), callSid });
    const day = localDate(slot!.start, mine.timezone);
    const week = await session.agent.get(`/appointments?client=${mine.id}&view=week&date=${day}`).expect(200);
    expect(week.text).toContain('<h1>Rendez-vous · Cabinet Martin</h1>');
    expect(week.text).toMatch(/Semaine du \w+ \d+ \S+ au \w+ \d+ \S+ \d{4}/);
    expect(week.text).toContain('Jeanne Dupont');
    expect(week.text).toContain('href="tel:+33612345678"');
    expect(week.text).toContain('06 12 34 56 78');
    expect(week.text).toContain('Contrôle annuel');
    expect(week.text).toContain('Confirmé');
    expect(week.text).toContain('Pris par téléphone');
    expect(week.text).toMatch(/\d+\u00a0h(\u00a0\d\d)?\u00a0–\u00a0\d+\u00a0h/);
    const page = await session.agent.get(`/appointments/${booked.id}`).expect(200);
    expect(page.text).toContain(`href="/messages/${message.id}"`);
    expect(page.text).toContain('Message de l’appel');
    const english = await session.agent
      .get(`/appointments?client=${mine.id}&view=day&date=${day}&lang=en`)
      .expect(200);
    expect(english.text).toContain('Booked by phone');
    // US conventions, as the call and the SMS say it: "Tuesday, December 8", "10:00 AM–10:30 AM".
    expect(english.text).toMatch(/\d{1,2}:\d\d\u00a0[AP]M–\d{1,2}:\d\d\u00a0[AP]M/);
    expect(english.text).toMatch(
      /(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), [A-Z][a-z]+ \d{1,2}/,
    );
    await session.agent.get('/?lang=fr').expect(200);
  });

  it('when the list is opened, then its header leads to the appointments', async () => {
    const list = await session.agent.get('/').expect(200);
    expect(list.text).toContain('href="/appointments"');
  });

  it('when an appointment is booked through the form, then it is booked, audited and shown', async () => {
    const page = await session.agent.get(`/appointments/new?client=${mine.id}&type=consultation`).expect(200);
    const start = /name="start"\s+id="[^"]+"\s+value="([^"]+)"/.exec(page.text)![1]!;
    const res = await session.agent
      .post('/appointments/new')
      .type('form')
      .send({
        _csrf: csrfOf(page.text),
        client: mine.id,
        type: 'consultation',
        start,
        callerName: 'Paul Lefèvre',
        callerNumber: '06 98 76 54 32',
        reason: '',
      })
      .expect(303);
    const id = /\/appointments\/([\w-]+)$/.exec(res.headers.location!)![1]!;
    const shown = await session.agent.get(res.headers.location!).expect(200);
    expect(shown.text).toContain('Rendez-vous pris pour');
    expect(shown.text).toContain('Paul Lefèvre');
    expect(shown.text).toContain('href="tel:+33698765432"');
    expect(shown.text).toContain('Pris par un assistant');
    const audited = await listAuditEvents({ targetId: id });
    expect(audited.map((e) => e.action)).toEqual(['appointment.book']);
  });

  it('when the form is wrong, then French errors sit next to the fields and nothing is booked', async () => {
    const page = await session.agent.get(`/appointments/new?client=${mine.id}`).expect(200);
    const res = await session.agent
      .post('/appointments/new')
      .type('form')
      .send({
        _csrf: csrfOf(page.text),
        client: mine.id,
        type: 'consultation',
        callerName: '',
        callerNumber: '12',
      })
      .expect(400);
    expect(res.text).toContain('Le formulaire contient des erreurs\u202f; rien n’a été réservé.');
    expect(res.text).toContain('id="f-callerName-error">Indiquez le nom de l’appelant');
    expect(res.text).toContain('id="f-start-error">Choisissez un des créneaux libres proposés.');
    expect(res.text).not.toMatch(/Too small|expected|Invalid/);
    const number = await session.agent
      .post('/appointments/new')
      .type('form')
      .send({
        _csrf: csrfOf(page.text),
        client: mine.id,
        type: 'consultation',
        start: (await slots(mine))[0]!.start.toISOString(),
        callerName: 'Paul',
        callerNumber: '12',
      })
      .expect(400);
    expect(number.text).toContain('id="f-callerNumber-error">Ce numéro n’est pas valide\u00a0:');
  });

  it('when the slot was just taken, then 409 and the form offers other slots', async () => {
    const [slot] = await slots(mine);
    await bookFor(mine, slot!.start, { callerNumber: '+33611111111' });
    const page = await session.agent.get(`/appointments/new?client=${mine.id}`).expect(200);
    const res = await session.agent
      .post('/appointments/new')
      .type('form')
      .send({
        _csrf: csrfOf(page.text),
        client: mine.id,
        type: 'consultation',
        start: slot!.start.toISOString(),
        callerName: 'Paul',
        callerNumber: '0698765432',
      })
      .expect(409);
    expect(res.text).toContain('Ce créneau vient d’être pris\u202f; choisissez-en un autre.');
    expect(res.text).toContain('name="start"');
  });

  it('when the CSRF token is missing, then 403 and nothing is booked', async () => {
    const [slot] = await slots(mine);
    await session.agent
      .post('/appointments/new')
      .type('form')
      .send({
        client: mine.id,
        type: 'consultation',
        start: slot!.start.toISOString(),
        callerName: 'X',
        callerNumber: '0698765432',
      })
      .expect(403);
    const booked = await bookFor(mine, slot!.start, { callerNumber: '+33622222222' });
    await session.agent.post(`/appointments/${booked.id}/cancel`).type('form').send({}).expect(403);
  });

  it('when an appointment is moved and then cancelled after confirming, then each change is audited', async () => {
    const free = await slots(mine, 3);
    const booked = await bookFor(mine, free[0]!.start, { callerNumber: '+33633333333' });
    const page = await session.agent.get(`/appointments/${booked.id}`).expect(200);
    const to = free[2]!.start.toISOString();
    expect(page.text).toContain(`value="${to}"`);
    await session.agent
      .post(`/appointments/${booked.id}/move`)
      .type('form')
      .send({ _csrf: csrfOf(page.text), start: to })
      .expect(303);
    const moved = await session.agent.get(`/appointments/${booked.id}`).expect(200);
    expect(moved.text).toContain('Rendez-vous déplacé au');
    const confirm = await session.agent.get(`/appointments/${booked.id}/cancel`).expect(200);
    expect(confirm.text).toContain('Annuler ce rendez-vous\u00a0?');
    await session.agent
      .post(`/appointments/${booked.id}/cancel`)
      .type('form')
      .send({ _csrf: csrfOf(confirm.text) })
      .expect(303);
    const cancelled = await session.agent.get(`/appointments/${booked.id}`).expect(200);
    expect(cancelled.text).toContain('Rendez-vous annulé.');
    expect(cancelled.text).toContain('Annulé');
    const actions = (await listAuditEvents({ targetId: booked.id })).map((e) => e.action).sort();
    expect(actions).toEqual(['appointment.book', 'appointment.cancel', 'appointment.move']);
  });

  it('when an assistant reaches for another client’s appointments, then 404 and nothing changes', async () => {
    const [slot] = await slots(theirs);
    const other = await bookFor(theirs, slot!.start, { callerName: 'Bérénice Durand' });
    for (const path of [
      `/appointments?client=${theirs.id}`,
      `/appointments/new?client=${theirs.id}`,
      `/appointments/${other.id}`,
      `/appointments/${other.id}/cancel`,
    ]) {
      const res = await session.agent.get(path);
      expect(res.status).toBe(404);
      expect(res.text).not.toContain('Bérénice');
    }
    for (const [path, body] of [
      [`/appointments/${other.id}/cancel`, {}],
      [`/appointments/${other.id}/move`, { start: slot!.start.toISOString() }],
      [
        '/appointments/new',
        {
          client: theirs.id,
          type: 'consultation',
          start: slot!.start.toISOString(),
          callerName: 'X',
          callerNumber: '0698765432',
        },
      ],
    ] as const) {
      await session.agent
        .post(path)
        .type('form')
        .send({ _csrf: session.csrf, ...body })
        .expect(404);
    }
    const mineOnly = await session.agent.get('/appointments').expect(200);
    expect(mineOnly.text).toContain('Cabinet Martin');
    expect(mineOnly.text).not.toContain('Cabinet Durand');
    expect((await listAuditEvents({ targetId: other.id })).map((e) => e.action)).toEqual([
      'appointment.book',
    ]);
  });
});
