/**
 * `npm run bench:calls -- [--concurrency 50] [--duration 30] [--prefill 100000] …`
 *
 * Complete message-taking calls against the running service (the demo client by default), with what
 * each one costs: MongoDB commands and Redis round trips (the service's /metrics), CPU of the web
 * service, the worker, FerretDB, Redis and this generator (/proc), messages stored per call and
 * duplicates (the store itself); then the incoming webhook alone against two baselines. A benchmark,
 * not a test: it never fails on speed.
 */
import { randomInt } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseEnv } from '../../src/config/env';
import { withDevServices } from '../lib/services';
import type { CallerStep } from '../simulator/behaviour';
import { step } from '../lib/console';
import { DEMO_NUMBER } from '../lib/seed';
import { playCall } from './call-driver';
import { TwilioClient } from './http';
import { compareIncoming } from './incoming';
import { runLoad, type LoadResult } from './load';
import { cpuBetween, cpuMs, machineCores, portOf, snapshot, watch } from './processes';
import { print, summarise } from './report';
import { mongoDelta, redisDelta, scrape, settle } from './scrape';
import { connectStore, disconnectStore, prefill, storedSince, type StoredFigures } from './call-store';

const HELP = `Usage: npm run bench:calls -- [--concurrency 50] [--duration 30] [--base-url URL] [--to NUMBER]
         [--prefill N] [--baseline-duration 10] [--no-baseline] [--worker-metrics-url URL] [--worker-pid PID]
Complete message-taking calls against the running service (default PUBLIC_BASE_URL, the demo client's
number), then the incoming webhook alone against the service and two baselines. --prefill N first
inserts N past messages and N calls for that client. Results in var/bench/.
`;

/**
 * The call mix: a message taken by keypad and speech, then one by speech wherever the flow listens
 * for it (the callback-number confirmation takes the keypad only).
 */
