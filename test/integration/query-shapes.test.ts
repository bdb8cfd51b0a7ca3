/**
 * Every query shape the code sends is served by an index declared on the models, by MongoDB 7's
 * rules (FerretDB cannot show it: it scans either way). The driver's command monitoring records
 * what the real code paths send; test/helpers/query-shapes.ts reduces each command to its shape and
 * applies the ESR rule. The table goes to var/test/query-shapes.txt.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { accessOf } from '../../src/domain/access';
import path from 'node:path';
import mongoose from 'mongoose';
import request from 'supertest';
import type { CommandStartedEvent } from 'mongodb';
import type { WebRuntime } from '../../src/main/runtime';
import { buildDigest } from '../../src/notify/digest';
import { rebuildRange, refreshRollups } from '../../src/app/report-rollups';
import { readReport, reportQuerySchema } from '../../src/app/reports';
import { digestCallLog } from '../../src/notify/digest-call-log';
import {
  findLatestUrgentSentTo,
  findPendingDeliveries,
  findUrgentSentToByRef,
} from '../../src/store/deliveries';
import {
  assignSmsRef,
  claimForClient,
  findUnqueued,
  messagesBetween,
} from '../../src/store/message-follow-ups';
import { listAuditEvents } from '../../src/store/audit';
import { callSteps, recordCall } from '../../src/store/calls';
import {
  findClientByNumber,
  listClients,
  setClientActive,
  toObjectId,
  updateClient,
} from '../../src/store/clients';
import { countContactCall, findContact } from '../../src/store/contacts';
import { messageKey } from '../../src/flow';
import {
  assignMessage,
  bulkAct,
  claimMessage,
  markHandled,
  reopenMessage,
} from '../../src/app/message-actions';
import { encodeCursor } from '../../src/app/message-reads';
import { encodeQueueCursor } from '../../src/app/cockpit-reads';
import { countByStatus, listMessages } from '../../src/store/message-queries';
import { applyTranscription, insertMessage, mergeMessage } from '../../src/store/messages';
import { ALL_MODELS, MessageModel, OutboxModel } from '../../src/store/models';
import { recentPurgeRuns, runPurge } from '../../src/app/retention';
import {
  deleteDueRecordings,
  pendingRecordingDeletions,
  recordingDeletions,
} from '../../src/app/recording-deletions';
import { requestRecordingDeletions } from '../../src/store/recording-deletions';
import { saveOutboxEntry } from '../../src/store/outbox';
import {
  markConfirmationSent,
  markReminded,
  remindersDue,
  unconfirmedBetween,
} from '../../src/store/appointments';
import { listUsers } from '../../src/store/users';
import { testDatabaseUri } from '../helpers/db';
import { exportCallerData, lookUpCaller } from '../../src/app/caller-access';
import { eraseCaller, previewErasure } from '../../src/app/caller-erasure';

const SYSTEM = { type: 'system', id: 'query-shapes', label: 'query shapes' } as const;
import { declaredIndexes, servedBy, shapesOfCommand, shapeText, type Shape } from '../helpers/query-shapes';
import { makeClient, makeMessage, makeUser, signIn, startTestWeb, testConfig } from './web/web-fixture';

const TOKEN = 'test-admin-api-token-0123456789';
const MONITORED = new Set(['find', 'count', 'distinct', 'findAndModify', 'update', 'delete', 'aggregate']);

/**
 * Shapes knowingly left unserved, each with its reason. Keep it short: a new entry is a decision.
 */
const KNOWN: Record<string, string> = {
  // src/queue/workers/retention-purge.ts: one pass over the tenants, by design.
  'clients find {}': 'the purge reads every tenant once',
  // An admin's unfiltered badges count every message: no filter, no index can bound it.
  'messages aggregate {}': 'admin badge counts over all messages (see report)',
  // The call log's chips for an admin without a filter count every call, as the message badges do.
  'calls aggregate {}': 'admin chip counts over all calls (see report)',
};

/** Collections small enough that a scan is the plan: assistants and admins, tens of documents. */
const SMALL: Record<string, string> = { users: 'tens of assistants and admins' };

type Row = { shape: Shape; text: string; where: Set<string>; problems: string[] };

