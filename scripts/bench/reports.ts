/**
 * `npm run bench:reports`: a year of realistic history for 20 clients (scripts/lib/report-history.ts)
 * in a fresh FerretDB, then the time to insert it, to rebuild its rollups (`rebuildRange`), to read
 * reports (`readReport`, all clients and one, a week, a month and a year), to serve the /reports
 * page in the real web app, and one 5-minute refresh of the worker. Prints figures; never fails on
 * speed. BENCH_CLIENTS, BENCH_DAYS and BENCH_RUNS change the size.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { readReport, reportQuerySchema } from '../../src/app/reports';
import { rebuildRange, refreshRollups } from '../../src/app/report-rollups';
import { parseEnv } from '../../src/config/env';
import type { Actor } from '../../src/domain/access';
import { localDate } from '../../src/domain/zoned-time';
import { createLogger } from '../../src/infra/logger';
import { startWeb } from '../../src/main/runtime';
import { createClient, type Client } from '../../src/store/clients';
import { setChangesSeenUntil } from '../../src/store/report-rollups';
import { createUser } from '../../src/store/users';
import { bold, dim, green, seconds, step, yellow } from '../lib/console';
import { generateHistory, lastDays, writeHistory, type HistoryAssistant } from '../lib/report-history';
import { DEMO_CLIENT } from '../lib/seed';
import { ensureRedis, ROOT, startFerretDB } from '../lib/services';
import { row, signIn, timePages } from './web-http';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 20);
const DAYS = Number(process.env.BENCH_DAYS ?? 365);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const HTTP_RUNS = Number(process.env.BENCH_HTTP_RUNS ?? 10);
const SCENARIO_MS = 60_000;
const PASSWORD = 'bench-password-123';

async function makeClients(): Promise<Client[]> {
  const clients: Client[] = [];
  for (let i = 0; i < CLIENTS; i++) {
    const number = `+3318001${String(i).padStart(4, '0')}`;
    clients.push(await createClient({ ...DEMO_CLIENT, name: `Cabinet ${i + 1}`, numbers: [number] }));
  }
  return clients;
}

async function makeAssistants(clients: Client[]): Promise<HistoryAssistant[]> {
  const names = ['Camille Besson', 'Julien Roux', 'Inès Garcia', 'Hugo Lemaire'];
  const ids = clients.map((c) => c.id);
  return Promise.all(
    names.map(async (name, i) => {
      const user = await createUser({
        email: `assistant${i}@bench.local`,
        name,
        role: 'assistant',
        password: PASSWORD,
        clientIds: ids,
      });
      return { id: user.id, name };
    }),
  );
}

/** Writes each client's year, one client at a time (a year of one client is a few MB in memory). */
async function insertHistory(clients: Client[], assistants: HistoryAssistant[], now: Date) {
  const totals = { calls: 0, messages: 0, deliveries: 0, contacts: 0 };
  const started = Date.now();
  for (const [i, client] of clients.entries()) {
    const history = generateHistory({
      client,
      assistants: [...assistants.slice(i % 4), ...assistants.slice(0, i % 4)],
      ...lastDays(localDate(now, client.timezone), DAYS),
      now,
      seed: 42,
      // 15 to 25 calls on an ordinary weekday, depending on the client.
      callsPerWeekday: 15 + ((i * 7) % 11),
    });
    await writeHistory(history);
    totals.calls += history.calls.length;
    totals.messages += history.messages.length;
    totals.deliveries += history.deliveries.length;
    totals.contacts += history.contacts.length;
    console.log(
      dim(`  client ${i + 1}/${clients.length}: ${history.calls.length} calls (${seconds(started)})`),
    );
  }
  const docs = totals.calls + totals.messages + totals.deliveries + totals.contacts;
  const s = (Date.now() - started) / 1000;
  console.log(
    `${green('✓')} inserted ${totals.calls} calls, ${totals.messages} messages, ${totals.deliveries} deliveries, ` +
      `${totals.contacts} contacts in ${bold(`${s.toFixed(1)} s`)} ${dim(`(${Math.round(docs / s)} documents/s)`)}`,
  );
}

