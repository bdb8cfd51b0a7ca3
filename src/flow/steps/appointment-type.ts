/** "Pour quel type de rendez-vous : consultation ou vaccination ?" — by key (1..n) or by name. */
import { typeInSentence } from '../appointment-text';
import { gather, speechHints, type Ctx } from '../context';
import { afterType, ap, givenUp, typeNamed, withAppt } from './appointment';
import { heardText, noInputOrNotUnderstood } from './common';
import type { StepHandler, StepResult } from './step';

function chosen(ctx: Ctx, index: number): StepResult {
  const type = ctx.profile.appointments.types[index];
  if (!type) return { kind: 'retry', why: 'not-understood' };
  const patch = withAppt(ctx, { typeId: type.id });
  const next = afterType({ ...ctx, state: { ...ctx.state, ...patch } });
  return next.kind === 'go' ? { ...next, patch: { ...patch, ...next.patch } } : next;
}

export const appointmentType: StepHandler = {
  prompt(ctx) {
    const names = ctx.profile.appointments.types.map((t) => typeInSentence(t.name));
    return gather(ctx, {
      callback: 'appointment-type',
      input: 'dtmf speech',
      numDigits: 1,
      hints: speechHints(
        ctx,
        ctx.profile.appointments.types.map((t) => t.name),
      ),
      prompt: [ap(ctx).askType(names)],
    });
  },

  on(ctx, event) {
    if (event.type === 'digits') {
      const index = Number(event.digits.trim().charAt(0)) - 1;
      return index >= 0 ? chosen(ctx, index) : noInputOrNotUnderstood(event);
    }
    const text = heardText(event);
    const index = text === undefined ? undefined : typeNamed(text, ctx.profile.appointments.types);
    return index === undefined ? noInputOrNotUnderstood(event) : chosen(ctx, index);
  },

  /** Never answered: the request is passed on as it stands. */
  fallback: givenUp,
};
