/**
 * `npm run bench:list`: 100,000 messages of one client in a fresh FerretDB database, then the
 * server time of the list page (first page, filtered pages, a search), read from the page's
 * Server-Timing header. Prints figures; never fails on speed.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { Types } from 'mongoose';
import { parseEnv } from '../../src/config/env';
import { createLogger } from '../../src/infra/logger';
import { startWeb } from '../../src/main/runtime';
import { createClient } from '../../src/store/clients';
import { searchFields } from '../../src/store/messages';
import { MessageModel } from '../../src/store/models';
import { createUser } from '../../src/store/users';
import { bold, dim, step, withProgress } from '../lib/console';
import { DEMO_CLIENT } from '../lib/seed';
import { ensureRedis, ROOT, startFerretDB } from '../lib/services';
import { pct, signIn } from './web-http';

const TOTAL = Number(process.env.BENCH_MESSAGES ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const NAMES = [
  'Jeanne Dupont',
  'Marc Lefèvre',
  'Sophie Bernard',
  'Lucas Moreau',
  'Hélène Garnier',
  'Paul Martin',
];
const STATUSES = ['new', 'in_progress', 'handled', 'handled', 'handled'] as const;

async function insertMessages(clientId: Types.ObjectId): Promise<void> {
  const now = Date.now();
  const batch = 2000;
  for (let start = 0; start < TOTAL; start += batch) {
    const docs = Array.from({ length: Math.min(batch, TOTAL - start) }, (_, j) => {
      const i = start + j;
      const at = new Date(now - i * 300_000);
      const searchable = {
        callerName: `${NAMES[i % NAMES.length]} ${i}`,
        callerNumber: `+336${String(10_000_000 + i).slice(-8)}`,
        callbackNumber: '',
        reason: i % 7 === 0 ? 'Douleur, demande de rappel' : 'Prendre rendez-vous',
        summary: `Message ${i}: demande de rendez-vous.`,
        transcription: '',
      };
      return {
        key: `bench-${i}`,
        clientId,
        callSid: `CAbench${i}`,
        ...searchable,
        ...searchFields(searchable),
        urgent: i % 20 === 0,
        recording: null,
        status: STATUSES[i % STATUSES.length],
        assigneeId: null,
        notes: [],
        queuedAt: at,
        createdAt: at,
        updatedAt: at,
      };
    });
    await MessageModel.collection.insertMany(docs, { ordered: false });
  }
}

function timing(header: string | null, name: string): number {
  return Number(new RegExp(`${name};dur=([\\d.]+)`).exec(header ?? '')?.[1] ?? NaN);
}

async function main(): Promise<void> {
  const dir = path.join(ROOT, 'var', 'bench');
  rmSync(dir, { recursive: true, force: true });
  const mongo = await startFerretDB(path.join(dir, 'ferretdb'), 'bench_list');
  const redis = await ensureRedis(path.join(dir, 'redis'));
  const config = parseEnv({
    NODE_ENV: 'development',
    PORT: '0',
    MONGODB_URI: mongo.url,
    REDIS_URL: redis.url,
  });
  const web = await startWeb(config, {
    logger: createLogger({ level: 'error', json: true }),
    host: '127.0.0.1',
  });
  try {
    const client = await createClient({ ...DEMO_CLIENT, name: 'Bench', numbers: ['+33180009999'] });
    const password = 'bench-password-123';
    const email = `bench-${Date.now()}@bench.local`;
    await createUser({ email, name: 'Bench', role: 'assistant', password, clientIds: [client.id] });
    await withProgress(`Inserting ${TOTAL.toLocaleString('en')} messages`, () =>
      insertMessages(new Types.ObjectId(client.id)),
    );
    const base = `http://127.0.0.1:${web.port}`;
    const cookie = await signIn(base, email, password);
    const scenarios: [string, string][] = [
      ['first page', '/'],
      ['status=new & urgent', '/?status=new&urgency=urgent'],
      ['client + date range (1 week)', `/?client=${client.id}&from=${day(-14)}&to=${day(-7)}`],
      ['search "Garnier 4"', '/?q=Garnier+4'],
      ['search "lefèvre"', '/?q=lef%C3%A8vre'],
      ['search "06 10 00 00 42"', '/?q=06+10+00+00+42'],
    ];
    step(`List page server time, ${RUNS} runs each (Server-Timing header; list and counts run in parallel)`);
    for (const [label, url] of scenarios) {
      const list: number[] = [];
      const counts: number[] = [];
      const total: number[] = [];
      let rows = 0;
      for (let i = 0; i < RUNS; i++) {
        const res = await fetch(base + url, { headers: { cookie } });
        const text = await res.text();
        if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
        rows = (text.match(/<tr id="m-/g) ?? []).length;
        const header = res.headers.get('server-timing');
        list.push(timing(header, 'list'));
        counts.push(timing(header, 'counts'));
        total.push(timing(header, 'total'));
      }
      console.log(
        `  ${label.padEnd(30)} median ${bold(pct(total, 0.5).toFixed(0))} ms, max ${pct(total, 1).toFixed(0)} ms ` +
          dim(
            `(list query ${pct(list, 0.5).toFixed(0)} ms, counts ${pct(counts, 0.5).toFixed(0)} ms, ${rows} rows)`,
          ),
      );
    }
  } finally {
    await web.stop();
    await redis.stop();
    await mongo.stop();
  }
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

main().catch((err: unknown) => {
  console.error((err as Error).stack ?? String(err));
  process.exit(1);
});
