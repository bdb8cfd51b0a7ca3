/**
 * Local data services for development and tests: FerretDB (MongoDB wire protocol, SQLite backend)
 * built from the pinned Go module in scripts/ferretdb with the patches there, and Redis (REDIS_URL,
 * the machine's 127.0.0.1:6379, or a project-started redis-server). Nothing here is a mock.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { copyPatched, FERRETDB_MODULE } from '../ferretdb/patches';
import { dim, fail, step, withProgress } from './console';
import { Supervisor, type SupervisorOptions } from './supervisor';

export const ROOT = path.resolve(__dirname, '..', '..');
const TOOLS_BIN = path.join(ROOT, '.tools', 'bin');
const FERRETDB_BIN = path.join(TOOLS_BIN, 'ferretdb');
const FERRETDB_SRC = path.join(ROOT, 'scripts', 'ferretdb');
const FERRETDB_BUILD = path.join(ROOT, '.tools', 'ferretdb-build');

export type Service = {
  url: string;
  stop: () => Promise<void>;
  startedByUs: boolean;
  /** Keeps a service started by us running (restarted on the same port and data); stop() ends it. */
  supervisor?: Supervisor;
};

/** Restart timings of the services' supervisors; tests shorten them. */
export type SuperviseOptions = Pick<
  SupervisorOptions,
  'initialDelayMs' | 'maxDelayMs' | 'stableAfterMs' | 'log' | 'onEvent'
>;

/** Starts `spawn` under a supervisor that waits for `port` at every start. */
async function superviseListening(
  name: string,
  port: number,
  spawnChild: () => ChildProcess,
  options: SuperviseOptions = {},
): Promise<Supervisor> {
  const supervisor = new Supervisor({
    name,
    spawn: spawnChild,
    ready: (child) => waitForPort(port, child, name),
    stopTimeoutMs: 5000,
    ...options,
  });
  await supervisor.start();
  return supervisor;
}

/** A supervised server listening on `port`, as a Service (Radicale and others started for tests). */
export async function superviseListeningService(
  name: string,
  port: number,
  spawnChild: () => ChildProcess,
  options: SuperviseOptions = {},
): Promise<Service> {
  const supervisor = await superviseListening(name, port, spawnChild, options);
  return { url: `127.0.0.1:${port}`, stop: () => supervisor.stop(), startedByUs: true, supervisor };
}

/** Whether nothing listens on this loopback port yet. */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForPort(
  port: number,
  child: ChildProcess,
  name: string,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`${name} exited (${child.signalCode ?? `code ${child.exitCode}`}) before listening`);
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${name} did not listen on port ${port} within ${timeoutMs} ms`);
}

function ferretdbSourceHash(): string {
  const h = createHash('sha256');
  for (const f of ['go.mod', 'go.sum', 'main.go', 'patches.ts']) {
    h.update(readFileSync(path.join(FERRETDB_SRC, f)));
  }
  return h.digest('hex');
}

/**
 * Copies the pinned FerretDB module from the Go module cache (where Go verified it against go.sum)
 * to .tools/, patched (scripts/ferretdb/patches.ts), and writes a go.mod for `go build -modfile`:
 * scripts/ferretdb/go.mod plus a `replace` of FerretDB by that copy. `go build -overlay` would
 * patch one file without a copy, but Go refuses overlays of files in the module cache. The
 * committed go.mod stays untouched, so a plain `go build` there still gives upstream's FerretDB.
 */
function writePatchedFerretDB(): string {
  const download = spawnSync('go', ['mod', 'download', '-json', FERRETDB_MODULE], {
    cwd: FERRETDB_SRC,
    encoding: 'utf8',
  });
  const moduleDir = download.status === 0 ? (JSON.parse(download.stdout) as { Dir?: string }).Dir : undefined;
  if (!moduleDir) fail(`could not locate ${FERRETDB_MODULE} in the Go module cache:\n${download.stderr}`);
  const copy = path.join(FERRETDB_BUILD, 'module');
  rmSync(copy, { recursive: true, force: true });
  try {
    for (const file of copyPatched(moduleDir, copy)) console.log(dim(`  patched ${file}`));
  } catch (err) {
    fail((err as Error).message);
  }
  const modFile = path.join(FERRETDB_BUILD, 'go.mod');
  const goMod = readFileSync(path.join(FERRETDB_SRC, 'go.mod'), 'utf8');
  writeFileSync(modFile, `${goMod}\nreplace ${FERRETDB_MODULE} => ${copy}\n`);
  // -modfile=x.mod reads its checksums from x.sum.
  writeFileSync(path.join(FERRETDB_BUILD, 'go.sum'), readFileSync(path.join(FERRETDB_SRC, 'go.sum')));
  return modFile;
}

/** Builds FerretDB into .tools/bin unless the same pinned build is already there. */
export async function ensureFerretDB(): Promise<string> {
  const stampFile = path.join(ROOT, '.tools', 'ferretdb.stamp');
  const want = ferretdbSourceHash();
  if (existsSync(FERRETDB_BIN) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === want) {
    return FERRETDB_BIN;
  }
  if (spawnSync('go', ['version']).status !== 0) {
    fail(
      'Go is needed to build FerretDB (the local MongoDB-compatible server). Install Go, or set MONGODB_URI.',
    );
  }
  mkdirSync(TOOLS_BIN, { recursive: true });
  await withProgress('Building FerretDB v1.24.2 (first run only, about a minute)', async () => {
    const modFile = writePatchedFerretDB();
    const build = spawn('go', ['build', `-modfile=${modFile}`, '-o', FERRETDB_BIN, '.'], {
      cwd: FERRETDB_SRC,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const code = await new Promise<number | null>((resolve) => build.once('exit', resolve));
    if (code !== 0) fail(`building FerretDB failed (go build exited with ${code}); see the output above`);
  });
  writeFileSync(stampFile, want);
  return FERRETDB_BIN;
}

/**
 * Starts FerretDB on a free loopback port with its SQLite files in `dataDir`, supervised: if it
 * dies it is started again on the same port with the same files, and its clients reconnect. `bin`
 * runs another build (benchmarks compare with an unpatched one) instead of the project's.
 */
export async function startFerretDB(
  dataDir: string,
  database: string,
  fixedPort?: number,
  bin?: string,
  supervise?: SuperviseOptions,
): Promise<Service> {
  const ferretdb = bin ?? (await ensureFerretDB());
  mkdirSync(dataDir, { recursive: true });
  const port = fixedPort ?? (await freePort());
  const args = [
    '--handler=sqlite',
    `--sqlite-url=file:${dataDir.endsWith('/') ? dataDir : `${dataDir}/`}`,
    `--listen-addr=127.0.0.1:${port}`,
    '--debug-addr=-',
    '--telemetry=disable',
    '--log-level=error',
  ];
  const supervisor = await superviseListening(
    'FerretDB',
    port,
    () => spawn(ferretdb, args, { stdio: ['ignore', 'ignore', 'inherit'] }),
    supervise,
  );
  return {
    url: `mongodb://127.0.0.1:${port}/${database}`,
    stop: () => supervisor.stop(),
    startedByUs: true,
    supervisor,
  };
}

