/**
 * A caller's rights end to end: one caller leaves messages with two clients through the real voice
 * webhooks (live state, BullMQ jobs, delivery log, outbox, contacts, audit); an admin exports what
 * is held (all clients, then one), previews and confirms the erasure; afterwards no collection of
 * the database and no Redis key names the number in any written form, and a second run finds nothing.
 */
import { Queue } from 'bullmq';
import { unzipSync, strFromU8 } from 'fflate';
import mongoose from 'mongoose';
import request from 'supertest';
import { bookAppointment, findSlots } from '../../../src/app/appointments';
import { invalidateClientCache } from '../../../src/app/client-cache';
import { callerKey } from '../../../src/app/caller-key';
import { erasureToken } from '../../../src/app/caller-erasure';
import { parseEnv, type Config } from '../../../src/config/env';
import { parkedMessageKeys, redisParkingLot } from '../../../src/infra/parked-messages';
import { createLogger } from '../../../src/infra/logger';
import { redisNamespace } from '../../../src/infra/redis';
import { startWeb, type WebRuntime } from '../../../src/main/runtime';
import { enqueueFollowUps } from '../../../src/notify/producer';
import { QUEUES } from '../../../src/queue/names';
import { createClient, type Client } from '../../../src/store/clients';
import { getMessage, type Message } from '../../../src/store/messages';
import {
  AuditEventModel,
  CallModel,
  MessageModel,
  RecordingDeletionModel,
  SettingsVersionModel,
} from '../../../src/store/models';
import { saveOutboxEntry } from '../../../src/store/outbox';
import { deliveriesOf } from '../../../src/store/deliveries';
import { freePort } from '../../../scripts/lib/services';
import { clearRateLimits, redisUrl, testDatabaseUri } from '../../helpers/db';
import { newCallSid, parseTwiml, sign, voiceParams, type Verb } from '../../helpers/twilio';
import { MESSAGE_ANSWERS, pathOf } from '../webhooks/harness';

const TOKEN = 'test-admin-api-token-0123456789';
const ADMIN_SOURCE = {
  actor: { type: 'api-token' as const, id: 'admin-api-token', label: 'admin-api-token' },
  ip: '127.0.0.1',
  via: 'api' as const,
};
const CLIENT_A = '+33180000713';
const CLIENT_B = '+33180000714';
const CALLER = '+33620000801';
const OTHER_CALLER = '+33620000802';
/** The forms the number may be written in: E.164, national spaced, national compact, digits only. */
const FORMS = ['+33620000801', '06 20 00 08 01', '0620000801', '33620000801'];

let web: WebRuntime;
let config: Config;
let queue: Queue;
let a: Client;
let b: Client;
const messages: Message[] = [];
let liveSid = '';

const api = (method: 'get' | 'post', path: string) =>
  request(web.server)[method](`/api/v1${path}`).set('Authorization', `Bearer ${TOKEN}`);

function post(path: string, params: Record<string, string>) {
  const url = `${config.publicBaseUrl}${path}`;
  return request(web.server)
    .post(path)
    .type('form')
    .send(params)
    .set('X-Twilio-Signature', sign(config.twilio.authToken, url, params));
}

const find = (verb: Verb, name: string): Verb[] =>
  verb.children.flatMap((c) => (c.name === name ? [c] : find(c, name)));

/** A whole message-taking call, ended by Twilio's status callback. */
async function messageCall(from: string, to: string): Promise<string> {
  const sid = newCallSid();
  let twiml = parseTwiml(
    (await post('/webhooks/voice/incoming', voiceParams(sid, from, to)).expect(200)).text,
  );
  for (const answer of MESSAGE_ANSWERS) {
    const gather = find(twiml, 'Gather')[0]!;
    twiml = parseTwiml((await post(pathOf(gather.attrs.action!), voiceParams(sid, from, to, answer))).text);
  }
  await post(
    '/webhooks/voice/status',
    voiceParams(sid, from, to, { CallStatus: 'completed', CallDuration: '42' }),
  ).expect(200);
  return sid;
}

async function waitFor<T>(fn: () => Promise<T | null>, what: string): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const value = await fn();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Every document of every collection that names the number, in any of its forms. */
async function documentsNaming(): Promise<string[]> {
  const db = mongoose.connection.db!;
  const found: string[] = [];
  for (const { name } of await db.listCollections().toArray()) {
    for (const doc of await db.collection(name).find({}).toArray()) {
      const text = JSON.stringify(doc);
      if (FORMS.some((f) => text.includes(f))) found.push(`${name}: ${text.slice(0, 300)}`);
    }
  }
  return found;
}

