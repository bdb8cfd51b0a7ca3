/**
 * GET /api/v1/audit: the access log filtered by user, client, caller number (national or
 * international), action or group and days, paged newest first; and the reads of caller data the
 * API itself serves (the list, one message) written to it.
 */
import request from 'supertest';
import type { WebRuntime } from '../../../src/main/runtime';
import { callerKey } from '../../../src/app/caller-key';
import { listAuditPage, recordAudit, type AuditEntry, type AuditPosition } from '../../../src/store/audit';
import { createClient, type Client } from '../../../src/store/clients';
import { AuditEventModel } from '../../../src/store/models';
import type { User } from '../../../src/domain/users';
import { DEMO_CLIENT } from '../../../scripts/lib/seed';
import { makeMessage, makeUser, signIn, startTestWeb, testConfig } from '../web/web-fixture';

const TOKEN = 'test-admin-api-token-0123456789';
const CALLER = '+33620001001';
const OTHER_CALLER = '+33620001002';

type Event = {
  id: string;
  at: string;
  action: string;
  group: string | null;
  clientId: string | null;
  actor: { type: string; id?: string; name?: string };
  target: { type: string; id: string } | null;
};

describe('admin API /audit', () => {
  let web: WebRuntime;
  let alpha: Client;
  let beta: Client;
  let admin: User;
  let assistant: User;
  const api = (path: string) =>
    request(web.server).get(`/api/v1${path}`).set('Authorization', `Bearer ${TOKEN}`);
  const asUser = (u: User): AuditEntry['actor'] => ({ type: 'user', id: u.id, label: u.email });

  beforeAll(async () => {
    web = await startTestWeb(testConfig(__filename, { ADMIN_API_TOKEN: TOKEN }));
    alpha = await createClient({ ...DEMO_CLIENT, name: 'Cabinet Alpha', numbers: ['+33180000731'] });
    beta = await createClient({ ...DEMO_CLIENT, name: 'Cabinet Beta', numbers: ['+33180000732'] });
    admin = await makeUser('admin', [], 'Alice Admin');
    assistant = await makeUser('assistant', [alpha.id], 'Bruno Assistant');
  });
  afterAll(() => web.stop());

  beforeEach(() => AuditEventModel.deleteMany({}));

  it('when a caller is searched in national format, then their fingerprinted entry and the views of their messages come, no one else’s', async () => {
    const theirs = await makeMessage(alpha.id, { callerNumber: CALLER });
    const others = await makeMessage(alpha.id, { callerNumber: OTHER_CALLER });
    await recordAudit({
      actor: asUser(admin),
      action: 'caller.export',
      clientId: alpha.id,
      callerKey: callerKey(web.config.callerKeySecret, CALLER),
    });
    await recordAudit({
      actor: asUser(admin),
      action: 'caller.erase',
      callerKey: callerKey(web.config.callerKeySecret, OTHER_CALLER),
    });
    // The API's own read of each message is what the log must hold as a view.
    await api(`/messages/${theirs.id}`).expect(200);
    await api(`/messages/${others.id}`).expect(200);

    const res = await api(`/audit?caller=${encodeURIComponent('06 20 00 10 01')}`).expect(200);
    const events = res.body.events as Event[];
    expect(events.map((e) => e.action).sort()).toEqual(['caller.export', 'message.view']);
    const view = events.find((e) => e.action === 'message.view')!;
    expect(view).toMatchObject({
      group: 'views',
      target: { type: 'message', id: theirs.id },
      clientId: alpha.id,
      actor: { type: 'api-token' },
    });
    // The log answers about a number without ever carrying it.
    expect(JSON.stringify(res.body)).not.toMatch(/620001001|callerKey/);
    const intl = await api(`/audit?caller=${encodeURIComponent(CALLER)}`).expect(200);
    expect((intl.body.events as Event[]).map((e) => e.id).sort()).toEqual(events.map((e) => e.id).sort());
  });

  it('when the API lists messages, then the read is logged with its client, and a page of one message as a view', async () => {
    const message = await makeMessage(beta.id, { callerNumber: '+33620001003' });
    await api(`/messages?clientId=${beta.id}`).expect(200);
    await api(`/messages/${message.id}`).expect(200);
    const res = await api(`/audit?client=${beta.id}&action=views`).expect(200);
    expect((res.body.events as Event[]).map((e) => [e.action, e.target?.id ?? null])).toEqual([
      ['message.view', message.id],
      ['messages.list', null],
    ]);
  });

  it('when filtered by user, client or group, then only their entries come, each with its group', async () => {
    const at = new Date('2026-03-02T10:00:00Z');
    const entry = (actor: User, action: string, client: Client | null, min: number) =>
      recordAudit(
        { actor: asUser(actor), action, clientId: client?.id ?? null },
        new Date(at.getTime() + min * 60_000),
      );
    await entry(admin, 'login.success', null, 0);
    await entry(admin, 'client.update', alpha, 1);
    await entry(assistant, 'login.success', null, 2);
    await entry(assistant, 'message.claim', alpha, 3);
    await entry(assistant, 'message.view', beta, 4);
    await recordAudit({ actor: { type: 'anonymous' }, action: 'login.failure', detail: { email: 'x@y.z' } });

    const byUser = await api(`/audit?user=${assistant.id}`).expect(200);
    expect((byUser.body.events as Event[]).map((e) => e.action)).toEqual([
      'message.view',
      'message.claim',
      'login.success',
    ]);
    expect(byUser.body.events[0].actor).toMatchObject({ id: assistant.id, name: 'Bruno Assistant' });
    const byClient = await api(`/audit?client=${alpha.id}`).expect(200);
    expect((byClient.body.events as Event[]).map((e) => e.action)).toEqual([
      'message.claim',
      'client.update',
    ]);
    const both = await api(`/audit?client=${alpha.id}&user=${admin.id}`).expect(200);
    expect((both.body.events as Event[]).map((e) => e.action)).toEqual(['client.update']);
    const signIns = await api('/audit?action=sign-ins').expect(200);
    expect((signIns.body.events as Event[]).map((e) => e.action)).toEqual([
      'login.failure',
      'login.success',
      'login.success',
    ]);
    expect(signIns.body.events.every((e: Event) => e.group === 'sign-ins')).toBe(true);
    const one = await api(`/audit?action=message.claim&user=${assistant.id}`).expect(200);
    expect(one.body.events).toHaveLength(1);
  });

  it('when a range of days is given, then the days are Paris days, the last one included', async () => {
    // 23:30 UTC on 10 March is 00:30 on the 11th in Paris (UTC+1); 22:30 UTC is still the 10th.
    await recordAudit({ actor: asUser(admin), action: 'message.view' }, new Date('2026-03-10T22:30:00Z'));
    await recordAudit({ actor: asUser(admin), action: 'message.note' }, new Date('2026-03-10T23:30:00Z'));
    await recordAudit({ actor: asUser(admin), action: 'message.handle' }, new Date('2026-03-12T22:59:00Z'));
    await recordAudit({ actor: asUser(admin), action: 'message.reopen' }, new Date('2026-03-12T23:01:00Z'));
    const res = await api('/audit?from=2026-03-11&to=2026-03-12').expect(200);
    expect((res.body.events as Event[]).map((e) => e.action)).toEqual(['message.handle', 'message.note']);
  });

  it('when pages are followed by `before`, then every entry comes once, newest first, ties included', async () => {
    const base = Date.parse('2026-04-01T08:00:00Z');
    const docs = Array.from({ length: 130 }, (_, i) => ({
      // Groups of three share one instant, so some fall across a page boundary.
      at: new Date(base + Math.floor(i / 3) * 1000),
      actor: { type: 'user', id: i % 2 ? admin.id : assistant.id, label: '' },
      action: i % 5 === 0 ? 'login.success' : 'message.view',
      target: null,
      clientId: null,
      ip: '',
      detail: { i },
      callerKey: '',
    }));
    await AuditEventModel.insertMany(docs);
    const walk = async (query: string) => {
      const seen: Event[] = [];
      const sizes: number[] = [];
      let next: string | null = null;
      do {
        const res: request.Response = await api(`/audit?${query}${next ? `&before=${next}` : ''}`).expect(
          200,
        );
        seen.push(...res.body.events);
        sizes.push(res.body.events.length);
        next = res.body.next;
      } while (next && sizes.length < 10);
      return { seen, sizes };
    };
    const all = await walk('');
    expect(all.sizes).toEqual([50, 50, 30]);
    expect(new Set(all.seen.map((e) => e.id)).size).toBe(130);
    const times = all.seen.map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => b - a));

    // Filters the chosen index does not carry are checked on what it read: still each entry once.
    const mixed = await walk(`user=${admin.id}&action=views`);
    const expected = docs.filter((d) => d.actor.id === admin.id && d.action === 'message.view').length;
    expect(mixed.seen).toHaveLength(expected);
    expect(new Set(mixed.seen.map((e) => e.id)).size).toBe(expected);
  });

  it('when a filter is malformed, then 400 names it in the query', async () => {
    const cases: [string, string][] = [
      ['user=nobody', 'query.user'],
      ['client=123', 'query.client'],
      ['caller=abc', 'query.caller'],
      ['caller=0000', 'query.caller'],
      ['action=message.delete', 'query.action'],
      ['from=2026-02-30', 'query.from'],
      ['to=yesterday', 'query.to'],
      ['from=2026-03-12&to=2026-03-11', 'query.to'],
      ['before=%21%21', 'query.before'],
      ['before=bm9wZQ', 'query.before'],
      [`client=${'a'.repeat(24)}`, 'query.client'],
      ['colour=blue', 'query'],
      ['user=a&user=b', 'query.user'],
    ];
    for (const [query, path] of cases) {
      const res = await api(`/audit?${query}`).expect(400);
      expect(res.body.error).toEqual(expect.any(String));
      expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
    }
  });

  it('when no admin asks, then the log is refused', async () => {
    await request(web.server).get('/api/v1/audit').expect(401);
    const { agent } = await signIn(web.server, assistant.email, undefined, '10.0.0.7');
    await agent.get('/api/v1/audit').set('X-Forwarded-For', '10.0.0.7').expect(401);
    const asAdmin = await signIn(web.server, admin.email, undefined, '10.0.0.8');
    await asAdmin.agent.get('/api/v1/audit').set('X-Forwarded-For', '10.0.0.8').expect(200);
  });
});