async function redisAnswers(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, host);
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (d) => done(d.toString().startsWith('+PONG')));
  });
}

function ensureRedisServerBinary(): string {
  if (spawnSync('sh', ['-c', 'command -v redis-server']).status === 0) return 'redis-server';
  step('redis-server is missing; installing it from Debian packages (apt-get install redis-server)');
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  const install = spawnSync('apt-get', ['install', '-y', '-qq', 'redis-server'], { stdio: 'inherit' });
  if (install.status !== 0) fail('could not install redis-server; install it or set REDIS_URL');
  return 'redis-server';
}

/**
 * A project-started redis-server on a free port (or `port`: fault tests start a new, empty one where
 * the stopped one was), supervised like FerretDB; nothing kept on disk.
 */
export async function startRedisServer(
  dataDir: string,
  options: { port?: number; supervise?: SuperviseOptions } = {},
): Promise<Service> {
  const bin = ensureRedisServerBinary();
  mkdirSync(dataDir, { recursive: true });
  const port = options.port ?? (await freePort());
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
    '--dir',
    dataDir,
  ];
  const supervisor = await superviseListening(
    'redis-server',
    port,
    () => spawn(bin, args, { stdio: ['ignore', 'ignore', 'inherit'] }),
    options.supervise,
  );
  return { url: `redis://127.0.0.1:${port}`, stop: () => supervisor.stop(), startedByUs: true, supervisor };
}

/** REDIS_URL when set, else the machine's Redis on 6379, else a project-started one. */
export async function ensureRedis(dataDir: string, supervise?: SuperviseOptions): Promise<Service> {
  const fromEnv = process.env.REDIS_URL;
  if (fromEnv) return { url: fromEnv, stop: async () => undefined, startedByUs: false };
  if (await redisAnswers(6379)) {
    return { url: 'redis://127.0.0.1:6379', stop: async () => undefined, startedByUs: false };
  }
  console.log(dim('  no Redis on 127.0.0.1:6379; starting one for this project'));
  return startRedisServer(dataDir, { supervise });
}

/** MONGODB_URI when set, else FerretDB with data in `dataDir`. */
export async function ensureMongo(
  dataDir: string,
  database: string,
  supervise?: SuperviseOptions,
): Promise<Service> {
  const fromEnv = process.env.MONGODB_URI;
  if (fromEnv) return { url: fromEnv, stop: async () => undefined, startedByUs: false };
  return startFerretDB(dataDir, database, undefined, undefined, supervise);
}

/** Where `npm run dev` says which services it runs, for the tools beside it (the benchmarks). */
const DEV_SERVICES_FILE = path.join(ROOT, 'var', 'dev-services.json');
const DEV_SERVICE_KEYS = [
  'MONGODB_URI',
  'REDIS_URL',
  'PORT',
  'PUBLIC_BASE_URL',
  'WORKER_METRICS_PORT',
] as const;

export function writeDevServices(env: NodeJS.ProcessEnv): void {
  const known = Object.fromEntries(DEV_SERVICE_KEYS.filter((k) => env[k]).map((k) => [k, env[k]]));
  mkdirSync(path.dirname(DEV_SERVICES_FILE), { recursive: true });
  writeFileSync(DEV_SERVICES_FILE, `${JSON.stringify(known, null, 2)}\n`);
}

/** `env` completed with what a running `npm run dev` wrote (variables already set win). */
export function withDevServices(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  if (!existsSync(DEV_SERVICES_FILE)) return env;
  const written = JSON.parse(readFileSync(DEV_SERVICES_FILE, 'utf8')) as Record<string, string>;
  return { ...written, ...env };
}
