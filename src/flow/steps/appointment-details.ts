/**
 * The name the appointment is booked under and the number the confirmation SMS goes to, asked the way
 * message taking asks them; skipped when known (a known caller's name, a move).
 */
import { gather, speechHints } from '../context';
import { ap, apptOf, givenUp } from './appointment';
import { numberStep } from './callback-number';
import { heardText, noInputOrNotUnderstood } from './common';
import { cleanName } from './name';
import { go, type StepHandler } from './step';

export const appointmentName: StepHandler = {
  skip: (ctx) =>
    ctx.state.message.callerName || apptOf(ctx).intent === 'move' ? go('appointment-number') : undefined,

  prompt: (ctx) =>
    gather(ctx, {
      callback: 'appointment-name',
      input: 'speech',
      hints: speechHints(ctx, [], true),
      prompt: [ap(ctx).askName],
    }),

  on(ctx, event) {
    const text = heardText(event);
    if (text === undefined) return noInputOrNotUnderstood(event);
    return go('appointment-number', {
      patch: { message: { ...ctx.state.message, callerName: cleanName(text) } },
    });
  },

  /** No name understood: nothing is booked under no name; the request is passed on. */
  fallback: givenUp,
};

export const appointmentNumber: StepHandler = numberStep({
  step: 'appointment-number',
  callback: 'appointment-number',
  next: 'appointment-confirm',
  confirmText: (ctx, n) => ap(ctx).smsConfirm(n),
  enterText: (ctx) => ap(ctx).smsEnter,
  /** An anonymous caller who gives no number cannot be sent the confirmation: a request instead. */
  noNumber: givenUp,
  skip: (ctx) =>
    ctx.state.message.callbackNumber || apptOf(ctx).intent === 'move' ? go('appointment-confirm') : undefined,
});
