/**
 * The retention purge against the real FerretDB: each kind of caller data by its own retention,
 * counted in the client's calendar (across daylight-saving changes), the service's own logs by
 * theirs, and every run on record.
 */
import { Types } from 'mongoose';
import { runPurge, PurgeFailedError, type PurgeDeps } from '../../src/app/retention';
import { appointmentsStarting, insertAppointment } from '../../src/store/appointments';
import { createClient } from '../../src/store/clients';
import {
  AuditEventModel,
  CallModel,
  ClientModel,
  ContactModel,
  DeliveryModel,
  MessageModel,
  OutboxModel,
  PurgeRunModel,
  RecordingDeletionModel,
} from '../../src/store/models';
import { useTestDatabase } from '../helpers/db';

useTestDatabase(__filename);

const SYSTEM = { actor: { type: 'system', id: 'test', label: 'test' }, ip: '' } as const;
const deps = (now: Date, extra: Partial<PurgeDeps> = {}): PurgeDeps => ({
  now: () => now,
  retention: { outboxDays: 90, auditDays: 365 },
  ...extra,
});
const LONG = 3650;
const CALLER = '+33620000090';

async function message(
  clientId: string,
  key: string,
  createdAt: Date,
  extra: { recording?: boolean; transcription?: string; summary?: string } = {},
) {
  const { insertedId } = await MessageModel.collection.insertOne({
    key,
    clientId: new Types.ObjectId(clientId),
    callSid: key,
    callerNumber: CALLER,
    summary: extra.summary ?? `Message ${key}`,
    transcription: extra.transcription ?? '',
    urgent: false,
    status: 'new',
    recording: extra.recording
      ? { sid: `RE${key.padEnd(32, '0')}`, url: 'https://api.twilio.com/x', durationSeconds: 5 }
      : null,
    createdAt,
    updatedAt: createdAt,
  });
  const id = insertedId.toString();
  await DeliveryModel.create({
    _id: `${id}.sms.notify.0`,
    messageId: insertedId,
    clientId,
    channel: 'sms',
    purpose: 'notify',
    to: '+33620000091',
    status: 'sent',
  });
  await OutboxModel.collection.insertOne({
    key: `${id}.sms`,
    channel: 'sms',
    to: '+33620000091',
    body: 'Nouveau message',
    messageId: id,
    clientId,
    createdAt,
    updatedAt: createdAt,
  });
  return id;
}

const call = (clientId: string, sid: string, startedAt: Date) =>
  CallModel.create({ _id: sid, callSid: sid, clientId, from: CALLER, to: '+33180000720', startedAt });

const contact = (clientId: string, phone: string, lastCallAt: Date) =>
  ContactModel.collection.insertOne({
    _id: `${clientId}:${phone}` as never,
    clientId: new Types.ObjectId(clientId),
    phone,
    calls: 1,
    lastCallAt,
  });

const messageKeys = async (clientId: string) =>
  (await MessageModel.find({ clientId }).sort({ key: 1 }).lean()).map((m) => m.key);

/**
 * One client keeping messages (and so contacts) 20 days, recordings, transcriptions and calls 10:
 * for each kind, an item just outside its cutoff and one just inside, where counting days as
 * 24 hours would put the cutoff an hour off and get one of them wrong.
 */
