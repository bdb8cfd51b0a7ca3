/**
 * Kill -9 chaos for the notifications worker, shared by its test and `npm run chaos:notify`.
 *
 * Stores N messages whose only notification is one SMS, runs the REAL worker process
 * (`src/main/worker.ts`) against a local Twilio stand-in whose answers are slow (so SMS are in
 * flight: accepted by "Twilio", not yet recorded), `kill -9`s it at even points of the batch and
 * starts it again each time, then counts what the stand-in received against the delivery log.
 *
 * The caller gives a Redis the run has to itself (the real worker uses BullMQ's default prefix)
 * and a MongoDB database mongoose is already connected to.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { parseEnv } from '../../src/config/env';
import { createLogger } from '../../src/infra/logger';
import { createRedis } from '../../src/infra/redis';
import { createFollowUps } from '../../src/notify';
import { createClient } from '../../src/store/clients';
import { deliveriesOfMessages } from '../../src/store/deliveries';
import { storeBenchMessage } from './bench-messages';
import { DeliveryModel } from '../../src/store/models';
import { startTwilioStandIn } from './twilio-stand-in';

const ROOT = path.resolve(__dirname, '..', '..');
const ACCOUNT_SID = `AC${'c4a0'.repeat(8)}`;
const AUTH_TOKEN = 'chaos-auth-token-0123456789';

export type ChaosOptions = {
  mongodbUri: string;
  redisUrl: string;
  messages: number;
  kills: number;
  /** How long the stand-in holds each answer, after recording the resource. @defaultValue 150 */
  latencyMs?: number;
  /** NOTIFY_LOCK_MS of the worker. @defaultValue 4000 */
  lockMs?: number;
  /** NOTIFY_STALLED_INTERVAL_MS of the worker. @defaultValue 1000 */
  stalledIntervalMs?: number;
  /** Gives up when nothing more is delivered for this long (then the figures show what is missing). */
  stallTimeoutMs?: number;
  onProgress?: (line: string) => void;
};

export type ChaosFigures = {
  messages: number;
  kills: number;
  /** SMS the stand-in accepted. */
  accepted: number;
  /** Messages with no SMS at the stand-in. */
  lost: number;
  /** SMS beyond the first of a message. */
  duplicated: number;
  /** Log entries not `sent`, or whose provider id is not the stand-in's sid of that message. */
  logMismatches: number;
  /** Deliveries whose sid was adopted from Twilio's list after a kill (worker log lines). */
  adopted: number;
  /** List requests (pages) made to the stand-in, looking up unknown outcomes. */
  listRequests: number;
  /** Messages whose SMS the stand-in accepted but the log did not record yet, at each kill. */
  inFlightAtKills: number[];
  elapsedMs: number;
  /** The last worker output lines, for a failure's message. */
  tail: string[];
};

type Worker = { child: ChildProcess; exited: Promise<void> };