const CALLER_MIX: CallerStep[][] = [
  [
    { kind: 'press', digits: '2' },
    { kind: 'say', text: 'Camille Martin' },
    { kind: 'say', text: 'Je voudrais un devis pour refaire la salle de bains' },
    { kind: 'press', digits: '1' },
    { kind: 'press', digits: '2' },
    { kind: 'press', digits: '1' },
  ],
  [
    { kind: 'say', text: 'Je voudrais laisser un message' },
    { kind: 'say', text: 'Paul Lemaire' },
    { kind: 'say', text: 'Je rappelle au sujet de ma facture' },
    { kind: 'press', digits: '1' },
    { kind: 'say', text: 'non' },
    { kind: 'say', text: 'oui' },
  ],
];

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      concurrency: { type: 'string', default: '50' },
      duration: { type: 'string', default: '30' },
      'base-url': { type: 'string' },
      to: { type: 'string', default: process.env.BENCH_TO ?? DEMO_NUMBER },
      prefill: { type: 'string', default: '0' },
      'baseline-duration': { type: 'string', default: '10' },
      'no-baseline': { type: 'boolean', default: false },
      'worker-metrics-url': { type: 'string' },
      'worker-pid': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const concurrency = positive(values.concurrency, '--concurrency');
  const durationMs = positive(values.duration, '--duration') * 1000;
  const baselineMs = positive(values['baseline-duration'], '--baseline-duration') * 1000;
  const prefillCount = Number(values.prefill) || 0;
  const config = parseEnv(withDevServices(process.env));
  const baseUrl = (values['base-url'] ?? config.publicBaseUrl).replace(/\/+$/, '');
  const publicBaseUrl = process.env.PUBLIC_BASE_URL ? config.publicBaseUrl : baseUrl;
  const token = config.adminApiToken;
  const webMetrics = `${baseUrl}/metrics`;
  const workerMetrics =
    values['worker-metrics-url'] ??
    (config.workerMetricsPort ? `http://127.0.0.1:${config.workerMetricsPort}/metrics` : null);

  try {
    await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(2000) });
  } catch {
    process.stderr.write(
      `The service does not answer at ${baseUrl}/healthz: start it, or pass --base-url.\n`,
    );
    return 1;
  }
  const storeReachable = await connectStore(config.mongodbUri).then(
    () => true,
    (err: Error) => (
      process.stderr.write(`MongoDB not reachable (${err.message}): store figures n/a\n`),
      false
    ),
  );
  if (prefillCount > 0) {
    if (!storeReachable) throw new Error('--prefill needs MONGODB_URI to reach the store');
    step(`pre-filling the store with ${prefillCount} messages and ${prefillCount} calls`);
    const { seconds } = await prefill(values.to, prefillCount);
    step(`pre-filled in ${seconds.toFixed(1)} s`);
  }

  const watched = watch({
    servicePort: portOf(baseUrl, 80),
    mongodbUri: config.mongodbUri,
    redisUrl: config.redisUrl,
    ...(values['worker-pid'] ? { workerPid: Number(values['worker-pid']) } : {}),
  });
  const client = new TwilioClient(
    { baseUrl, publicBaseUrl, authToken: config.twilio.authToken },
    concurrency,
  );
  const outcomes: Record<string, number> = {};
  const runStart = new Date(Date.now() - 1000);
  const [webBefore, workerBefore] = await Promise.all([
    scrape(webMetrics, token),
    scrape(workerMetrics, token),
  ]);
  const cpuBefore = snapshot(watched);

  const calls: LoadResult = await runLoad(
    'calls   ',
    concurrency,
    durationMs,
    async (index) => {
      const result = await playCall(client, {
        accountSid: config.twilio.accountSid,
        // A caller the service has never seen: a known one skips the name question.
        from: `+336${String(randomInt(10_000_000, 99_999_999))}`,
        to: values.to,
        caller: CALLER_MIX[index % CALLER_MIX.length]!,
      });
      outcomes[result.outcome] = (outcomes[result.outcome] ?? 0) + 1;
      const ok = result.outcome === 'message stored' && result.samples.every((s) => s.ok);
      return { ok, samples: result.samples };
    },
    () => `fail-safes ${outcomes['fail-safe'] ?? 0}`,
  );
  const cpuAfter = snapshot(watched);
  const webAfter = await scrape(webMetrics, token);
  await client.close();
  const workerAfter = await settle(workerMetrics, token);
  const worker = watched.find((w) => w.role === 'worker')!;
  const workerTrail = cpuMs(worker);
  const workerStart = cpuBefore.byRole.get('worker');

  const complete = outcomes['message stored'] ?? 0;
  let stored: StoredFigures | null = null;
  if (storeReachable) {
    stored = await storedSince(runStart).catch(() => null);
    await disconnectStore();
  }

  const incoming = values['no-baseline']
    ? {}
    : await compareIncoming({
        baseUrl,
        publicBaseUrl,
        authToken: config.twilio.authToken,
        accountSid: config.twilio.accountSid,
        to: values.to,
        concurrency,
        ms: baselineMs,
      });

  const summary = summarise({
    baseUrl,
    to: values.to,
    concurrency,
    prefilled: prefillCount,
    calls,
    outcomes,
    complete,
    webMongo: mongoDelta(webBefore, webAfter, complete),
    workerMongo: mongoDelta(workerBefore, workerAfter, complete),
    webRedis: redisDelta(webBefore, webAfter, calls.samples.length),
    workerRedis: redisDelta(workerBefore, workerAfter, complete),
    cpu: cpuBetween(watched, cpuBefore, cpuAfter),
    workerCpuMsWithTrail: workerTrail == null || workerStart == null ? null : workerTrail - workerStart,
    machineCores: machineCores(cpuBefore, cpuAfter),
    stored,
    incoming,
  });
  print(summary);
  const file = path.resolve(
    __dirname,
    '../../var/bench',
    `calls-${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
  );
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(summary, null, 2)}\n`);
  process.stdout.write(`\nResults written to ${path.relative(process.cwd(), file)}\n`);
  return 0;
}

function positive(text: string, flag: string): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${flag} needs a positive number, got "${text}"`);
  return n;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
