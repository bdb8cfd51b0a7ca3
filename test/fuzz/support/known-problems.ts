/**
 * Problems already being fixed elsewhere (issue 10), recognised by their answer. The properties stay
 * strict: a run fails on them. `FUZZ_SKIP_KNOWN=1` only counts them instead, so that a triage run
 * can go past them and look for other failures; once they are fixed this list should be emptied.
 */
import type { FuzzResponse } from './service';

type Known = { name: string; matches: (res: FuzzResponse) => boolean };

const errorOf = (res: FuzzResponse) =>
  res.logs.find((l) => l.level === 'error')?.err as { message?: string; stack?: string } | undefined;

export const KNOWN_PROBLEMS: Known[] = [
  {
    // body-parser refuses the body with its own 4xx (415 charset or encoding, 400 bad gzip, 413 too
    // many parameters); the central handler does not read that status and answers 500. Main's
    // `bodyParserError` (branch input) maps them by `type`, but a body that is not compressed as its
    // Content-Encoding says (zlib's Z_DATA_ERROR, Z_BUF_ERROR: a 400 without a `type`) is still a 500.
    name: 'body-parser 4xx answered as 500 (charset, content encoding, parameter count)',
    matches: (res) =>
      res.status === 500 &&
      /node_modules\/(body-parser|raw-body)\/|node:zlib/.test(errorOf(res)?.stack ?? ''),
  },
];

export const SKIP_KNOWN = process.env.FUZZ_SKIP_KNOWN === '1';

const seen = new Map<string, number>();

/** The known problem this answer shows, if any. */
export function knownProblemOf(res: FuzzResponse): string | undefined {
  return KNOWN_PROBLEMS.find((k) => k.matches(res))?.name;
}

/** When skipping known problems: the name of the known problem this answer shows, counted. */
export function knownProblem(res: FuzzResponse): string | undefined {
  if (!SKIP_KNOWN) return undefined;
  const known = KNOWN_PROBLEMS.find((k) => k.matches(res));
  if (known) seen.set(known.name, (seen.get(known.name) ?? 0) + 1);
  return known?.name;
}

export function knownProblemsSeen(): string {
  return [...seen].map(([name, n]) => `${n} × ${name}`).join('\n') || 'none';
}

/** Counts a known problem found outside an answer (in what was stored). */
export function countKnown(name: string, n = 1): void {
  seen.set(name, (seen.get(name) ?? 0) + n);
}
