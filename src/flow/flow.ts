/**
 * Turns a step's decision into a transition: enters the next step (skipping those already answered),
 * re-prompts within bounds, and ends the call with the right effects.
 */
import { emergencyAdvice } from './client-speech';
import { hasMessageContent, MAX_RETRIES, messageRecord, say, stepEffect, type Ctx } from './context';
import { STEPS, type StepResult } from './steps';
import type { Action, CallState, Effect, Outcome, Transition } from './types';

/** Steps skipped in a row at most; a guard against a skip cycle, which would be a bug. */
const MAX_CHAIN = 12;

function withState(ctx: Ctx, state: CallState): Ctx {
  return { ...ctx, state };
}

/**
 * End of call: say, hang up, store what was collected, set the outcome. An appointment booked,
 * moved or cancelled is its own record: the name and number it needed make no message.
 */
export function endCall(ctx: Ctx, text: string, outcome: Outcome): Transition {
  const state: CallState = { ...ctx.state, step: 'done', attempts: 0, outcome };
  const c = withState(ctx, state);
  const effects: Effect[] = [];
  if (outcome !== 'appointment' && hasMessageContent(state)) {
    effects.push({ type: 'store-message', message: messageRecord(c, true) });
  }
  effects.push({ type: 'set-outcome', outcome }, stepEffect(c, 'done', outcome));
  return { state, actions: [say(c, text), { type: 'hangup' }], effects };
}

/** The call log shows an urgent transfer as such: the transfer step says so when the call is urgent. */
function urgentTransfer(state: CallState): string | undefined {
  return state.step === 'transfer' && (state.message.urgent || state.urgentHeard) ? 'urgent' : undefined;
}

export function run(
  ctx: Ctx,
  result: StepResult,
  lead: Action[] = [],
  effects: Effect[] = [],
  depth = 0,
): Transition {
  if (depth > MAX_CHAIN) throw new Error(`flow: step chain too long at ${ctx.state.step}`);
  switch (result.kind) {
    case 'transition': {
      const t = result.transition;
      return { state: t.state, actions: [...lead, ...t.actions], effects: [...effects, ...t.effects] };
    }
    case 'finish': {
      const c = withState(ctx, { ...ctx.state, ...result.patch });
      const closing = c.state.message.urgent
        ? c.p.closingUrgent(emergencyAdvice(c.profile, c.state.locale))
        : c.p.closing;
      const t = endCall(c, closing, 'message');
      return { state: t.state, actions: [...lead, ...t.actions], effects: [...effects, ...t.effects] };
    }
    case 'end': {
      const c = withState(ctx, { ...ctx.state, ...result.patch });
      const outcome = result.outcome === 'abandoned' && c.state.infoGiven ? 'information' : result.outcome;
      const t = endCall(c, result.say, outcome);
      const all = [...effects, ...(result.effects ?? []), ...t.effects];
      return { state: t.state, actions: [...lead, ...t.actions], effects: all };
    }
    case 'retry': {
      const attempts = ctx.state.attempts + 1;
      const c = withState(ctx, { ...ctx.state, attempts });
      const handler = STEPS[c.state.step];
      if (attempts > MAX_RETRIES) {
        const detail = `gave up after ${attempts} tries (${result.why})`;
        return run(
          c,
          handler.fallback(c),
          lead,
          [...effects, stepEffect(c, c.state.step, detail)],
          depth + 1,
        );
      }
      const sorry = say(c, result.why === 'no-input' ? c.p.noInput : c.p.notUnderstood);
      return { state: c.state, actions: [...lead, sorry, ...handler.prompt(c)], effects };
    }
    case 'go': {
      const state: CallState = { ...ctx.state, ...result.patch, step: result.step, attempts: 0 };
      const c = withState(ctx, state);
      const says = (result.say ?? []).map((t) => say(c, t));
      const allEffects = [...effects, ...(result.effects ?? [])];
      const handler = STEPS[result.step];
      const skipped = handler.skip?.(c);
      if (skipped) return run(c, skipped, [...lead, ...says], allEffects, depth + 1);
      return {
        state,
        actions: [...lead, ...says, ...handler.prompt(c)],
        effects: [...allEffects, stepEffect(c, result.step, result.detail ?? urgentTransfer(state))],
        ...(result.request ? { request: result.request } : {}),
      };
    }
  }
}
