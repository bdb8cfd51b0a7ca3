/**
 * `npm run bench:calls -- --concurrency 50 --duration 30 [--base-url URL]`
 *
 * Runs complete simulated message-taking calls against the running service, then hammers the incoming
 * webhook of the service and of two baselines (bare node:http, minimal express + twilio) with the same
 * concurrency, and prints the figures as ratios. A benchmark, not a test: it never fails on speed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseEnv } from '../../src/config/env';
import { Transport } from '../simulator/http';
import { simulateCall, type CallerStep } from '../simulator/index';
import { baseParams, newSid } from '../simulator/params';
import { latencyStats, runLoad, type LoadResult } from './load';

const HELP = `Usage: npm run bench:calls -- [--concurrency 50] [--duration 30] [--base-url URL] [--to NUMBER]
                                [--baseline-duration 10] [--no-baseline]
Simulated message-taking calls against the running service (default PUBLIC_BASE_URL), then the incoming
webhook alone against the service and two baselines in child processes. Results in var/bench/.
`;

const INCOMING = '/webhooks/voice/incoming';

/**
 * The call mix: a message taken by keypad and speech, then one entirely by speech. Both go
 * greeting → menu → name → reason → callback number → urgency → read-back → stored.
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
    { kind: 'say', text: 'oui' },
    { kind: 'say', text: 'non' },
    { kind: 'say', text: 'oui' },
  ],
];

/** The apology of the fail-safe answer: the service missed a webhook's deadline (French and English). */
const FAIL_SAFE = /nous rencontrons un problème technique|we are experiencing a technical problem/i;

/** What the caller hears once the summary is stored (French and English closings). */
const STORED = /message a bien été transmis|message has been passed on|message has been sent/i;

interface Memory {
  rss: number;
  heapUsed: number;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      concurrency: { type: 'string', default: '50' },
      duration: { type: 'string', default: '30' },
      'base-url': { type: 'string' },
      to: { type: 'string', default: process.env.BENCH_TO ?? '+33180000000' },
      'baseline-duration': { type: 'string', default: '10' },
      'no-baseline': { type: 'boolean', default: false },
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
  const config = parseEnv(process.env);
  const baseUrl = (values['base-url'] ?? config.publicBaseUrl).replace(/\/+$/, '');
  const publicBaseUrl = process.env.PUBLIC_BASE_URL ? config.publicBaseUrl : baseUrl;

  const before = await healthMemory(baseUrl);
  if (before === 'unreachable') {
    process.stderr.write(
      `The service does not answer at ${baseUrl}/healthz: start it, or pass --base-url.\n`,
    );
  }
  const memorySamples: Memory[] = [];
  const poller = setInterval(() => {
    void healthMemory(baseUrl).then((m) => {
      if (m && m !== 'unreachable') memorySamples.push(m);
    });
  }, 1000);

  const outcomes: Record<string, number> = {};
  const calls = await runLoad('calls   ', concurrency, durationMs, async (index) => {
    const report = await simulateCall({
      to: values.to,
      from: `+3361${String(10_000_000 + (index % 89_999_999)).padStart(8, '0')}`,
      caller: CALLER_MIX[index % CALLER_MIX.length]!,
      baseUrl,
      publicBaseUrl,
    });
    // A call counts as complete only when the caller heard that the message was stored.
    const degraded = report.heard.some((h) => FAIL_SAFE.test(h.text));
    const stored = !degraded && report.heard.some((h) => STORED.test(h.text));
    // A caller moved to the fail-safe recording still leaves a message, but the flow did not hold.
    const outcome = degraded ? 'fail-safe (deadline missed)' : stored ? 'message stored' : report.outcome;
    outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    const samples = report.requests.map((r) => ({
      path: r.path,
      ms: r.ms,
      ok: r.status >= 200 && r.status < 300,
    }));
    return { ok: stored && samples.every((s) => s.ok), samples };
  });
  clearInterval(poller);
  const after = await healthMemory(baseUrl);

  const incoming: Record<string, LoadResult> = {};
  if (!values['no-baseline']) {
    incoming.service = await hammer('service ', baseUrl, publicBaseUrl, values.to, concurrency, baselineMs);
    for (const kind of ['bare', 'express'] as const) {
      const child = await startBaseline(kind);
      try {
        incoming[kind] = await hammer(
          `${kind.padEnd(8)}`,
          child.url,
          child.url,
          values.to,
          concurrency,
          baselineMs,
        );
      } finally {
        child.process.kill('SIGTERM');
      }
    }
  }

