/**
 * The reports page, its CSVs and GET /api/v1/reports against the real service, FerretDB and Redis:
 * the figures read from the rollups, compared with the week before, in words; tenancy (another
 * client is a 404); bad periods (a French 400 naming the field); the sort links; the API's JSON.
 */
import request from 'supertest';
import { chartTable, REPORT_CHARTS } from '../../src/infra/report-charts';
import type { WebRuntime } from '../../src/main/runtime';
import type { Client } from '../../src/store/clients';
import { csvDocument } from '../../src/web/csv';
import { seedReportRollups, WEEK } from './reports-fixtures';
import { makeClient, makeUser, signIn, startTestWeb, testConfig } from './web/web-fixture';

const NB = '\u202f';
const NBSP = '\u00a0';
const TOKEN = 'test-admin-api-token-0123456789';

/** The page's text as read, tags left out. */
const words = (page: string) => page.replace(/<[^>]*>/g, '').replace(/[ \t\r\n]+/g, ' ');

describe('the reports page', () => {
  let web: WebRuntime;
  let a: Client;
  let b: Client;
  let empty: Client;
  let admin: Awaited<ReturnType<typeof signIn>>;
  let assistant: Awaited<ReturnType<typeof signIn>>;

  beforeAll(async () => {
    web = await startTestWeb(testConfig(__filename, { ADMIN_API_TOKEN: TOKEN }));
    a = await makeClient('Cabinet Alpha');
    b = await makeClient('Cabinet Bêta');
    empty = await makeClient('Cabinet Gamma');
    const claire = await makeUser('assistant', [a.id], 'Claire Vidal');
    await seedReportRollups(a.id, b.id, claire.id);
    admin = await signIn(web.server, (await makeUser('admin', [], 'Admin')).email);
    assistant = await signIn(web.server, claire.email, undefined, '10.0.0.2');
  });
  afterAll(() => web.stop());

  it('when an admin opens a week, then the tiles say the figures and the comparison in words', async () => {
    const res = await admin.agent
      .get('/reports')
      .query({ ...WEEK, client: a.id })
      .expect(200);
    expect(res.text).toContain('Semaine du lundi 23 au dimanche 29 novembre 2026');
    expect(words(res.text)).toContain(`56 appels, ▲ +12${NB}% par rapport à la semaine précédente`);
    expect(res.text).toMatch(/<dt>Raccrochés<\/dt>\s*<dd>14<\/dd>/);
    expect(res.text).toMatch(/<dt>Hors horaires<\/dt>\s*<dd>7<\/dd>/);
    expect(res.text).toContain('3 appels urgents');
    expect(res.text).toMatch(new RegExp(`<dt>Délai médian de prise en compte</dt>\\s*<dd>12${NBSP}min</dd>`));
    expect(res.text).toMatch(
      new RegExp(`<dt>Délai médian de traitement</dt>\\s*<dd>1${NBSP}h${NBSP}05</dd>`),
    );
    expect(res.text).toContain('18 envoyées');
    expect(res.text).toContain('3 appelants');
    expect(res.text).toMatch(/<dt>Ont rappelé<\/dt>\s*<dd>1<\/dd>/);
    expect(res.text).toMatch(/<span class="word">ordonnance<\/span>/);
    expect(res.text).toContain(`Chiffres mis à jour à 14${NBSP}h${NBSP}05, recalculés toutes les 5 minutes.`);
    expect(res.headers['server-timing']).toMatch(/^report;dur=[\d.]+, total;dur=[\d.]+$/);
  });

  it('then each chart is a figure with its caption and a link to its numbers with the same query', async () => {
    const res = await admin.agent
      .get('/reports')
      .query({ ...WEEK, client: a.id })
      .expect(200);
    for (const [chart, title] of [
      ['calls', 'Appels par jour'],
      ['hours', 'Heures d’appel'],
      ['handling', 'Délai de traitement'],
    ]) {
      expect(res.text).toMatch(
        new RegExp(`<figure class="chart" id="chart-${chart}">\\s*<figcaption[^>]*>${title}</figcaption>`),
      );
      expect(res.text).toContain(
        `href="/reports/${chart}.csv?client=${a.id}&amp;period=week&amp;date=2026-11-25"`,
      );
    }
    expect(res.text.match(/<svg /g)).toHaveLength(3);
    expect(res.text.match(/Les chiffres de ce graphique \(CSV\)/g)).toHaveLength(3);
  });

  it('when an admin reads every client, then the per-client and per-assistant tables are there', async () => {
    const res = await admin.agent.get('/reports').query(WEEK).expect(200);
    expect(words(res.text)).toContain(`66 appels, ▲ +32${NB}% par rapport à la semaine précédente`);
    expect(res.text).toContain('<th scope="row">Cabinet Alpha</th>');
    expect(res.text).toContain('<th scope="row">Cabinet Bêta</th>');
    expect(res.text).toContain('<th scope="row">Claire Vidal</th>');
    // The 8 open messages of A are overdue, linked to the list of A's open messages of the week.
    expect(res.text).toContain(
      `href="/?client=${a.id}&amp;status=open&amp;from=2026-11-23&amp;to=2026-11-29"`,
    );
    expect(res.text).toContain('<a href="/reports">Rapports</a>');
  });

  it('when sorted by calls, then the header says so and its link turns the order around', async () => {
    const desc = await admin.agent
      .get('/reports')
      .query({ ...WEEK, sort: 'calls', dir: 'desc' })
      .expect(200);
    const order = (text: string) =>
      [...text.matchAll(/<th scope="row">(Cabinet [^<]+)<\/th>/g)].map((m) => m[1]);
    expect(order(desc.text)).toEqual(['Cabinet Alpha', 'Cabinet Bêta', 'Cabinet Gamma']);
    expect(desc.text).toMatch(
      /<th scope="col" class="num" aria-sort="descending">\s*<a href="\/reports\?period=week&amp;date=2026-11-25&amp;sort=calls&amp;dir=asc"\s*>Appels/,
    );
    expect(desc.text).toContain(
      'href="/reports?period=week&amp;date=2026-11-25&amp;sort=messages&amp;dir=desc"',
    );
    const asc = await admin.agent
      .get('/reports')
      .query({ ...WEEK, sort: 'calls', dir: 'asc' })
      .expect(200);
    expect(order(asc.text)).toEqual(['Cabinet Gamma', 'Cabinet Bêta', 'Cabinet Alpha']);
    expect(asc.text).toContain('aria-sort="ascending"');
  });

  it('when an assistant of A opens the reports, then only A is there, and B is a 404', async () => {
    const res = await assistant.agent.get('/reports').query(WEEK).expect(200);
    expect(res.text).toContain('56 appels');
    expect(res.text).not.toContain('Cabinet Bêta');
    expect(res.text).not.toContain('Par assistante ou assistant');
    const other = await assistant.agent
      .get('/reports')
      .query({ ...WEEK, client: b.id })
      .expect(404);
    expect(other.text).toContain('<h1>');
    await assistant.agent.get('/reports/clients.csv').query({ client: b.id }).expect(404);
    await assistant.agent.get('/reports/assistants.csv').query(WEEK).expect(404);
  });

  it.each([
    [{ period: 'year' }, 'period'],
    [{ period: 'custom' }, 'Une période personnalisée demande un premier et un dernier jour.'],
    [{ period: 'custom', from: '2026-11-10', to: '2026-11-01' }, 'Le dernier jour vient avant le premier.'],
    [{ period: 'custom', from: '2024-01-01', to: '2026-01-01' }, 'Une période couvre au plus 366 jours.'],
    [{ date: '2026-02-30' }, 'Ce jour n’existe pas dans le calendrier.'],
    [{ olderThanDays: '0' }, 'olderThanDays'],
  ])('when the query is %j, then a French 400 page says what is wrong', async (query, words) => {
    const res = await admin.agent.get('/reports').query(query).expect(400);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toContain('<li><code>');
    expect(res.text).toContain(words);
  });

  it('when a client has no rollup yet, then the page says so plainly', async () => {
    const res = await admin.agent
      .get('/reports')
      .query({ ...WEEK, client: empty.id })
      .expect(200);
    expect(res.text).toContain(`Aucun chiffre n’a encore été calculé${NB}: les rapports sont recalculés`);
    expect(res.text).toContain('aucun appel');
  });

  it('when the reader asks for English, then the page is in English', async () => {
    const res = await admin.agent
      .get('/reports')
      .query({ ...WEEK, client: a.id, lang: 'en' })
      .expect(200);
    expect(res.text).toContain('Week of Monday, November 23 to Sunday, November 29, 2026');
    expect(words(res.text)).toContain('56 calls, ▲ +12% compared with the week before');
    await admin.agent.get('/reports?lang=fr').expect(200);
  });

  it('then the per-client and per-assistant CSVs have French headers, a row each and the period in their name', async () => {
    const clients = await admin.agent
      .get('/reports/clients.csv')
      .query({ ...WEEK, sort: 'calls' })
      .expect(200);
    expect(clients.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(clients.headers['content-disposition']).toBe(
      'attachment; filename="clients-2026-11-23_2026-11-29.csv"',
    );
    const lines = clients.text.replace(/^\ufeff/, '').split('\r\n');
    expect(lines[0]).toBe(
      'Client;Appels;Messages;Ouverts;En retard (2 jours et plus);Délai médian de traitement (s);Urgences non prises en compte',
    );
    expect(lines[1]).toBe('Cabinet Alpha;56;20;8;8;3900;1');
    expect(lines[2]).toBe('Cabinet Bêta;10;4;0;0;600;0');
    const people = await admin.agent.get('/reports/assistants.csv').query(WEEK).expect(200);
    const rows = people.text.replace(/^\ufeff/, '').split('\r\n');
    expect(rows[0]).toBe('Personne;Pris en charge;Traités;Délai médian de traitement (s);Ouverts;En retard');
    expect(rows[1]).toBe('Claire Vidal;4;3;3900;1;1');
  });

  it('then each chart’s CSV is the chart’s own table of the same figures', async () => {
    const api = await request(web.server)
      .get('/api/v1/reports')
      .query({ ...WEEK, client: a.id })
      .set('Authorization', `Bearer ${TOKEN}`)
      .expect(200);
    for (const [chart, name] of [
      ['calls', 'appels'],
      ['hours', 'heures'],
      ['handling', 'traitement'],
    ] as const) {
      const res = await admin.agent
        .get(`/reports/${chart}.csv`)
        .query({ ...WEEK, client: a.id })
        .expect(200);
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="${name}-2026-11-23_2026-11-29.csv"`,
      );
      const table = chartTable(chart, api.body.figures, 'fr-FR');
      expect(res.text).toBe(csvDocument('fr', table.header, table.rows));
    }
    expect(REPORT_CHARTS).toHaveLength(3);
  });

  describe('GET /api/v1/reports', () => {
    const api = () => request(web.server).get('/api/v1/reports').set('Authorization', `Bearer ${TOKEN}`);

    it('when asked for a week, then the JSON has the figures, the week before and each client', async () => {
      const res = await api().query(WEEK).expect(200);
      expect(res.body.period).toEqual({ kind: 'week', from: '2026-11-23', to: '2026-11-29' });
      expect(res.body.previousPeriod).toEqual({ kind: 'week', from: '2026-11-16', to: '2026-11-22' });
      expect(res.body.client).toBeNull();
      expect(res.body.figures.calls.total).toBe(66);
      expect(res.body.figures.calls.byOutcome.abandoned).toBe(14);
      expect(res.body.figures.messages.medianHandleSeconds).toBe(600);
      expect(res.body.previous.calls.total).toBe(50);
      expect(res.body.perClient.map((c: { name: string }) => c.name)).toEqual([
        'Cabinet Alpha',
        'Cabinet Bêta',
        'Cabinet Gamma',
      ]);
      expect(res.body.assistants).toEqual([expect.objectContaining({ name: 'Claire Vidal', handled: 3 })]);
      expect(res.body.builtAt).toBe('2026-11-30T13:05:00.000Z');
    });

    it('when the query is wrong, then 400 with details naming the field', async () => {
      const res = await api().query({ period: 'custom', from: '2026-11-01' }).expect(400);
      expect(res.body).toEqual({
        error: 'invalid query',
        details: [{ path: 'query.to', message: 'a custom period needs from and to' }],
      });
      const unknown = await api().query({ sort: 'calls' }).expect(400);
      expect(unknown.body.details[0].path).toMatch(/^query/);
    });

    it('when the client does not exist, then 404; without the token, 401', async () => {
      await api().query({ client: '0123456789abcdef01234567' }).expect(404);
      await request(web.server).get('/api/v1/reports').expect(401);
    });
  });
});
