import { gather, type Ctx } from '../context';
import { diallableCaller, parseTypedNumber, spokenNumber } from '../phone';
import type { CallState } from '../types';
import { noInputOrNotUnderstood } from './common';
import { go, type StepHandler, type StepResult } from './step';

/** The number read back: the one just typed, else the caller ID when it can be called back. */
export function candidateOf(state: CallState): string | undefined {
  return state.message.callbackCandidate ?? diallableCaller(state);
}

function accept(ctx: Ctx, number: string | undefined): StepResult {
  const { callbackCandidate: _dropped, ...message } = ctx.state.message;
  return go('urgency', { patch: { message: number ? { ...message, callbackNumber: number } : message } });
}

export const callbackNumber: StepHandler = {
  prompt(ctx) {
    const candidate = candidateOf(ctx.state);
    const text = candidate
      ? ctx.p.callbackConfirm(spokenNumber(candidate, ctx.state.locale, ctx.state.calledNumber))
      : ctx.p.callbackEnter;
    return gather(ctx, { callback: 'callback-number', input: 'dtmf', prompt: [text] });
  },

  on(ctx, event) {
    if (event.type !== 'digits') return noInputOrNotUnderstood(event);
    const digits = event.digits.replace(/[#*]/g, '');
    const candidate = candidateOf(ctx.state);
    if (digits === '1' && candidate) return accept(ctx, candidate);
    const typed = parseTypedNumber(digits, ctx.state.calledNumber);
    if (!typed) return noInputOrNotUnderstood(event);
    // Read the new number back and ask again: "press 1 to confirm or type another number".
    return go('callback-number', { patch: { message: { ...ctx.state.message, callbackCandidate: typed } } });
  },

  /** Keep the best number we have: the caller ID, or the last one typed. */
  fallback: (ctx) => accept(ctx, candidateOf(ctx.state)),
};
