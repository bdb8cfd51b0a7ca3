/**
 * Keeping the reports' rollups (one per client and day, gathered per month) up to date: the worker's
 * refresh every few minutes, and the rebuild of past days an operator runs (`npm run reports:rebuild`).
 * A day is always rebuilt whole from its calls, messages and notifications, never incremented: a
 * rebuild can run twice, concurrently or after a crash and still give the same figures.
 */
import {
  addCall,
  addDelivery,
  addMessage,
  emptyDay,
  localDayAndHour,
  type DayRollup,
} from '../domain/report-day';
import { daysBetween, shiftDay } from '../domain/report-figures';
import { localDate } from '../domain/zoned-time';
import { listClients, type Client } from '../store/clients';
import {
  changedSince,
  changesSeenUntil,
  eachCallStarted,
  eachDeliveryCreated,
  eachMessageCreated,
  rebuildMonthRollup,
  saveDayRollups,
  setChangesSeenUntil,
} from '../store/report-rollups';
import { callerKey } from './caller-key';

export type RollupDeps = {
  now: () => Date;
  /** The secret of callers' fingerprints (repeat callers are counted without keeping numbers). */
  callerKeySecret: string;
};

/** Days to rebuild, per client id: `YYYY-MM-DD` in that client's time zone. */
export type RollupTargets = Map<string, Set<string>>;

/** Time zones span UTC−12 to UTC+14: this margin around UTC days covers every client's local day. */
const ZONE_MARGIN_MS = 15 * 3600_000;

function addTarget(targets: RollupTargets, clientId: string, day: string): void {
  const days = targets.get(clientId) ?? new Set<string>();
  days.add(day);
  targets.set(clientId, days);
}

/** Consecutive days gathered into runs, so scattered days do not make one long range to read. */
function dayRuns(days: readonly string[]): { from: string; to: string }[] {
  const runs: { from: string; to: string }[] = [];
  for (const day of [...new Set(days)].sort()) {
    const last = runs[runs.length - 1];
    if (last && shiftDay(last.to, 1) >= day) last.to = day;
    else runs.push({ from: day, to: day });
  }
  return runs;
}

/**
 * Rebuilds the targeted days in one pass over each source: every record of the targeted clients in
 * the runs of targeted days is added to its client's local day when that day is targeted.
 * Answers the number of day rollups written. Holds the targeted days' rollups in memory (a few KB
 * each), never the records: callers bound the targets (rebuildRange cuts a long range in passes).
 */
export async function rebuildDays(
  deps: RollupDeps,
  clients: readonly Client[],
  targets: RollupTargets,
): Promise<number> {
  const zoneOf = new Map(clients.map((c) => [c.id, c.timezone]));
  const rollups = new Map<string, DayRollup>();
  for (const [id, days] of targets) {
    if (!zoneOf.has(id)) continue;
    for (const day of days) rollups.set(`${id}:${day}`, emptyDay(id, day));
  }
  if (rollups.size === 0) return 0;
  const range = {
    clientIds: [...new Set([...rollups.values()].map((r) => r.clientId))],
    windows: dayRuns([...rollups.values()].map((r) => r.day)).map((run) => ({
      from: new Date(Date.parse(`${run.from}T00:00:00Z`) - ZONE_MARGIN_MS),
      to: new Date(Date.parse(`${shiftDay(run.to, 1)}T00:00:00Z`) + ZONE_MARGIN_MS),
    })),
  };
  const keyOf = (phone: string) => callerKey(deps.callerKeySecret, phone).slice(0, 16);
  const dayOf = (clientId: string, at: Date) =>
    rollups.get(`${clientId}:${localDayAndHour(at, zoneOf.get(clientId)!).day}`);
  await eachCallStarted(range, (call) => {
    const day = dayOf(call.clientId, call.startedAt);
    if (day) addCall(day, call, zoneOf.get(call.clientId)!, keyOf);
  });
  await eachMessageCreated(range, (m) => {
    const day = dayOf(m.clientId, m.createdAt);
    if (day) addMessage(day, m);
  });
  await eachDeliveryCreated(range, (d) => {
    const day = dayOf(d.clientId, d.createdAt);
    if (day) addDelivery(day, d);
  });
  const builtAt = deps.now();
  await saveDayRollups([...rollups.values()], builtAt);
  const months = new Set([...rollups.values()].map((r) => `${r.clientId}|${r.day.slice(0, 7)}`));
  for (const key of months) {
    const [clientId, month] = key.split('|') as [string, string];
    await rebuildMonthRollup(clientId, month, builtAt);
  }
  return rollups.size;
}

