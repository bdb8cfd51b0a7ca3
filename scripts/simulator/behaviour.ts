/**
 * What the simulated people do: the caller's inputs, consumed in order by successive `<Gather>`s and
 * `<Record>`s, and each callee's reaction when a `<Dial>` rings them.
 */

export type CallerStep =
  | { kind: 'press'; digits: string }
  | { kind: 'say'; text: string }
  /** Says nothing at this gather or recording: it times out. */
  | { kind: 'silence' }
  /** Hangs up when the next gather or recording starts. */
  | { kind: 'hangup' };

export type CalleeBehaviour =
  /** Picks up; presses `press` at the whisper's gather, or nothing (the gather times out). */
  | { kind: 'answer'; press?: string }
  | { kind: 'no-answer' }
  | { kind: 'busy' }
  /** Picks up, hears the whisper, then hangs up instead of accepting. */
  | { kind: 'decline' };

export class BehaviourError extends Error {
  override name = 'BehaviourError';
}

const DIGITS = /^[0-9*#w]+$/;

/** Parses `answer`, `answer:1`, `no-answer`, `busy`, `decline`. */
export function parseCalleeSpec(spec: string): CalleeBehaviour {
  const [kind, press, extra] = spec.trim().split(':');
  if (extra !== undefined) throw new BehaviourError(`Callee behaviour "${spec}" has too many parts`);
  switch (kind) {
    case 'answer':
      if (press === undefined || press === '') return { kind: 'answer' };
      if (!DIGITS.test(press)) throw new BehaviourError(`Callee key "${press}" is not a DTMF digit string`);
      return { kind: 'answer', press };
    case 'no-answer':
    case 'busy':
    case 'decline':
      if (press !== undefined) throw new BehaviourError(`Callee behaviour "${kind}" takes no key`);
      return { kind };
    default:
      throw new BehaviourError(
        `Unknown callee behaviour "${spec}": expected answer, answer:<digits>, no-answer, busy or decline`,
      );
  }
}

/** Reads after "the callee will": "answer and press 1", "be busy"… */
export function describeCallee(callee: CalleeBehaviour): string {
  switch (callee.kind) {
    case 'answer':
      return callee.press ? `answer and press ${callee.press}` : 'answer without pressing anything';
    case 'no-answer':
      return 'not answer';
    case 'busy':
      return 'be busy';
    case 'decline':
      return 'answer, then hang up';
  }
}

export function parseDigits(digits: string): string {
  if (!DIGITS.test(digits)) throw new BehaviourError(`"${digits}" is not a DTMF digit string (0-9, *, #)`);
  return digits;
}

/** Successive callees take successive behaviours; past the end the last one repeats (none: nobody answers). */
export class CalleeQueue {
  private next = 0;
  constructor(private readonly behaviours: readonly CalleeBehaviour[]) {}

  take(): CalleeBehaviour {
    const last = this.behaviours[this.behaviours.length - 1];
    const chosen = this.behaviours[this.next] ?? last ?? { kind: 'no-answer' };
    this.next += 1;
    return chosen;
  }
}
