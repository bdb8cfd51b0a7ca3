import { urgencyKeywordsOf } from '../client-speech';
import { gather, yesNoHints, type Ctx } from '../context';
import { soundsUrgent, yesNo } from '../speech';
import { afterQuestions, heardText, noInputOrNotUnderstood } from './common';
import type { StepHandler, StepResult } from './step';

function decided(ctx: Ctx, urgent: boolean): StepResult {
  const state = { ...ctx.state, message: { ...ctx.state.message, urgent } };
  const next = afterQuestions({ ...ctx, state });
  return next.kind === 'go' ? { ...next, patch: { message: state.message, ...next.patch } } : next;
}

export const urgency: StepHandler = {
  /** Already known from the menu choice or from urgency words heard earlier: do not ask. */
  skip(ctx) {
    const { state } = ctx;
    if (state.message.urgent !== undefined) return decided(ctx, state.message.urgent);
    if (state.urgentHeard || state.menuChoice === 'urgent') return decided(ctx, true);
    return undefined;
  },

  prompt: (ctx) =>
    gather(ctx, {
      callback: 'urgency',
      input: 'dtmf speech',
      numDigits: 1,
      hints: yesNoHints(ctx),
      prompt: [ctx.p.askUrgency],
    }),

  on(ctx, event) {
    if (event.type === 'digits') {
      if (event.digits.startsWith('1')) return decided(ctx, true);
      if (event.digits.startsWith('2')) return decided(ctx, false);
      return noInputOrNotUnderstood(event);
    }
    const text = heardText(event);
    if (text === undefined) return noInputOrNotUnderstood(event);
    // "C'est urgent" answers the question too; "pas urgent" is a no.
    const answer = yesNo(text) ?? (soundsUrgent(text, urgencyKeywordsOf(ctx.profile)) ? true : undefined);
    return answer === undefined ? noInputOrNotUnderstood(event) : decided(ctx, answer);
  },

  fallback: (ctx) => decided(ctx, false),
};