async function timeReads(admin: Actor, clients: Client[], today: string) {
  const from = lastDays(today, 365).from;
  const periods: [string, Record<string, string>][] = [
    ['week', { period: 'week' }],
    ['month', { period: 'month' }],
    ['custom 365 days', { period: 'custom', from, to: today }],
  ];
  step(`readReport, ${RUNS} runs each (median and p95)`);
  for (const [scope, client] of [
    [`${clients.length} clients`, {}],
    ['one client', { client: clients[0]!.id }],
  ] as const) {
    for (const [label, period] of periods) {
      const query = reportQuerySchema.parse({ ...client, ...period });
      const times: number[] = [];
      const scenarioStarted = Date.now();
      // A slow scenario stops after a minute (3 runs at least), so the whole run stays short.
      while (times.length < RUNS && (times.length < 3 || Date.now() - scenarioStarted < SCENARIO_MS)) {
        const started = performance.now();
        await readReport(admin, query);
        times.push(performance.now() - started);
      }
      console.log(row(`${scope}, ${label}`, times, times.length < RUNS ? `${times.length} runs` : ''));
    }
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  const dir = path.join(ROOT, 'var', 'bench-reports');
  rmSync(dir, { recursive: true, force: true });
  const mongo = await startFerretDB(path.join(dir, 'ferretdb'), 'bench_reports');
  const redis = await ensureRedis(path.join(dir, 'redis'));
  const config = parseEnv({
    NODE_ENV: 'development',
    PORT: '0',
    MONGODB_URI: mongo.url,
    REDIS_URL: redis.url,
  });
  const logger = createLogger({ level: 'error', json: true });
  const web = await startWeb(config, { logger, host: '127.0.0.1' });
  const deps = { now: () => new Date(), callerKeySecret: config.callerKeySecret };
  try {
    const now = new Date();
    const today = localDate(now, 'Europe/Paris');
    step(`${CLIENTS} clients, ${DAYS} days of history each, in a fresh FerretDB`);
    const clients = await makeClients();
    const assistants = await makeAssistants(clients);
    const adminUser = await createUser({
      email: 'admin@bench.local',
      name: 'Bench admin',
      role: 'admin',
      password: PASSWORD,
      clientIds: [],
    });
    await insertHistory(clients, assistants, now);

    const range = lastDays(today, DAYS);
    step(`Rebuilding the rollups of ${range.from} to ${range.to} (rebuildRange, every client)`);
    const rebuildStarted = Date.now();
    const rebuilt = await rebuildRange(deps, range, (pass, done, total) =>
      console.log(dim(`  ${pass.from} to ${pass.to} ✓ pass ${done}/${total} (${seconds(rebuildStarted)})`)),
    );
    console.log(`${green('✓')} ${rebuilt.days} day rollups rebuilt in ${bold(seconds(rebuildStarted))}`);

    const admin: Actor = {
      type: 'user',
      id: adminUser.id,
      label: adminUser.email,
      name: adminUser.name,
      role: 'admin',
      clientIds: [],
    };
    await timeReads(admin, clients, today);

    const base = `http://127.0.0.1:${web.port}`;
    const cookie = await signIn(base, adminUser.email, PASSWORD);
    step(`GET /reports, ${HTTP_RUNS} runs each (client time; the server's from Server-Timing)`);
    const year = `period=custom&from=${lastDays(today, 365).from}&to=${today}`;
    const one = `client=${clients[0]!.id}&`;
    const merged = await timePages(
      base,
      cookie,
      [
        ['all clients, week', '/reports?period=week'],
        ['all clients, month', '/reports?period=month'],
        ['all clients, year', `/reports?${year}`],
        ['one client, week', `/reports?${one}period=week`],
        ['one client, month', `/reports?${one}period=month`],
        ['one client, year', `/reports?${one}${year}`],
      ],
      HTTP_RUNS,
    );
    if (!merged) console.log(`  ${yellow('page not merged yet')} ${dim('(GET /reports answered 404)')}`);

    step('One 5-minute refresh of the worker (refreshRollups) on this year of data');
    await setChangesSeenUntil(new Date(Date.now() - 5 * 60_000));
    const refreshStarted = Date.now();
    const refreshed = await refreshRollups(deps);
    console.log(
      `${green('✓')} refresh: ${refreshed.days} day rollups rebuilt, ${refreshed.changed} records changed, ` +
        `in ${bold(seconds(refreshStarted))}`,
    );
    console.log(dim(`whole benchmark: ${seconds(started)}`));
  } finally {
    await web.stop();
    await redis.stop();
    await mongo.stop();
  }
}

main().catch((err: unknown) => {
  console.error((err as Error).stack ?? String(err));
  process.exit(1);
});