/** Every Redis key of the test's database whose name or value names the number. */
async function redisKeysNaming(): Promise<string[]> {
  const redis = web.redis;
  const found: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'COUNT', 500);
    cursor = next;
    for (const key of keys) {
      const type = await redis.type(key);
      let values: string[] = [];
      if (type === 'string') values = [(await redis.get(key)) ?? ''];
      else if (type === 'hash') values = Object.entries(await redis.hgetall(key)).flat();
      else if (type === 'list') values = await redis.lrange(key, 0, -1);
      else if (type === 'set') values = await redis.smembers(key);
      else if (type === 'zset') values = await redis.zrange(key, 0, -1);
      else if (type === 'stream')
        values = (await redis.xrange(key, '-', '+')).flatMap(([, fields]) => fields);
      const text = [key, ...values].join('\n');
      if (FORMS.some((f) => text.includes(f))) found.push(`${type} ${key}`);
    }
  } while (cursor !== '0');
  return found;
}

beforeAll(async () => {
  invalidateClientCache();
  const port = await freePort();
  config = parseEnv({
    NODE_ENV: 'test',
    PORT: String(port),
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    MONGODB_URI: testDatabaseUri(__filename),
    REDIS_URL: redisUrl(),
    ADMIN_API_TOKEN: TOKEN,
  });
  web = await startWeb(config, {
    logger: createLogger({ level: 'error', json: true }),
    host: '127.0.0.1',
    webhookDeadlineMs: 8000,
  });
  await clearRateLimits(web.redis, config.mongodbUri);
  await mongoose.connection.db!.dropDatabase();
  await Promise.all(Object.values(mongoose.models).map((m) => m.init().then(() => m.syncIndexes())));
  queue = new Queue(QUEUES.notifications, { connection: web.redis });
  // Jobs, parked messages and live calls of an earlier run of this file would name the same number.
  await queue.obliterate({ force: true });
  const leftovers = await web.redis.keys(`receptionist:${redisNamespace(config.mongodbUri)}:*`);
  if (leftovers.length) await web.redis.del(...leftovers);

  const hours = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
  const always = Object.fromEntries(Object.keys(hours).map((d) => [d, [{ start: '00:00', end: '24:00' }]]));
  a = await createClient({
    name: 'Cabinet Lumière',
    numbers: [CLIENT_A],
    weeklyHours: always,
    notifications: { sms: { enabled: true, to: ['+33620000898'] } },
    appointments: { types: [{ id: 'visite', name: 'Visite', minNoticeMinutes: 0 }] },
  } as never);
  b = await createClient({
    name: 'Garage Martin',
    numbers: [CLIENT_B],
    weeklyHours: always,
    vipNumbers: [CALLER],
    notifications: {
      sms: { enabled: true, to: ['+33620000899'] },
      escalation: { enabled: true, delayMinutes: 30, resends: 1 },
    },
  } as never);

  for (const to of [CLIENT_A, CLIENT_B, CLIENT_A]) {
    const sid = await messageCall(CALLER, to);
    messages.push(
      await waitFor(
        async () =>
          (await MessageModel.findOne({ callSid: sid }).lean()) &&
          getMessage(String((await MessageModel.findOne({ callSid: sid }).lean())!._id)),
        'message',
      ),
    );
  }
  await messageCall(OTHER_CALLER, CLIENT_A);
  // An appointment to come, booked for the caller (with its reminder and notifications).
  const [slot] = await findSlots(web.appointments, a, { typeId: 'visite', limit: 1 });
  await bookAppointment(web.appointments, ADMIN_SOURCE, a, {
    typeId: 'visite',
    start: slot!.start,
    callerName: 'Jeanne Durand',
    callerNumber: CALLER,
  });

  // A voicemail recording on the first message, notifications planned (delivery log, jobs), their contents in the outbox.
  await MessageModel.updateOne(
    { _id: messages[0]!.id },
    {
      $set: {
        recording: { sid: `RE${'8'.repeat(32)}`, url: 'https://api.twilio.com/r', durationSeconds: 12 },
        transcription: 'Bonjour, rappelez-moi au 06 20 00 08 01.',
      },
    },
  );
  // The message left with the garage is urgent: its escalation waits, delayed, in BullMQ.
  await MessageModel.updateOne({ _id: messages[1]!.id }, { $set: { urgent: true } });
  for (const m of messages) {
    const current = await getMessage(m.id);
    await enqueueFollowUps(queue, { ...current, queuedAt: null });
    for (const d of await deliveriesOf(m.id)) {
      await saveOutboxEntry({
        key: d.key,
        channel: d.channel,
        to: d.to,
        body: `Nouveau message de Jeanne Durand, ${'06 20 00 08 01'} : une fuite.`,
        messageId: m.id,
        clientId: m.clientId,
      });
    }
  }
  await saveOutboxEntry({
    key: `digest.${a.id}.2026-03-01.email`,
    channel: 'email',
    to: 'accueil@lumiere.test',
    subject: 'Récapitulatif',
    body: `- 10:02 Jeanne Durand : rappeler au +33 6 20 00 08 01\n- 11:00 Paul : autre`,
    clientId: a.id,
  });
  // A note and a view by the team: audit entries about the message.
  await api('post', `/messages/${messages[0]!.id}/notes`)
    .send({ text: 'Rappelée, laissé un message au 0620000801.' })
    .expect(201);
  // The settings history (written by the versions feature) names the number in a snapshot and a diff.
  await SettingsVersionModel.create({
    subjectType: 'client',
    subjectId: b.id,
    version: 1,
    at: new Date(),
    actor: { type: 'user', id: 'u1', label: 'admin@test.local' },
    via: 'web',
    action: 'update',
    snapshot: { name: 'Garage Martin', vipNumbers: [CALLER], numbers: [CLIENT_B] },
    changes: [{ path: 'vipNumbers', before: [], after: [CALLER] }],
  });
  // A message parked while MongoDB was away, and a call still going on.
  await redisParkingLot(web.redis, { namespace: redisNamespace(config.mongodbUri) }).park({
    kind: 'message',
    id: 'parked-1',
    parkedAt: new Date().toISOString(),
    message: { ...messages[0]!, key: 'parked-key' },
  });
  liveSid = newCallSid();
  await post('/webhooks/voice/incoming', voiceParams(liveSid, CALLER, CLIENT_A)).expect(200);
}, 120_000);

