/**
 * The list's search over the real store: accents, case, spaces and any way of writing a number;
 * old messages get their search field from the backfill; retention leaves no transcription in it.
 */
import type { WebRuntime } from '../../../src/main/runtime';
import { clearTranscriptions, transcriptionsBefore } from '../../../src/store/retention';
import { backfillSearchText } from '../../../src/store/message-search-backfill';
import { MessageModel } from '../../../src/store/models';
import type { Message } from '../../../src/store/messages';
import { makeClient, makeMessage, makeUser, signIn, startTestWeb, testConfig } from './web-fixture';

const rowIds = (html: string) => [...html.matchAll(/<tr id="m-([0-9a-f]{24})"/g)].map((m) => m[1]);

describe('message list search', () => {
  let web: WebRuntime;
  let session: Awaited<ReturnType<typeof signIn>>;
  let clientId: string;
  let elodie: Message;
  let other: Message;
  const search = async (q: string) => rowIds((await session.agent.get('/').query({ q }).expect(200)).text);

  beforeAll(async () => {
    web = await startTestWeb(testConfig(__filename));
    const client = await makeClient('Cabinet Recherche');
    clientId = client.id;
    elodie = await makeMessage(client.id, {
      callerName: 'Élodie Martin',
      callerNumber: '+33612345602',
      reason: 'Fièvre de son fils',
      summary: 'Élodie Martin appelle pour une fièvre.',
    });
    other = await makeMessage(client.id, {
      callerName: 'Paul (a+b)* Durand',
      callerNumber: '+33698765432',
      reason: 'Facture',
      summary: 'Paul Durand appelle pour sa facture.',
    });
    session = await signIn(web.server, (await makeUser('assistant', [client.id], 'Chercheuse')).email);
  });
  afterAll(() => web.stop());

  it.each([
    '0612345602',
    '06 12 34 56 02',
    '06.12.34.56.02',
    '+33612345602',
    '+33 6 12 34 56 02',
    '0033612345602',
    'fievre',
    'FIÈVRE',
    'ELODIE',
    'elodie martin',
  ])('when searching %j, then the message is found', async (q) => {
    expect(await search(q)).toEqual([elodie.id]);
  });

  it('when searching for something absent or for regex characters, then they match literally', async () => {
    expect(await search('migraine')).toEqual([]);
    expect(await search('.*')).toEqual([]);
    expect(await search('0612345699')).toEqual([]);
    expect(await search('(a+b)*')).toEqual([other.id]);
  });

  it('when messages were stored before the search field, then the backfill makes them findable, once', async () => {
    await MessageModel.collection.updateMany({}, { $unset: { searchText: '', searchVersion: '' } });
    const before = await MessageModel.findById(elodie.id).lean();
    expect(await search('fievre')).toEqual([]);
    expect(await backfillSearchText(1)).toBe(2);
    expect(await search('fievre')).toEqual([elodie.id]);
    expect(await search('0612345602')).toEqual([elodie.id]);
    // Idempotent, and the message does not look changed to people.
    expect(await backfillSearchText()).toBe(0);
    expect((await MessageModel.findById(elodie.id).lean())!.updatedAt).toEqual(before!.updatedAt);
  });

  it('when many messages lack the field, then the backfill writes them all, batch after batch', async () => {
    const { Types } = await import('mongoose');
    const docs = Array.from({ length: 300 }, (_, i) => ({
      _id: new Types.ObjectId(),
      key: `old-${i}`,
      clientId: new Types.ObjectId(clientId),
      callSid: `CAold${i}`,
      callerName: `Hélène ${i}`,
      callerNumber: '+33611111111',
      reason: 'Ancien',
      summary: 'Ancien message',
      urgent: false,
      status: 'handled',
      createdAt: new Date(Date.UTC(2020, 0, 1, 0, i)),
      updatedAt: new Date(Date.UTC(2020, 0, 1, 0, i)),
    }));
    await MessageModel.collection.insertMany(docs);
    expect(await backfillSearchText(100)).toBe(300);
    expect(await MessageModel.countDocuments({ searchText: /helene 299/ })).toBe(1);
    expect(await MessageModel.countDocuments({ searchVersion: { $ne: 1 } })).toBe(0);
    await MessageModel.collection.deleteMany({ key: /^old-/ });
  });

  it('when retention clears a transcription, then its words leave the search field too', async () => {
    const spoken = await makeMessage(clientId, {
      callerName: 'Lucie',
      transcription: 'Je rappelle pour le devis de la véranda',
    });
    expect(await search('veranda')).toEqual([spoken.id]);
    const held = await transcriptionsBefore(clientId, new Date(Date.now() + 1000), 10);
    expect(held).toHaveLength(1);
    await clearTranscriptions(held.map((h) => ({ ...h, summary: h.summary })));
    expect(await search('veranda')).toEqual([]);
    expect(await search('lucie')).toEqual([spoken.id]);
  });
  it('when a handled message is searched from the default view, then it is found, and the "to do" tab keeps the search', async () => {
    const handled = await makeMessage(clientId, {
      callerName: 'Gérard Handled',
      callerNumber: '+33611112222',
      reason: 'Rappel de la semaine dernière',
      summary: 'Gérard rappelle.',
    });
    await MessageModel.updateOne({ _id: handled.id }, { status: 'handled' });
    const page = await session.agent.get('/').query({ q: '0611112222' }).expect(200);
    expect(rowIds(page.text)).toEqual([handled.id]);
    // The page says which view it shows: every message; "À traiter" narrows the same search.
    expect(page.text).toMatch(/<a\s+href="[^"]*status=all[^"]*"\s+class="tab"\s+aria-current="page"/);
    const todo = /<a\s+href="([^"]*status=open[^"]*)"/.exec(page.text)![1]!.replace(/&amp;/g, '&');
    expect(todo).toContain('q=0611112222');
    expect(rowIds((await session.agent.get(todo).expect(200)).text)).toEqual([]);
  });
});