async function seasonCase(o: {
  number: string;
  timezone: string;
  /** Just outside / just inside the 10-day and 20-day cutoffs. */
  out10: string;
  in10: string;
  out20: string;
  in20: string;
}) {
  const client = await createClient({
    name: `Cabinet ${o.number}`,
    numbers: [o.number],
    timezone: o.timezone,
    retention: { messageDays: 20, recordingDays: 10, transcriptionDays: 10, callDays: 10 },
  });
  const id = client.id;
  const tag = o.number.slice(-3);
  const at = (iso: string) => new Date(iso);
  const said = 'Bonjour, c’est Jeanne, rappelez-moi au 06 20 00 00 92';
  await message(id, `msg-out-${tag}`, at(o.out20));
  await message(id, `msg-in-${tag}`, at(o.in20));
  await message(id, `rec-out-${tag}`, at(o.out10), {
    recording: true,
    summary: 'Message de Jeanne. Objet : rappel. Message vocal joint.',
  });
  await message(id, `rec-in-${tag}`, at(o.in10), { recording: true });
  await message(id, `txt-out-${tag}`, at(o.out10), {
    transcription: said,
    summary: `Jeanne rappelle.\n${said}`,
  });
  await message(id, `txt-in-${tag}`, at(o.in10), {
    transcription: said,
    summary: `Jeanne rappelle.\n${said}`,
  });
  await call(id, `CAout${o.number}`, at(o.out10));
  await call(id, `CAin${o.number}`, at(o.in10));
  await contact(id, '+33620000093', at(o.out20));
  await contact(id, '+33620000094', at(o.in20));
  // Appointments follow the message period (20 days here).
  await appointment(id, `apt-out-${tag}`, at(o.out20));
  await appointment(id, `apt-in-${tag}`, at(o.in20));
  return id;
}

async function appointment(clientId: string, id: string, start: Date) {
  await insertAppointment({
    id,
    clientId,
    typeId: 'visite',
    typeName: 'Visite',
    start,
    end: new Date(start.getTime() + 30 * 60_000),
    bufferMinutes: 0,
    callerName: 'Jeanne',
    callerNumber: '+33620000095',
    reason: '',
    locale: 'fr-FR',
    callSid: '',
    bookedVia: 'api',
    calendar: { kind: 'builtin' },
    reminderAt: null,
    history: [],
  });
}

async function expectSeason(id: string, number: string) {
  const tag = number.slice(-3);
  const kept = ['msg-in', 'rec-in', 'rec-out', 'txt-in', 'txt-out'];
  expect(await messageKeys(id)).toEqual(kept.map((k) => `${k}-${tag}`));
  const byKey = new Map(
    (await MessageModel.find({ clientId: id }).lean()).map((m) => [m.key.replace(`-${tag}`, ''), m]),
  );
  expect(byKey.get('rec-out')!.recording).toBeNull();
  // The summary no longer says a voice message is attached.
  expect(byKey.get('rec-out')!.summary).toBe('Message de Jeanne. Objet : rappel.');
  expect(byKey.get('rec-in')!.recording).not.toBeNull();
  const asked = await RecordingDeletionModel.find({ clientId: id }).lean();
  expect(asked.map((d) => [d._id, d.reason, d.status])).toEqual([
    [`RErec-out-${tag}`.padEnd(34, '0'), 'retention', 'pending'],
  ]);
  // The transcription goes, and the summary that quoted it no longer does; the message stays.
  expect(byKey.get('txt-out')).toMatchObject({ transcription: '', summary: 'Jeanne rappelle.' });
  expect(byKey.get('txt-in')!.transcription).toContain('Jeanne');
  expect(await CallModel.exists({ _id: `CAout${number}` })).toBeNull();
  expect(await CallModel.exists({ _id: `CAin${number}` })).not.toBeNull();
  const phones = (await ContactModel.find({ clientId: id }).lean()).map((c) => c.phone);
  expect(phones).toEqual(['+33620000094']);
  const appointments = await appointmentsStarting(id, new Date(0), new Date('2100-01-01'));
  expect(appointments.map((a) => a.id)).toEqual([`apt-in-${tag}`]);
}