afterAll(async () => {
  await queue.close();
  await web.stop();
});

function unzip(body: Buffer) {
  const files = unzipSync(new Uint8Array(body));
  return {
    names: Object.keys(files).sort(),
    data: JSON.parse(strFromU8(files['data.json']!)) as Record<string, never[]> & {
      holders: { name: string }[];
    },
    html: strFromU8(files['summary.html']!),
  };
}

const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('caller access export', () => {
  it('when an admin exports a caller with calls on two clients, then the ZIP holds everything, in French', async () => {
    const res = await api('post', '/callers/export')
      .send({ phone: '06 20 00 08 01' })
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(res.headers['content-type']).toMatch(/application\/zip/);
    const zip = unzip(res.body as Buffer);
    expect(zip.names).toEqual(['data.json', 'summary.html']);
    const data = zip.data as unknown as {
      phone: string;
      holders: { name: string }[];
      messages: {
        clientName: string;
        recording: { link: string } | null;
        deliveryLog: unknown[];
        notifications: unknown[];
        notes: unknown[];
        receivedAt: string;
      }[];
      calls: { clientName: string; steps: unknown[] }[];
      contacts: unknown[];
      digests: unknown[];
      audit: { action: string }[];
      clientSettings: { clientName: string; vip: boolean }[];
      settingsHistory: unknown[];
      appointments: { clientName: string; type: string; status: string; start: string }[];
    };
    expect(data.phone).toBe(CALLER);
    expect(data.appointments).toEqual([
      expect.objectContaining({ clientName: 'Cabinet Lumière', type: 'Visite', status: 'booked' }),
    ]);
    expect(data.audit.map((e) => e.action)).toContain('appointment.book');
    expect(data.holders.map((h) => h.name).sort()).toEqual(['Cabinet Lumière', 'Garage Martin']);
    expect(data.messages).toHaveLength(3);
    expect(data.calls.length).toBeGreaterThanOrEqual(3);
    expect(data.calls.every((c) => c.steps.length > 0)).toBe(true);
    expect(data.contacts).toHaveLength(2);
    const withRecording = data.messages.find((m) => m.recording)!;
    expect(withRecording.recording!.link).toMatch(
      new RegExp(`^${config.publicBaseUrl}/recordings/[0-9a-f]{24}\\?expires=\\d+&sig=`),
    );
    expect(data.messages.every((m) => m.deliveryLog.length > 0 && m.notifications.length > 0)).toBe(true);
    expect(data.messages.some((m) => m.notes.length === 1)).toBe(true);
    expect(data.messages[0]!.receivedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(data.digests).toHaveLength(1);
    expect(data.audit.map((e) => e.action)).toContain('message.note');
    // Who acted is said by kind: the team's accounts are not the caller's data.
    expect(JSON.stringify(data.audit)).not.toMatch(/API token|label/);
    expect(data.clientSettings.find((s) => s.clientName === 'Garage Martin')!.vip).toBe(true);
    expect(data.settingsHistory).toHaveLength(1);
    expect(zip.html).toContain('<html lang="fr">');
    expect(zip.html).toContain('Cabinet Lumière');
    expect(zip.html).toContain('Vos rendez-vous');
    expect(zip.html).toContain('Garage Martin');
    expect(zip.html).toContain('Vos messages');
    expect(zip.html).toContain('message pris');
    // What a person reads: no internal id, code or field name.
    const visible = zip.html.replace(/<style>[^]*?<\/style>/, '').replace(/<[^>]+>/g, ' ');
    expect(visible).not.toMatch(/[0-9a-f]{24}|callback-number|vipNumbers|\bopen\b|CA[0-9a-f]{32}/);
  });

  it('when the caller speaks English, then the summary is in English', async () => {
    const res = await api('post', '/callers/export')
      .send({ phone: CALLER, lang: 'en' })
      .buffer(true)
      .parse(binary)
      .expect(200);
    const zip = unzip(res.body as Buffer);
    expect(zip.html).toContain('<html lang="en">');
    expect(zip.html).toContain('Your messages');
    expect(zip.html).toContain('Garage Martin');
    expect(zip.html).not.toContain('Vos messages');
  });

  it('when the export is scoped to one client, then it holds that client only', async () => {
    const res = await api('post', '/callers/export')
      .send({ phone: CALLER, clientId: a.id })
      .buffer(true)
      .parse(binary)
      .expect(200);
    const zip = unzip(res.body as Buffer);
    const text = JSON.stringify(zip.data);
    expect(text).not.toContain(b.id);
    expect(text).not.toContain('Garage Martin');
    expect(zip.html).not.toContain('Garage Martin');
    expect(
      (zip.data as unknown as { messages: { clientName: string }[] }).messages.map((m) => m.clientName),
    ).toEqual(['Cabinet Lumière', 'Cabinet Lumière']);
    const audit = await AuditEventModel.find({ action: 'caller.export' }).sort({ at: -1 }).lean();
    expect(audit[0]).toMatchObject({
      callerKey: callerKey(config.callerKeySecret, CALLER),
      clientId: new mongoose.Types.ObjectId(a.id),
    });
    expect(JSON.stringify(audit)).not.toMatch(/620000801/);
  });

  it('when the number cannot be read, then 400 names the phone field', async () => {
    const res = await api('post', '/callers/export').send({ phone: '12' }).expect(400);
    expect(res.body.details).toEqual([expect.objectContaining({ path: 'phone' })]);
    await api('post', '/callers/erasure/preview').send({ phone: CALLER, clientId: 'nope' }).expect(400);
  });
});

describe('caller erasure', () => {
  it('when the token is wrong or expired, then the erasure is refused and nothing is erased', async () => {
    const before = await MessageModel.countDocuments({ callerNumber: CALLER });
    await api('post', '/callers/erasure').send({ phone: CALLER, token: '123.abc' }).expect(409);
    const expired = erasureToken(config.callerKeySecret, CALLER, undefined, new Date(Date.now() - 3600_000));
    const res = await api('post', '/callers/erasure').send({ phone: CALLER, token: expired }).expect(409);
    expect(res.body.details[0].path).toBe('token');
    // A token for one client does not erase every client.
    const preview = await api('post', '/callers/erasure/preview')
      .send({ phone: CALLER, clientId: a.id })
      .expect(200);
    await api('post', '/callers/erasure').send({ phone: CALLER, token: preview.body.token }).expect(409);
    // A preview for one client counts that client's data only, parked messages included.
    expect(preview.body.live.parked).toBe(1);
    const garage = await api('post', '/callers/erasure/preview')
      .send({ phone: CALLER, clientId: b.id })
      .expect(200);
    expect(garage.body.perClient.map((c: { clientName: string }) => c.clientName)).toEqual(['Garage Martin']);
    expect(garage.body.live.parked).toBe(0);
    expect(await MessageModel.countDocuments({ callerNumber: CALLER })).toBe(before);
  });

  it('when an admin previews then confirms, then no collection and no Redis key names the number any more', async () => {
    const first = messages[0]!;
    const delayed = (await deliveriesOf(messages[1]!.id)).map((d) => d.key);
    const states = await Promise.all(delayed.map(async (k) => (await queue.getJob(k))?.getState()));
    expect(states).toContain('delayed');
    expect(await redisKeysNaming()).not.toEqual([]);

    const preview = await api('post', '/callers/erasure/preview')
      .send({ phone: '+33 6 20 00 08 01' })
      .expect(200);
    expect(preview.body.token).not.toMatch(/620000801/);
    expect(preview.body.empty).toBe(false);
    const byName = Object.fromEntries(
      preview.body.perClient.map((c: { clientName: string }) => [c.clientName, c]),
    );
    expect(byName['Cabinet Lumière']).toMatchObject({
      messages: 2,
      contacts: 1,
      appointments: 1,
      upcomingAppointments: 1,
      recordings: 1,
      digests: 1,
      ownSetting: false,
    });
    expect(byName['Garage Martin']).toMatchObject({ messages: 1, vip: true, settingsVersions: 1 });
    expect(preview.body.live.calls).toBeGreaterThanOrEqual(1);
    expect(preview.body.live.parked).toBe(1);
    expect(preview.body.live.jobs).toBeGreaterThan(0);

    const erased = await api('post', '/callers/erasure')
      .send({ phone: CALLER, token: preview.body.token })
      .expect(200);
    expect(erased.body).toMatchObject({
      messages: 3,
      contacts: 2,
      recordingDeletionsRequested: 1,
      clientsUpdated: 1,
      parkedMessages: 1,
      digestsRedacted: 1,
      appointments: 1,
    });
    expect(erased.body.callsAnonymised).toBeGreaterThanOrEqual(3);
    expect(erased.body.jobsCancelled).toBe(preview.body.live.jobs);

    expect(await documentsNaming()).toEqual([]);
    // The list's search field holds numbers as digits: none of the number's digit forms survive.
    expect(await MessageModel.countDocuments({ searchText: /0620000801|33620000801/ })).toBe(0);
    expect(await MessageModel.countDocuments({ searchText: /0620000802/ })).toBe(1);
    expect(await redisKeysNaming()).toEqual([]);
    for (const key of delayed) expect(await queue.getJob(key)).toBeUndefined();
    expect(await queue.getJob(`followups-${first.id}`)).toBeUndefined();
    expect(await RecordingDeletionModel.findById(`RE${'8'.repeat(32)}`).lean()).toMatchObject({
      reason: 'erasure',
      status: 'pending',
    });
    // Calls stay for the statistics, without the caller.
    const calls = await CallModel.find({
      clientId: new mongoose.Types.ObjectId(a.id),
      from: 'anonymised',
    }).lean();
    expect(calls.length).toBeGreaterThanOrEqual(2);
    expect(calls[0]).toMatchObject({ outcome: 'message' });
    expect(await CallModel.countDocuments({ from: OTHER_CALLER })).toBe(1);
    expect(await MessageModel.countDocuments({ callerNumber: OTHER_CALLER })).toBe(1);
    // The digest stays, redacted; the audit keeps the erasure with the fingerprint only.
    const entry = await AuditEventModel.findOne({ action: 'caller.erase' }).lean();
    expect(entry).toMatchObject({
      callerKey: callerKey(config.callerKeySecret, CALLER),
      detail: expect.objectContaining({ messages: 3 }),
    });
    const vipChange = await AuditEventModel.findOne({
      action: 'client.update',
      clientId: new mongoose.Types.ObjectId(b.id),
    }).lean();
    // In the name of whoever confirmed the erasure, and the settings history says it was one.
    expect(vipChange).toMatchObject({ actor: { type: 'api-token' } });
    const version = await SettingsVersionModel.findOne({ subjectType: 'client', subjectId: b.id })
      .sort({ version: -1 })
      .lean();
    expect(version).toMatchObject({ action: 'erasure', via: 'api', actor: { type: 'api-token' } });
    expect(JSON.stringify(version)).not.toContain(CALLER);
  }, 60_000);

  it('when the erasure runs again, then it finds nothing left', async () => {
    const preview = await api('post', '/callers/erasure/preview').send({ phone: CALLER }).expect(200);
    expect(preview.body).toMatchObject({
      empty: true,
      perClient: [],
      live: { calls: 0, parked: 0, jobs: 0 },
    });
    // What stays: the audit trail of the exports and of the erasure, by fingerprint.
    expect(preview.body.auditEntries).toBeGreaterThanOrEqual(4);
    const again = await api('post', '/callers/erasure')
      .send({ phone: CALLER, token: preview.body.token })
      .expect(200);
    expect(Object.values(again.body).every((n) => n === 0)).toBe(true);
    expect(await documentsNaming()).toEqual([]);
    void liveSid;
    void parkedMessageKeys;
  });
});
