import { elapsedSeconds, say, stepEffect, type Ctx } from '../context';
import { diallableCaller } from '../phone';
import type { ClientProfile } from '../profile';
import type { Action, CallState, FlowEvent } from '../types';
import { go, type StepHandler, type StepResult } from './step';

/** A dial ended with the two parties joined (a screened callee who declined never is). */
export function wasBridged(event: Extract<FlowEvent, { type: 'dial-result' }>, screening: boolean): boolean {
  if (event.bridged !== undefined) return event.bridged;
  // Without DialBridged, a screened call cannot be told from a decline: assume not, so no message is lost.
  return !screening && (event.status === 'completed' || event.status === 'answered');
}

/**
 * The targets in the order they are tried: the one the caller asked for by name first. In
 * simultaneous mode, a caller who asked for someone has only that person rung.
 */
export function transferOrder(profile: ClientProfile, state: CallState) {
  const targets = profile.transferTargets;
  const preferred = state.preferredTarget === undefined ? undefined : targets[state.preferredTarget];
  if (!preferred) return targets;
  if (profile.transfer.mode === 'simultaneous') return [preferred];
  return [preferred, ...targets.filter((t) => t !== preferred)];
}

function dial(ctx: Ctx): Action[] {
  const { profile, state, now } = ctx;
  const targets = transferOrder(ctx.profile, ctx.state);
  const chosen =
    profile.transfer.mode === 'hunt' ? targets.slice(state.transferIndex, state.transferIndex + 1) : targets;
  const callerId =
    (profile.transfer.callerId === 'caller' ? diallableCaller(state) : undefined) ?? state.calledNumber;
  const actions: Action[] = state.transferIndex === 0 ? [say(ctx, ctx.p.transferring)] : [];
  actions.push({
    type: 'dial',
    targets: chosen.map((t) => ({ number: t.number, ringSeconds: t.ringSeconds })),
    callerId,
    timeLimitSeconds: Math.max(1, profile.maxCallSeconds - elapsedSeconds(state, now)),
    screening: profile.transfer.screening,
    callback: 'dial-result',
  });
  return actions;
}

/** Nobody took the call: a message, for the person asked for by name if any. */
function noOneAnswered(ctx: Ctx): StepResult {
  const { state, profile } = ctx;
  const asked =
    state.preferredTarget === undefined ? undefined : profile.transferTargets[state.preferredTarget];
  return go('name', { say: [ctx.p.transferFailed], ...(asked ? { patch: { messageFor: asked.name } } : {}) });
}

export const transfer: StepHandler = {
  skip: (ctx) =>
    ctx.profile.transferTargets.length === 0 ? go('name', { say: [ctx.p.takeMessage] }) : undefined,

  prompt: dial,

  on(ctx, event) {
    if (event.type !== 'dial-result') {
      // Not an answer to the dial (a stray retry): dial again rather than leave the caller in silence.
      return { kind: 'transition', transition: { state: ctx.state, actions: dial(ctx), effects: [] } };
    }
    const { profile, state } = ctx;
    if (wasBridged(event, profile.transfer.screening)) {
      return {
        kind: 'transition',
        transition: {
          state: { ...state, step: 'done', attempts: 0, outcome: 'transferred' },
          actions: [{ type: 'hangup' }],
          effects: [{ type: 'set-outcome', outcome: 'transferred' }, stepEffect(ctx, 'done', 'transferred')],
        },
      };
    }
    const next = state.transferIndex + 1;
    const detail = `${event.status}, not bridged`;
    if (profile.transfer.mode === 'hunt' && next < transferOrder(profile, state).length) {
      return go('transfer', {
        patch: { transferIndex: next },
        effects: [stepEffect(ctx, 'transfer', detail)],
      });
    }
    return { ...noOneAnswered(ctx), effects: [stepEffect(ctx, 'transfer', detail)] } as StepResult;
  },

  fallback: noOneAnswered,
};
