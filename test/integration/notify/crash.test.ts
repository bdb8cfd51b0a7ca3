/**
 * Worker lifecycle with real worker processes: after a `kill -9` mid-batch, another worker picks
 * the stalled jobs up and every notification is delivered once; on SIGTERM a worker finishes its
 * active jobs and takes no new ones.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { useTestDatabase } from '../../helpers/db';
import { createFollowUps, deliveryKey, verifyWebhookSignature } from '../../../src/notify';
import { createRedis } from '../../../src/infra/redis';
import { OutboxModel } from '../../../src/store/models';
import { deliveriesOf, findDelivery } from '../../../src/store/deliveries';
import type { Message } from '../../../src/store/messages';
import {
  freshPrefix,
  makeClient,
  makeMessage,
  obliterate,
  quietLogger,
  testConfig,
  waitFor,
} from './helpers';

const { uri } = useTestDatabase(__filename);
const ROOT = path.resolve(__dirname, '..', '..', '..');
const SECRET = 'whsec-crash-0123456789abcdef';

let receiver: Server;
let hookUrl: string;
let delayMs = 40;
const hits: { deliveryId: string; valid: boolean }[] = [];
const children: ChildProcess[] = [];

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      const valid = verifyWebhookSignature({
        secret: SECRET,
        timestamp: req.headers['x-timestamp'] as string,
        signature: req.headers['x-signature'] as string,
        body: raw,
      });
      hits.push({ deliveryId: String(req.headers['x-delivery-id']), valid });
      setTimeout(() => res.writeHead(200).end(), delayMs);
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});
afterAll(async () => {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await new Promise((resolve) => receiver.close(resolve));
});

function startWorker(prefix: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(__dirname, 'fixtures', 'worker-child.ts')],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'test',
        MONGODB_URI: uri,
        NOTIFY_PREFIX: prefix,
        PUBLIC_BASE_URL: 'https://rx.example.test',
        // The receiver runs on this machine.
        WEBHOOK_ALLOW_PRIVATE: 'true',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  children.push(child);
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`worker exited early (${code})`)));
  });
}

const exited = (child: ChildProcess) =>
  new Promise<{ code: number | null; signal: string | null }>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null)
      resolve({ code: child.exitCode, signal: child.signalCode });
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });

async function queueBatch(prefix: string, smsTo: string, count: number): Promise<Message[]> {
  const client = await makeClient({
    notifications: {
      sms: { enabled: true, to: [smsTo] },
      webhook: { enabled: true, url: hookUrl, secret: SECRET },
    },
  });
  const config = testConfig();
  const redis = createRedis(config.redisUrl);
  const followUps = createFollowUps({ redis, logger: quietLogger(), config, prefix });
  const messages: Message[] = [];
  for (let i = 0; i < count; i += 1) {
    const message = await makeMessage(client, { reason: `Demande ${i}` });
    await followUps.messageStored(message);
    messages.push(message);
  }
  await followUps.close();
  redis.disconnect();
  return messages;
}

const allSent = async (messages: Message[]) => {
  for (const m of messages) {
    const deliveries = await deliveriesOf(m.id);
    if (deliveries.length !== 2 || deliveries.some((d) => d.status !== 'sent')) return false;
  }
  return true;
};

test('when a worker is killed with -9 mid-batch, then another worker delivers every notification exactly once', async () => {
  const prefix = freshPrefix();
  const N = 30;
  delayMs = 40;
  try {
    const messages = await queueBatch(prefix, '+33633330001', N);
    const first = await startWorker(prefix);
    await waitFor(async () => hits.length >= 8, 'the first deliveries');
    first.kill('SIGKILL');
    expect((await exited(first)).signal).toBe('SIGKILL');
    const deliveredBeforeKill = new Set(hits.map((h) => h.deliveryId)).size;

    const second = await startWorker(prefix);
    await waitFor(() => allSent(messages), 'every notification', 30_000);
    second.kill('SIGTERM');
    await exited(second);

    const webhookKeys = messages.map((m) => deliveryKey(m.id, 'webhook', 'notify', 0));
    const mine = hits.filter((h) => webhookKeys.includes(h.deliveryId));
    expect(mine.every((h) => h.valid)).toBe(true);
    // Receivers dedupe on X-Delivery-Id: each notification once, none missing.
    expect(new Set(mine.map((h) => h.deliveryId)).size).toBe(N);
    // Only requests in flight at the kill can be repeated (at most the worker's concurrency).
    expect(mine.length - N).toBeLessThanOrEqual(5);
    // SMS in the outbox: exactly one per delivery key.
    const smsKeys = messages.map((m) => deliveryKey(m.id, 'sms', 'notify', 0));
    expect(await OutboxModel.countDocuments({ key: { $in: smsKeys } })).toBe(N);
    console.log(
      `kill -9: ${deliveredBeforeKill} webhook(s) before the kill, ${mine.length - N} repeated request(s) after it`,
    );
  } finally {
    await obliterate(prefix);
  }
}, 60_000);

test('when a worker gets SIGTERM, then it finishes its active jobs, takes no new ones, and exits 0', async () => {
  const prefix = freshPrefix();
  const N = 12;
  delayMs = 400;
  const before = hits.length;
  try {
    const messages = await queueBatch(prefix, '+33633330002', N);
    const worker = await startWorker(prefix);
    await waitFor(async () => hits.length - before >= 3, 'active deliveries');
    worker.kill('SIGTERM');
    expect(await exited(worker)).toEqual({ code: 0, signal: null });
    const webhookKeys = messages.map((m) => deliveryKey(m.id, 'webhook', 'notify', 0));
    const received = hits.slice(before).filter((h) => webhookKeys.includes(h.deliveryId));
    // Every request it had started was answered and recorded before it exited.
    for (const h of received) expect((await findDelivery(h.deliveryId))?.status).toBe('sent');
    expect(received.length).toBeLessThan(N);

    delayMs = 10;
    const next = await startWorker(prefix);
    await waitFor(() => allSent(messages), 'the rest', 30_000);
    next.kill('SIGTERM');
    await exited(next);
    const all = hits.slice(before).filter((h) => webhookKeys.includes(h.deliveryId));
    expect(all).toHaveLength(N); // graceful: nothing repeated
  } finally {
    await obliterate(prefix);
  }
}, 60_000);
