/** The call benchmark's figures: one JSON-ready summary, and its readable print. */
import { bold, dim, green, red } from '../lib/console';
import { INCOMING } from './call-driver';
import { latencyStats, type LatencyStats, type LoadResult } from './load';
import type { CpuFigure } from './processes';
import type { CounterDelta } from './scrape';
import type { StoredFigures } from './call-store';

export interface RunFigures {
  baseUrl: string;
  to: string;
  concurrency: number;
  prefilled: number;
  calls: LoadResult;
  outcomes: Record<string, number>;
  complete: number;
  webMongo: CounterDelta | null;
  workerMongo: CounterDelta | null;
  webRedis: CounterDelta | null;
  workerRedis: CounterDelta | null;
  cpu: CpuFigure[];
  workerCpuMsWithTrail: number | null;
  machineCores: number | null;
  stored: StoredFigures | null;
  incoming: Record<string, LoadResult>;
}

const round = (n: number, places = 2) => Math.round(n * 10 ** places) / 10 ** places;

export function summarise(f: RunFigures) {
  const byPath: Record<string, LatencyStats | null> = {};
  for (const p of new Set(f.calls.samples.map((s) => s.path))) {
    byPath[p] = latencyStats(f.calls.samples.filter((s) => s.path === p).map((s) => s.ms));
  }
  const webhooks = f.calls.samples.length;
  const perCall = (ms: number | null) => (ms === null || f.complete === 0 ? null : round(ms / f.complete, 1));
  const phase = (r: LoadResult) => ({
    requestsPerSecond: round(r.units / r.seconds),
    errors: r.failedUnits,
    latencyMs: latencyStats(r.samples.map((s) => s.ms)),
  });
  const incoming = Object.fromEntries(Object.entries(f.incoming).map(([k, r]) => [k, phase(r)]));
  const vs = (name: string) => {
    const service = incoming.service;
    const other = incoming[name];
    if (!service?.latencyMs || !other?.latencyMs) return null;
    return {
      p50: round(service.latencyMs.p50 / other.latencyMs.p50),
      p99: round(service.latencyMs.p99 / other.latencyMs.p99),
      throughput: round(service.requestsPerSecond / other.requestsPerSecond, 3),
    };
  };
  return {
    at: new Date().toISOString(),
    node: process.version,
    baseUrl: f.baseUrl,
    to: f.to,
    concurrency: f.concurrency,
    prefilled: f.prefilled,
    calls: {
      seconds: round(f.calls.seconds),
      started: f.calls.units,
      complete: f.complete,
      completePerSecond: round(f.complete / f.calls.seconds),
      failed: f.calls.failedUnits,
      failSafes: f.outcomes['fail-safe'] ?? 0,
      outcomes: f.outcomes,
      webhooks,
      failedWebhooks: f.calls.samples.filter((s) => !s.ok).length,
      latencyMs: latencyStats(f.calls.samples.map((s) => s.ms)),
      latencyByPathMs: byPath,
      incomingP99Ms: byPath[INCOMING]?.p99 ?? null,
    },
    mongoCommandsPerCompleteCall: { web: f.webMongo, worker: f.workerMongo },
    redisRoundTrips: {
      webPerWebhook: f.webRedis,
      workerPerCompleteCall: f.workerRedis,
    },
    cpu: {
      machineCoresBusy: f.machineCores === null ? null : round(f.machineCores),
      byProcess: f.cpu.map((c) => ({
        ...c,
        cpuMs: c.cpuMs === null ? null : Math.round(c.cpuMs),
        msPerCompleteCall: perCall(c.cpuMs),
        cores: c.cores === null ? null : round(c.cores),
        share: c.share === null ? null : round(c.share, 3),
      })),
      workerMsPerCompleteCallWithTrailingDeliveries: perCall(f.workerCpuMsWithTrail),
    },
    store: f.stored && {
      ...f.stored,
      messagesPerCompleteCall: f.complete ? round(f.stored.messages / f.complete, 3) : null,
    },
    incomingOnly: incoming,
    /** Service ÷ baseline: latency ratios (lower is better) and throughput ratio (1 = as fast). */
    vsBaselines: { bare: vs('bare'), express: vs('express') },
  };
}