/** How far back the refresh looks for changes when it has no record of its last look. */
const FIRST_LOOK_MS = 24 * 3600_000;
/** Records written while the last look ran are seen by the next one. */
const LOOK_OVERLAP_MS = 5 * 60_000;

/**
 * The worker's refresh: each active client's today and yesterday (calls still coming in, messages
 * handled the next morning), plus the day of every call, message or notification written since the
 * last look (a message handled a week later changes its week-old day).
 */
export async function refreshRollups(deps: RollupDeps): Promise<{ days: number; changed: number }> {
  const now = deps.now();
  const clients = await listClients();
  const byId = new Map(clients.map((c) => [c.id, c]));
  const targets: RollupTargets = new Map();
  for (const c of clients.filter((x) => x.active)) {
    const today = localDate(now, c.timezone);
    addTarget(targets, c.id, today);
    addTarget(targets, c.id, shiftDay(today, -1));
  }
  const seen = (await changesSeenUntil()) ?? new Date(now.getTime() - FIRST_LOOK_MS);
  const changed = await changedSince(new Date(seen.getTime() - LOOK_OVERLAP_MS));
  for (const record of changed) {
    const client = byId.get(record.clientId);
    if (client) addTarget(targets, client.id, localDate(record.at, client.timezone));
  }
  const days = await rebuildDays(deps, clients, targets);
  await setChangesSeenUntil(now);
  return { days, changed: changed.length };
}

export type RebuildRange = {
  /** Clients to rebuild; all when omitted. */
  clientIds?: readonly string[];
  /** First and last day, `YYYY-MM-DD`, inclusive, in each client's calendar. */
  from: string;
  to: string;
};

/**
 * Client-days one pass of a rebuild holds (a few KB each): 20 clients get a year per pass, 1,000
 * clients 20 days. Each pass reads every source once, which FerretDB does by scanning it whole.
 */
const CLIENT_DAYS_PER_PASS = 20_000;

/** Consecutive days cut in passes of at most `clientDaysPerPass` client-days (one day at least). */
export function rebuildPasses(
  days: readonly string[],
  clientCount: number,
  clientDaysPerPass = CLIENT_DAYS_PER_PASS,
): string[][] {
  const perPass = Math.max(1, Math.floor(clientDaysPerPass / Math.max(1, clientCount)));
  const passes: string[][] = [];
  for (let i = 0; i < days.length; i += perPass) passes.push(days.slice(i, i + perPass));
  return passes;
}

/** The operator's rebuild of past days, in passes of consecutive days (see CLIENT_DAYS_PER_PASS). */
export async function rebuildRange(
  deps: RollupDeps,
  range: RebuildRange,
  onProgress?: (pass: { from: string; to: string }, done: number, total: number) => void,
): Promise<{ clients: number; days: number }> {
  const all = await listClients();
  const clients = range.clientIds ? all.filter((c) => range.clientIds!.includes(c.id)) : all;
  if (clients.length === 0) return { clients: 0, days: 0 };
  const passes = rebuildPasses(daysBetween(range.from, range.to), clients.length);
  let written = 0;
  for (const [i, passDays] of passes.entries()) {
    const targets: RollupTargets = new Map(clients.map((c) => [c.id, new Set(passDays)]));
    written += await rebuildDays(deps, clients, targets);
    onProgress?.({ from: passDays[0]!, to: passDays[passDays.length - 1]! }, i + 1, passes.length);
  }
  return { clients: clients.length, days: written };
}
