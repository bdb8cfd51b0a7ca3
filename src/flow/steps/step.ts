/**
 * The shape of one step: it asks its question, decides on the answer, and knows its safe path.
 * Steps return decisions (StepResult); `flow.ts` turns them into transitions, so steps never call
 * each other.
 */
import type { Ctx } from '../context';
import type {
  Action,
  CalendarRequest,
  CallState,
  Effect,
  FlowEvent,
  Outcome,
  StepName,
  Transition,
} from '../types';

/** Options of a `go`: what to say first, what to change, and what to ask of the calendar. */
export interface GoOptions {
  say?: string[];
  patch?: Partial<CallState>;
  effects?: Effect[];
  /** The timeline detail of entering `step`. */
  detail?: string;
  /** Calendar work the edge does before the step's answer comes (as a `calendar` event). */
  request?: CalendarRequest;
}

export type StepResult =
  /** Move to `step` (after saying `say`), with `patch` merged into the state. */
  | ({ kind: 'go'; step: StepName } & GoOptions)
  /** Ask the same question again, or take the safe path after too many tries. */
  | { kind: 'retry'; why: 'no-input' | 'not-understood' }
  /** The message is complete: store it, thank the caller, hang up. */
  | { kind: 'finish'; patch?: Partial<CallState> }
  /** End the call now with `say`, storing what was collected if anything (not for `appointment`). */
  | { kind: 'end'; say: string; outcome: Outcome; patch?: Partial<CallState>; effects?: Effect[] }
  /** A fully built transition, for the rare step that needs one. */
  | { kind: 'transition'; transition: Transition };

export interface StepHandler {
  /** Actions that ask this step's question: gather + no-input redirect, dial, record… */
  prompt(ctx: Ctx): Action[];
  /** Decide on the caller's answer. */
  on(ctx: Ctx, event: FlowEvent): StepResult;
  /** After MAX_RETRIES failed tries: the safe path. */
  fallback(ctx: Ctx): StepResult;
  /** Skip this step when its answer is already known or it cannot run. */
  skip?(ctx: Ctx): StepResult | undefined;
}

export const go = (step: StepName, opts: GoOptions = {}): StepResult => ({ kind: 'go', step, ...opts });
