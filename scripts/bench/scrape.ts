/**
 * Reads the service's own counters from `GET /metrics` (Prometheus text, admin token) before and
 * after a run. A build without /metrics answers 404: every figure is then null (printed n/a).
 */

const MONGO = 'receptionist_mongodb_commands_total';
const REDIS = 'receptionist_redis_round_trips_total';

/** Connection handshakes and heartbeats: driver housekeeping, not the work of a call. */
const MONGO_HOUSEKEEPING = new Set(['hello', 'isMaster', 'ismaster', 'ping', 'endSessions', 'saslStart']);

export interface Counters {
  /** MongoDB commands by command name. */
  mongo: Record<string, number>;
  /** Redis round trips by `connection/command`. */
  redis: Record<string, number>;
}

export async function scrape(url: string | null, token: string): Promise<Counters | null> {
  if (!url) return null;
  try {
    const response = await fetch(url, {
      headers: { Authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(3000),
    });
    if (!response.ok) return null;
    return parse(await response.text());
  } catch {
    return null;
  }
}

export function parse(text: string): Counters {
  const counters: Counters = { mongo: {}, redis: {} };
  for (const line of text.split('\n')) {
    const match = /^(\w+)\{([^}]*)\} (\S+)$/.exec(line);
    if (!match) continue;
    const [, name, rawLabels, value] = match;
    const labels = Object.fromEntries([...rawLabels!.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (name === MONGO) counters.mongo[labels.command ?? '?'] = Number(value);
    if (name === REDIS)
      counters.redis[`${labels.connection ?? '?'}/${labels.command ?? '?'}`] = Number(value);
  }
  return counters;
}

export interface CounterDelta {
  /** Commands or round trips per unit (call or webhook), housekeeping excluded. */
  perUnit: number;
  total: number;
  /** The busiest names, per unit. */
  top: [string, number][];
}

function delta(
  before: Record<string, number>,
  after: Record<string, number>,
  units: number,
  skip: (name: string) => boolean,
): CounterDelta {
  const diffs = Object.entries(after)
    .map(([name, v]) => [name, v - (before[name] ?? 0)] as [string, number])
    .filter(([name, d]) => d > 0 && !skip(name));
  const total = diffs.reduce((sum, [, d]) => sum + d, 0);
  const per = (n: number) => (units > 0 ? Math.round((n / units) * 100) / 100 : 0);
  return {
    total,
    perUnit: per(total),
    top: diffs
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8)
      .map(([name, d]) => [name, per(d)]),
  };
}

export function mongoDelta(
  before: Counters | null,
  after: Counters | null,
  units: number,
): CounterDelta | null {
  if (!before || !after) return null;
  return delta(before.mongo, after.mongo, units, (name) => MONGO_HOUSEKEEPING.has(name));
}

export function redisDelta(
  before: Counters | null,
  after: Counters | null,
  units: number,
): CounterDelta | null {
  if (!before || !after) return null;
  return delta(before.redis, after.redis, units, () => false);
}

/** Waits until the worker's MongoDB counter stops moving (its deliveries trail the calls), 15 s at most. */
export async function settle(url: string | null, token: string): Promise<Counters | null> {
  let last = await scrape(url, token);
  const deadline = Date.now() + 15_000;
  while (last && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 1000));
    const now = await scrape(url, token);
    const sum = (c: Counters | null) => Object.values(c?.mongo ?? {}).reduce((a, b) => a + b, 0);
    if (!now || sum(now) === sum(last)) return now ?? last;
    last = now;
  }
  return last;
}
