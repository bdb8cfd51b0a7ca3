/**
 * Events that do not depend on the step: the caller hanging up, the maximum call length, anything
 * arriving after the end.
 */
import { elapsedSeconds, hasMessageContent, messageRecord, stepEffect, type Ctx } from './context';
import { endCall } from './flow';
import { withBookingRequest } from './steps/appointment';
import { wasBridged } from './steps/transfer';
import type { FlowEvent, Outcome, Transition } from './types';

/** Mid-booking, nothing is booked; what the caller asked for is kept as a booking request message. */
export function callerHungUp(hungUp: Ctx): Transition {
  const ctx = withBookingRequest(hungUp);
  const { state } = ctx;
  const base = { ...state, step: 'done' as const, attempts: 0 };
  if (state.outcome) return { state: base, actions: [], effects: [] };
  const outcome: Outcome = hasMessageContent(state)
    ? 'message'
    : state.infoGiven
      ? 'information'
      : 'abandoned';
  const c = { ...ctx, state: { ...base, outcome } };
  return {
    state: c.state,
    actions: [],
    effects: [
      ...(outcome === 'message' ? [{ type: 'store-message' as const, message: messageRecord(c, true) }] : []),
      { type: 'set-outcome', outcome },
      stepEffect(c, 'hangup', `caller hung up at ${state.step}`),
    ],
  };
}

export function timeIsUp(ctx: Ctx): boolean {
  return elapsedSeconds(ctx.state, ctx.now) >= ctx.profile.maxCallSeconds;
}

/** A bridged call legitimately outlasts the limit (the dial's timeLimit enforced it). */
export function bridgedDial(ctx: Ctx, event: FlowEvent): boolean {
  return (
    event.type === 'dial-result' &&
    ctx.state.step === 'transfer' &&
    wasBridged(event, ctx.profile.transfer.screening)
  );
}

export function timedOut(limited: Ctx): Transition {
  const ctx = withBookingRequest(limited);
  const outcome: Outcome = hasMessageContent(ctx.state) ? 'message' : 'abandoned';
  const t = endCall(ctx, ctx.p.timeUp, outcome);
  const detail = `after ${elapsedSeconds(ctx.state, ctx.now)} s`;
  return { ...t, effects: [stepEffect(ctx, 'timeout', detail), ...t.effects] };
}

/** After the end: a dial result racing the hangup may still prove the call was transferred. */
export function lateEvent(ctx: Ctx, event: FlowEvent): Transition {
  const { state } = ctx;
  if (event.type === 'dial-result' && event.bridged === true && state.outcome !== 'transferred') {
    return {
      state: { ...state, outcome: 'transferred' },
      actions: [{ type: 'hangup' }],
      effects: [{ type: 'set-outcome', outcome: 'transferred' }],
    };
  }
  return { state, actions: [{ type: 'hangup' }], effects: [] };
}