describe('access log store: a walk bounded by its budget', () => {
  let web: WebRuntime;
  beforeAll(async () => {
    web = await startTestWeb(testConfig(__filename, { ADMIN_API_TOKEN: TOKEN }));
  });
  afterAll(() => web.stop());

  it('when few entries match among many read, then short pages go on from where each walk stopped, none lost', async () => {
    const base = Date.parse('2026-05-01T08:00:00Z');
    const docs = Array.from({ length: 60 }, (_, i) => ({
      at: new Date(base + Math.floor(i / 2) * 1000),
      actor: { type: 'user', id: 'a'.repeat(24), label: '' },
      action: i % 7 === 0 ? 'message.view' : 'login.success',
      target: null,
      clientId: null,
      ip: '',
      detail: null,
      callerKey: '',
    }));
    await AuditEventModel.insertMany(docs);
    const filter = { actorId: 'a'.repeat(24), actions: ['message.view'] };
    const seen: string[] = [];
    let before: AuditPosition | undefined;
    let pages = 0;
    do {
      const page = await listAuditPage(filter, { limit: 3, before, scan: 7 });
      seen.push(...page.events.map((e) => e.id));
      expect(page.events.length).toBeLessThanOrEqual(3);
      before = page.next ?? undefined;
      pages++;
    } while (before && pages < 40);
    expect(pages).toBeLessThan(40);
    expect(new Set(seen).size).toBe(docs.filter((d) => d.action === 'message.view').length);
    expect(seen).toHaveLength(new Set(seen).size);
  });
});
