/**
 * The assistants' cockpit on the server: the "to do" view and its order and pages, the counts
 * endpoint, unread markers per user, row and bulk actions, handled-then-next, withheld numbers.
 */
import request from 'supertest';
import { Types } from 'mongoose';
import type { WebRuntime } from '../../../src/main/runtime';
import { accessOf } from '../../../src/domain/access';
import { listOpenPage } from '../../../src/app/cockpit-reads';
import { deleteMessages } from '../../../src/store/retention';
import { deleteMessagesAndTheirTraces } from '../../../src/store/caller-erasure';
import { AuditEventModel, MessageModel, MessageViewModel } from '../../../src/store/models';
import type { Client } from '../../../src/store/clients';
import type { Message } from '../../../src/store/messages';
import type { User } from '../../../src/domain/users';
import { csrfOf, makeClient, makeMessage, makeUser, signIn, startTestWeb, testConfig } from './web-fixture';

type Agent = Awaited<ReturnType<typeof signIn>>;

const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000);

async function messageAt(clientId: string, minutes: number, fields: Parameters<typeof makeMessage>[1] = {}) {
  const m = await makeMessage(clientId, fields);
  const createdAt = minutesAgo(minutes);
  await MessageModel.collection.updateOne({ _id: new Types.ObjectId(m.id) }, { $set: { createdAt } });
  return { ...m, createdAt };
}

const rowIds = (page: string) => [...page.matchAll(/<tr id="m-([0-9a-f]{24})"/g)].map((r) => r[1]);

