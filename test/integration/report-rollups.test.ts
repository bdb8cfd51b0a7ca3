/**
 * The reports' rollups on the real store: hand-made days rebuilt from calls, messages and
 * notifications — DST change days, a call across midnight, a client in another time zone — the
 * worker's refresh following a late change, and the reads of a period by `_id`.
 */
import { Types } from 'mongoose';
import { claimMessage, markHandled } from '../../src/app/message-actions';
import type { MessageActionDeps } from '../../src/app/ports';
import { rebuildRange, refreshRollups } from '../../src/app/report-rollups';
import { readReport, reportQuerySchema } from '../../src/app/reports';
import type { Actor } from '../../src/domain/access';
import type { DayRollup } from '../../src/domain/report-day';
import { daysBetween } from '../../src/domain/report-figures';
import { recordCall } from '../../src/store/calls';
import { createClient, type Client } from '../../src/store/clients';
import { insertMessage, type Message } from '../../src/store/messages';
import { anonymiseCalls } from '../../src/store/caller-erasure';
import { CallModel, DeliveryModel, MessageModel } from '../../src/store/models';
import { localDate } from '../../src/domain/zoned-time';
import {
  dayRollupId,
  readMonthRollups,
  ReportDayModel,
  ReportMonthModel,
} from '../../src/store/report-rollups';
import { createUser } from '../../src/store/users';
import { DEMO_CLIENT } from '../../scripts/lib/seed';
import { useTestDatabase } from '../helpers/db';

useTestDatabase(__filename);

const deps = { now: () => new Date(), callerKeySecret: 's'.repeat(32) };
const SYSTEM: Actor = { type: 'system', id: 'test', label: 'test' };
let seq = 0;

async function client(name: string, timezone: string): Promise<Client> {
  seq += 1;
  return createClient({
    ...DEMO_CLIENT,
    name,
    timezone,
    numbers: [`+3318000${String(seq).padStart(4, '0')}`],
  });
}

async function call(
  c: Client,
  startedAt: string,
  fields: { outcome?: string; from?: string; endedAt?: string } = {},
) {
  seq += 1;
  const start = new Date(startedAt);
  await recordCall({
    callSid: `CA${String(seq).padStart(32, '0')}`,
    clientId: c.id,
    from: fields.from ?? '+33612345678',
    to: c.numbers[0]!,
    locale: 'fr-FR',
    status: 'completed',
    outcome: (fields.outcome ?? 'message') as 'message',
    steps: [{ name: 'start', detail: 'open', at: start }],
    startedAt: start,
    endedAt: new Date(fields.endedAt ?? start.getTime() + 60_000),
  });
}

/** A message created at `createdAt` (the driver's write: mongoose keeps createdAt immutable). */
async function message(c: Client, createdAt: string, fields: { urgent?: boolean; reason?: string } = {}) {
  seq += 1;
  const key = `CA${String(seq).padStart(32, '0')}m`;
  const { message: m } = await insertMessage({
    key,
    clientId: c.id,
    callSid: key,
    callerName: 'Jeanne',
    callerNumber: '+33612345678',
    callbackNumber: '',
    reason: fields.reason ?? 'ordonnance',
    urgent: fields.urgent ?? false,
    summary: 'Jeanne demande une ordonnance.',
  });
  await MessageModel.collection.updateOne(
    { _id: new Types.ObjectId(m.id) },
    { $set: { createdAt: new Date(createdAt) } },
  );
  return { ...m, createdAt: new Date(createdAt) } as Message;
}

async function rollup(c: Client, day: string): Promise<DayRollup | undefined> {
  const doc = await ReportDayModel.findById(dayRollupId(c.id, day)).lean();
  return doc?.rollup as DayRollup | undefined;
}

