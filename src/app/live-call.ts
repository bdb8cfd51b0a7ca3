/**
 * A live call: what the engine needs between two webhooks, kept in Redis while the call lasts and
 * written to MongoDB once, as the Call record, when it ends. Pure helpers; the store is a port.
 */
import type { Locale } from '../domain/vocabulary';
import { OUTCOME_RANK, type CallState, type Effect, type Outcome, type Transition } from '../flow';
import type { MessageEvent } from '../infra/message-events';

export type CallStep = { name: string; detail: string; at: string };

export type LiveCall = {
  callSid: string;
  clientId: string;
  from: string;
  to: string;
  locale: Locale;
  startedAt: string;
  state: CallState;
  outcome: Outcome | 'in-progress';
  /** The timeline so far, in order; written with the Call record. */
  steps: CallStep[];
};

/** The answer given to one turn of a call, kept so a Twilio retry gets exactly the same. */
export type TurnReply = { turn: number; actions: string };

/**
 * One webhook's hold on a live call: its lock, and what was read when the lock was taken.
 * `save`, `end` and `release` each give the lock back; only the first of them counts.
 */
export interface LiveCallLease {
  readonly call: LiveCall | null;
  /** The answer already given to the turn asked for in `acquire`, if any (JSON actions). */
  readonly replay: string | null;
  /** Saves the call and this turn's answer, publishes `events`: one round trip. */
  save(call: LiveCall, reply: TurnReply, events?: MessageEvent[]): Promise<void>;
  /** The call is on record in MongoDB: forget the live state (answers stay for retries). */
  end(events?: MessageEvent[]): Promise<void>;
  release(): Promise<void>;
}

/**
 * Another webhook of the call kept its lock longer than we could wait, or took it over: the call's
 * state exists, it is only busy (unlike a store that does not answer).
 */
export class LiveCallBusyError extends Error {
  override name = 'LiveCallBusyError';
}

/** Where live calls are kept (Redis); any web instance can serve any webhook of a call. */
export interface LiveCallStore {
  /**
   * Takes the call's lock (waiting briefly while another webhook of the call holds it) and reads
   * its state and the answer given to `replayTurn`, in one round trip. `waitMs` overrides how long
   * to wait for the lock (work nobody waits on can afford to wait longer).
   */
  acquire(callSid: string, replayTurn?: number, waitMs?: number): Promise<LiveCallLease>;
  /** Reads without locking (the transfer target's screening leg only reads). */
  peek(callSid: string): Promise<LiveCall | null>;
  /** Calls with no webhook since `before` (their end was never reported), oldest first. */
  idleSince(before: Date, limit: number): Promise<string[]>;
}

export function stepsOf(effects: Effect[]): CallStep[] {
  return effects.flatMap((e) => (e.type === 'step' ? [{ name: e.name, detail: e.detail, at: e.at }] : []));
}

export function outcomeOf(effects: Effect[]): Outcome | undefined {
  return effects.reduce<Outcome | undefined>(
    (found, e) => (e.type === 'set-outcome' ? e.outcome : found),
    undefined,
  );
}

/** An outcome never goes down (a late "abandoned" must not hide "transferred"). */
export function keptOutcome(current: LiveCall['outcome'], next: Outcome | undefined): LiveCall['outcome'] {
  if (!next) return current;
  if (current === 'in-progress') return next;
  return OUTCOME_RANK[next] > OUTCOME_RANK[current] ? next : current;
}

/** The call after one engine transition. */
export function advance(call: LiveCall, t: Transition): LiveCall {
  return {
    ...call,
    state: t.state,
    outcome: keptOutcome(call.outcome, outcomeOf(t.effects)),
    steps: [...call.steps, ...stepsOf(t.effects)],
  };
}

/** Runs `work` holding the call's lease; a lease not saved or ended is released. */
export async function withCall<T>(
  callSid: string,
  replayTurn: number | undefined,
  deps: { liveCalls: LiveCallStore },
  work: (lease: LiveCallLease) => Promise<T>,
  waitMs?: number,
): Promise<T> {
  const lease = await deps.liveCalls.acquire(callSid, replayTurn, waitMs);
  try {
    return await work(lease);
  } finally {
    await lease.release();
  }
}
