/**
 * Who does the work during a run: the processes behind the service's port, the worker, FerretDB and
 * Redis (found by listening port with `ss`, the worker by its command line in the web's folder), and
 * their CPU time read from /proc/<pid>/stat. Linux only; elsewhere every figure is n/a.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = Number(safe(() => execFileSync('getconf', ['CLK_TCK']).toString().trim())) || 100;

export type Role = 'web' | 'worker' | 'ferretdb' | 'redis' | 'generator';

export interface Watched {
  role: Role;
  pid: number | null;
  /** How it was found, or why not. */
  note: string;
}

function safe<T>(fn: () => T): T | null {
  try {
    return fn();
  } catch {
    return null;
  }
}

/** The pid listening on a loopback TCP port, from `ss -ltnpH`. */
export function pidListeningOn(port: number): number | null {
  const out = safe(() => execFileSync('ss', ['-ltnpH', `sport = :${port}`]).toString());
  const match = out && /pid=(\d+)/.exec(out);
  return match ? Number(match[1]) : null;
}

function cmdline(pid: number): string {
  return safe(() => readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ')) ?? '';
}

/** The worker process started from the same folder as the web process (`npm run worker`, `npm run dev`). */
export function findWorker(webPid: number | null): number | null {
  const cwd = webPid ? safe(() => readlinkSync(`/proc/${webPid}/cwd`)) : null;
  for (const entry of safe(() => readdirSync('/proc')) ?? []) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    if (!/src\/main\/worker\.(ts|js)/.test(cmdline(pid))) continue;
    if (!cwd || safe(() => readlinkSync(`/proc/${pid}/cwd`)) === cwd) return pid;
  }
  return null;
}

export function portOf(url: string, fallback: number): number {
  const port = safe(() => new URL(url).port);
  return port ? Number(port) : fallback;
}

/** CPU milliseconds (user + system) a process has used so far; the generator asks its own runtime. */
export function cpuMs(watched: Watched): number | null {
  if (watched.role === 'generator') {
    const usage = process.cpuUsage();
    return (usage.user + usage.system) / 1000;
  }
  if (watched.pid === null) return null;
  const stat = safe(() => readFileSync(`/proc/${watched.pid}/stat`, 'utf8'));
  if (!stat) return null;
  // Fields after the command name, which may contain spaces: state is field 3, utime 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND) * 1000;
}

/** Busy and total CPU milliseconds of the whole machine, from /proc/stat. */
export function machineMs(): { busy: number; total: number } | null {
  const line = safe(() => readFileSync('/proc/stat', 'utf8').split('\n')[0]);
  if (!line?.startsWith('cpu ')) return null;
  const ticks = line.trim().split(/\s+/).slice(1).map(Number);
  const total = ticks.reduce((a, b) => a + b, 0);
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
  const ms = (t: number) => (t / TICKS_PER_SECOND) * 1000;
  return { busy: ms(total - idle), total: ms(total) };
}

export interface Targets {
  servicePort: number;
  mongodbUri: string;
  redisUrl: string;
  workerPid?: number;
}

export function watch(targets: Targets): Watched[] {
  const web = pidListeningOn(targets.servicePort);
  const worker = targets.workerPid ?? findWorker(web);
  const ferret = pidListeningOn(portOf(targets.mongodbUri, 27017));
  const redis = pidListeningOn(portOf(targets.redisUrl, 6379));
  const found = (pid: number | null, how: string) => (pid ? how : 'not found');
  return [
    { role: 'web', pid: web, note: found(web, `listening on ${targets.servicePort}`) },
    {
      role: 'worker',
      pid: worker,
      note: found(worker, targets.workerPid ? '--worker-pid' : 'by command line'),
    },
    { role: 'ferretdb', pid: ferret, note: found(ferret, 'MONGODB_URI port') },
    { role: 'redis', pid: redis, note: found(redis, 'REDIS_URL port (shared with anything else using it)') },
    { role: 'generator', pid: process.pid, note: 'this process' },
  ];
}

export type CpuSnapshot = {
  at: number;
  machine: ReturnType<typeof machineMs>;
  byRole: Map<Role, number | null>;
};

export function snapshot(watched: Watched[]): CpuSnapshot {
  return {
    at: performance.now(),
    machine: machineMs(),
    byRole: new Map(watched.map((w) => [w.role, cpuMs(w)])),
  };
}

export interface CpuFigure {
  role: Role;
  pid: number | null;
  note: string;
  cpuMs: number | null;
  /** CPU time over wall time: 1 is one core busy all along. */
  cores: number | null;
  /** Share of the machine's busy CPU time during the run. */
  share: number | null;
}

export function cpuBetween(watched: Watched[], before: CpuSnapshot, after: CpuSnapshot): CpuFigure[] {
  const wallMs = after.at - before.at;
  const busy = before.machine && after.machine ? after.machine.busy - before.machine.busy : null;
  return watched.map((w) => {
    const a = before.byRole.get(w.role);
    const b = after.byRole.get(w.role);
    const used = a == null || b == null ? null : b - a;
    return {
      role: w.role,
      pid: w.pid,
      note: w.note,
      cpuMs: used,
      cores: used === null ? null : used / wallMs,
      share: used === null || !busy ? null : used / busy,
    };
  });
}

export function machineCores(before: CpuSnapshot, after: CpuSnapshot): number | null {
  if (!before.machine || !after.machine) return null;
  return (after.machine.busy - before.machine.busy) / (after.at - before.at);
}