describe('report rollups on the real store', () => {
  it('when the clocks go forward in Paris (a 23-hour day), then calls land on the local day they started and hour', async () => {
    const paris = await client('Cabinet Printemps', 'Europe/Paris');
    await call(paris, '2026-03-28T23:30:00Z'); // 00:30 on the 29th (UTC+1)
    await call(paris, '2026-03-29T21:30:00Z'); // 23:30 on the 29th (UTC+2 since 03:00)
    await call(paris, '2026-03-29T22:30:00Z'); // 00:30 on the 30th
    await rebuildRange(deps, { clientIds: [paris.id], from: '2026-03-28', to: '2026-03-30' });
    const day = await rollup(paris, '2026-03-29');
    expect(day?.calls.total).toBe(2);
    expect(day?.hours[0]).toBe(1);
    expect(day?.hours[23]).toBe(1);
    expect((await rollup(paris, '2026-03-30'))?.calls.total).toBe(1);
    expect((await rollup(paris, '2026-03-28'))?.calls.total).toBe(0);
  });

  it('when the clocks go back in Paris (a 25-hour day), then both ends of the day count on it', async () => {
    const paris = await client('Cabinet Automne', 'Europe/Paris');
    await call(paris, '2026-10-24T22:30:00Z'); // 00:30 on the 25th (UTC+2)
    await call(paris, '2026-10-25T00:30:00Z'); // the first 02:30
    await call(paris, '2026-10-25T01:30:00Z'); // the second 02:30
    await call(paris, '2026-10-25T22:30:00Z'); // 23:30 on the 25th (UTC+1)
    await rebuildRange(deps, { clientIds: [paris.id], from: '2026-10-24', to: '2026-10-26' });
    const day = await rollup(paris, '2026-10-25');
    expect(day?.calls.total).toBe(4);
    expect(day?.hours[2]).toBe(2);
    expect((await rollup(paris, '2026-10-24'))?.calls.total).toBe(0);
  });

  it('when a call starts at 23:55 and ends after midnight, then it and its message count on the day it started', async () => {
    const paris = await client('Cabinet Minuit', 'Europe/Paris');
    await call(paris, '2026-12-01T22:55:00Z', { endedAt: '2026-12-01T23:10:00Z' });
    await message(paris, '2026-12-01T22:59:00Z');
    await rebuildRange(deps, { clientIds: [paris.id], from: '2026-12-01', to: '2026-12-02' });
    const first = await rollup(paris, '2026-12-01');
    expect(first?.calls.total).toBe(1);
    expect(first?.hours[23]).toBe(1);
    expect(first?.messages.total).toBe(1);
    expect(first?.reasons).toEqual({ ordonnance: 1 });
    expect((await rollup(paris, '2026-12-02'))?.calls.total).toBe(0);
  });

  it('when a client is in New York, then its evening calls are on its own day, not the UTC one', async () => {
    const ny = await client('Dental Office NY', 'America/New_York');
    await call(ny, '2026-12-02T03:30:00Z'); // 22:30 on 1 December in New York
    await rebuildRange(deps, { clientIds: [ny.id], from: '2026-12-01', to: '2026-12-02' });
    expect((await rollup(ny, '2026-12-01'))?.hours[22]).toBe(1);
    expect((await rollup(ny, '2026-12-02'))?.calls.total).toBe(0);
  });

  it('when a period is read, then its figures come from the month documents and a rebuild run twice changes nothing', async () => {
    const c = await client('Cabinet Lecture', 'Europe/Paris');
    await call(c, '2026-11-10T09:00:00Z', { outcome: 'transferred' });
    await call(c, '2026-11-11T09:00:00Z', { from: '+33699999999' });
    await call(c, '2026-11-12T09:00:00Z');
    await message(c, '2026-11-11T09:01:00Z', { urgent: true });
    await DeliveryModel.collection.insertOne({
      _id: `d-${c.id}` as never,
      messageId: new Types.ObjectId(),
      clientId: new Types.ObjectId(c.id),
      channel: 'sms',
      purpose: 'notify',
      to: '+33611111111',
      status: 'sent',
      attempts: 2,
      createdAt: new Date('2026-11-11T09:02:00Z'),
      updatedAt: new Date('2026-11-11T09:02:00Z'),
    });
    await rebuildRange(deps, { clientIds: [c.id], from: '2026-11-01', to: '2026-11-30' });
    const once = await rollup(c, '2026-11-11');
    await rebuildRange(deps, { clientIds: [c.id], from: '2026-11-01', to: '2026-11-30' });
    expect(await rollup(c, '2026-11-11')).toEqual(once);

    const month = await ReportMonthModel.findById(`${c.id}:2026-11`).lean();
    expect(month?.dayCount).toBe(30);
    expect((await readMonthRollups([c.id], ['2026-11'])).days.map((d) => d.day)).toEqual(
      daysBetween('2026-11-01', '2026-11-30'),
    );
    // A month written before the days were packed still reads, as nested days.
    const day11 = await rollup(c, '2026-11-11');
    await ReportMonthModel.collection.replaceOne(
      { _id: `${c.id}:2026-11` as never },
      { clientId: c.id, month: '2026-11', days: [day11], builtAt: new Date() },
    );
    expect((await readMonthRollups([c.id], ['2026-11'])).days).toEqual([day11]);
    await rebuildRange(deps, { clientIds: [c.id], from: '2026-11-11', to: '2026-11-11' });
    expect((await readMonthRollups([c.id], ['2026-11'])).days).toHaveLength(30);
    const report = await readReport(
      SYSTEM,
      reportQuerySchema.parse({ client: c.id, period: 'week', date: '2026-11-11' }),
    );
    expect(report.period).toEqual({ kind: 'week', from: '2026-11-09', to: '2026-11-15' });
    expect(report.figures.calls.total).toBe(3);
    expect(report.figures.calls.byOutcome).toMatchObject({ transferred: 1, message: 2 });
    expect(report.figures.callers).toEqual({ distinct: 2, repeat: 1 });
    expect(report.figures.urgent).toMatchObject({ messages: 1, unacknowledged: 1 });
    expect(report.figures.deliveries).toMatchObject({ sent: 1, retried: 1 });
    expect(report.previous.calls.total).toBe(0);
    expect(report.builtAt).toBeInstanceOf(Date);
  });

  it('when a message of last week is claimed and handled today, then the next refresh rebuilds its day with who did it and how fast', async () => {
    const c = await client('Cabinet Relance', 'Europe/Paris');
    const user = await createUser({
      email: `relance-${Date.now()}@test.local`,
      name: 'Amélie',
      role: 'assistant',
      password: 'a-long-password-123',
      clientIds: [c.id],
    });
    const m = await message(c, new Date(Date.now() - 6 * 86_400_000).toISOString());
    const day = m.createdAt.toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' });
    await rebuildRange(deps, { clientIds: [c.id], from: day, to: day });
    await refreshRollups(deps);
    expect((await rollup(c, day))?.messages.byStatus.new).toBe(1);

    const actions: MessageActionDeps = {
      logger: { warn: () => undefined } as never,
      now: () => new Date(),
      publish: async () => undefined,
      followUps: { acknowledge: async () => undefined } as never,
    };
    const actor: Actor = {
      type: 'user',
      id: user.id,
      label: user.email,
      name: user.name,
      role: 'assistant',
      clientIds: [c.id],
    };
    const source = { actor, ip: '127.0.0.1' };
    await claimMessage(actions, source, m.id);
    await markHandled(actions, source, m.id);
    const stored = await MessageModel.findById(m.id).lean();
    expect(stored?.takenBy?.toString()).toBe(user.id);
    expect(stored?.handledBy?.toString()).toBe(user.id);
    expect(stored?.takenAt).toBeInstanceOf(Date);

    const result = await refreshRollups(deps);
    expect(result.changed).toBeGreaterThan(0);
    const after = await rollup(c, day);
    expect(after?.messages.byStatus).toEqual({ new: 0, in_progress: 0, handled: 1 });
    expect(after?.assistants[user.id]).toMatchObject({ claimed: 1, handled: 1 });
    expect(after?.handleSeconds[0]).toBeGreaterThan(6 * 86_400 - 60);
  });

  it('when a caller is erased, then the next refresh forgets their fingerprint in the rollups', async () => {
    const c = await client('Cabinet Effacement', 'Europe/Paris');
    await call(c, new Date(Date.now() - 3 * 86_400_000).toISOString(), { from: '+33655555555' });
    const day = localDate(new Date(Date.now() - 3 * 86_400_000), 'Europe/Paris');
    await rebuildRange(deps, { clientIds: [c.id], from: day, to: day });
    await refreshRollups(deps);
    expect(Object.keys((await rollup(c, day))?.callers ?? {})).toHaveLength(1);
    const calls = await CallModel.find({ clientId: c.id }).lean();
    await anonymiseCalls(
      calls.map((x) => ({ callSid: x._id as string, from: x.from, steps: x.steps })) as never,
      '+33655555555',
      /\+33655555555/g,
    );
    await refreshRollups(deps);
    const after = await rollup(c, day);
    expect(after?.callers).toEqual({});
    expect(after?.calls.total).toBe(1);
  });

  it('when an assistant asks for a client that is not theirs, then the report is not found', async () => {
    const mine = await client('Cabinet Mien', 'Europe/Paris');
    const other = await client('Cabinet Autre', 'Europe/Paris');
    const actor: Actor = {
      type: 'user',
      id: 'u',
      label: 'u',
      name: 'U',
      role: 'assistant',
      clientIds: [mine.id],
    };
    await expect(readReport(actor, reportQuerySchema.parse({ client: other.id }))).rejects.toThrow(
      /not found/,
    );
    const all = await readReport(actor, reportQuerySchema.parse({}));
    expect(all.perClient.map((p) => p.id)).toEqual([mine.id]);
    expect(all.assistants).toEqual([]);
  });
});
