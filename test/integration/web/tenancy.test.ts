import type { WebRuntime } from '../../../src/main/runtime';
import { MessageModel } from '../../../src/store/models';
import type { Message } from '../../../src/store/messages';
import { makeClient, makeMessage, makeUser, signIn, startTestWeb, testConfig } from './web-fixture';

describe('tenancy: an assistant of client A never reaches client B', () => {
  let web: WebRuntime;
  let mineA: Message;
  let theirsB: Message;
  let clientB: string;
  let session: Awaited<ReturnType<typeof signIn>>;

  beforeAll(async () => {
    web = await startTestWeb(testConfig(__filename));
    const a = await makeClient('Client A');
    const b = await makeClient('Client B');
    clientB = b.id;
    mineA = await makeMessage(a.id, { callerName: 'Alain de A' });
    theirsB = await makeMessage(b.id, {
      callerName: 'Bérénice de B',
      recording: { sid: `RE${'b'.repeat(32)}`, url: '', durationSeconds: 3 },
    });
    const assistant = await makeUser('assistant', [a.id], 'Assistant A');
    session = await signIn(web.server, assistant.email);
  });
  afterAll(() => web.stop());

  const gets = () => [
    `/messages/${theirsB.id}`,
    `/messages/${theirsB.id}/recording`,
    `/?client=${clientB}`,
    `/export.csv?client=${clientB}`,
  ];
  const posts = () =>
    ['claim', 'assign', 'note', 'handle', 'reopen'].map((a) => `/messages/${theirsB.id}/${a}`);

  it.each([
    [0, 'the message page'],
    [1, 'the recording'],
    [2, 'the list filtered on client B'],
    [3, 'the CSV export filtered on client B'],
  ])('when GET %i (%s) is asked with client B ids, then 404', async (i) => {
    const res = await session.agent.get(gets()[i]!);
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('Bérénice');
  });

  it.each([
    [0, 'claim'],
    [1, 'assign'],
    [2, 'note'],
    [3, 'handle'],
    [4, 'reopen'],
  ])('when action %i (%s) is posted on a message of client B, then 404 and nothing changes', async (i) => {
    const before = await MessageModel.findById(theirsB.id).lean();
    const res = await session.agent
      .post(posts()[i]!)
      .type('form')
      .send({ _csrf: session.csrf, text: 'hack', assigneeId: '' });
    expect(res.status).toBe(404);
    const after = await MessageModel.findById(theirsB.id).lean();
    expect(after).toEqual(before);
  });

  it('when listing, searching and exporting without a filter, then only client A messages appear', async () => {
    const list = await session.agent.get('/').expect(200);
    expect(list.text).toContain('Alain de A');
    expect(list.text).not.toContain('Bérénice');
    const search = await session.agent.get('/?q=B%C3%A9r%C3%A9nice').expect(200);
    expect(search.text).not.toContain(theirsB.id);
    expect(search.text).toContain('Aucun message ne correspond.');
    const csv = await session.agent.get('/export.csv').expect(200);
    expect(csv.text).toContain(mineA.id);
    expect(csv.text).not.toContain(theirsB.id);
  });

  it('when an unknown or malformed message id is asked, then the same 404', async () => {
    await session.agent.get('/messages/000000000000000000000000').expect(404);
    await session.agent.get('/messages/not-an-id').expect(404);
  });
});