export type Summary = ReturnType<typeof summarise>;

const na = 'n/a';
const lat = (s: LatencyStats | null | undefined) =>
  s ? `p50 ${s.p50}  p95 ${s.p95}  p99 ${s.p99}  max ${s.max} ms  (${s.count})` : 'no samples';
const counter = (d: CounterDelta | null, unit: string, units: number) => {
  if (!d) return `${na} (no /metrics)`;
  if (units === 0) return `${na} ${unit} (nothing complete; ${d.total} in all)`;
  return `${d.perUnit} ${unit}  ${dim(`${d.total} in all: ${d.top.map(([n, v]) => `${n} ${v}`).join(', ')}`)}`;
};

export function print(s: Summary): void {
  const c = s.calls;
  const flag = (n: number) => (n === 0 ? green(String(n)) : red(String(n)));
  const lines = [
    '',
    bold(
      `Complete message-taking calls → ${s.baseUrl} (to ${s.to}), concurrency ${s.concurrency}, ${c.seconds} s` +
        (s.prefilled ? `, store pre-filled with ${s.prefilled} messages and calls` : ''),
    ),
    `  calls/s          ${bold(String(c.completePerSecond))} complete (${c.complete} of ${c.started}), failed ${flag(c.failed)}, fail-safes ${flag(c.failSafes)}`,
    `  outcomes         ${
      Object.entries(c.outcomes)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ') || 'none'
    }`,
    `  webhooks         ${c.webhooks} requests, ${flag(c.failedWebhooks)} failed; all ${lat(c.latencyMs)}`,
    ...Object.entries(c.latencyByPathMs).map(([p, l]) => `    ${p.padEnd(34)} ${lat(l)}`),
    `  incoming p99     ${c.incomingP99Ms ?? na} ms`,
    `  MongoDB / call   web ${counter(s.mongoCommandsPerCompleteCall.web, 'commands', c.complete)}`,
    `                   worker ${counter(s.mongoCommandsPerCompleteCall.worker, 'commands', c.complete)}`,
    `  Redis            web ${counter(s.redisRoundTrips.webPerWebhook, 'round trips per webhook', c.webhooks)}`,
    `                   worker ${counter(s.redisRoundTrips.workerPerCompleteCall, 'round trips per call', c.complete)}`,
    `  stored           ${s.store ? `${s.store.messages} messages for ${s.store.calls} calls, ${s.store.messagesPerCompleteCall ?? na} per complete call, duplicated calls ${flag(s.store.duplicatedCalls)} (${s.store.extraMessages} extra messages)` : `${na} (MongoDB not reachable from the bench)`}`,
    `  CPU              machine busy ${s.cpu.machineCoresBusy ?? na} cores`,
    ...s.cpu.byProcess.map(
      (p) =>
        `    ${p.role.padEnd(10)} ${p.cpuMs === null ? na.padStart(7) : `${p.cpuMs} ms`.padStart(10)}  ${p.msPerCompleteCall ?? na} ms/call  ${p.cores ?? na} cores  ${p.share === null ? na : `${Math.round(p.share * 100)} %`} of busy  ${dim(`pid ${p.pid ?? '-'}, ${p.note}`)}`,
    ),
    `    ${dim(`worker incl. deliveries finishing after the run: ${s.cpu.workerMsPerCompleteCallWithTrailingDeliveries ?? na} ms/call`)}`,
  ];
  if (Object.keys(s.incomingOnly).length) {
    lines.push('', bold('Incoming webhook alone, same concurrency and driver:'));
    for (const [name, phase] of Object.entries(s.incomingOnly)) {
      lines.push(
        `  ${name.padEnd(8)} ${String(phase.requestsPerSecond).padStart(8)} req/s, ${phase.errors} errors, ${lat(phase.latencyMs)}`,
      );
    }
    for (const [name, r] of Object.entries(s.vsBaselines)) {
      if (r)
        lines.push(
          `  service vs ${name}: latency ×${r.p50} at p50, ×${r.p99} at p99; throughput ×${r.throughput}`,
        );
    }
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}
