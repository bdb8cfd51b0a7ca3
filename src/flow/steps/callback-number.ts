import { gather, yesNoHints, type Ctx } from '../context';
import { diallableCaller, parseTypedNumber, spokenNumber } from '../phone';
import { digitsFromSpeech } from '../spoken-number';
import { yesNo } from '../speech';
import type { CallState, FlowEvent } from '../types';
import { heardText, noInputOrNotUnderstood } from './common';
import { go, type StepHandler, type StepResult } from './step';

/**
 * The number read back: the one just given, else the caller ID when it can be called back and the
 * caller did not say it was wrong.
 */
export function candidateOf(state: CallState): string | undefined {
  const m = state.message;
  return m.callbackCandidate ?? (m.callbackRejected ? undefined : diallableCaller(state));
}

function accept(ctx: Ctx, number: string | undefined): StepResult {
  const { callbackCandidate: _dropped, callbackRejected: _no, ...message } = ctx.state.message;
  return go('urgency', { patch: { message: number ? { ...message, callbackNumber: number } : message } });
}

/** Read a new number back and ask again: "say yes or press 1 to confirm, or give us another number". */
function readBack(ctx: Ctx, number: string): StepResult {
  const { callbackRejected: _no, ...message } = ctx.state.message;
  return go('callback-number', { patch: { message: { ...message, callbackCandidate: number } } });
}

/** "Non": forget the number read back and ask for the right one. */
function askNumber(ctx: Ctx): StepResult {
  const { callbackCandidate: _dropped, ...message } = ctx.state.message;
  return go('callback-number', { patch: { message: { ...message, callbackRejected: true } } });
}

function onSpeech(ctx: Ctx, text: string, event: FlowEvent): StepResult {
  const said = digitsFromSpeech(text);
  const number = said ? parseTypedNumber(said.replace(/^\+/, '00'), ctx.state.calledNumber) : undefined;
  if (number) return readBack(ctx, number);
  const candidate = candidateOf(ctx.state);
  const answer = yesNo(text);
  if (answer === true && candidate) return accept(ctx, candidate);
  if (answer === false) return askNumber(ctx);
  return noInputOrNotUnderstood(event);
}

export const callbackNumber: StepHandler = {
  prompt(ctx) {
    const candidate = candidateOf(ctx.state);
    const text = candidate
      ? ctx.p.callbackConfirm(spokenNumber(candidate, ctx.state.locale, ctx.state.calledNumber))
      : ctx.p.callbackEnter;
    return gather(ctx, {
      callback: 'callback-number',
      input: 'dtmf speech',
      hints: candidate ? yesNoHints(ctx) : [],
      prompt: [text],
    });
  },

  on(ctx, event) {
    if (event.type !== 'digits') {
      const text = heardText(event);
      return text === undefined ? noInputOrNotUnderstood(event) : onSpeech(ctx, text, event);
    }
    const digits = event.digits.replace(/[#*]/g, '');
    const candidate = candidateOf(ctx.state);
    if (digits === '1' && candidate) return accept(ctx, candidate);
    const typed = parseTypedNumber(digits, ctx.state.calledNumber);
    return typed ? readBack(ctx, typed) : noInputOrNotUnderstood(event);
  },

  /** Keep the best number we have: the caller ID, or the last one given. */
  fallback: (ctx) => accept(ctx, candidateOf(ctx.state)),
};
