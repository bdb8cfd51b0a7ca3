/**
 * Admin API /calls: every call on record, keyset pages with ties on the start time, filters (the
 * number in any format), the kind and timeline in words, what each call left, audited reads, and
 * 400/404 answers of the API's one error shape.
 */
import type { Response } from 'supertest';
import { recordCall } from '../../../src/store/calls';
import { createClient } from '../../../src/store/clients';
import { AuditEventModel } from '../../../src/store/models';
import { DEMO_CLIENT } from '../../../scripts/lib/seed';
import { seedCalls, type SeededCall } from '../web/call-fixtures';
import { useApi } from './harness';

const { api } = useApi(__filename);

describe('admin API /calls', () => {
  let seeded: SeededCall[];
  let clientId: string;
  const tied = new Date('2026-11-20T10:00:00Z');

  beforeAll(async () => {
    const client = await createClient({ ...DEMO_CLIENT, name: 'Cabinet API', numbers: ['+33180004444'] });
    clientId = client.id;
    seeded = await seedCalls(client.id, '+33180004444', new Date('2026-12-01T10:00:00Z'));
    // Five calls started in the same millisecond: the cursor must not lose or repeat one.
    for (let i = 0; i < 5; i++) {
      await recordCall({
        callSid: `CAtie${i}`,
        clientId,
        from: '+33612345699',
        to: '+33180004444',
        locale: 'fr-FR',
        status: 'completed',
        outcome: 'abandoned',
        steps: [{ name: 'hangup', detail: 'caller hung up at menu', at: tied }],
        startedAt: tied,
        endedAt: tied,
      });
    }
  });

  it('when pages are followed by cursor, then every call comes once, newest first', async () => {
    const seen: { callSid: string; startedAt: string }[] = [];
    let cursor: string | null = null;
    do {
      const res: Response = await api('get', `/calls?limit=2${cursor ? `&cursor=${cursor}` : ''}`).expect(
        200,
      );
      seen.push(...res.body.data);
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(11);
    expect(new Set(seen.map((c) => c.callSid)).size).toBe(11);
    const times = seen.map((c) => Date.parse(c.startedAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('when the list is read, then each call has its kind in words and what it left', async () => {
    const res = await api('get', '/calls?limit=20&lang=en').expect(200);
    const byKind = (kind: string) =>
      res.body.data.find((c: { callSid: string }) => c.callSid === seeded.find((s) => s.kind === kind)!.sid);
    expect(byKind('transferred')).toMatchObject({
      kind: 'transferred',
      kindText: 'Transferred, answered',
      urgent: true,
    });
    expect(byKind('silent')).toMatchObject({ kind: 'silent', kindText: 'Silent caller', messageId: null });
    expect(byKind('blocked')).toMatchObject({ kind: 'blocked', kindText: 'Blocked number' });
    expect(byKind('transfer-message')).toMatchObject({
      messageId: seeded.find((s) => s.kind === 'transfer-message')!.messageId,
      callerName: 'Élodie Martin',
    });
    expect(byKind('appointment').appointmentId).toBe(
      seeded.find((s) => s.kind === 'appointment')!.appointmentId,
    );
    expect(res.body.counts).toMatchObject({ total: 11, abandoned: 7, rejected: 1, message: 1 });
  });

  it.each(['0612345604', '06 12 34 56 04', '+33612345604'])(
    'when filtered on the number "%s", then the one call from it comes',
    async (caller) => {
      const res = await api('get', `/calls?caller=${encodeURIComponent(caller)}`).expect(200);
      expect(res.body.data.map((c: { callSid: string }) => c.callSid)).toEqual([
        seeded.find((s) => s.kind === 'blocked')!.sid,
      ]);
    },
  );

  it('when filtered on an outcome and days, then only those calls come', async () => {
    const res = await api(
      'get',
      `/calls?clientId=${clientId}&outcome=abandoned&from=2026-12-01&to=2026-12-01`,
    );
    expect(res.status).toBe(200);
    expect(res.body.data).toHaveLength(2);
  });

  it('when one call is read, then its timeline comes in words, and the read is audited', async () => {
    const sid = seeded.find((s) => s.kind === 'transfer-message')!.sid;
    const res = await api('get', `/calls/${sid}`).expect(200);
    expect(res.body.steps.map((s: { text: string }) => s.text)).toContain(
      'Transfert vers le cabinet\u202f: pas de réponse',
    );
    expect(res.body.kindText).toBe('Transfert sans réponse, message pris');
    expect(await AuditEventModel.countDocuments({ action: 'call.view', 'target.id': sid })).toBe(1);
    expect(await AuditEventModel.countDocuments({ action: 'calls.list' })).toBeGreaterThan(0);
  });

  it.each([
    ['/calls?caller=hello', 'query.caller'],
    ['/calls?caller=0612', 'query.caller'],
    ['/calls?outcome=lost', 'query.outcome'],
    ['/calls?limit=500', 'query.limit'],
    ['/calls?from=2026-02-30', 'query.from'],
    ['/calls?cursor=AAAAAAAAAA', 'query.cursor'],
    ['/calls?sort=1', 'query'],
  ])('when %s is asked, then 400 naming %s', async (path, where) => {
    const res = await api('get', path).expect(400);
    expect(res.body.error).toMatch(/invalid/);
    expect(res.body.details.map((d: { path: string }) => d.path).join(' ')).toContain(where);
  });

  it('when a call does not exist, then 404 in the API error shape', async () => {
    const res = await api('get', '/calls/CAnope').expect(404);
    expect(res.body.error).toBeTruthy();
  });

  it('when the OpenAPI document is read, then it describes both call routes', async () => {
    const res = await api('get', '/openapi.json').expect(200);
    expect(res.body.paths['/calls'].get.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['clientId', 'outcome', 'from', 'to', 'caller', 'cursor', 'limit']),
    );
    expect(res.body.paths['/calls/{callSid}'].get).toBeTruthy();
  });
});
