/**
 * One path per action: a message changed from the web page or the admin API goes through the same
 * use case, so it reaches the assistants' live list and obeys the same tenancy rules either way.
 */
import request from 'supertest';
import { type User } from '../../src/domain/users';
import type { WebRuntime } from '../../src/main/runtime';
import { AuditEventModel, MessageModel } from '../../src/store/models';
import type { Client } from '../../src/store/clients';
import {
  makeClient,
  makeMessage,
  makeUser,
  readEvents,
  signIn,
  startTestWeb,
  testConfig,
} from './web/web-fixture';

const TOKEN = 'test-admin-api-token-one-path-0123';

describe('one path per message action', () => {
  let web: WebRuntime;
  let a: Client;
  let b: Client;
  let assistantA: User;
  let assistantB: User;
  const api = (method: 'patch' | 'post', path: string) =>
    request(web.server)[method](`/api/v1${path}`).set('Authorization', `Bearer ${TOKEN}`);

  beforeAll(async () => {
    web = await startTestWeb(testConfig(__filename, { ADMIN_API_TOKEN: TOKEN }));
    a = await makeClient('Cabinet A');
    b = await makeClient('Cabinet B');
    assistantA = await makeUser('assistant', [a.id], 'Assistante A');
    assistantB = await makeUser('assistant', [b.id], 'Assistante B');
  });
  afterAll(() => web.stop());

  it('when a message is handled through the admin API, then the assistant watching the list sees it live', async () => {
    const message = await makeMessage(a.id, { callerName: 'Patient Api' });
    const { cookie } = await signIn(web.server, assistantA.email);
    const received = readEvents(web.port, cookie, /message\.updated[\s\S]*Patient Api/);
    await new Promise((r) => setTimeout(r, 200));
    await api('patch', `/messages/${message.id}`).send({ status: 'handled' }).expect(200);
    const text = await received;
    expect(text).toContain('event: message.updated');
    expect(text).toContain(message.id);
  });

  it('when a message of client A is assigned to an assistant of client B, then every path refuses it and nothing changes', async () => {
    const message = await makeMessage(a.id, { callerName: 'Patient Tenancy' });
    const refused = await api('patch', `/messages/${message.id}`)
      .send({ assigneeId: assistantB.id })
      .expect(400);
    expect(refused.body).toEqual({
      error: 'invalid body',
      details: [{ path: 'assigneeId', message: 'no active user who may see this client has this id' }],
    });

    const admin = await makeUser('admin', [], 'Admin Tenancy');
    const session = await signIn(web.server, admin.email, undefined, '10.0.0.9');
    await session.agent
      .post(`/messages/${message.id}/assign`)
      .set('X-Forwarded-For', '10.0.0.9')
      .type('form')
      .send({ _csrf: session.csrf, assigneeId: assistantB.id })
      .expect(303);
    const page = await session.agent.get(`/messages/${message.id}`).set('X-Forwarded-For', '10.0.0.9');
    expect(page.text).toContain('Cette personne ne peut pas voir les messages de ce client');

    const stored = await MessageModel.findById(message.id).lean();
    expect(stored?.assigneeId ?? null).toBeNull();
    expect(stored?.status).toBe('new');
    expect(await AuditEventModel.countDocuments({ 'target.id': message.id, action: /assign|update/ })).toBe(
      0,
    );

    // The same assignment to an assistant of client A is accepted, on the API as on the page.
    await api('patch', `/messages/${message.id}`).send({ assigneeId: assistantA.id }).expect(200);
    expect((await MessageModel.findById(message.id).lean())?.status).toBe('in_progress');
  });

  it('when the same action comes from the page and the API, then both audit entries name the actor and the client', async () => {
    const message = await makeMessage(a.id);
    const session = await signIn(web.server, assistantA.email, undefined, '10.0.0.7');
    await session.agent
      .post(`/messages/${message.id}/note`)
      .set('X-Forwarded-For', '10.0.0.7')
      .type('form')
      .send({ _csrf: session.csrf, text: 'Rappelée à 10 h' })
      .expect(303);
    await api('post', `/messages/${message.id}/notes`).send({ text: 'Vu par l’API' }).expect(201);
    const entries = await AuditEventModel.find({ 'target.id': message.id, action: 'message.note' })
      .sort({ at: 1 })
      .lean();
    expect(entries.map((e) => [e.actor?.type, e.actor?.label, String(e.clientId)])).toEqual([
      ['user', assistantA.email, a.id],
      ['api-token', 'API token', a.id],
    ]);
    const notes = (await MessageModel.findById(message.id).lean())?.notes ?? [];
    expect(notes.map((n) => [n.authorName, n.text])).toEqual([
      [assistantA.name, 'Rappelée à 10 h'],
      ['API token', 'Vu par l’API'],
    ]);
  });
});
