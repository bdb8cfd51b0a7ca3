import { AuditEventModel, DeliveryModel, MessageModel } from '../../../src/store/models';
import type { Response } from 'supertest';
import { Types } from 'mongoose';
import { profileInput, useApi } from './harness';
import { clientA, seedDeliveries, seedDocs } from './message-fixtures';

const { api } = useApi(__filename);

describe('admin API /messages', () => {
  beforeAll(async () => {
    const docs = seedDocs();
    await MessageModel.collection.insertMany(docs);
    await DeliveryModel.collection.insertMany(seedDeliveries(docs) as never[]);
  });

  it('when pages are followed by cursor, then every message comes once, newest first', async () => {
    const seen: { id: string; createdAt: string }[] = [];
    let cursor: string | null = null;
    do {
      const res: Response = await api('get', `/messages?limit=7${cursor ? `&cursor=${cursor}` : ''}`).expect(
        200,
      );
      seen.push(...res.body.data);
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(30);
    expect(new Set(seen.map((m) => m.id)).size).toBe(30);
    const times = seen.map((m) => Date.parse(m.createdAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('when a list item is read, then it carries call, caller, callback, urgency, status and deliveries', async () => {
    const res = await api('get', '/messages?limit=1').expect(200);
    expect(res.body.data[0]).toMatchObject({
      callSid: expect.stringMatching(/^CA/),
      caller: { name: 'Caller 29', number: '+33612345678' },
      callbackNumber: '+33698765432',
      urgent: false,
      status: 'new',
      summary: 'Message 29',
      deliveries: [{ channel: 'sms', status: 'sent' }],
    });
  });

  it('when filters and numbered pages are used, then only matching messages come back', async () => {
    const urgentA = await api('get', `/messages?clientId=${clientA}&urgent=true&limit=100`).expect(200);
    expect(urgentA.body.data.map((m: { summary: string }) => m.summary)).toEqual([
      'Message 24',
      'Message 18',
      'Message 12',
      'Message 6',
      'Message 0',
    ]);
    const window = await api('get', '/messages?from=2026-03-01T08:10:00Z&to=2026-03-01T08:12:00Z').expect(
      200,
    );
    expect(window.body.data).toHaveLength(4);
    const page2 = await api('get', '/messages?limit=10&page=2').expect(200);
    expect(page2.body.data[0].summary).toBe('Message 19');
  });

  it('when the query is invalid or injected, then 400 names the parameter', async () => {
    const cases = [
      'limit=101',
      'limit=0',
      'status=lost',
      'clientId[$ne]=x',
      'urgent=yes',
      'from=yesterday',
      'status=new&status=handled',
      'sort=createdAt',
      'cursor=AAAAAAAAAAAA',
      'cursor=abcdefghijkl&page=2',
    ];
    for (const query of cases) {
      const res = await api('get', `/messages?${query}`).expect(400);
      expect(res.body.details[0].path).toMatch(/^query/);
    }
  });

  it('when a message is assigned, handled and annotated, then the full view shows it and it is audited', async () => {
    const { body: page } = await api('get', '/messages?limit=1').expect(200);
    const id = page.data[0].id;
    await api('post', '/clients')
      .send(profileInput(['+33180000801']))
      .expect(201);
    const user = await api('post', '/users')
      .send({
        email: 'a@example.com',
        name: 'Alice',
        // An admin may be given any message; assistants only their clients' (test/integration/one-path).
        role: 'admin',
        password: 'correct horse battery',
      })
      .expect(201);
    const patched = await api('patch', `/messages/${id}`).send({
      status: 'handled',
      assigneeId: user.body.id,
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      status: 'handled',
      assigneeId: user.body.id,
      handledAt: expect.any(String),
    });
    const noted = await api('post', `/messages/${id}/notes`).send({ text: 'Rappelé, RDV jeudi' }).expect(201);
    expect(noted.body.notes).toEqual([
      expect.objectContaining({ text: 'Rappelé, RDV jeudi', authorName: 'API token' }),
    ]);
    const full = await api('get', `/messages/${id}`).expect(200);
    expect(full.body).toMatchObject({ reason: 'rappel', transcription: '', recording: null, notes: [{}] });
    const audit = await AuditEventModel.find({ 'target.id': id }).lean();
    // Reading the message is a view of caller data, audited as the web page's is.
    expect(audit.map((e) => e.action).sort()).toEqual(['message.note', 'message.update', 'message.view']);
  });

  it('when changes are invalid or the message unknown, then 400 or 404', async () => {
    const { body: page } = await api('get', '/messages?limit=1').expect(200);
    const id = page.data[0].id;
    await api('patch', `/messages/${id}`).send({ status: 'lost' }).expect(400);
    await api('patch', `/messages/${id}`).send({}).expect(400);
    await api('patch', `/messages/${id}`)
      .send({ status: { $ne: 'x' } })
      .expect(400);
    const ghost = await api('patch', `/messages/${id}`)
      .send({ assigneeId: '0123456789abcdef01234567' })
      .expect(400);
    expect(ghost.body.details).toEqual([
      { path: 'assigneeId', message: 'no active user who may see this client has this id' },
    ]);
    await api('post', `/messages/${id}/notes`).send({ text: '' }).expect(400);
    const noDay = await api('get', '/messages?from=2026-02-30').expect(400);
    expect(noDay.body.details).toEqual([
      { path: expect.stringMatching(/(^|\.)from$/), message: 'no such day in the calendar' },
    ]);
    await api('get', '/messages?to=2026-13-45T00:00:00Z').expect(400);
    await api('get', '/messages?from=2028-02-29').expect(200);
    await api('get', '/messages/0123456789abcdef01234567').expect(404);
    await api('patch', '/messages/nope').send({ status: 'handled' }).expect(404);
    await api('post', '/messages/0123456789abcdef01234567/notes').send({ text: 'x' }).expect(404);
  });

  it('when an assistant who only sees client B is given a message of client A, then 400 and the message stays unassigned', async () => {
    const { body: a } = await api('post', '/clients')
      .send(profileInput(['+33180000701'], 'Client A'))
      .expect(201);
    const { body: b } = await api('post', '/clients')
      .send(profileInput(['+33180000702'], 'Client B'))
      .expect(201);
    const { body: bob } = await api('post', '/users')
      .send({
        email: 'bob@example.com',
        name: 'Bob',
        role: 'assistant',
        password: 'correct horse battery',
        clientIds: [b.id],
      })
      .expect(201);
    const [ofA, ofB] = [a.id, b.id].map((clientId: string, i) => {
      const doc = seedDocs()[0]!;
      const key = `CA${String(700 + i).padStart(32, '0')}`;
      return { ...doc, _id: new Types.ObjectId(), key, callSid: key, clientId: new Types.ObjectId(clientId) };
    });
    await MessageModel.collection.insertMany([ofA!, ofB!]);

    const refused = await api('patch', `/messages/${ofA!._id.toString()}`)
      .send({ assigneeId: bob.id })
      .expect(400);
    expect(refused.body).toEqual({
      error: 'invalid body',
      details: [{ path: 'assigneeId', message: 'no active user who may see this client has this id' }],
    });
    const unchanged = await MessageModel.findById(ofA!._id).lean();
    expect(unchanged).toMatchObject({ assigneeId: null, status: 'new' });
    expect(await AuditEventModel.countDocuments({ 'target.id': ofA!._id.toString() })).toBe(0);

    const allowed = await api('patch', `/messages/${ofB!._id.toString()}`)
      .send({ assigneeId: bob.id })
      .expect(200);
    expect(allowed.body).toMatchObject({ assigneeId: bob.id, status: 'in_progress' });
  });
});
