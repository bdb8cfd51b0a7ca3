/**
 * `npm run bench:erasure`: how long a caller's access export, erasure preview and erasure take for
 * a caller with 1,000 messages and 1,000 calls (two clients, notifications, recordings, queued
 * jobs), among other callers' data, on the local FerretDB and Redis. Then checks that nothing
 * names the number any more. Prints figures; never fails on speed.
 *
 *   BENCH_MESSAGES (default 1000)  the caller's messages (and as many calls)
 *   BENCH_NOISE (default 2000)     other callers' messages (and calls)
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { Queue } from 'bullmq';
import mongoose, { Types } from 'mongoose';
import { exportCallerData, lookUpCaller } from '../../src/app/caller-access';
import { eraseCaller, previewErasure } from '../../src/app/caller-erasure';
import { parseEnv } from '../../src/config/env';
import { phoneForms } from '../../src/domain/phone-pattern';
import { createLogger } from '../../src/infra/logger';
import { startWeb } from '../../src/main/runtime';
import { deliverJobOptions } from '../../src/notify/producer';
import { NOTIFICATION_JOBS, QUEUES } from '../../src/queue/names';
import { createClient } from '../../src/store/clients';
import { CallModel, ContactModel, DeliveryModel, MessageModel, OutboxModel } from '../../src/store/models';
import { bold, dim, green, step } from '../lib/console';
import { ensureMongo, ensureRedis, ROOT, type Service } from '../lib/services';

const N = Number(process.env.BENCH_MESSAGES ?? 1000);
const NOISE = Number(process.env.BENCH_NOISE ?? 2000);
const CALLER = '+33620000809';
const SYSTEM = { actor: { type: 'system', id: 'bench', label: 'bench' } as const, ip: '127.0.0.1' };
const always = Object.fromEntries(
  ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [{ start: '00:00', end: '24:00' }]]),
);

async function timed<T>(label: string, fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await fn();
  const ms = performance.now() - started;
  console.log(`  ${label.padEnd(34)} ${bold(`${(ms / 1000).toFixed(2)} s`)}`);
  return { value, ms };
}

/** One message with its call, two notifications (log and outbox) and, one in ten, a recording. */
function seedDocs(i: number, from: string, clientId: Types.ObjectId, clientNumber: string, at: Date) {
  const messageId = new Types.ObjectId();
  const callSid = `CA${randomBytes(16).toString('hex')}`;
  const keys = [`${messageId.toHexString()}.sms.notify.0`, `${messageId.toHexString()}.email.notify.0`];
  return {
    message: {
      _id: messageId,
      key: callSid,
      clientId,
      callSid,
      callerName: from === CALLER ? 'Jeanne Durand' : `Appelant ${i}`,
      callerNumber: from,
      callbackNumber: from,
      reason: 'Prendre rendez-vous pour un contrôle',
      urgent: i % 20 === 0,
      transcription: i % 10 === 0 ? 'Bonjour, pouvez-vous me rappeler ? Merci.' : '',
      recording:
        i % 10 === 0
          ? {
              sid: `RE${randomBytes(16).toString('hex')}`,
              url: 'https://api.twilio.com/r',
              durationSeconds: 9,
            }
          : null,
      summary: `Appel de ${from}: rendez-vous.`,
      status: 'new',
      notes: i % 5 === 0 ? [{ at, authorName: 'Claire', text: `Rappelé au ${from}` }] : [],
      queuedAt: at,
      createdAt: at,
      updatedAt: at,
    },
    call: {
      _id: callSid,
      callSid,
      clientId,
      from,
      to: clientNumber,
      status: 'completed',
      locale: 'fr-FR',
      steps: ['start', 'menu', 'name', 'reason', 'callback-number', 'confirm', 'done'].map((name) => ({
        at,
        name,
        detail: name === 'callback-number' ? from : '',
      })),
      outcome: 'message',
      startedAt: at,
      endedAt: at,
      durationSeconds: 60,
      createdAt: at,
      updatedAt: at,
    },
    deliveries: keys.map((key, k) => ({
      _id: key,
      messageId,
      clientId,
      channel: k === 0 ? 'sms' : 'email',
      purpose: 'notify',
      to: k === 0 ? '+33620000898' : 'accueil@example.test',
      status: 'sent',
      attempts: 1,
      createdAt: at,
      updatedAt: at,
    })),
    outbox: keys.map((key, k) => ({
      key,
      channel: k === 0 ? 'sms' : 'email',
      to: k === 0 ? '+33620000898' : 'accueil@example.test',
      subject: '',
      body: `Nouveau message de ${from}: rendez-vous.`,
      messageId: messageId.toHexString(),
      clientId: clientId.toHexString(),
      createdAt: at,
      updatedAt: at,
    })),
  };
}

