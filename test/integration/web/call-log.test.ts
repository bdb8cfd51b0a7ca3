/**
 * The call log pages against the real service: every call visible in words (not only those that
 * left a message), filters (number in any format, outcome, days), the call page, the CSV export,
 * tenancy (another client's call is a 404) and bad queries (400 naming the field, nothing lost).
 */
import type { WebRuntime } from '../../../src/main/runtime';
import { AuditEventModel } from '../../../src/store/models';
import type { Client } from '../../../src/store/clients';
import { seedCalls, type SeededCall } from './call-fixtures';
import { makeClient, makeUser, signIn, startTestWeb, testConfig } from './web-fixture';

const NB = '\u202f';

describe('the call log pages', () => {
  let web: WebRuntime;
  let a: Client;
  let callsA: SeededCall[];
  let callsB: SeededCall[];
  let session: Awaited<ReturnType<typeof signIn>>;
  let assistantId: string;
  let bId: string;
  const of = (calls: SeededCall[], kind: string) => calls.find((c) => c.kind === kind)!;

  beforeAll(async () => {
    web = await startTestWeb(testConfig(__filename));
    a = await makeClient('Cabinet Alpha');
    const b = await makeClient('Cabinet Bêta');
    callsA = await seedCalls(a.id, a.numbers[0]!);
    callsB = await seedCalls(b.id, b.numbers[0]!);
    bId = b.id;
    const assistant = await makeUser('assistant', [a.id], 'Assistant A');
    assistantId = assistant.id;
    session = await signIn(web.server, assistant.email);
  });
  afterAll(() => web.stop());

  const rows = (page: string) => page.match(/<tr class="call /g)?.length ?? 0;

  it('when an assistant opens /calls, then every call of their client is there in words, with its links', async () => {
    const res = await session.agent.get('/calls').expect(200);
    expect(rows(res.text)).toBe(6);
    for (const words of [
      'Transféré, répondu',
      'Transfert sans réponse, message pris',
      'Appelant silencieux',
      'Numéro bloqué',
      'Raccroché pendant le menu',
      'Rendez-vous pris',
    ]) {
      expect(res.text).toContain(words);
    }
    expect(res.text).toContain(`href="/messages/${of(callsA, 'transfer-message').messageId}"`);
    expect(res.text).toContain(`href="/appointments/${of(callsA, 'appointment').appointmentId}"`);
    expect(res.text).toMatch(
      new RegExp(`class="call kind-ok is-urgent" data-sid="${of(callsA, 'transferred').sid}"`),
    );
    expect(res.text).toContain('href="tel:+33612345604"');
    expect(res.text).toContain('06 12 34 56 04');
    expect(res.text).toContain('Élodie Martin');
    expect(res.text).toContain(`2${NB}min 05${NB}s`);
    // Nothing internal, nothing of client B.
    expect(res.text).not.toMatch(/no-input|not bridged|blocked number|>abandoned<|>rejected</);
    for (const c of callsB) expect(res.text).not.toContain(c.sid);
  });

  it.each(['0612345602', '06 12 34 56 02', '+33612345602', '+33 6 12 34 56 02', '06.12.34.56.02'])(
    'when the number is typed as "%s", then the caller\u2019s one call is found',
    async (typed) => {
      const res = await session.agent.get('/calls').query({ caller: typed }).expect(200);
      expect(rows(res.text)).toBe(1);
      expect(res.text).toContain(of(callsA, 'transfer-message').sid);
    },
  );

  it('when filtered on calls that were hung up, then the silent call and the hang-up are there, and the chips count', async () => {
    const res = await session.agent.get('/calls?outcome=abandoned').expect(200);
    expect(rows(res.text)).toBe(2);
    expect(res.text).toContain(of(callsA, 'silent').sid);
    expect(res.text).toContain(of(callsA, 'hung-up-menu').sid);
    expect(res.text).toMatch(/Raccrochés <span class="count">2<\/span>/);
    expect(res.text).toMatch(/Tous <span class="count">6<\/span>/);
  });

  it('when the days have no call, then the empty state says so', async () => {
    const res = await session.agent.get('/calls?from=2020-01-01&to=2020-01-02').expect(200);
    expect(rows(res.text)).toBe(0);
    expect(res.text).toContain('Aucun appel ne correspond à ces filtres.');
  });

  it('when a call is opened, then its kind, duration, timeline in words and links show, and the read is audited', async () => {
    const call = of(callsA, 'transfer-message');
    const res = await session.agent.get(`/calls/${call.sid}`).expect(200);
    expect(res.text).toContain('Transfert sans réponse, message pris');
    expect(res.text).toContain(`Transfert vers le cabinet${NB}: pas de réponse`);
    expect(res.text).toContain(`Accueil${NB}: cabinet ouvert`);
    expect(res.text).toContain('Message enregistré');
    expect(res.text).toContain(`1${NB}min 35${NB}s`);
    expect(res.text).toContain(`href="/messages/${call.messageId}"`);
    expect(res.text).toContain('href="/calls?client=');
    expect(res.text).not.toMatch(/not bridged|>transfer<|>done</);
    const en = await session.agent.get(`/calls/${call.sid}?lang=en`).expect(200);
    expect(en.text).toContain('Transfer to the office: no answer');
    expect(en.text).toContain('Transfer not answered, message taken');
    await session.agent.get('/calls?lang=fr').expect(200);
    // And back: the message's page shows the same timeline in words and links to the call.
    const message = await session.agent.get(`/messages/${call.messageId}`).expect(200);
    expect(message.text).toContain(`Transfert vers le cabinet${NB}: pas de réponse`);
    expect(message.text).toContain(`href="/calls/${call.sid}"`);
    const audited = await AuditEventModel.find({ 'actor.id': assistantId, action: 'call.view' }).lean();
    expect(audited.map((e) => e.target?.id)).toContain(call.sid);
  });

  it('when the silent call is opened, then the timeline says no answer after 3 tries, not the engine ids', async () => {
    const res = await session.agent.get(`/calls/${of(callsA, 'silent').sid}`).expect(200);
    expect(res.text).toContain(`Menu${NB}: pas de réponse après 3 essais`);
    expect(res.text).toContain('L’appelant a raccroché pendant le message');
    expect(res.text).toContain('Cet appel n’a laissé ni message ni rendez-vous.');
    expect(res.text).not.toMatch(/gave up|no-input|closed/);
  });

  it.each([
    ['another client\u2019s call', () => `/calls/${of(callsB, 'transferred').sid}`, 'Appel introuvable'],
    ['a call that does not exist', () => '/calls/CA00000000000000000000000000000000', 'Appel introuvable'],
    ['a call id that cannot be one', () => '/calls/%E2%80%AE', 'Appel introuvable'],
    ['the list filtered on another client', () => `/calls?client=${bId}`, 'Page introuvable'],
    ['the export filtered on another client', () => `/calls.csv?client=${bId}`, 'Page introuvable'],
  ])('when an assistant asks for %s, then 404 and nothing of it', async (_label, path, title) => {
    const res = await session.agent.get(path());
    expect(res.status).toBe(404);
    expect(res.text).toContain(`<h1>${title}</h1>`);
    expect(res.text).not.toMatch(/tel:\+336|Transféré|Déroulé/);
  });

  it.each([
    ['caller=abc', 'caller', 'Écrivez un numéro de téléphone'],
    ['caller=0612', 'caller', '0612 n’est pas un numéro de téléphone valide.'],
    ['outcome=lost', 'outcome', ''],
    ['from=2026-02-30', 'from', ''],
    ['from=2026-03-02&to=2026-03-01', 'to', 'La date de début est après la date de fin.'],
    ['before=%24%24', 'before', 'Ce lien de page n’est plus valable.'],
    ['before=AAAAAAAA', 'cursor', 'Ce lien de page n’est plus valable.'],
    ['sort=startedAt', '', ''],
  ])('when the query is %s, then 400 naming the field', async (query, field, words) => {
    const res = await session.agent.get(`/calls?${query}`);
    expect(res.status).toBe(400);
    if (field) expect(res.text).toContain(`<code>${field}</code>`);
    if (words) expect(res.text).toContain(words);
    // The page is French: zod's and the use case's English stay out of it.
    expect(res.text).not.toMatch(/expected|Invalid|not a valid|unknown page/);
  });

  it('when the list is exported, then the CSV has every call of the filter with its kind in words', async () => {
    const res = await session.agent.get('/calls.csv').buffer(true).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const text = String(res.text);
    expect(text.startsWith('\ufeff')).toBe(true);
    const lines = text.trim().split('\r\n');
    expect(lines).toHaveLength(7);
    expect(lines[0]).toContain('Type d’appel');
    // French Excel: semicolons, the client's local time as a date it reads, the zone beside it.
    expect(lines[0]!.split(';')).toHaveLength(10);
    expect(lines[1]).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2};Europe\/Paris;/);
    expect(text).toContain('Appelant silencieux');
    expect(text).toContain(of(callsA, 'transfer-message').messageId);
    const silent = await session.agent.get('/calls.csv?caller=0612345603').buffer(true).expect(200);
    expect(String(silent.text).trim().split('\r\n')).toHaveLength(2);
    const exported = await AuditEventModel.countDocuments({
      'actor.id': assistantId,
      action: 'calls.export',
    });
    expect(exported).toBe(2);
  });
});