describe('the assistants’ cockpit (server side)', () => {
  let web: WebRuntime;
  let client: Client;
  let other: Client;
  let me: User;
  let colleague: User;
  let s: Agent;

  beforeAll(async () => {
    web = await startTestWeb(testConfig(__filename));
    client = await makeClient('Cabinet Martin');
    other = await makeClient('Garage Dubois');
    me = await makeUser('assistant', [client.id], 'Camille Besson');
    colleague = await makeUser('assistant', [client.id], 'Élodie Roux');
    s = await signIn(web.server, me.email);
  });
  afterAll(() => web.stop());

  beforeEach(async () => {
    await MessageModel.deleteMany({});
    await MessageViewModel.deleteMany({});
  });

  it('when the list opens, then it shows only open messages, urgent first, then the longest waiting', async () => {
    const oldNormal = await messageAt(client.id, 50, { callerName: 'Ancien Normal' });
    const newNormal = await messageAt(client.id, 5, { callerName: 'Récent Normal' });
    const newUrgent = await messageAt(client.id, 3, { callerName: 'Récent Urgent', urgent: true });
    const oldUrgent = await messageAt(client.id, 40, { callerName: 'Ancien Urgent', urgent: true });
    const handledUrgent = await messageAt(client.id, 1, { callerName: 'Traité Urgent', urgent: true });
    await MessageModel.updateOne({ _id: handledUrgent.id }, { status: 'handled' });
    await messageAt(other.id, 2, { callerName: 'Autre Client', urgent: true });

    const page = (await s.agent.get('/').expect(200)).text;
    expect(rowIds(page)).toEqual([oldUrgent.id, newUrgent.id, oldNormal.id, newNormal.id]);
    expect(page).toMatch(/aria-current="page"\s*>\s*À traiter <span class="count" data-count="open">4</);
    for (const label of ['Nouveaux', 'En cours', 'Traités', 'Tous']) expect(page).toContain(label);
    expect(page).toContain('<title>(2) Messages · Accueil téléphonique</title>');

    const all = (await s.agent.get('/?status=all').expect(200)).text;
    expect(rowIds(all)[0]).toBe(handledUrgent.id);
    // A handled urgent message is no longer shown as urgent.
    expect(all).toMatch(new RegExp(`<tr id="m-${handledUrgent.id}" class="is-unread is-handled"`));
  });

  it('when the queue spans pages, then the keyset cursor walks it in the same order without gaps', async () => {
    const made: Message[] = [];
    for (const [i, urgent] of [false, true, false, true, false].entries()) {
      made.push(await messageAt(client.id, 100 - i, { urgent }));
    }
    // Two messages at the same instant: the id breaks the tie.
    const same = made[4]!.createdAt;
    const twin = await messageAt(client.id, 0, {});
    await MessageModel.collection.updateOne(
      { _id: new Types.ObjectId(twin.id) },
      { $set: { createdAt: same } },
    );
    const access = accessOf(me);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listOpenPage(access, {}, { limit: 2, cursor });
      seen.push(...page.messages.map((m) => m.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const [a, b, c, d, e] = made.map((m) => m.id);
    expect(seen).toEqual([b, d, a, c, ...[e!, twin.id].sort()]);
    // And through the page's own link.
    const first = (await s.agent.get('/').expect(200)).text;
    expect(first).not.toContain('rel="next"');
  });

  it('when counts are asked, then they are tenancy-scoped JSON, and a bad filter is a 400', async () => {
    await messageAt(client.id, 5, { urgent: true });
    await messageAt(client.id, 4, {});
    await messageAt(other.id, 3, { urgent: true });
    const res = await s.agent.get('/counts').expect(200);
    expect(res.headers['content-type']).toMatch(/json/);
    expect(res.body).toEqual({ new: 2, in_progress: 0, handled: 0, total: 2, open: 2, urgentOpen: 1 });
    expect((await s.agent.get('/counts?urgency=urgent').expect(200)).body.total).toBe(1);
    await s.agent.get(`/counts?client=${other.id}`).expect(404);
    await s.agent.get('/counts?urgency=maybe').expect(400);
    await s.agent.get('/counts?status=new').expect(400);
    await request(web.server).get('/counts').expect(303);
  });

  it('when a user opens a message, then it is read for that user only', async () => {
    const m = await messageAt(client.id, 5, { callerName: 'Marc Lefèvre' });
    expect((await s.agent.get('/').expect(200)).text).toContain(`class="is-unread is-new"`);
    await s.agent.get(`/messages/${m.id}`).expect(200);
    const after = (await s.agent.get('/').expect(200)).text;
    expect(after).toContain(`<tr id="m-${m.id}" class="is-new"`);
    expect(after).not.toContain('(non lu)');
    const theirs = await signIn(web.server, colleague.email);
    expect((await theirs.agent.get('/').expect(200)).text).toContain('(non lu)');
    expect(await MessageViewModel.countDocuments({})).toBe(1);
  });

  it('when messages are deleted (retention, erasure), then their read markers go with them', async () => {
    const a = await messageAt(client.id, 5, {});
    const b = await messageAt(client.id, 4, {});
    await s.agent.get(`/messages/${a.id}`).expect(200);
    await s.agent.get(`/messages/${b.id}`).expect(200);
    await deleteMessages([a.id]);
    expect(await MessageViewModel.countDocuments({ messageId: a.id })).toBe(0);
    await deleteMessagesAndTheirTraces([b.id]);
    expect(await MessageViewModel.countDocuments({})).toBe(0);
  });

  it('when a row’s quick action is posted, then it applies and comes back to the list it came from', async () => {
    const m = await messageAt(client.id, 5, {});
    const page = (await s.agent.get('/?status=new').expect(200)).text;
    expect(page).toContain(`action="/messages/${m.id}/claim"`);
    const res = await s.agent
      .post(`/messages/${m.id}/claim`)
      .type('form')
      .send({ _csrf: csrfOf(page), back: '/?status=new' })
      .expect(303);
    expect(res.headers.location).toBe('/?status=new');
    expect((await MessageModel.findById(m.id).lean())?.status).toBe('in_progress');
    await s.agent
      .post(`/messages/${m.id}/handle`)
      .type('form')
      .send({ _csrf: csrfOf(page), back: 'https://evil.example/' })
      .expect(400);
    expect((await MessageModel.findById(m.id).lean())?.status).toBe('in_progress');
  });

  it('when bulk-handling four messages, one held by a colleague, then three are handled and the flash says why not the fourth', async () => {
    const ms = [];
    for (let i = 0; i < 4; i++) ms.push(await messageAt(client.id, 10 - i, {}));
    await MessageModel.updateOne({ _id: ms[3]!.id }, { assigneeId: colleague.id, status: 'in_progress' });
    const page = (await s.agent.get('/').expect(200)).text;
    const csrf = csrfOf(page);
    const res = await s.agent
      .post('/messages/bulk')
      .type('form')
      .send(`_csrf=${csrf}&back=%2F&action=handle&${ms.map((m) => `ids=${m.id}`).join('&')}`)
      .expect(303);
    expect(res.headers.location).toBe('/');
    const statuses = await Promise.all(ms.map((m) => MessageModel.findById(m.id).lean()));
    expect(statuses.map((d) => d?.status)).toEqual(['handled', 'handled', 'handled', 'in_progress']);
    const after = (await s.agent.get('/').expect(200)).text;
    expect(after).toContain('3 messages traités, 1 déjà pris par quelqu’un d’autre.');
    const audited = await AuditEventModel.countDocuments({ action: 'message.handle', 'actor.id': me.id });
    expect(audited).toBe(3);
  });

  it('when bulk-assigning, then each message goes to the chosen person; empty or oversized selections are refused', async () => {
    const a = await messageAt(client.id, 5, {});
    const b = await messageAt(client.id, 4, {});
    const csrf = csrfOf((await s.agent.get('/').expect(200)).text);
    const post = (body: string) => s.agent.post('/messages/bulk').type('form').send(`_csrf=${csrf}&${body}`);
    await post(`action=assign&assigneeId=${colleague.id}&ids=${a.id}&ids=${b.id}`).expect(303);
    const docs = await MessageModel.find({ _id: { $in: [a.id, b.id] } }).lean();
    expect(docs.map((d) => String(d.assigneeId))).toEqual([colleague.id, colleague.id]);
    expect((await s.agent.get('/').expect(200)).text).toContain('2 messages attribués.');

    await post('action=claim').expect(303);
    expect((await s.agent.get('/').expect(200)).text).toContain('Aucun message sélectionné');
    const many = Array.from({ length: 51 }, () => `ids=${new Types.ObjectId().toString()}`).join('&');
    await post(`action=claim&${many}`).expect(303);
    expect((await s.agent.get('/').expect(200)).text).toContain('Au plus 50 messages à la fois.');
    await post(`action=explode&ids=${a.id}`).expect(303);
    expect((await s.agent.get('/').expect(200)).text).toContain('Saisie invalide');
  });

  it('when a message is marked handled on its page, then the next one to do opens (urgent first), then the list', async () => {
    const normal = await messageAt(client.id, 30, {});
    const urgent = await messageAt(client.id, 5, { urgent: true });
    const current = await messageAt(client.id, 60, {});
    const page = (await s.agent.get(`/messages/${current.id}`).expect(200)).text;
    const csrf = csrfOf(page);
    const handle = (id: string) =>
      s.agent.post(`/messages/${id}/handle`).type('form').send({ _csrf: csrf }).expect(303);
    expect((await handle(current.id)).headers.location).toBe(`/messages/${urgent.id}`);
    const next = (await s.agent.get(`/messages/${urgent.id}`).expect(200)).text;
    expect(next).toContain('Message traité. Message suivant\u202f:');
    expect(next).toContain('Retour à la liste');
    expect((await handle(urgent.id)).headers.location).toBe(`/messages/${normal.id}`);
    expect((await handle(normal.id)).headers.location).toBe('/');
    expect((await s.agent.get('/').expect(200)).text).toContain('Plus rien à traiter.');
  });

  it('when the caller withheld the number, then the list and the page say so, never "anonymous"', async () => {
    const m = await messageAt(client.id, 5, { callerNumber: 'anonymous', callerName: '' });
    const list = (await s.agent.get('/').expect(200)).text;
    expect(list).toContain('Numéro masqué');
    expect(list).not.toContain('anonymous');
    const page = (await s.agent.get(`/messages/${m.id}`).expect(200)).text;
    expect(page).toContain('Numéro masqué');
    expect(page).not.toContain('tel:anonymous');
    const en = (await s.agent.get('/?lang=en').expect(200)).text;
    expect(en).toContain('Withheld number');
    await s.agent.get('/?lang=fr').expect(200);
  });

  it('when a number is valid, then it is a tel: link in E.164 showing the national form', async () => {
    await messageAt(client.id, 5, { callerNumber: '+33612345678' });
    const list = (await s.agent.get('/').expect(200)).text;
    expect(list).toContain('<a href="tel:+33612345678">06 12 34 56 78</a>');
  });
});
