/**
 * Seed and size of a fuzz run. One seed for the whole run, printed up front, so a failure in CI is
 * replayed exactly with `FUZZ_SEED=<seed> npm test -- test/fuzz` (fast-check also prints the
 * counterexample's `path`; `FUZZ_PATH=<path>` replays that one case, `FUZZ_SHRINK=1` shrinks it).
 */
import fc from 'fast-check';

/** A fixed default: the suite is a standing regression net, not a lottery; CI may pass its own. */
const DEFAULT_SEED = 20_261_202;
/** Cases of one `npm test` run across all fuzz files (each property takes its share). */
const DEFAULT_RUNS = 2100;

function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value)) throw new Error(`${name} must be an integer, got ${raw}`);
  return value;
}

export const FUZZ_SEED = intFromEnv('FUZZ_SEED', DEFAULT_SEED);
export const FUZZ_RUNS = intFromEnv('FUZZ_RUNS', DEFAULT_RUNS);

/**
 * fast-check parameters of one property: `share` of the run's cases (shares over all fuzz files sum
 * to 1), the run's seed, and the replay path when given.
 */
export function fuzzParameters<T>(name: string, share: number): fc.Parameters<T> {
  const numRuns = Math.max(1, Math.round(FUZZ_RUNS * share));
  const path = process.env.FUZZ_PATH;
  console.log(`fuzz ${name}: ${numRuns} cases, seed ${FUZZ_SEED}${path ? `, path ${path}` : ''}`);
  return {
    seed: FUZZ_SEED,
    numRuns,
    ...(path ? { path } : {}),
    // Every case is several requests against real services and shrinking replays thousands of them
    // (minutes): off unless asked for with FUZZ_SHRINK=1 when studying a failure.
    endOnFailure: process.env.FUZZ_SHRINK !== '1',
  };
}

/** A property runs many requests; jest's 30 s default is for one test, not for hundreds of cases. */
export const FUZZ_TIMEOUT_MS = 10 * 60_000;