async function insertInBatches(model: mongoose.Model<never>, docs: object[]) {
  for (let i = 0; i < docs.length; i += 500)
    await model.collection.insertMany(docs.slice(i, i + 500) as never[]);
}

async function main() {
  const dir = path.join(ROOT, 'var', 'bench-erasure');
  rmSync(dir, { recursive: true, force: true });
  const services: Service[] = [];
  const mongo = await ensureMongo(
    path.join(dir, 'ferretdb'),
    `bench_erasure_${randomBytes(3).toString('hex')}`,
  );
  services.push(mongo);
  const redisService = await ensureRedis(path.join(dir, 'redis'));
  services.push(redisService);
  const config = parseEnv({
    NODE_ENV: 'test',
    PORT: '0',
    MONGODB_URI: mongo.url,
    REDIS_URL: redisService.url,
    LOG_LEVEL: 'error',
  });
  const web = await startWeb(config, {
    logger: createLogger({ level: 'error', json: true }),
    host: '127.0.0.1',
  });
  const queue = new Queue(QUEUES.notifications, { connection: web.redis });
  try {
    await mongoose.connection.db!.dropDatabase();
    await Promise.all(Object.values(mongoose.models).map((m) => m.init().then(() => m.syncIndexes())));
    step(`Seeding: one caller with ${N} messages and ${N} calls on two clients, ${NOISE} of other callers`);
    const a = await createClient({
      name: 'Cabinet Lumière',
      numbers: ['+33180000715'],
      weeklyHours: always,
    } as never);
    const b = await createClient({
      name: 'Garage Martin',
      numbers: ['+33180000716'],
      weeklyHours: always,
      vipNumbers: [CALLER],
    } as never);
    const seeded = [
      ...Array.from({ length: N }, (_, i) => {
        const client = i % 3 === 0 ? b : a;
        return seedDocs(
          i,
          CALLER,
          new Types.ObjectId(client.id),
          client.numbers[0]!,
          new Date(Date.now() - i * 60_000),
        );
      }),
      ...Array.from({ length: NOISE }, (_, i) => {
        const client = i % 2 ? b : a;
        const from = `+336${String(30_000_000 + i)}`;
        return seedDocs(
          i,
          from,
          new Types.ObjectId(client.id),
          client.numbers[0]!,
          new Date(Date.now() - i * 45_000),
        );
      }),
    ];
    const seeding = performance.now();
    await insertInBatches(
      MessageModel as never,
      seeded.map((s) => s.message),
    );
    await insertInBatches(
      CallModel as never,
      seeded.map((s) => s.call),
    );
    await insertInBatches(
      DeliveryModel as never,
      seeded.flatMap((s) => s.deliveries),
    );
    await insertInBatches(
      OutboxModel as never,
      seeded.flatMap((s) => s.outbox),
    );
    await ContactModel.collection.insertMany(
      [a, b].map((c) => ({
        _id: `${c.id}:${CALLER}` as never,
        clientId: new Types.ObjectId(c.id),
        phone: CALLER,
        name: 'Jeanne Durand',
        calls: N,
        lastCallAt: new Date(),
      })),
    );
    // The urgent messages' escalations, waiting in BullMQ.
    const urgent = seeded.filter((s) => s.message.callerNumber === CALLER && s.message.urgent);
    await queue.addBulk(
      urgent.map((s) => {
        const key = `${s.message._id.toHexString()}.sms.resend1.0`;
        return { name: NOTIFICATION_JOBS.deliver, data: { key }, opts: deliverJobOptions(key, 3600_000) };
      }),
    );
    await DeliveryModel.collection.insertMany(
      urgent.map((s) => ({
        _id: `${s.message._id.toHexString()}.sms.resend1.0` as never,
        messageId: s.message._id,
        clientId: s.message.clientId,
        channel: 'sms',
        purpose: 'resend1',
        to: '+33620000898',
        status: 'pending',
        attempts: 0,
        createdAt: new Date(),
        updatedAt: new Date(),
      })),
    );
    console.log(
      dim(
        `  seeded in ${((performance.now() - seeding) / 1000).toFixed(1)} s; ${urgent.length} delayed jobs`,
      ),
    );

    step('Caller rights (in-process use cases, as the API and the pages call them)');
    const caller = { phone: '06 20 00 08 09' };
    const look = await timed('what is held (search page)', () => lookUpCaller(web.callers, caller));
    const exp = await timed('export (ZIP)', () =>
      exportCallerData(web.callers, SYSTEM, { ...caller, lang: 'fr' }),
    );
    const preview = await timed('erasure preview', () => previewErasure(web.callers, caller));
    const erased = await timed('erasure', () =>
      eraseCaller(web.callers, SYSTEM, { ...caller, token: preview.value.token }),
    );
    const again = await timed('second preview (nothing left)', () => previewErasure(web.callers, caller));
    console.log(
      dim(`  held: ${look.value.data.messages.length} messages, ${look.value.data.calls.length} calls`),
    );
    console.log(
      dim(`  export: ${(exp.value.zip.length / 1024).toFixed(0)} KiB, ${JSON.stringify(exp.value.counts)}`),
    );
    console.log(dim(`  erased: ${JSON.stringify(erased.value)}`));

    step('Checking that nothing names the number');
    const forms = phoneForms(CALLER);
    const left: string[] = [];
    for (const { name } of await mongoose.connection.db!.listCollections().toArray()) {
      for (const doc of await mongoose.connection.db!.collection(name).find({}).toArray()) {
        const text = JSON.stringify(doc);
        if (forms.some((f) => text.includes(f))) left.push(name);
      }
    }
    const keys = await web.redis.keys('*');
    for (const key of keys) {
      const type = await web.redis.type(key);
      const value =
        type === 'string'
          ? await web.redis.get(key)
          : type === 'hash'
            ? JSON.stringify(await web.redis.hgetall(key))
            : type === 'list'
              ? JSON.stringify(await web.redis.lrange(key, 0, -1))
              : type === 'zset'
                ? JSON.stringify(await web.redis.zrange(key, 0, -1))
                : '';
      if (forms.some((f) => `${key}${value}`.includes(f))) left.push(`redis ${key}`);
    }
    const nothingLeft = again.value.empty && left.length === 0;
    console.log(
      nothingLeft
        ? green(`  nothing left: second preview empty, no document or Redis key names ${forms.join(' / ')}`)
        : `  LEFT: ${[...new Set(left)].join(', ')}`,
    );
    console.log(
      bold(
        `\n  ${N} messages + ${N} calls: export ${(exp.ms / 1000).toFixed(2)} s, preview ${(preview.ms / 1000).toFixed(2)} s, erasure ${(erased.ms / 1000).toFixed(2)} s`,
      ),
    );
    if (!nothingLeft) process.exitCode = 1;
  } finally {
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    await web.stop();
    for (const s of services.reverse()) await s.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