describe('query shapes: every query the code sends is served by a declared index (MongoDB 7, ESR)', () => {
  let web: WebRuntime;
  const rows = new Map<string, Row>();
  let where = 'start-up';

  const step = async (label: string, fn: () => Promise<unknown>) => {
    where = label;
    await fn();
  };

  beforeAll(async () => {
    // The driver reports commands only from connections opened with `monitorCommands`.
    const uri = new URL(testDatabaseUri(__filename));
    uri.searchParams.set('monitorCommands', 'true');
    web = await startTestWeb(testConfig(__filename, { ADMIN_API_TOKEN: TOKEN, MONGODB_URI: uri.toString() }));
    mongoose.connection.getClient().on('commandStarted', (event: CommandStartedEvent) => {
      if (!MONITORED.has(event.commandName)) return;
      const problems: string[] = [];
      for (const shape of shapesOfCommand(event.commandName, event.command as never, problems)) {
        const text = shapeText(shape);
        const row = rows.get(text) ?? { shape, text, where: new Set<string>(), problems: [] };
        row.where.add(where);
        row.problems.push(...problems.filter((p) => !row.problems.includes(p)));
        rows.set(text, row);
      }
    });
  });
  afterAll(() => web.stop());

  it('when the real code paths run, then each shape has an index and no filter needs rewriting', async () => {
    const a = await makeClient('Cabinet Alpha');
    const b = await makeClient('Cabinet Beta');
    const messages = [];
    for (let i = 0; i < 8; i++) {
      messages.push(
        await makeMessage(i % 2 ? a.id : b.id, {
          urgent: i % 3 === 0,
          callerName: `Appelant ${i}`,
          recording: { sid: `RE${i}`, url: 'https://api.twilio.com/r', durationSeconds: 3 },
        }),
      );
    }
    const first = messages[1]!;
    const admin = await makeUser('admin', [], 'Admin Shapes');
    const one = await makeUser('assistant', [a.id], 'Une Cliente');
    const two = await makeUser('assistant', [a.id, b.id], 'Deux Clientes');
    const api = (p: string) => request(web.server).get(`/api/v1${p}`).set('Authorization', `Bearer ${TOKEN}`);

    await step('login + web list (one client)', async () => {
      const s = await signIn(web.server, one.email);
      for (const q of [
        '',
        '?status=new',
        '?urgency=urgent',
        `?client=${a.id}`,
        '?from=2020-01-01&to=2099-01-01',
      ]) {
        await s.agent.get(`/${q}`).expect(200);
      }
      await s.agent.get('/?q=Appelant').expect(200);
      await s.agent.get(`/?client=${a.id}&status=new&q=06+12`).expect(200);
      await s.agent.get(`/?status=all&before=${encodeCursor(first)}`).expect(200);
      await s.agent.get(`/?before=${encodeQueueCursor(first)}`).expect(200);
      await s.agent.get(`/?status=open&q=Appelant&before=${encodeQueueCursor(first)}`).expect(200);
      await s.agent.get('/?status=all').expect(200);
      await s.agent.get('/counts?urgency=urgent').expect(200);
      await s.agent.get('/export.csv?status=new').expect(200);
      await s.agent.get(`/messages/${first.id}`).expect(200);
    });
    await step('web list (two clients, admin)', async () => {
      for (const user of [two, admin]) {
        const s = await signIn(web.server, user.email, undefined, `10.0.0.${user === admin ? 3 : 2}`);
        for (const q of ['', '?status=handled', '?urgency=normal', `?client=${b.id}&status=new`]) {
          await s.agent.get(`/${q}`).expect(200);
        }
        await s.agent.get(`/?before=${encodeCursor(first)}&status=new`).expect(200);
        await s.agent.get(`/?before=${encodeQueueCursor(first)}`).expect(200);
        await s.agent.get('/?status=all').expect(200);
        await s.agent.get('/counts').expect(200);
      }
    });
    await step('message actions', async () => {
      const deps = web.messages;
      const actor = {
        type: 'user',
        id: one.id,
        label: one.email,
        name: one.name,
        role: one.role,
        clientIds: one.clientIds,
      } as const;
      const source = { actor, ip: '127.0.0.1' };
      await claimMessage(deps, source, first.id);
      await assignMessage(deps, source, first.id, one.id);
      await markHandled(deps, source, first.id);
      await reopenMessage(deps, source, first.id);
      await bulkAct(deps, source, [first.id, first.id], { action: 'handle' });
      await countByStatus(accessOf(two), { search: 'x' });
      await listMessages({ all: true }, { search: 'x', clientId: a.id }, { limit: 5 });
    });
    await step('admin API', async () => {
      for (const q of [
        '',
        '?status=new',
        '?urgent=true',
        `?clientId=${a.id}`,
        `?clientId=${a.id}&status=new`,
      ]) {
        await api(`/messages${q}`).expect(200);
      }
      await api('/messages?from=2020-01-01&to=2099-01-01').expect(200);
      const page = await api('/messages?limit=2').expect(200);
      await api(`/messages?limit=2&cursor=${page.body.nextCursor}`).expect(200);
      await api('/messages?limit=2&page=2').expect(200);
      await request(web.server)
        .patch(`/api/v1/messages/${first.id}`)
        .set('Authorization', `Bearer ${TOKEN}`)
        .send({ status: 'handled', assigneeId: one.id })
        .expect(200);
      await request(web.server)
        .post(`/api/v1/messages/${first.id}/notes`)
        .set('Authorization', `Bearer ${TOKEN}`)
        .send({ text: 'Rappelé' })
        .expect(201);
      await api('/users?role=assistant').expect(200);
      await api('/clients').expect(200);
    });
    await step('users and clients', async () => {
      await listUsers({ active: true });
      await listClients({ ids: [a.id] });
      await findClientByNumber(a.numbers[0]!);
      const { id: _id, active: _active, createdAt: _c, updatedAt: _u, ...profile } = a;
      await updateClient(a.id, { ...profile, numbers: [...a.numbers, '+33180009999'] });
      await setClientActive(b.id, true);
    });
    await step('calls and contacts', async () => {
      const sid = 'CAshapes0000000000000000000000001';
      const ended = new Date();
      const call = {
        callSid: sid,
        clientId: a.id,
        from: '+33612345678',
        to: a.numbers[0]!,
        locale: 'fr-FR',
        status: 'completed',
        outcome: 'message' as const,
        steps: [{ name: 'name', detail: '', at: ended }],
        startedAt: ended,
        endedAt: ended,
      };
      await recordCall(call);
      await recordCall(call);
      await callSteps(sid);
      await countContactCall(a.id, '+33612345678', new Date(), 'Jeanne');
      await findContact(a.id, '+33612345678');
    });
    // The call log (src/store/call-log.ts): each filter combination, pages, counts, one call, export, digest.
    await step('call log (pages, API, export, digest)', async () => {
      const sid = 'CAshapes0000000000000000000000001';
      const days = 'from=2020-01-01&to=2099-01-01';
      for (const user of [one, two, admin]) {
        const s = await signIn(
          web.server,
          user.email,
          undefined,
          `10.0.1.${user === admin ? 3 : user === two ? 2 : 1}`,
        );
        for (const q of [
          '',
          '?outcome=message',
          `?client=${a.id}`,
          `?client=${a.id}&outcome=message`,
          '?caller=0612345678',
          '?caller=0612345678&outcome=message',
          `?client=${a.id}&caller=0612345678`,
          `?client=${a.id}&caller=0612345678&outcome=abandoned&${days}`,
          `?${days}`,
        ]) {
          await s.agent.get(`/calls${q}`).expect(200);
        }
        await s.agent.get(`/calls/${sid}`).expect(200);
        await s.agent.get('/calls.csv?outcome=message').expect(200);
      }
      const page = await api('/calls?limit=1').expect(200);
      if (page.body.nextCursor) await api(`/calls?limit=1&cursor=${page.body.nextCursor}`).expect(200);
      await api(`/calls/${sid}`).expect(200);
      await digestCallLog(a, new Date(0), new Date());
    });
    // The reports: the worker's refresh (changes since its last look), an operator's rebuild, the reads.
    await step('reports: rollups and reads', async () => {
      const SYSTEM_READER = { type: 'system', id: 'shapes', label: 'shapes' } as const;
      const deps = { now: () => new Date(), callerKeySecret: 'x'.repeat(32) };
      await refreshRollups(deps);
      await refreshRollups(deps);
      await rebuildRange(deps, { clientIds: [a.id], from: '2026-11-28', to: '2026-12-03' });
      await readReport(SYSTEM_READER, reportQuerySchema.parse({ period: 'month' }));
      await readReport(SYSTEM_READER, reportQuerySchema.parse({ client: a.id, period: 'week' }));
    });
    await step('messages by key', async () => {
      const input = { ...first, key: messageKey(first.callSid), summary: 'again' };
      await insertMessage(input);
      await insertMessage(input);
      await mergeMessage({ ...input, reason: 'plus de détails' });
      await applyTranscription(input.key, 'texte', () => ({ reason: 'texte' }));
    });
    await step('follow-ups: sweeper, SMS reply, digest, outbox', async () => {
      await findUnqueued(new Date(), 500);
      await findLatestUrgentSentTo('+33600000000');
      // notify: "OK 2" by reference, the client's claim, the reference given to an urgent SMS.
      await findUrgentSentToByRef('+33600000000', 2);
      const urgent = (await insertMessage({ ...first, key: 'urgent-ref', urgent: true, summary: 'urgent' }))
        .message;
      await assignSmsRef(urgent, new Date(0));
      await claimForClient(urgent.id, { kind: 'client', label: '06', phone: '+33600000000', at: new Date() });
      await findPendingDeliveries(new Date(), null, 200);
      await findPendingDeliveries(new Date(), new Date(0), 200);
      await messagesBetween(a.id, new Date(0), new Date());
      await buildDigest(a, new Date(), 'https://example.test');
      await saveOutboxEntry({ key: 'k1', channel: 'sms', to: '+336', body: 'x' });
      await saveOutboxEntry({ key: 'k1', channel: 'sms', to: '+336', body: 'x' });
      // Appointments' follow-ups: the reminders' sweep, the reminder's and the confirmation's marks.
      await remindersDue(new Date(0), new Date(), new Date());
      await unconfirmedBetween(new Date(0), new Date(), new Date());
      await markReminded('appointment-1', new Date(), new Date());
      await markConfirmationSent('appointment-1', new Date());
    });
    // Part C (retention and recording deletions): the purge with every kind of data to remove,
    // its runs, the Twilio deletions the worker takes, the admin page and API that show them.
    await step('retention purge', async () => {
      const shortLived = { messageDays: 1, recordingDays: 1, transcriptionDays: 1, callDays: 1 };
      const { id: _i, active: _a, createdAt: _c2, updatedAt: _u2, ...profileB } = b;
      const old = new Date(Date.now() - 30 * 86_400_000);
      // The driver's own update: mongoose keeps `createdAt` immutable.
      await MessageModel.collection.updateMany(
        { clientId: toObjectId(b.id) },
        { $set: { createdAt: old, transcription: 'dit' } },
      );
      await countContactCall(b.id, '+33620000095', old);
      await recordCall({
        callSid: 'CAshapes0000000000000000000000002',
        clientId: b.id,
        from: '+33620000096',
        to: b.numbers[0]!,
        locale: 'fr-FR',
        status: 'completed',
        outcome: 'message' as const,
        steps: [],
        startedAt: old,
        endedAt: old,
      });
      const purge = { now: () => new Date(), retention: { outboxDays: 90, auditDays: 365 } };
      // First the recordings and transcriptions of kept messages, then the messages themselves.
      await updateClient(b.id, { ...profileB, retention: { ...shortLived, messageDays: 3650 } });
      await runPurge(purge);
      await updateClient(b.id, { ...profileB, retention: shortLived });
      await runPurge(purge);
      await recentPurgeRuns();
    });
    await step('recording deletions', async () => {
      await requestRecordingDeletions([{ sid: 'RE0', clientId: b.id }], 'retention');
      await deleteDueRecordings({ twilio: null, now: () => new Date() });
      await recordingDeletions('pending');
      await recordingDeletions('deleted');
      await pendingRecordingDeletions();
    });
    await step('retention page and API', async () => {
      const s = await signIn(web.server, admin.email, undefined, '10.0.0.4');
      await s.agent.get('/admin/retention').expect(200);
      await api('/retention/runs').expect(200);
      await api('/retention/recording-deletions').expect(200);
      await api('/retention/recording-deletions?status=pending').expect(200);
    });
    await step('audit listing', async () => {
      await listAuditEvents({ action: 'message.update' });
      await listAuditEvents({ targetId: first.id });
      await listAuditEvents({ action: 'message.update', targetId: first.id });
    });
    // Part D, the access log: each filter walks its own index, the others are checked after.
    await step('access log (API and admin page)', async () => {
      const admin2 = await signIn(web.server, admin.email, undefined, '10.0.0.4');
      const caller = encodeURIComponent(first.callerNumber);
      const days = 'from=2020-01-01&to=2099-01-01';
      for (const q of [
        '',
        `?user=${one.id}`,
        `?client=${a.id}`,
        `?caller=${caller}`,
        '?action=views',
        '?action=message.claim',
        `?${days}`,
        `?user=${one.id}&client=${a.id}&action=changes&${days}`,
        `?caller=${caller}&client=${a.id}&${days}`,
        `?client=${a.id}&action=sign-ins`,
      ]) {
        const res = await api(`/audit${q}`).expect(200);
        if (res.body.next) await api(`/audit${q}${q ? '&' : '?'}before=${res.body.next}`).expect(200);
        await admin2.agent.get(`/admin/audit${q}`).set('X-Forwarded-For', '10.0.0.4').expect(200);
      }
    });

    // Part A, settings history: versions written by the use cases, then read, compared, restored.
    await step('settings history', async () => {
      const send = (method: 'patch' | 'post', p: string) =>
        request(web.server)[method](`/api/v1${p}`).set('Authorization', `Bearer ${TOKEN}`);
      await send('patch', `/clients/${a.id}`).send({ greeting: 'Bonjour' }).expect(200);
      await send('patch', `/clients/${a.id}`).send({ greeting: 'Bonsoir' }).expect(200);
      await api(`/clients/${a.id}/versions`).expect(200);
      await api(`/clients/${a.id}/versions/2`).expect(200);
      await api(`/clients/${a.id}/versions/compare?from=1&to=3`).expect(200);
      await send('post', `/clients/${a.id}/versions/2/restore`).expect(200);
      await send('patch', `/users/${one.id}`).send({ name: 'Une Cliente bis' }).expect(200);
      await api(`/users/${one.id}/versions`).expect(200);
      await api(`/users/${one.id}/versions/compare?from=1&to=2`).expect(200);
    });

    // Part B, caller access and erasure: every selection of a caller's data, then the erasure's writes.
    await step('caller access and erasure', async () => {
      const caller = { phone: '+33612345678' };
      await lookUpCaller(web.callers, caller);
      await lookUpCaller(web.callers, { ...caller, clientId: a.id });
      await exportCallerData(web.callers, { actor: SYSTEM, ip: '127.0.0.1' }, { ...caller, lang: 'en' });
      const preview = await previewErasure(web.callers, caller);
      await eraseCaller(web.callers, { actor: SYSTEM, ip: '127.0.0.1' }, { ...caller, token: preview.token });
    });

    const indexes = new Map(
      [...ALL_MODELS, OutboxModel].map((m) => [m.collection.collectionName, declaredIndexes(m.schema)]),
    );
    const lines: string[] = [];
    const failures: string[] = [];
    for (const row of [...rows.values()].sort((x, y) => x.text.localeCompare(y.text))) {
      const verdict = servedBy(row.shape, indexes.get(row.shape.collection) ?? []);
      const known = KNOWN[row.text] ?? SMALL[row.shape.collection];
      const answer = verdict.served
        ? `${verdict.index}${verdict.notes.length ? ` (${verdict.notes.join('; ')})` : ''}`
        : known
          ? `UNSERVED, known: ${known}`
          : `UNSERVED: ${verdict.reason}`;
      lines.push(`${row.text}\n    → ${answer}\n    from: ${[...row.where].join(', ')}`);
      if (!verdict.served && !known) failures.push(`${row.text} (${[...row.where].join(', ')})`);
      for (const problem of row.problems) failures.push(`${row.text}: ${problem}`);
    }
    const out = path.join(__dirname, '..', '..', 'var', 'test');
    mkdirSync(out, { recursive: true });
    writeFileSync(path.join(out, 'query-shapes.txt'), `${lines.join('\n')}\n`);
    expect(rows.size).toBeGreaterThan(20);
    expect(failures).toEqual([]);
  });
});
