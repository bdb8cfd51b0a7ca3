/**
 * /admin/audit: an admin filters the access log and reads it in words (French and English);
 * bad filters re-render the form with the error; assistants are refused; the pages' own reads
 * of caller data (list, message page, CSV export) are in it.
 */
import request from 'supertest';
import type { WebRuntime } from '../../../../src/main/runtime';
import { callerKey } from '../../../../src/app/caller-key';
import { recordAudit } from '../../../../src/store/audit';
import { createClient, type Client } from '../../../../src/store/clients';
import { AuditEventModel } from '../../../../src/store/models';
import type { User } from '../../../../src/domain/users';
import { DEMO_CLIENT } from '../../../../scripts/lib/seed';
import { makeMessage, makeUser, signIn, startTestWeb, testConfig } from '../web-fixture';

const TOKEN = 'test-admin-api-token-0123456789';
const CALLER = '+33620001004';

/** The words a person reads: the page without its tags, attributes and scripts. */
const visibleText = (page: string) =>
  page
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, '')
    .replace(/<option[^>]*value="[^"]*"[^>]*>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

describe('admin page /admin/audit', () => {
  let web: WebRuntime;
  let client: Client;
  let admin: User;
  let assistant: User;
  let session: Awaited<ReturnType<typeof signIn>>;
  const get = (url: string) => session.agent.get(url).set('X-Forwarded-For', '10.0.1.1');

  beforeAll(async () => {
    web = await startTestWeb(testConfig(__filename, { ADMIN_API_TOKEN: TOKEN }));
    client = await createClient({ ...DEMO_CLIENT, name: 'Cabinet Gamma', numbers: ['+33180000733'] });
    admin = await makeUser('admin', [], 'Alice Admin');
    assistant = await makeUser('assistant', [client.id], 'Bruno Assistant');
    session = await signIn(web.server, admin.email, undefined, '10.0.1.1');
  });
  afterAll(() => web.stop());
  beforeEach(() => AuditEventModel.deleteMany({}));

  it('when an assistant opens the log, then 403', async () => {
    const { agent } = await signIn(web.server, assistant.email, undefined, '10.0.1.2');
    await agent.get('/admin/audit').set('X-Forwarded-For', '10.0.1.2').expect(403);
    await agent.get('/admin/audit.csv').set('X-Forwarded-For', '10.0.1.2').expect(403);
  });

  it('when entries of every kind are shown, then each reads in French words with its links, no action key or fingerprint', async () => {
    const message = await makeMessage(client.id, { callerNumber: CALLER });
    const at = new Date('2026-03-03T09:15:00Z');
    const user = { type: 'user' as const, id: assistant.id, label: assistant.email };
    await recordAudit(
      {
        actor: user,
        action: 'message.view',
        target: { type: 'message', id: message.id },
        clientId: client.id,
      },
      at,
    );
    await recordAudit(
      {
        actor: { type: 'api-token', id: 'admin-api-token', label: 'API token' },
        action: 'client.update',
        target: { type: 'client', id: client.id },
        clientId: client.id,
      },
      at,
    );
    await recordAudit(
      {
        actor: { type: 'system', id: 'recording-link', label: 'signed recording link' },
        action: 'recording.play',
        target: { type: 'message', id: message.id },
        clientId: client.id,
      },
      at,
    );
    await recordAudit(
      {
        actor: { type: 'system', id: CALLER, label: `sms:${CALLER}` },
        action: 'message.acknowledge',
        target: { type: 'message', id: message.id },
        clientId: client.id,
      },
      at,
    );
    await recordAudit(
      {
        actor: { type: 'anonymous' },
        action: 'login.failure',
        ip: '203.0.113.9',
        detail: { email: 'intrus@example.com' },
      },
      at,
    );
    await recordAudit(
      {
        actor: { type: 'user', id: admin.id, label: admin.email },
        action: 'user.update',
        target: { type: 'user', id: assistant.id },
      },
      at,
    );
    await recordAudit(
      {
        actor: { type: 'user', id: admin.id, label: admin.email },
        action: 'caller.erase',
        clientId: client.id,
        callerKey: callerKey(web.config.callerKeySecret, CALLER),
      },
      at,
    );
    await recordAudit(
      { actor: { type: 'system', id: 'purge', label: 'retention' }, action: 'retention.sweep' },
      at,
    );

    const page = await get('/admin/audit').expect(200);
    const text = visibleText(page.text);
    for (const words of [
      'Journal d’accès',
      'A ouvert un message',
      'A modifié les réglages d’un client',
      'A écouté un enregistrement',
      'A accusé réception d’un message par SMS',
      'Échec de connexion',
      'intrus@example.com',
      'A modifié un utilisateur',
      'A effacé les données d’un appelant',
      'Autre action',
      'jeton d’API',
      'lien d’écoute signé',
      'SMS du 06 20 00 10 04',
      'personne non connectée',
      'système',
      'Bruno Assistant',
      'Cabinet Gamma',
      '203.0.113.9',
      '03/03/2026 10:15',
    ]) {
      expect([words, text.includes(words)]).toEqual([words, true]);
    }
    expect(text).not.toMatch(/message\.view|client\.update|caller\.erase|retention\.sweep|login\.failure/);
    expect(page.text).not.toContain(callerKey(web.config.callerKeySecret, CALLER));
    expect(page.text).toContain(`href="/messages/${message.id}"`);
    expect(page.text).toContain(`href="/admin/clients/${client.id}"`);
    expect(page.text).toContain(`href="/admin/users/${assistant.id}"`);
    expect(page.text).toMatch(/aria-current="page"[^>]*>\s*Journal/);
  });

  it('when the caller number is typed nationally, then their erasure and the views of their messages are listed, no one else’s', async () => {
    const theirs = await makeMessage(client.id, { callerNumber: CALLER });
    const others = await makeMessage(client.id, { callerNumber: '+33620001005' });
    await recordAudit({
      actor: { type: 'user', id: admin.id, label: admin.email },
      action: 'caller.erase',
      clientId: client.id,
      callerKey: callerKey(web.config.callerKeySecret, CALLER),
    });
    // The page of each message is opened: its view is what the log must hold.
    await get(`/messages/${theirs.id}`).expect(200);
    await get(`/messages/${others.id}`).expect(200);
    const page = await get(
      `/admin/audit?caller=${encodeURIComponent('06 20 00 10 04')}&client=${client.id}`,
    ).expect(200);
    expect(page.text).toContain(`href="/messages/${theirs.id}"`);
    expect(page.text).not.toContain(`href="/messages/${others.id}"`);
    expect(visibleText(page.text)).toContain('A effacé les données d’un appelant');
    // The form keeps what was typed.
    expect(page.text).toContain('value="06 20 00 10 04"');
  });

  it('when the list and a CSV export of one client are read, then each read is in the log with its client', async () => {
    await get(`/?client=${client.id}`).expect(200);
    await get(`/export.csv?client=${client.id}`).expect(200);
    const res = await get(`/admin/audit?client=${client.id}&action=views`).expect(200);
    const text = visibleText(res.text);
    expect(text).toContain('A consulté la liste des messages');
    expect(text).toContain('A exporté des messages (CSV)');
  });

  it('when more than 50 entries match, then « Entrées plus anciennes » leads to the rest', async () => {
    const base = Date.parse('2026-03-04T08:00:00Z');
    await AuditEventModel.insertMany(
      Array.from({ length: 55 }, (_, i) => ({
        at: new Date(base + i * 60_000),
        actor: { type: 'user', id: admin.id, label: admin.email },
        action: 'login.success',
        target: null,
        clientId: null,
        ip: `10.9.0.${i}`,
        detail: null,
        callerKey: '',
      })),
    );
    const first = await get(`/admin/audit?user=${admin.id}&action=sign-ins`).expect(200);
    expect(first.text.match(/<tr>/g)?.length).toBe(51); // the head row and 50
    const older = /href="([^"]+)" rel="next"/.exec(first.text)?.[1]?.replace(/&amp;/g, '&');
    expect(visibleText(first.text)).toContain('Entrées plus anciennes');
    expect(older).toMatch(/before=/);
    const second = await get(older!).expect(200);
    expect(second.text.match(/<tr>/g)?.length).toBe(6);
    expect(second.text).toContain('10.9.0.0<');
    expect(second.text).not.toContain('rel="next"');
  });

  it('when a filter is wrong, then the form comes back with the error in French, 400', async () => {
    for (const [query, field, words] of [
      ['caller=12ab', 'caller', 'Saisissez un numéro de téléphone valide'],
      ['caller=0000', 'caller', 'Saisissez un numéro de téléphone valide'],
      ['from=2026-02-30', 'from', 'Saisissez une date valide.'],
      ['from=2026-03-12&to=2026-03-11', 'to', 'La date de fin précède la date de début.'],
      ['user=quelqu-un', 'user', 'Choisissez une personne dans la liste.'],
      ['action=tout', 'action', 'Choisissez une action dans la liste.'],
      ['before=%21', 'before', 'Ce lien de page n’est plus valable.'],
    ] as const) {
      const res = await get(`/admin/audit?${query}`).expect(400);
      expect([query, res.text.includes(words)]).toEqual([query, true]);
      if (field !== 'before') expect(res.text).toMatch(new RegExp(`id="f-${field}"[^>]*aria-invalid="true"`));
    }
  });

  it('when read in English, then the words are English', async () => {
    await recordAudit({
      actor: { type: 'api-token', id: 'admin-api-token', label: 'API token' },
      action: 'caller.export',
      clientId: client.id,
    });
    const res = await get('/admin/audit?lang=en').expect(200);
    const text = visibleText(res.text);
    for (const words of [
      'Access log',
      'Exported a caller’s data',
      'API token',
      'Date and time',
      'Caller number',
    ]) {
      expect([words, text.includes(words)]).toEqual([words, true]);
    }
    const bad = await get('/admin/audit?caller=abc').expect(400);
    expect(bad.text).toContain('Enter a valid phone number');
    await get('/admin/audit?lang=fr').expect(200);
  });

  it('when signed out, then the page sends to the sign-in', async () => {
    await request(web.server)
      .get('/admin/audit')
      .expect(303)
      .expect('Location', '/login?next=%2Fadmin%2Faudit');
  });

  it('when the filtered entries are exported, then the CSV has them in words, and a bad filter is refused', async () => {
    const message = await makeMessage(client.id, { callerNumber: CALLER });
    const at = new Date('2026-03-06T16:45:00Z');
    await recordAudit(
      {
        actor: { type: 'user', id: assistant.id, label: assistant.email },
        action: 'message.view',
        target: { type: 'message', id: message.id },
        clientId: client.id,
        ip: '192.0.2.5',
      },
      at,
    );
    await recordAudit({ actor: { type: 'anonymous' }, action: 'login.failure', ip: '203.0.113.9' }, at);
    const page = await get(`/admin/audit?client=${client.id}`).expect(200);
    expect(page.text).toContain(`href="/admin/audit.csv?client=${client.id}"`);
    const csv = await get(`/admin/audit.csv?client=${client.id}`)
      .expect(200)
      .expect('Content-Type', /text\/csv/);
    const lines = csv.text
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(lines).toEqual([
      // French Excel: semicolons, a date and time it reads as one (day first).
      'Date et heure (Paris);Qui;Quoi;Client;Sur;Lien;Adresse IP',
      `06/03/2026 17:45;Bruno Assistant;A ouvert un message;Cabinet Gamma;le message;/messages/${message.id};192.0.2.5`,
    ]);
    await get('/admin/audit.csv?caller=abc').expect(400);
  });
});
