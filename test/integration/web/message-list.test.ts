import type { WebRuntime } from '../../../src/main/runtime';
import { listAuditEvents } from '../../../src/store/audit';
import { MessageModel } from '../../../src/store/models';
import type { Message } from '../../../src/store/messages';
import { makeClient, makeMessage, makeUser, signIn, startTestWeb, testConfig } from './web-fixture';

const rowIds = (html: string) => [...html.matchAll(/<tr id="m-([0-9a-f]{24})"/g)].map((m) => m[1]);

describe('message list: filters, search, counts, pages, export', () => {
  let web: WebRuntime;
  let session: Awaited<ReturnType<typeof signIn>>;
  let urgent: Message;
  let regexy: Message;
  const all: Message[] = [];

  beforeAll(async () => {
    web = await startTestWeb(testConfig(__filename));
    const client = await makeClient('Cabinet Liste');
    for (let i = 0; i < 55; i++) all.push(await makeMessage(client.id, { callerName: `Appelant ${i}` }));
    urgent = await makeMessage(client.id, {
      callerName: 'Paul Urgent',
      urgent: true,
      callerNumber: '+33698765432',
    });
    regexy = await makeMessage(client.id, { callerName: 'Zoé', reason: 'Facture (a+b)* impayée' });
    await MessageModel.updateOne({ _id: all[0]!.id }, { status: 'handled' });
    session = await signIn(web.server, (await makeUser('assistant', [client.id], 'Lectrice')).email);
  });
  afterAll(() => web.stop());

  it('when the "all" view opens, then the newest 50 come first, with counts per view', async () => {
    const res = await session.agent.get('/?status=all').expect(200);
    const ids = rowIds(res.text);
    expect(ids).toHaveLength(50);
    expect(ids[0]).toBe(regexy.id);
    expect(res.text).toMatch(/Tous <span class="count" data-count="total">57<\/span>/);
    expect(res.text).toMatch(/Traités <span class="count" data-count="handled">1<\/span>/);
    expect(res.text).toMatch(/À traiter <span class="count" data-count="open">56<\/span>/);
    expect(res.headers['server-timing']).toMatch(/list;dur=.*counts;dur=/);
  });

  it('when following "older", then the next page continues without repeats', async () => {
    const first = await session.agent.get('/?status=all').expect(200);
    const next = /href="(\/\?status=all&amp;before=[^"]+)" rel="next"/
      .exec(first.text)![1]!
      .replace(/&amp;/g, '&');
    const second = rowIds((await session.agent.get(next).expect(200)).text);
    expect(second).toHaveLength(7);
    expect(second.filter((id) => rowIds(first.text).includes(id))).toEqual([]);
  });

  it('when the page cursor is made up, then a readable 400 page names it, not a server error', async () => {
    const res = await session.agent.get('/?before=bm90LWEtY3Vyc29y').expect(400);
    expect(res.text).toContain('Saisie invalide');
    expect(res.text).toContain('Ce lien de page n’est plus valable.');
    expect(res.text).not.toContain('unknown cursor');
  });

  it('when filtering urgent, then only urgent messages, marked for eyes and screen readers', async () => {
    const res = await session.agent.get('/?urgency=urgent').expect(200);
    expect(rowIds(res.text)).toEqual([urgent.id]);
    expect(res.text).toContain('class="is-urgent');
    expect(res.text).toMatch(/<span class="badge urgent"><span aria-hidden="true">⚠<\/span> Urgent<\/span>/);
  });

  it('when searching with regex characters or a spaced phone number, then they match literally', async () => {
    expect(rowIds((await session.agent.get('/?q=(a%2Bb)*').expect(200)).text)).toEqual([regexy.id]);
    expect(rowIds((await session.agent.get('/?q=.*').expect(200)).text)).toEqual([]);
    expect(rowIds((await session.agent.get('/?q=06+98+76+54').expect(200)).text)).toEqual([urgent.id]);
  });

  it('when filtering on status and dates, then the filter applies', async () => {
    expect(rowIds((await session.agent.get('/?status=handled').expect(200)).text)).toEqual([all[0]!.id]);
    expect(rowIds((await session.agent.get('/?from=2000-01-01&to=2000-01-31').expect(200)).text)).toEqual([]);
  });

  it.each([
    ['/?status[$ne]=x', 'an operator in a name'],
    ['/?status=new&status=handled', 'a repeated parameter (array)'],
    ['/?status=bogus', 'an unknown status'],
    ['/?from=2026-02-01&to=2026-01-01', 'dates in the wrong order'],
    ['/export.csv?client[$gt]=', 'an operator on the export'],
  ])('when the query has %s (%s), then 400 with a clear message in French', async (url) => {
    const res = await session.agent.get(url).expect(400);
    expect(res.text).toContain('Saisie invalide');
    // zod's English never reaches a French page.
    expect(res.text).not.toMatch(/Invalid|expected|must|after the end/);
  });

  it('when exporting, then a CSV of the filtered list, with formula cells neutralised', async () => {
    await MessageModel.updateOne({ _id: regexy.id }, { reason: '=HYPERLINK("x")' });
    const res = await session.agent.get('/export.csv?q=Zo%C3%A9').expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = res.text.trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`"'=HYPERLINK(""x"")"`);
    expect(await listAuditEvents({ action: 'messages.export' })).toHaveLength(1);
  });
});

