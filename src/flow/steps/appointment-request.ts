/**
 * The safe paths of booking: whenever it cannot go on (the calendar down, a caller who stops
 * answering or hangs up), what the caller asked for becomes a booking request message, so nothing
 * is lost.
 */
import { spokenPreference, typeInSentence } from '../appointment-text';
import { stepEffect, type Ctx } from '../context';
import { ap, apptOf, slotText, typeOf, withState } from './appointment-state';
import { go, type GoOptions, type StepResult } from './step';

/** What the caller asked for, as the reason of a booking request message. */
export function requestReason(ctx: Ctx): string {
  const a = apptOf(ctx);
  if (a.intent !== 'book' && a.existing) {
    const at = slotText(ctx, a.existing.start);
    return a.intent === 'move' ? ap(ctx).moveReason(at) : ap(ctx).cancelReason(at);
  }
  const type = typeOf(ctx);
  const slot = a.chosen
    ? slotText(ctx, a.chosen.start)
    : spokenPreference(a.preference, ctx.profile.timezone, ctx.now, ctx.state.locale);
  return ap(ctx).requestReason(type ? typeInSentence(type.name) : undefined, slot);
}

/** The message-taking path with the request as its reason, introduced by `say`. */
export function bookingRequest(ctx: Ctx, say: string[], opts: GoOptions = {}): StepResult {
  const { state } = ctx;
  const message = { ...state.message, reason: requestReason(ctx), urgent: state.urgentHeard };
  return go('name', { ...opts, say, patch: { message } });
}

/** The caller stopped answering: the request is stored as a message and the call ends. */
export function givenUp(ctx: Ctx): StepResult {
  const message = { ...ctx.state.message, reason: requestReason(ctx) };
  return { kind: 'end', say: ap(ctx).givenUp, outcome: 'message', patch: { message } };
}

/** The calendar could not be read or written: a booking request, nothing lost. */
export function calendarUnavailable(ctx: Ctx): StepResult {
  const say = apptOf(ctx).intent === 'book' ? ap(ctx).unavailable : ap(ctx).unavailableChange;
  return bookingRequest(ctx, [say], { effects: [stepEffect(ctx, 'calendar', 'unavailable')] });
}

/** The state a hang-up or the time limit leaves: mid-booking, the request becomes the message's reason. */
export function withBookingRequest(ctx: Ctx): Ctx {
  const { state } = ctx;
  if (!state.appointment || state.outcome || state.message.reason) return ctx;
  return withState(ctx, { message: { ...state.message, reason: requestReason(ctx) } });
}
