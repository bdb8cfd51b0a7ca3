import { urgencyKeywordsOf } from '../client-speech';
import { gather, speechHints } from '../context';
import { soundsUrgent } from '../speech';
import { cannotUnderstand, heardText, noInputOrNotUnderstood } from './common';
import { go, type StepHandler } from './step';

export const reason: StepHandler = {
  /** Already said in the caller's first sentence: the read-back lets them correct it. */
  skip: (ctx) => (ctx.state.message.reason ? go('callback-number') : undefined),

  prompt: (ctx) =>
    gather(ctx, {
      callback: 'reason',
      input: 'speech',
      hints: speechHints(ctx, [], true),
      prompt: [ctx.p.askReason(ctx.state.message.callerName)],
    }),

  on(ctx, event) {
    const text = heardText(event);
    if (text === undefined) return noInputOrNotUnderstood(event);
    const { state, profile } = ctx;
    return go('callback-number', {
      patch: {
        message: {
          ...state.message,
          reason: state.messageFor ? ctx.p.reasonFor(state.messageFor, text) : text,
        },
        urgentHeard: state.urgentHeard || soundsUrgent(text, urgencyKeywordsOf(profile)),
      },
    });
  },

  fallback: (ctx) => cannotUnderstand(ctx, 'callback-number'),
};
