import { gather } from '../context';
import { soundsUrgent } from '../speech';
import { cannotUnderstand, heardText, noInputOrNotUnderstood } from './common';
import { go, type StepHandler } from './step';

export const reason: StepHandler = {
  prompt: (ctx) =>
    gather(ctx, {
      callback: 'reason',
      input: 'speech',
      prompt: [ctx.p.askReason(ctx.state.message.callerName)],
    }),

  on(ctx, event) {
    const text = heardText(event);
    if (text === undefined) return noInputOrNotUnderstood(event);
    const { state, profile } = ctx;
    return go('callback-number', {
      patch: {
        message: { ...state.message, reason: text },
        urgentHeard: state.urgentHeard || soundsUrgent(text, profile.urgencyKeywords),
      },
    });
  },

  fallback: (ctx) => cannotUnderstand(ctx, 'callback-number'),
};
