/**
 * `npm run bench:notify`: what one notifications worker delivers, against local stand-ins only.
 *
 * The local Twilio stand-in (scripts/lib/twilio-stand-in.ts) plays Twilio's REST API
 * (TWILIO_API_BASE_URL points the SDK at it), on the FerretDB and Redis the project's scripts
 * provide. Prints figures; never fails on time.
 *
 *   throughput   N messages queued first, then one worker (concurrency C) drains them
 *   latency      messages stored one by one at a steady rate while the worker runs: time from
 *                `messageStored` to the SMS request reaching the stand-in, p50 / p95
 *   outbox       the same drain with no Twilio credentials (the offline demo's outbox)
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Queue } from 'bullmq';
import mongoose from 'mongoose';
import { parseEnv, type Config } from '../../src/config/env';
import { createLogger } from '../../src/infra/logger';
import { createRedis } from '../../src/infra/redis';
import { createFollowUps, startNotificationWorker } from '../../src/notify';
import { QUEUES } from '../../src/queue/names';
import { createClient, type Client } from '../../src/store/clients';
import type { Message } from '../../src/store/messages';
import { storeBenchMessage } from '../lib/bench-messages';
import { connectMongo } from '../../src/store/mongo';
import { bold, dim, step } from '../lib/console';
import { ensureMongo, ensureRedis, ROOT, type Service } from '../lib/services';
import { startTwilioStandIn, type TwilioStandIn } from '../lib/twilio-stand-in';

const N = Number(process.env.BENCH_MESSAGES ?? 500);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 10);
const LATENCY_SAMPLES = Number(process.env.BENCH_LATENCY_SAMPLES ?? 200);
const LATENCY_INTERVAL_MS = 10;
const logger = createLogger({ level: 'error', json: true });

const ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';
const AUTH_TOKEN = 'bench-token-0123456789';

/** When the first SMS about each message reached the stand-in (its body links the message). */
function arrivalsOf(standIn: TwilioStandIn): Map<string, number> {
  const arrivals = new Map<string, number>();
  for (const sms of standIn.messages) {
    const id = /\/messages\/([0-9a-f]{24})/.exec(sms.body)?.[1];
    if (id && !arrivals.has(id)) arrivals.set(id, sms.dateCreated.getTime());
  }
  return arrivals;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

async function pipeline(config: Config, prefix: string) {
  const redis = createRedis(config.redisUrl);
  const connection = createRedis(config.redisUrl, 'blocking');
  const followUps = createFollowUps({ redis, logger, config, prefix });
  return {
    followUps,
    startWorker: () =>
      startNotificationWorker({
        connection,
        logger,
        config,
        prefix,
        concurrency: CONCURRENCY,
        sweepEveryMs: 0,
      }),
    close: async () => {
      await followUps.close();
      const q = new Queue(QUEUES.notifications, { connection, prefix });
      await q.obliterate({ force: true });
      await q.close();
      redis.disconnect();
      connection.disconnect();
    },
  };
}

async function drain(config: Config, client: Client, label: string) {
  const prefix = `bench-${randomBytes(3).toString('hex')}`;
  const p = await pipeline(config, prefix);
  const messages: Message[] = [];
  for (let i = 0; i < N; i += 1) messages.push(await storeBenchMessage(client, i));
  for (const m of messages) await p.followUps.messageStored(m);
  const started = performance.now();
  const worker = await p.startWorker();
  await new Promise<void>((resolve) => {
    let done = 0;
    worker.worker.on('completed', () => ++done === N && resolve());
  });
  const seconds = (performance.now() - started) / 1000;
  await worker.close();
  await p.close();
  console.log(
    `  ${label.padEnd(34)} ${bold((N / seconds).toFixed(0))} notifications/s ${dim(`(${N} in ${seconds.toFixed(2)} s)`)}`,
  );
}

async function latency(config: Config, client: Client, standIn: TwilioStandIn) {
  const prefix = `bench-${randomBytes(3).toString('hex')}`;
  const p = await pipeline(config, prefix);
  const worker = await p.startWorker();
  const storedAt = new Map<string, number>();
  for (let i = 0; i < LATENCY_SAMPLES; i += 1) {
    const m = await storeBenchMessage(client, i);
    storedAt.set(m.id, Date.now());
    await p.followUps.messageStored(m);
    await new Promise((r) => setTimeout(r, LATENCY_INTERVAL_MS));
  }
  const deadline = Date.now() + 30_000;
  let arrivals = arrivalsOf(standIn);
  while ([...storedAt.keys()].some((id) => !arrivals.has(id)) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 20));
    arrivals = arrivalsOf(standIn);
  }
  await worker.close();
  await p.close();
  const samples = [...storedAt]
    .flatMap(([id, t]) => (arrivals.has(id) ? [arrivals.get(id)! - t] : []))
    .sort((a, b) => a - b);
  console.log(
    `  messageStored → SMS request        p50 ${bold(percentile(samples, 50).toFixed(1))} ms, p95 ${bold(percentile(samples, 95).toFixed(1))} ms ${dim(`(${samples.length} messages, one every ~${LATENCY_INTERVAL_MS} ms)`)}`,
  );
}

async function main(): Promise<void> {
  const services: Service[] = [];
  const dir = path.join(ROOT, 'var', 'bench');
  const mongo = await ensureMongo(path.join(dir, 'ferretdb'), `bench_${randomBytes(3).toString('hex')}`);
  services.push(mongo);
  const redis = await ensureRedis(path.join(dir, 'redis'));
  services.push(redis);
  const standIn = await startTwilioStandIn({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
  try {
    const base = {
      NODE_ENV: 'test',
      MONGODB_URI: mongo.url,
      REDIS_URL: redis.url,
      PUBLIC_BASE_URL: 'https://rx.example.com',
    };
    const live = parseEnv({
      ...base,
      TWILIO_ACCOUNT_SID: ACCOUNT_SID,
      TWILIO_AUTH_TOKEN: AUTH_TOKEN,
      TWILIO_API_BASE_URL: standIn.url,
    });
    const offline = parseEnv(base);
    await connectMongo(live.mongodbUri);
    const client = await createClient({
      name: 'Bench',
      numbers: [`+3319${String(Date.now()).slice(-7)}`],
      notifications: { sms: { enabled: true, to: ['+33611111111'] } },
    });
    step(`one worker, concurrency ${CONCURRENCY}, ${N} messages; FerretDB ${mongo.url}, Redis ${redis.url}`);
    await drain(live, client, 'SMS via Twilio stand-in (HTTP)');
    await drain(offline, client, 'SMS to the outbox (no credentials)');
    await latency(live, client, standIn);
    await mongoose.connection.db!.dropDatabase();
  } finally {
    await mongoose.disconnect();
    await standIn.close();
    await Promise.all(services.map((s) => s.stop()));
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(`benchmark failed to run: ${(err as Error).stack ?? String(err)}`);
    process.exit(1);
  },
);