describe('retention purge (the nightly maintenance job and the admin’s “run now”)', () => {
  it('when Paris moved to summer time within the period (end of March), then each cutoff is the same wall-clock time N days earlier', async () => {
    // Now: 2026-04-05 03:30 in Paris (UTC+2) = 01:30Z. 10 days earlier: 2026-03-26 03:30 in Paris,
    // still UTC+1 = 02:30Z (24-hour days would say 01:30Z). 20 days: 2026-03-16 03:30 = 02:30Z.
    const id = await seasonCase({
      number: '+33180000720',
      timezone: 'Europe/Paris',
      out10: '2026-03-26T02:00:00Z', // 03:00 local: 30 min too old (24-hour days would keep it)
      in10: '2026-03-26T02:45:00Z',
      out20: '2026-03-16T02:00:00Z',
      in20: '2026-03-16T02:45:00Z',
    });
    const run = await runPurge(deps(new Date('2026-04-05T01:30:00Z')));
    await expectSeason(id, '+33180000720');
    const mine = run.clients.find((c) => c.clientId === id);
    expect(mine).toEqual({
      clientId: id,
      clientName: 'Cabinet +33180000720',
      messages: 1,
      calls: 1,
      recordings: 1,
      transcriptions: 1,
      contacts: 1,
      appointments: 1,
    });
  });

  it('when Paris went back to winter time within the period (end of October), then the cutoffs follow its calendar too', async () => {
    // Now: 2026-10-30 03:30 in Paris (UTC+1) = 02:30Z. 10 days earlier: 2026-10-20 03:30, still
    // UTC+2 = 01:30Z (24-hour days would say 02:30Z and delete the item of 01:45Z).
    const id = await seasonCase({
      number: '+33180000721',
      timezone: 'Europe/Paris',
      out10: '2026-10-20T01:15:00Z',
      in10: '2026-10-20T01:45:00Z', // 03:45 local: inside, though more than 240 hours old
      out20: '2026-10-10T01:15:00Z',
      in20: '2026-10-10T01:45:00Z',
    });
    await runPurge(deps(new Date('2026-10-30T02:30:00Z')));
    await expectSeason(id, '+33180000721');
  });

  it('when the client is in New York, then its days are New York’s (summer time there starts in early March)', async () => {
    // Now: 2026-03-12 03:30 in New York (UTC−4) = 07:30Z. 10 days earlier: 2026-03-02 03:30,
    // UTC−5 = 08:30Z; 20 days: 2026-02-20 03:30 = 08:30Z.
    const id = await seasonCase({
      number: '+33180000722',
      timezone: 'America/New_York',
      out10: '2026-03-02T08:00:00Z',
      in10: '2026-03-02T08:45:00Z',
      out20: '2026-02-20T08:00:00Z',
      in20: '2026-02-20T08:45:00Z',
    });
    await runPurge(deps(new Date('2026-03-12T07:30:00Z')));
    await expectSeason(id, '+33180000722');
  });

  it('when calls are kept less than messages, then the call goes and the message of that call stays', async () => {
    const now = new Date('2026-06-01T01:30:00Z');
    const client = await createClient({
      name: 'Cabinet Martin',
      numbers: ['+33180000723'],
      retention: { messageDays: 30, recordingDays: LONG, transcriptionDays: LONG, callDays: 5 },
    });
    const tenDaysAgo = new Date('2026-05-22T01:30:00Z');
    const messageId = await message(client.id, 'CAsame', tenDaysAgo);
    await call(client.id, 'CAsame', tenDaysAgo);
    await runPurge(deps(now));
    expect(await CallModel.exists({ _id: 'CAsame' })).toBeNull();
    expect(await MessageModel.exists({ _id: messageId })).not.toBeNull();
    // A message that goes takes its delivery log and its outbox entries with it.
    const old = await message(client.id, 'CAold', new Date('2026-04-01T00:00:00Z'));
    await runPurge(deps(now));
    expect(await MessageModel.exists({ _id: old })).toBeNull();
    expect(await DeliveryModel.countDocuments({ messageId: old })).toBe(0);
    expect(await OutboxModel.countDocuments({ messageId: old })).toBe(0);
    expect(await DeliveryModel.countDocuments({ messageId })).toBe(1);
  });

  it('when the outbox and the audit log pass their own retention, then they go, and the purge leaves its own audit entry', async () => {
    const now = new Date('2026-07-01T03:30:00Z');
    const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
    const outbox = (key: string, createdAt: Date) =>
      OutboxModel.collection.insertOne({ key, channel: 'email', to: 'a@b.test', body: 'x', createdAt });
    await outbox('outbox-old', daysAgo(91));
    await outbox('outbox-new', daysAgo(89));
    const entry = (action: string, at: Date) =>
      AuditEventModel.collection.insertOne({ at, actor: { type: 'system' }, action, callerKey: '' });
    await entry('audit.old', daysAgo(366));
    await entry('audit.new', daysAgo(364));

    const run = await runPurge(deps(now), { trigger: 'manual', source: SYSTEM });

    expect(await OutboxModel.exists({ key: 'outbox-old' })).toBeNull();
    expect(await OutboxModel.exists({ key: 'outbox-new' })).not.toBeNull();
    expect(await AuditEventModel.exists({ action: 'audit.old' })).toBeNull();
    expect(await AuditEventModel.exists({ action: 'audit.new' })).not.toBeNull();
    expect(run.totals).toMatchObject({ outbox: expect.any(Number), audit: expect.any(Number) });
    expect(run.totals.outbox).toBeGreaterThanOrEqual(1);
    expect(run.totals.audit).toBeGreaterThanOrEqual(1);
    const logged = await AuditEventModel.findOne({ action: 'retention.purge', at: now }).lean();
    expect(logged?.detail).toMatchObject({
      trigger: 'manual',
      audit: run.totals.audit,
      outbox: run.totals.outbox,
    });
    // The run is on record as the admin pages read it.
    const stored = await PurgeRunModel.findById(run.id).lean();
    expect(stored).toMatchObject({ trigger: 'manual', error: '', totals: run.totals });
    expect(stored!.finishedAt).toBeInstanceOf(Date);
  });

  it('when the backlog is larger than a batch, then batch after batch removes it all', async () => {
    const client = await createClient({
      name: 'Cabinet Lot',
      numbers: ['+33180000724'],
      retention: { messageDays: 1, recordingDays: 1, transcriptionDays: 1, callDays: 1 },
    });
    for (let i = 0; i < 7; i++) await message(client.id, `lot-${i}`, new Date('2026-01-01T00:00:00Z'));
    const run = await runPurge(deps(new Date('2026-08-01T00:00:00Z'), { batchSize: 2 }));
    expect(await messageKeys(client.id)).toEqual([]);
    expect(run.clients.find((c) => c.clientId === client.id)?.messages).toBe(7);
  });

  it('when the purge fails midway, then the run is recorded with its error and what it removed before', async () => {
    const before = await createClient({
      name: 'Cabinet Avant',
      numbers: ['+33180000728'],
      retention: { messageDays: 1, recordingDays: 1, transcriptionDays: 1, callDays: 1 },
    });
    await message(before.id, 'avant-1', new Date('2026-08-01T00:00:00Z'));
    // A time zone no calendar knows (written past the schema, as an old record could be), read
    // after every other client (FerretDB returns them in insertion order).
    const broken = await ClientModel.collection.insertOne({
      name: 'Cabinet Cassé',
      numbers: ['+33180000725'],
      timezone: 'Mars/Olympus_Mons',
      retention: { messageDays: 1 },
    });
    try {
      const failed: unknown = await runPurge(deps(new Date('2026-09-01T00:00:00Z'))).catch((e) => e);
      expect(failed).toBeInstanceOf(PurgeFailedError);
      const stored = await PurgeRunModel.findById((failed as PurgeFailedError).run.id).lean();
      expect(stored?.error).toMatch(/time ?zone/i);
      expect(stored?.finishedAt).toBeInstanceOf(Date);
      // The clients before the broken one were purged and counted.
      const others = (await ClientModel.countDocuments()) - 1;
      expect((stored?.totals as { clients: number }).clients).toBe(others);
      expect(stored?.clients).toEqual(
        expect.arrayContaining([expect.objectContaining({ clientName: 'Cabinet Avant', messages: 1 })]),
      );
    } finally {
      await ClientModel.collection.deleteOne({ _id: broken.insertedId });
    }
  });
});
