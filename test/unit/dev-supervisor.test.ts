/**
 * The supervisor of `npm run dev` against real child processes: tiny node scripts that run until
 * killed, or crash at once. Delays are shortened through the options; nothing asserts exact timings.
 */
import { spawn } from 'node:child_process';
import { Supervisor, type SupervisorEvent, type SupervisorOptions } from '../../scripts/lib/supervisor';

const RUNS = 'setInterval(() => {}, 1000)';
const CRASHES = 'process.exit(3)';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until<T>(probe: () => T | undefined, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('dev supervisor', () => {
  const running: Supervisor[] = [];

  function supervise(script: string, options: Partial<SupervisorOptions> = {}) {
    const events: (SupervisorEvent & { at: number })[] = [];
    const lines: string[] = [];
    const supervisor = new Supervisor({
      name: 'child',
      spawn: () => spawn(process.execPath, ['-e', script], { stdio: 'ignore' }),
      initialDelayMs: 50,
      maxDelayMs: 400,
      stableAfterMs: 60_000,
      log: (line) => lines.push(line),
      onEvent: (event) => events.push({ ...event, at: Date.now() }),
      ...options,
    });
    running.push(supervisor);
    const started = () => events.filter((e) => e.type === 'started');
    const exits = () => events.filter((e) => e.type === 'exited');
    /** Kills the running process and waits for its replacement; returns its exit event. */
    const killAndWaitForRestart = async () => {
      const before = started().length;
      const pid = supervisor.pid!;
      process.kill(pid, 'SIGKILL');
      await until(() => (started().length > before ? true : undefined), 'a restart');
      expect(alive(supervisor.pid!)).toBe(true);
      expect(supervisor.pid).not.toBe(pid);
      return exits().at(-1)!;
    };
    return { supervisor, events, lines, started, exits, killAndWaitForRestart };
  }

  afterEach(async () => {
    await Promise.all(running.splice(0).map((s) => s.stop()));
  });

  it('when the process is killed with SIGKILL, then it is restarted after a delay that doubles', async () => {
    const { supervisor, events, lines, killAndWaitForRestart } = supervise(RUNS);
    await supervisor.start();
    const first = supervisor.pid!;

    const exit1 = await killAndWaitForRestart();
    const exit2 = await killAndWaitForRestart();
    const exit3 = await killAndWaitForRestart();

    expect(alive(first)).toBe(false);
    expect([exit1, exit2, exit3].map((e) => e.type === 'exited' && e.restartInMs)).toEqual([50, 100, 200]);
    expect(exit1).toMatchObject({ signal: 'SIGKILL', code: null, attempt: 1 });
    // The restart waited at least the announced delay.
    const restart3 = events.filter((e) => e.type === 'started').at(-1)!;
    expect(restart3.at - exit3.at).toBeGreaterThanOrEqual(200 - 5);
    expect(lines[0]).toMatch(/child exited \(signal SIGKILL\) after .*; restarting in 50 ms .*attempt 1/);
  });

  it('when the delays reach the cap, then they stay there', async () => {
    const { supervisor, killAndWaitForRestart } = supervise(RUNS, { initialDelayMs: 20, maxDelayMs: 50 });
    await supervisor.start();
    const delays = [];
    for (let i = 0; i < 4; i++) {
      const exit = await killAndWaitForRestart();
      delays.push(exit.type === 'exited' && exit.restartInMs);
    }
    expect(delays).toEqual([20, 40, 50, 50]);
  });

  it('when stopped, then the process is terminated and never restarted', async () => {
    const { supervisor, started, exits } = supervise(RUNS);
    await supervisor.start();
    const pid = supervisor.pid!;

    await supervisor.stop();

    expect(alive(pid)).toBe(false);
    await pause(300); // well past the 50 ms restart delay
    expect(started()).toHaveLength(1);
    expect(exits()).toEqual([expect.objectContaining({ restartInMs: null, signal: 'SIGTERM' })]);
    expect(supervisor.pid).toBeUndefined();
  });

  it('when stopped while a restart is pending, then the restart does not happen', async () => {
    const { supervisor, started, exits } = supervise(RUNS, { initialDelayMs: 200 });
    await supervisor.start();
    process.kill(supervisor.pid!, 'SIGKILL');
    await until(() => (exits().length === 1 ? true : undefined), 'the exit');

    await supervisor.stop();

    await pause(500);
    expect(started()).toHaveLength(1);
    expect(supervisor.pid).toBeUndefined();
  });

  it('when the process stayed up long enough, then the next crash restarts after the first delay again', async () => {
    const { supervisor, killAndWaitForRestart } = supervise(RUNS, { stableAfterMs: 400 });
    await supervisor.start();
    const quick1 = await killAndWaitForRestart();
    const quick2 = await killAndWaitForRestart();

    await pause(600); // the replacement outlives stableAfterMs
    const afterStable = await killAndWaitForRestart();

    expect([quick1, quick2, afterStable].map((e) => e.type === 'exited' && e.restartInMs)).toEqual([
      50, 100, 50,
    ]);
    expect(afterStable).toMatchObject({ attempt: 1 });
  });

  it('when the process crashes right at start again and again, then it is reported once as crash-looping and still retried', async () => {
    let spawned = 0;
    const { supervisor, events, lines } = supervise(CRASHES, {
      initialDelayMs: 10,
      maxDelayMs: 40,
      crashLoopExits: 3,
      spawn: () => {
        spawned += 1;
        // The first run survives its start, so the start() call succeeds; every later one crashes.
        return spawn(
          process.execPath,
          ['-e', spawned === 1 ? 'setTimeout(() => process.exit(3), 200)' : CRASHES],
          {
            stdio: 'ignore',
          },
        );
      },
    });
    await supervisor.start();

    const exits = () => events.filter((e) => e.type === 'exited').length;
    await until(() => (exits() >= 5 ? true : undefined), 'five exits', 30_000);

    const loops = events.filter((e) => e.type === 'crash-loop');
    expect(loops).toEqual([expect.objectContaining({ type: 'crash-loop', exits: 3 })]);
    expect(lines.filter((l) => l.includes('keeps crashing'))).toHaveLength(1);
    expect(lines.find((l) => l.includes('keeps crashing'))).toMatch(/3 exits within 60 s.*Still retrying/);
    const delays = events.flatMap((e) => (e.type === 'exited' ? [e.restartInMs] : []));
    expect(delays.slice(0, 5)).toEqual([10, 20, 40, 40, 40]);
    expect(events.find((e) => e.type === 'exited')).toMatchObject({ code: 3, signal: null });
  }, 40_000);

  it('when the first start fails, then start() rejects and nothing is retried', async () => {
    let spawned = 0;
    const { supervisor } = supervise(CRASHES, {
      spawn: () => {
        spawned += 1;
        return spawn(process.execPath, ['-e', CRASHES], { stdio: 'ignore' });
      },
      ready: (child) =>
        new Promise((_resolve, reject) => child.once('exit', (code) => reject(new Error(`exited ${code}`)))),
    });

    await expect(supervisor.start()).rejects.toThrow('exited 3');

    await pause(300);
    expect(spawned).toBe(1);
  });
});
