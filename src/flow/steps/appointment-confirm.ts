/**
 * The last word before the calendar is written: the booking or move read back ("Je récapitule :
 * consultation mardi 8 décembre à 10 h, au nom de Jeanne Dupont."), and a cancellation confirmed.
 */
import { typeInSentence } from '../appointment-text';
import { gather, yesNoHints, type Ctx } from '../context';
import { yesNo } from '../speech';
import type { FlowEvent } from '../types';
import { ap, apptOf, commit, givenUp, slotText, typeOf } from './appointment';
import { heardText, noInputOrNotUnderstood } from './common';
import { go, type StepHandler, type StepResult } from './step';

/** 1 or yes → true, 2 or no → false; undefined when neither. */
export function keyOrYesNo(event: FlowEvent): boolean | undefined {
  if (event.type === 'digits') {
    const key = event.digits.trim().charAt(0);
    return key === '1' ? true : key === '2' ? false : undefined;
  }
  const text = heardText(event);
  return text === undefined ? undefined : yesNo(text);
}

function recap(ctx: Ctx): string {
  const a = apptOf(ctx);
  const slot = a.chosen ? slotText(ctx, a.chosen.start) : '';
  if (a.intent === 'move') return ap(ctx).recapMove(slot);
  const type = typeOf(ctx);
  return ap(ctx).recap(type ? typeInSentence(type.name) : '', slot, ctx.state.message.callerName);
}

export const appointmentConfirm: StepHandler = {
  prompt: (ctx) =>
    gather(ctx, {
      callback: 'appointment-confirm',
      input: 'dtmf speech',
      numDigits: 1,
      hints: yesNoHints(ctx),
      prompt: [recap(ctx)],
    }),

  on(ctx, event) {
    const answer = keyOrYesNo(event);
    if (answer === undefined) return noInputOrNotUnderstood(event);
    // "2": the same proposals again, to choose another one or ask for another day.
    return answer ? commit(ctx) : go('appointment-slots');
  },

  /** Never confirmed: nothing is written; the request is passed on. */
  fallback: givenUp,
};

/** Nothing changes: the call ends, and a known caller's name alone makes no message. */
function kept(ctx: Ctx): StepResult {
  return { kind: 'end', say: ap(ctx).kept, outcome: 'information', patch: { message: {} } };
}

export const appointmentCancel: StepHandler = {
  prompt: (ctx) =>
    gather(ctx, {
      callback: 'appointment-cancel',
      input: 'dtmf speech',
      numDigits: 1,
      hints: yesNoHints(ctx),
      prompt: [ap(ctx).cancelConfirm],
    }),

  on(ctx, event) {
    const answer = keyOrYesNo(event);
    const existing = apptOf(ctx).existing;
    if (answer === undefined) return noInputOrNotUnderstood(event);
    if (!answer || !existing) return kept(ctx);
    return go('appointment-calendar', {
      request: { type: 'cancel', appointmentId: existing.id },
      detail: 'cancel',
    });
  },

  /** Not confirmed: the appointment stays. */
  fallback: kept,
};

export { kept as appointmentKept };
