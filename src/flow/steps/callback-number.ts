import { gather, yesNoHints, type Ctx } from '../context';
import { diallableCaller, parseTypedNumber, spokenNumber } from '../phone';
import { digitsFromSpeech } from '../spoken-number';
import { yesNo } from '../speech';
import type { CallState, CallbackName, FlowEvent, StepName } from '../types';
import { heardText, noInputOrNotUnderstood } from './common';
import { go, type StepHandler, type StepResult } from './step';

/**
 * The number read back: the one just given, else the number already confirmed or the caller ID when
 * it can be called back, unless the caller said it was wrong.
 */
export function candidateOf(state: CallState): string | undefined {
  const m = state.message;
  return (
    m.callbackCandidate ?? (m.callbackRejected ? undefined : (m.callbackNumber ?? diallableCaller(state)))
  );
}

/** A step that asks for a number the way the callback number is asked: read back, "press 1 or type another". */
export interface NumberStepOptions {
  step: StepName;
  callback: CallbackName;
  /** Where the call goes once the number is confirmed. */
  next: StepName;
  /** "Nous vous rappellerons au 06 12 34 56 78. …" */
  confirmText: (ctx: Ctx, spoken: string) => string;
  /** No number to read back: ask for one. */
  enterText: (ctx: Ctx) => string;
  /** After the retries the best number we have is kept; with none, this (by default: go on without). */
  noNumber?: (ctx: Ctx) => StepResult;
  skip?: StepHandler['skip'];
}

export function numberStep(opts: NumberStepOptions): StepHandler {
  const accept = (ctx: Ctx, number: string | undefined): StepResult => {
    const { callbackCandidate: _dropped, callbackRejected: _no, ...message } = ctx.state.message;
    return go(opts.next, { patch: { message: number ? { ...message, callbackNumber: number } : message } });
  };

  /** Read a new number back and ask again: "say yes or press 1 to confirm, or give us another number". */
  const readBack = (ctx: Ctx, number: string): StepResult => {
    const { callbackRejected: _no, ...message } = ctx.state.message;
    return go(opts.step, { patch: { message: { ...message, callbackCandidate: number } } });
  };

  /** "Non": forget the number read back and ask for the right one. */
  const askNumber = (ctx: Ctx): StepResult => {
    const { callbackCandidate: _dropped, callbackNumber: _old, ...message } = ctx.state.message;
    return go(opts.step, { patch: { message: { ...message, callbackRejected: true } } });
  };

  const onSpeech = (ctx: Ctx, text: string, event: FlowEvent): StepResult => {
    const said = digitsFromSpeech(text);
    const number = said ? parseTypedNumber(said.replace(/^\+/, '00'), ctx.state.calledNumber) : undefined;
    if (number) return readBack(ctx, number);
    const candidate = candidateOf(ctx.state);
    const answer = yesNo(text);
    if (answer === true && candidate) return accept(ctx, candidate);
    if (answer === false) return askNumber(ctx);
    return noInputOrNotUnderstood(event);
  };

  return {
    ...(opts.skip ? { skip: opts.skip } : {}),

    prompt(ctx) {
      const candidate = candidateOf(ctx.state);
      const text = candidate
        ? opts.confirmText(ctx, spokenNumber(candidate, ctx.state.locale, ctx.state.calledNumber))
        : opts.enterText(ctx);
      return gather(ctx, {
        callback: opts.callback,
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

    fallback: (ctx) => {
      const candidate = candidateOf(ctx.state);
      return !candidate && opts.noNumber ? opts.noNumber(ctx) : accept(ctx, candidate);
    },
  };
}

export const callbackNumber: StepHandler = numberStep({
  step: 'callback-number',
  callback: 'callback-number',
  next: 'urgency',
  confirmText: (ctx, n) => ctx.p.callbackConfirm(n),
  enterText: (ctx) => ctx.p.callbackEnter,
});
