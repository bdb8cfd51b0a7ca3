/**
 * Decisions shared by several steps: what a rule action means, where message taking goes next.
 */
import { stepEffect, type Ctx } from '../context';
import { hoursNow } from '../opening-text';
import { PROMPTS } from '../prompts';
import type { RuleAction } from '../profile';
import type { FlowEvent, StepName } from '../types';
import { go, type StepResult } from './step';

/** Speech is kept when it has words and Twilio is not almost sure it misheard. */
export const MIN_CONFIDENCE = 0.2;

export function heardText(event: FlowEvent): string | undefined {
  if (event.type !== 'speech') return undefined;
  const text = event.text.trim();
  if (!text || (event.confidence !== undefined && event.confidence < MIN_CONFIDENCE)) return undefined;
  return text;
}

/** No input → "I didn't hear you"; anything else unusable → "I didn't understand". */
export function noInputOrNotUnderstood(event: FlowEvent): StepResult {
  return { kind: 'retry', why: event.type === 'no-input' ? 'no-input' : 'not-understood' };
}

/** The caller cannot be understood: take a voice message if allowed, else move on to `next`. */
export function cannotUnderstand(ctx: Ctx, next: StepName): StepResult {
  if (ctx.profile.messageTaking.recording === 'never') return go(next);
  return go('recording', { patch: { recordingMode: 'fallback' } });
}

/** After the questions: an optional voice message, then the read-back. */
export function afterQuestions(ctx: Ctx): StepResult {
  if (ctx.profile.messageTaking.recording === 'always' && !ctx.state.message.recording) {
    return go('recording', { patch: { recordingMode: 'always' } });
  }
  return go('confirm');
}

export function takeMessage(ctx: Ctx, say: string[] = [ctx.p.takeMessage]): StepResult {
  return go('name', { say });
}

/** Information then the menu again, or then the end of the call. */
export function info(ctx: Ctx, text: string, thenMenu = true): StepResult {
  if (!thenMenu) return { kind: 'end', say: `${text} ${ctx.p.goodbye}`, outcome: 'information' };
  return go('menu', { say: [text, ctx.p.anythingElse], patch: { infoGiven: true } });
}

export function hoursInfo(ctx: Ctx): StepResult {
  return info(ctx, hoursNow(ctx.profile, ctx.now, ctx.state.locale));
}

export function addressInfo(ctx: Ctx): StepResult {
  const a = ctx.profile.address;
  return info(ctx, a ? ctx.p.address(a) : ctx.p.noAddress);
}

/** A rule's action once the call is answered (a rule's reject before answering is the engine's). */
export function applyRuleAction(ctx: Ctx, action: RuleAction, loopGuard = false): StepResult {
  switch (action.type) {
    case 'transfer':
      return go('transfer');
    case 'message':
      return takeMessage(ctx);
    case 'say':
      // After the menu was given up on, going back to it would loop: take a message instead.
      if (loopGuard) return go('name', { say: [action.text, ctx.p.takeMessage] });
      return info(ctx, action.text, action.thenMenu);
    case 'reject':
      return { kind: 'end', say: PROMPTS[ctx.state.locale].rejected, outcome: 'rejected' };
  }
}

/**
 * A caller who has said nothing at all, silent at the first question: "Allô ? Je ne vous entends
 * pas", and the voice message at once (when recording is allowed), as a person on the phone would,
 * rather than every question again — they may be on a line that carries no speech or keys.
 * Undefined when the normal retries apply: recording never, or the caller already did something.
 */
export function silentCaller(ctx: Ctx): StepResult | undefined {
  const { state, profile } = ctx;
  if (profile.messageTaking.recording === 'never' || state.infoGiven) return undefined;
  if (state.turn !== 0 || state.attempts !== 0) return undefined;
  return go('recording', {
    patch: { recordingMode: 'fallback', silentCaller: true },
    effects: [stepEffect(ctx, state.step, 'silent caller: voice message')],
  });
}
