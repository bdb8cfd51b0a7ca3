/**
 * Load-generation helpers for the benchmarks: closed-loop workers, latency statistics, a progress bar.
 */

export interface Sample {
  path: string;
  ms: number;
  ok: boolean;
}

export interface LoadResult {
  seconds: number;
  /** Completed units of work (calls, or single requests for the baselines). */
  units: number;
  /** Units that ended badly (an error outcome, a non-2xx or missing response). */
  failedUnits: number;
  samples: Sample[];
}

/** Runs `concurrency` workers, each repeating `unit` until `durationMs` has passed. */
export async function runLoad(
  label: string,
  concurrency: number,
  durationMs: number,
  unit: (index: number) => Promise<{ ok: boolean; samples: Sample[] }>,
  status?: () => string,
): Promise<LoadResult> {
  const result: LoadResult = { seconds: 0, units: 0, failedUnits: 0, samples: [] };
  const started = performance.now();
  const deadline = started + durationMs;
  const progress = new Progress(
    label,
    durationMs,
    () => `${result.units} done, ${result.failedUnits} failed${status ? `, ${status()}` : ''}`,
  );
  let next = 0;
  const worker = async () => {
    while (performance.now() < deadline) {
      try {
        const outcome = await unit(next++);
        result.units += 1;
        if (!outcome.ok) result.failedUnits += 1;
        for (const sample of outcome.samples) result.samples.push(sample);
      } catch {
        result.units += 1;
        result.failedUnits += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  result.seconds = (performance.now() - started) / 1000;
  progress.stop();
  return result;
}

export interface LatencyStats {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export function latencyStats(values: readonly number[]): LatencyStats | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  const round = (n: number) => Math.round(n * 10) / 10;
  const sum = sorted.reduce((a, b) => a + b, 0);
  return {
    count: sorted.length,
    p50: round(at(0.5)),
    p95: round(at(0.95)),
    p99: round(at(0.99)),
    max: round(sorted[sorted.length - 1]!),
    mean: round(sum / sorted.length),
  };
}

/** A one-line progress bar on stderr (a line every 5 s when stderr is not a terminal). */
export class Progress {
  private readonly timer: NodeJS.Timeout;
  private readonly started = performance.now();
  private lastLine = 0;

  constructor(
    private readonly label: string,
    private readonly durationMs: number,
    private readonly status: () => string,
  ) {
    this.timer = setInterval(() => this.draw(false), 250);
    this.timer.unref();
  }

  private draw(final: boolean): void {
    const elapsed = Math.min(this.durationMs, performance.now() - this.started);
    const width = 30;
    const filled = Math.round((elapsed / this.durationMs) * width);
    // An open-ended task (durationMs Infinity) shows the elapsed time alone.
    const bar = Number.isFinite(this.durationMs)
      ? `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(elapsed / 1000).toFixed(1)}/${this.durationMs / 1000} s`
      : `${(elapsed / 1000).toFixed(1)} s`;
    const line = `${this.label} ${bar}  ${this.status()}`;
    if (process.stderr.isTTY) {
      process.stderr.write(`\r\x1b[2K${line}${final ? '\n' : ''}`);
    } else if (final || performance.now() - this.lastLine >= 5000) {
      this.lastLine = performance.now();
      process.stderr.write(`${line}\n`);
    }
  }

  stop(): void {
    clearInterval(this.timer);
    this.draw(true);
  }
}
