/**
 * Keeps one child process running for `npm run dev` and the local services: a process that exits
 * without being asked to is started again after an exponential backoff, and every exit and restart
 * is said on the console. `stop()` ends it for good (no restart while stopping).
 *
 * A process that keeps crashing is not given up on: it is retried at the longest delay, and the
 * console says once, loudly, that it is crash-looping. That is what `restart: unless-stopped` does
 * in production (docker-compose.yml), and in development the next attempt picks up a fixed file or
 * a database that came back, without restarting the whole stack.
 */
import type { ChildProcess } from 'node:child_process';
import { dim, red, yellow } from './console';

export type SupervisorEvent =
  | { type: 'started'; pid: number; attempt: number }
  | {
      type: 'exited';
      code: number | null;
      signal: NodeJS.Signals | null;
      /** Delay before the next start; null when stopping (no restart). */
      restartInMs: number | null;
      /** Unexpected exits since the process last stayed up `stableAfterMs`. */
      attempt: number;
    }
  | { type: 'crash-loop'; exits: number; windowMs: number };

export type SupervisorOptions = {
  /** Shown in every console line: `web`, `worker`, `FerretDB`. */
  name: string;
  /** Spawns the process (same arguments every time: same port, same data folder). */
  spawn: () => ChildProcess;
  /** Resolves once the spawned process serves (e.g. listens); rejects when it cannot. */
  ready?: (child: ChildProcess) => Promise<void>;
  /** First restart delay, doubled at each further crash. @defaultValue 1000 */
  initialDelayMs?: number;
  /** Longest restart delay. @defaultValue 30000 */
  maxDelayMs?: number;
  /** Up this long, a process is healthy again: the next crash restarts after `initialDelayMs`. @defaultValue 60000 */
  stableAfterMs?: number;
  /** This many exits within `crashLoopWindowMs` are reported as a crash loop. @defaultValue 5 */
  crashLoopExits?: number;
  /** @defaultValue 60000 */
  crashLoopWindowMs?: number;
  /** How long `stop()` waits after SIGTERM before SIGKILL. @defaultValue 10000 */
  stopTimeoutMs?: number;
  /** Where readable lines go. @defaultValue console.error */
  log?: (line: string) => void;
  /** Told every exit and restart (tests, callers that keep counts). */
  onEvent?: (event: SupervisorEvent) => void;
};

const DEFAULTS = {
  initialDelayMs: 1000,
  maxDelayMs: 30_000,
  stableAfterMs: 60_000,
  crashLoopExits: 5,
  crashLoopWindowMs: 60_000,
  stopTimeoutMs: 10_000,
};

const delayText = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(ms % 1000 ? 1 : 0)} s` : `${ms} ms`);

export class Supervisor {
  private readonly opts: typeof DEFAULTS & SupervisorOptions;
  private child: ChildProcess | null = null;
  private startedAt = 0;
  /** Unexpected exits since the last stable run; sets the next delay. */
  private attempt = 0;
  private exits: number[] = [];
  private loopReported = false;
  private restartTimer: NodeJS.Timeout | null = null;
  private stopping = false;
  /** False until the first start succeeded: a failing first start is reported by `start()` alone. */
  private launched = false;

  constructor(options: SupervisorOptions) {
    this.opts = { ...DEFAULTS, ...options };
  }

  /** The running process' id, if one runs. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /**
   * Starts the process. A first start that fails rejects and is not retried: it is usually a
   * configuration error the caller has to report (a missing binary, a port already taken).
   */
  async start(): Promise<void> {
    try {
      await this.launch();
      this.launched = true;
    } catch (err) {
      this.stopping = true;
      throw err;
    }
  }

  /** No restart from now on, but the process keeps running (until `stop()`). */
  holdRestarts(): void {
    this.stopping = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = null;
  }

  /** No restart from now on; SIGTERM, then SIGKILL after `stopTimeoutMs`. Safe to call twice. */
  async stop(): Promise<void> {
    this.holdRestarts();
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      const killer = setTimeout(() => child.kill('SIGKILL'), this.opts.stopTimeoutMs);
      child.once('exit', () => {
        clearTimeout(killer);
        resolve();
      });
      child.kill('SIGTERM');
    });
  }

  private async launch(): Promise<void> {
    const child = this.opts.spawn();
    this.child = child;
    this.startedAt = Date.now();
    // Spawn failures (ENOENT, EACCES) come as 'error' and may come without 'exit'.
    child.on('error', (err) => {
      if (child.exitCode === null && child.signalCode === null && child.pid === undefined) {
        this.onExit(child, null, null, err);
      }
    });
    child.once('exit', (code, signal) => this.onExit(child, code, signal));
    if (this.opts.ready) {
      try {
        await this.opts.ready(child);
      } catch (err) {
        // Its exit (or this kill) schedules the next attempt, unless this was the first start.
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
        throw err;
      }
    }
    if (this.stopping) {
      await this.stop();
      return;
    }
    if (child.pid !== undefined && child.exitCode === null) {
      this.opts.onEvent?.({ type: 'started', pid: child.pid, attempt: this.attempt });
    }
  }

  private onExit(
    child: ChildProcess,
    code: number | null,
    signal: NodeJS.Signals | null,
    spawnError?: Error,
  ): void {
    if (child !== this.child) return;
    this.child = null;
    const how = spawnError ? spawnError.message : signal ? `signal ${signal}` : `code ${code}`;
    if (this.stopping || !this.launched) {
      this.opts.onEvent?.({ type: 'exited', code, signal, restartInMs: null, attempt: this.attempt });
      return;
    }
    const now = Date.now();
    if (now - this.startedAt >= this.opts.stableAfterMs) {
      this.attempt = 0;
      this.loopReported = false;
    }
    this.exits = [...this.exits.filter((t) => now - t < this.opts.crashLoopWindowMs), now];
    const delay = Math.min(this.opts.initialDelayMs * 2 ** this.attempt, this.opts.maxDelayMs);
    this.attempt += 1;
    this.opts.onEvent?.({ type: 'exited', code, signal, restartInMs: delay, attempt: this.attempt });
    const log = this.opts.log ?? ((line: string) => console.error(line));
    log(
      `${red('✗')} ${this.opts.name} exited (${how}) after ${delayText(now - this.startedAt)}; ` +
        `restarting in ${delayText(delay)} ${dim(`(attempt ${this.attempt})`)}`,
    );
    if (this.exits.length >= this.opts.crashLoopExits && !this.loopReported) {
      this.loopReported = true;
      this.opts.onEvent?.({
        type: 'crash-loop',
        exits: this.exits.length,
        windowMs: this.opts.crashLoopWindowMs,
      });
      log(
        yellow(
          `! ${this.opts.name} keeps crashing (${this.exits.length} exits within ${delayText(this.opts.crashLoopWindowMs)}): ` +
            `its own output above says why. Still retrying, every ${delayText(this.opts.maxDelayMs)} at most; ` +
            'fix the cause and it comes back by itself, or Ctrl-C to stop everything.',
        ),
      );
    }
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      if (this.stopping) return;
      this.launch().then(
        () => {
          if (this.child) log(`${yellow('↻')} ${this.opts.name} restarted ${dim(`(pid ${this.child.pid})`)}`);
        },
        (err: Error) => log(`${red('✗')} ${this.opts.name} did not start: ${err.message}`),
      );
    }, delay);
  }
}