describe('message actions', () => {
  let web: WebRuntime;
  let session: Awaited<ReturnType<typeof signIn>>;
  let message: Message;

  beforeAll(async () => {
    web = await startTestWeb(testConfig(`${__filename}#actions`));
    const client = await makeClient('Cabinet Actions');
    message = await makeMessage(client.id);
    session = await signIn(web.server, (await makeUser('assistant', [client.id], 'Actrice')).email);
  });
  afterAll(() => web.stop());

  const post = (action: string, body: Record<string, string> = {}) =>
    session.agent
      .post(`/messages/${message.id}/${action}`)
      .type('form')
      .send({ _csrf: session.csrf, ...body });

  it('when claiming, noting, handling and reopening, then each applies, shows a confirmation and is audited', async () => {
    await post('claim').expect(303).expect('Location', `/messages/${message.id}`);
    expect((await session.agent.get(`/messages/${message.id}`)).text).toContain(
      'Vous vous occupez de ce message.',
    );
    await post('note', { text: 'Rappelée, RDV jeudi' }).expect(303);
    await post('handle').expect(303);
    let doc = await MessageModel.findById(message.id).lean();
    expect(doc?.status).toBe('handled');
    expect(doc?.notes.map((n) => n.text)).toEqual(['Rappelée, RDV jeudi']);
    await post('reopen').expect(303);
    doc = await MessageModel.findById(message.id).lean();
    expect([doc?.status, doc?.handledAt]).toEqual(['in_progress', null]);
    const actions = (await listAuditEvents({ targetId: message.id })).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'message.claim',
        'message.note',
        'message.handle',
        'message.reopen',
        'message.view',
      ]),
    );
  });

  it('when a note is empty or the assignee is not allowed, then a clear message and nothing saved', async () => {
    await post('note', { text: '   ' }).expect(303);
    expect((await session.agent.get(`/messages/${message.id}`)).text).toContain(
      'La note doit contenir entre 1 et 2000 caractères',
    );
    const stranger = await makeUser('assistant', [], 'Étrangère');
    await post('assign', { assigneeId: stranger.id }).expect(303);
    expect((await session.agent.get(`/messages/${message.id}`)).text).toContain(
      'Cette personne ne peut pas voir les messages de ce client',
    );
    const doc = await MessageModel.findById(message.id).lean();
    expect(doc?.notes).toHaveLength(1);
    expect(String(doc?.assigneeId)).not.toBe(stranger.id);
  });

  it('when someone else already took the message, then claiming it says so and changes nothing', async () => {
    const colleague = await makeUser('assistant', [message.clientId], 'Collègue');
    await MessageModel.updateOne({ _id: message.id }, { assigneeId: colleague.id });
    await post('claim').expect(303);
    expect((await session.agent.get(`/messages/${message.id}`)).text).toContain('déjà pris en charge');
    expect(String((await MessageModel.findById(message.id).lean())?.assigneeId)).toBe(colleague.id);
  });

  it('when the action name is unknown, then 404', async () => {
    await post('delete').expect(404);
  });
});