  const results = summarise({
    baseUrl,
    concurrency,
    calls,
    outcomes,
    incoming,
    before,
    after,
    memorySamples,
  });
  print(results);
  const file = path.resolve(
    __dirname,
    '../../var/bench',
    `calls-${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
  );
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`\nResults written to ${path.relative(process.cwd(), file)}\n`);
  return before === 'unreachable' ? 1 : 0;
}

/** The incoming webhook alone, signed like Twilio, each request a new call. */
function hammer(
  label: string,
  baseUrl: string,
  publicBaseUrl: string,
  to: string,
  concurrency: number,
  ms: number,
) {
  const transport = new Transport({
    publicBaseUrl,
    targetBaseUrl: baseUrl,
    authToken: parseEnv(process.env).twilio.authToken,
  });
  const accountSid = parseEnv(process.env).twilio.accountSid;
  const unit = async () => {
    const exchange = await transport.send({
      url: transport.publicUrl(INCOMING),
      method: 'POST',
      leg: 'caller',
      purpose: 'incoming',
      expectTwiml: true,
      params: baseParams(
        { callSid: newSid('CA'), accountSid, from: '+33612345678', to, direction: 'inbound' },
        'ringing',
      ),
    });
    const ok = exchange.problems.length === 0;
    return { ok, samples: [{ path: INCOMING, ms: exchange.record.ms, ok }] };
  };
  // A freshly started process is still compiling its hot paths: warm it up before measuring.
  return runLoad(`${label.trim()} warm-up`, concurrency, 1000, unit).then(() =>
    runLoad(label, concurrency, ms, unit),
  );
}

async function startBaseline(kind: 'bare' | 'express'): Promise<{ url: string; process: ChildProcess }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(__dirname, 'baseline-server.ts'), kind],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let buffer = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const match = /READY (\d+)/.exec(buffer);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`baseline ${kind} exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}`, process: child };
}

async function healthMemory(baseUrl: string): Promise<Memory | null | 'unreachable'> {
  try {
    const response = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(2000) });
    const body = (await response.json().catch(() => null)) as { memory?: Partial<Memory> } | null;
    const memory = body?.memory;
    return typeof memory?.rss === 'number' && typeof memory.heapUsed === 'number'
      ? { rss: memory.rss, heapUsed: memory.heapUsed }
      : null;
  } catch {
    return 'unreachable';
  }
}

interface Inputs {
  baseUrl: string;
  concurrency: number;
  calls: LoadResult;
  outcomes: Record<string, number>;
  incoming: Record<string, LoadResult>;
  before: Memory | null | 'unreachable';
  after: Memory | null | 'unreachable';
  memorySamples: Memory[];
}

function summarise({
  baseUrl,
  concurrency,
  calls,
  outcomes,
  incoming,
  before,
  after,
  memorySamples,
}: Inputs) {
  const ms = (result: LoadResult, filter?: string) =>
    latencyStats(result.samples.filter((s) => !filter || s.path === filter).map((s) => s.ms));
  const phase = (result: LoadResult) => ({
    requestsPerSecond: round(result.units / result.seconds),
    errors: result.failedUnits,
    latencyMs: ms(result),
  });
  const baselines = Object.fromEntries(
    Object.entries(incoming).map(([name, result]) => [name, phase(result)]),
  );
  const service = baselines.service?.latencyMs;
  const ratio = (name: string) => {
    const other = baselines[name];
    if (!service || !other?.latencyMs) return null;
    return {
      p50: round(service.p50 / other.latencyMs.p50),
      p95: round(service.p95 / other.latencyMs.p95),
      throughput: round(other.requestsPerSecond / (baselines.service?.requestsPerSecond || 1)),
    };
  };
  const memory = (m: Memory | null | 'unreachable') => (m && m !== 'unreachable' ? m : null);
  return {
    at: new Date().toISOString(),
    baseUrl,
    concurrency,
    node: process.version,
    calls: {
      seconds: round(calls.seconds),
      completed: calls.units,
      callsPerSecond: round(calls.units / calls.seconds),
      failed: calls.failedUnits,
      outcomes,
      webhookRequests: calls.samples.length,
      failedRequests: calls.samples.filter((s) => !s.ok).length,
      latencyMs: ms(calls),
      incomingLatencyMs: ms(calls, INCOMING),
    },
    serverMemory: {
      before: memory(before),
      after: memory(after),
      maxRss: memorySamples.length ? Math.max(...memorySamples.map((m) => m.rss)) : null,
    },
    incomingOnly: baselines,
    /** Service latency ÷ baseline latency; throughput: baseline req/s ÷ service req/s. */
    ratios: { vsBare: ratio('bare'), vsExpress: ratio('express') },
  };
}

function print(results: ReturnType<typeof summarise>): void {
  const { calls } = results;
  const lat = (s: ReturnType<typeof latencyStats>) =>
    s ? `p50 ${s.p50}  p95 ${s.p95}  p99 ${s.p99}  max ${s.max} ms  (${s.count})` : 'no samples';
  const mb = (bytes: number | null | undefined) =>
    bytes == null ? 'n/a' : `${(bytes / 1048576).toFixed(1)} MB`;
  const lines = [
    `\nService ${results.baseUrl}, concurrency ${results.concurrency}, ${calls.seconds} s`,
    `  calls          ${calls.completed} completed, ${calls.callsPerSecond} calls/s, ${calls.failed} failed`,
    `  outcomes       ${
      Object.entries(calls.outcomes)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ') || 'none'
    }`,
    `  webhooks       ${calls.webhookRequests} requests, ${calls.failedRequests} failed`,
    `  latency all    ${lat(calls.latencyMs)}`,
    `  latency incoming ${lat(calls.incomingLatencyMs)}`,
    `  server memory  rss ${mb(results.serverMemory.before?.rss)} → ${mb(results.serverMemory.after?.rss)} (max ${mb(results.serverMemory.maxRss)}), heap ${mb(results.serverMemory.before?.heapUsed)} → ${mb(results.serverMemory.after?.heapUsed)}` +
      (results.serverMemory.before ? '' : '  (GET /healthz has no memory field)'),
  ];
  if (Object.keys(results.incomingOnly).length) {
    lines.push('\nIncoming webhook alone, same concurrency:');
    for (const [name, phase] of Object.entries(results.incomingOnly)) {
      lines.push(
        `  ${name.padEnd(8)} ${phase.requestsPerSecond} req/s, ${phase.errors} errors, ${lat(phase.latencyMs)}`,
      );
    }
    for (const [name, ratio] of Object.entries(results.ratios)) {
      if (ratio) {
        lines.push(
          `  service ${name}: latency ×${ratio.p50} at p50, ×${ratio.p95} at p95; baseline throughput ×${ratio.throughput}`,
        );
      }
    }
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

function positive(text: string, flag: string): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${flag} needs a positive number, got "${text}"`);
  return n;
}

const round = (n: number) => Math.round(n * 100) / 100;

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