export async function runKillChaos(o: ChaosOptions): Promise<ChaosFigures> {
  const progress = o.onProgress ?? (() => undefined);
  const twilio = await startTwilioStandIn({
    accountSid: ACCOUNT_SID,
    authToken: AUTH_TOKEN,
    latencyMs: o.latencyMs ?? 150,
  });
  const tail: string[] = [];
  let adopted = 0;
  const workers: Worker[] = [];
  const env = {
    ...process.env,
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    MONGODB_URI: o.mongodbUri,
    REDIS_URL: o.redisUrl,
    PUBLIC_BASE_URL: 'https://rx.chaos.test',
    TWILIO_ACCOUNT_SID: ACCOUNT_SID,
    TWILIO_AUTH_TOKEN: AUTH_TOKEN,
    TWILIO_API_BASE_URL: twilio.url,
    NOTIFY_LOCK_MS: String(o.lockMs ?? 4000),
    NOTIFY_STALLED_INTERVAL_MS: String(o.stalledIntervalMs ?? 1000),
    // Nothing inherited may send elsewhere or take a port.
    SMTP_URL: '',
    WORKER_METRICS_PORT: '',
  };

  const startWorker = (): Promise<Worker> =>
    new Promise((resolve, reject) => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', path.join(ROOT, 'src', 'main', 'worker.ts')],
        {
          cwd: ROOT,
          env,
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      const exited = new Promise<void>((done) => child.once('exit', () => done()));
      const worker = { child, exited };
      workers.push(worker);
      let ready = false;
      const onLine = (chunk: Buffer) => {
        for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
          tail.push(line);
          if (tail.length > 40) tail.shift();
          if (line.includes('adopted')) adopted += 1;
          if (!ready && line.includes('worker started')) {
            ready = true;
            resolve(worker);
          }
        }
      };
      child.stdout!.on('data', onLine);
      child.stderr!.on('data', onLine);
      child.once('exit', (code, signal) => {
        if (!ready)
          reject(new Error(`worker exited before it started (${code ?? signal})\n${tail.join('\n')}`));
      });
    });

  const config = parseEnv({ NODE_ENV: 'test', MONGODB_URI: o.mongodbUri, REDIS_URL: o.redisUrl });
  const redis = createRedis(o.redisUrl);
  const followUps = createFollowUps({ redis, logger: createLogger({ level: 'error', json: true }), config });
  try {
    const to = `+3367${String(randomBytes(3).readUIntBE(0, 3) % 10_000_000).padStart(7, '0')}`;
    const client = await createClient({
      name: 'Cabinet Chaos',
      numbers: [`+3319${String(randomBytes(3).readUIntBE(0, 3) % 10_000_000).padStart(7, '0')}`],
      locale: 'fr-FR',
      timezone: 'Europe/Paris',
      notifications: { sms: { enabled: true, to: [to] } },
    });
    const ids: string[] = [];
    for (let i = 0; i < o.messages; i += 1) {
      const message = await storeBenchMessage(client, i);
      await followUps.messageStored(message);
      ids.push(message.id);
      if ((i + 1) % 100 === 0) progress(`stored ${i + 1}/${o.messages} messages`);
    }

    const started = Date.now();
    // Distinct messages, so that duplicates (if any) do not count twice.
    const acceptedMessages = () => new Set(twilio.messages.map((m) => messageIdIn(m.body))).size;
    const sentInLog = () => DeliveryModel.countDocuments({ clientId: client.id, status: 'sent' });
    const inFlightAtKills: number[] = [];
    let worker = await startWorker();
    progress('worker started');
    for (let k = 1; k <= o.kills; k += 1) {
      const at = Math.floor((o.messages * k) / (o.kills + 1));
      while (acceptedMessages() < at) await sleep(20);
      worker.child.kill('SIGKILL');
      await worker.exited;
      inFlightAtKills.push(acceptedMessages() - (await sentInLog()));
      progress(
        `kill -9 #${k} at ${twilio.messages.length}/${o.messages} SMS accepted (${inFlightAtKills.at(-1)} not yet recorded)`,
      );
      worker = await startWorker();
    }

    // Wait until every entry is sent, or nothing moves for stallTimeoutMs (the figures then say what is missing).
    let last = -1;
    let lastChange = Date.now();
    for (;;) {
      const sent = await sentInLog();
      if (sent !== last) {
        progress(`${sent}/${o.messages} recorded sent, ${twilio.messages.length} SMS accepted`);
        last = sent;
        lastChange = Date.now();
      }
      if (sent >= o.messages || Date.now() - lastChange > (o.stallTimeoutMs ?? 60_000)) break;
      await sleep(500);
    }
    const elapsedMs = Date.now() - started;
    worker.child.kill('SIGTERM');
    await worker.exited;

    const sidsOf = new Map<string, string[]>(ids.map((id) => [id, []]));
    for (const sms of twilio.messages) {
      const id = messageIdIn(sms.body);
      if (id) sidsOf.get(id)?.push(sms.sid);
    }
    const log = await deliveriesOfMessages(ids);
    let logMismatches = 0;
    for (const id of ids) {
      const entries = log.get(id) ?? [];
      const sids = sidsOf.get(id) ?? [];
      const ok =
        entries.length === 1 && entries[0]!.status === 'sent' && sids.includes(entries[0]!.providerId ?? '');
      if (!ok) logMismatches += 1;
    }
    const counts = [...sidsOf.values()].map((s) => s.length);
    return {
      messages: o.messages,
      kills: o.kills,
      accepted: twilio.messages.length,
      lost: counts.filter((c) => c === 0).length,
      duplicated: counts.reduce((sum, c) => sum + Math.max(0, c - 1), 0),
      logMismatches,
      adopted,
      listRequests: twilio.requests.filter((r) => r.method === 'GET').length,
      inFlightAtKills,
      elapsedMs,
      tail,
    };
  } finally {
    for (const w of workers)
      if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
    await Promise.all(workers.map((w) => w.exited));
    await followUps.close();
    redis.disconnect();
    await twilio.close();
  }
}

const messageIdIn = (body: string) => /\/messages\/([0-9a-f]{24})/.exec(body)?.[1];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
