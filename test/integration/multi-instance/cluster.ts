/**
 * A small deployment for the multi-instance test: a private FerretDB and redis-server (so the test
 * may pause or stop them without disturbing the suite's shared ones), and real `npm start` and
 * `npm run worker` processes on them, each started as `node --import tsx` with its own environment.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { pidListeningOn } from '../../../scripts/bench/processes';
import { freePort, ROOT, startFerretDB, startRedisServer, type Service } from '../../../scripts/lib/services';

export type Proc = {
  name: string;
  child: ChildProcess;
  /** Everything it wrote (stdout and stderr), for the figures and for diagnosing a failure. */
  output: string[];
  stop(): Promise<void>;
};

/** Starts `script` under node with tsx; resolves once a line of its output matches `ready`. */
export async function startProcess(
  name: string,
  script: string,
  env: Record<string, string>,
  ready: RegExp,
  timeoutMs = 90_000,
): Promise<Proc> {
  // Only what the process needs from our environment: the test's own MONGODB_URI and REDIS_URL
  // (the suite's shared services) must not leak into it.
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const proc: Proc = { name, child, output, stop: () => stopProcess(child) };
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${name} not ready within ${timeoutMs} ms:\n${output.join('')}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      output.push(chunk.toString());
      if (ready.test(chunk.toString())) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code ?? signal}) before it was ready:\n${output.join('')}`));
    });
  });
  return proc;
}

/** SIGTERM (a graceful stop), SIGKILL if it takes longer than `timeoutMs`. */
export function stopProcess(child: ChildProcess, timeoutMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export type Stores = {
  mongodbUri: string;
  redisUrl: string;
  /** Freezes FerretDB (SIGSTOP): connections stay open, nothing is answered until `resumeMongo`. */
  pauseMongo(): void;
  resumeMongo(): void;
  /** Stops FerretDB: connections are refused until `restartMongo` starts it again (same port, same data). */
  stopMongo(): Promise<void>;
  restartMongo(): Promise<void>;
  stop(): Promise<void>;
};

export async function startStores(name: string, database: string): Promise<Stores> {
  const dir = path.join(ROOT, 'var', 'test', `${name}-${process.pid}`);
  const ferretDir = path.join(dir, 'ferretdb');
  rmSync(dir, { recursive: true, force: true });
  const port = await freePort();
  let mongo: Service | null = null;
  let redis: Service | null = null;
  let ferretPid: number | null = null;
  let paused = false;
  const startMongo = async () => {
    mongo = await startFerretDB(ferretDir, database, port);
    ferretPid = pidListeningOn(port);
    if (ferretPid === null) throw new Error(`no process found listening on FerretDB's port ${port}`);
    return mongo;
  };
  const signal = (sig: NodeJS.Signals) => ferretPid !== null && process.kill(ferretPid, sig);
  const stop = async () => {
    // A stopped process does not act on SIGTERM.
    if (paused) signal('SIGCONT');
    await Promise.all([mongo?.stop(), redis?.stop()]);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const started = await startMongo();
    redis = await startRedisServer(path.join(dir, 'redis'));
    return {
      mongodbUri: started.url,
      redisUrl: redis.url,
      pauseMongo: () => {
        signal('SIGSTOP');
        paused = true;
      },
      resumeMongo: () => {
        signal('SIGCONT');
        paused = false;
      },
      stopMongo: async () => {
        await mongo?.stop();
        mongo = null;
        ferretPid = null;
      },
      restartMongo: async () => void (await startMongo()),
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

const ANSI_COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/** Lines of a process's output at warn level or worse (readable format: `time level message`). */
export function problems(proc: Proc): string[] {
  return proc.output
    .join('')
    .replace(ANSI_COLOUR, '')
    .split('\n')
    .filter((line) => /^\S+ (warn|error)\b/.test(line));
}
