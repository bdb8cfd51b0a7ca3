/**
 * The engine's two entry points: the first webhook of a call, and every event after it.
 */
import { emergencyAdvice, greetsKnownCallers, spokenClientName } from './client-speech';
import { makeCtx, say, stepEffect, type Ctx } from './context';
import { bridgedDial, callerHungUp, lateEvent, timedOut, timeIsUp } from './events';
import { run } from './flow';
import { isOpen } from './hours';
import { closedNotice } from './opening-text';
import type { ClientProfile } from './profile';
import { callerFlags, firstMatch, ruleContext } from './rules';
import { applyRuleAction } from './steps/common';
import { screening } from './screening';
import { go, type StepResult } from './steps/step';
import { STEPS } from './steps';
import type { CallState, FlowEvent, Transition } from './types';

export interface StartCallInput {
  profile: ClientProfile;
  caller: { number: string; name?: string; known: boolean };
  callSid: string;
  now: Date;
  /** The client's number that was dialled; defaults to the profile's first number. */
  calledNumber?: string;
}

export function initialState(input: StartCallInput): CallState {
  const { profile, callSid, now } = input;
  // A name the client does not greet by is not taken for granted either: the phone may be shared.
  const caller = greetsKnownCallers(profile) ? input.caller : { ...input.caller, name: undefined };
  const flags = callerFlags(profile, caller.number, caller.known);
  return {
    version: 1,
    callSid,
    startedAt: now.toISOString(),
    locale: profile.locale,
    step: 'menu',
    turn: 0,
    attempts: 0,
    caller: {
      number: caller.number,
      ...(caller.name ? { name: caller.name } : {}),
      known: caller.known,
      vip: flags.vip,
    },
    calledNumber: input.calledNumber ?? profile.numbers[0] ?? '',
    open: isOpen(profile, now),
    urgentHeard: false,
    transferIndex: 0,
    message: caller.name ? { callerName: caller.name } : {},
    consentGiven: false,
    infoGiven: false,
    corrections: 0,
  };
}

function rejected(ctx: Ctx, detail: string): Transition {
  const state: CallState = { ...ctx.state, step: 'done', outcome: 'rejected' };
  return {
    state,
    actions: [{ type: 'reject', reason: 'rejected' }],
    effects: [{ type: 'set-outcome', outcome: 'rejected' }, stepEffect(ctx, 'rejected', detail)],
  };
}

/** Where the call goes after the greeting; see the README of the flow for the built-in VIP rule. */
function firstDecision(ctx: Ctx): StepResult | 'reject' {
  const { profile, state, now } = ctx;
  const flags = callerFlags(profile, state.caller.number, state.caller.known);
  const rule = firstMatch(
    profile.rules,
    ruleContext(profile, now, { open: state.open, caller: flags, phase: 'start', urgentSpeech: false }),
  );
  if (rule) return rule.then.type === 'reject' ? 'reject' : applyRuleAction(ctx, rule.then);
  if (flags.vip && state.open && profile.transferTargets.length > 0) return go('transfer');
  if (!state.open && profile.transfer.outOfHours === 'message') {
    return go('name', { say: [ctx.p.takeMessage] });
  }
  return go('menu');
}

export function startCall(input: StartCallInput): Transition {
  const { profile, now } = input;
  const state = initialState(input);
  const ctx = makeCtx(profile, state, now);
  if (callerFlags(profile, state.caller.number, state.caller.known).blocked)
    return rejected(ctx, 'blocked number');
  const decision = firstDecision(ctx);
  if (decision === 'reject') return rejected(ctx, 'routing rule');

  const p = ctx.p;
  const spokenName = spokenClientName(profile, state.locale);
  const greeting = state.caller.name
    ? p.greetingKnown(state.caller.name, spokenName)
    : profile.greeting || p.greeting(spokenName);
  const lead = [say(ctx, greeting)];
  const notice = profile.consent.recordingNotice && profile.messageTaking.recording !== 'never';
  if (notice) lead.push(say(ctx, p.consentNotice));
  // A caller put straight through (a VIP, a rule) hears nothing the transfer would contradict.
  const transferring =
    decision.kind === 'go' && decision.step === 'transfer' && profile.transferTargets.length > 0;
  const advice = state.open || transferring ? undefined : emergencyAdvice(profile, state.locale);
  if (!state.open && !transferring) lead.push(say(ctx, closedNotice(profile, now, state.locale)));
  if (advice) lead.push(say(ctx, advice));
  const started = { ...ctx, state: { ...state, consentGiven: notice, adviceGiven: advice !== undefined } };
  const detail = `${state.open ? 'open' : 'closed'}${state.caller.vip ? ', vip' : ''}`;
  return run(started, decision, lead, [stepEffect(ctx, 'start', detail)]);
}

/**
 * Every event after the first webhook. Caller hang-ups, the transfer target's
 * screening and events after the end are handled whatever the step; then the maximum call length;
 * then the current step decides.
 */
export function handleEvent(
  profile: ClientProfile,
  state: CallState,
  event: FlowEvent,
  now: Date,
): Transition {
  const ctx = makeCtx(profile, state, now);
  // Beside the caller's turns: they leave the state (and its turn) as it is.
  if (event.type === 'screen' || event.type === 'screen-result') return screening(ctx, event);
  // The answer to the previous transition's request, in the same webhook: not a turn either.
  if (event.type === 'calendar') return calendarAnswer(ctx, event);
  const t = decide(ctx, event);
  return { ...t, state: { ...t.state, turn: state.turn + 1 } };
}

/**
 * The calendar's answer goes to the step that asked, whatever the clock says: the work is done (a
 * booking may be written), so the caller must hear it even past the maximum call length.
 */
function calendarAnswer(ctx: Ctx, event: FlowEvent): Transition {
  if (ctx.state.step === 'done') return { state: ctx.state, actions: [], effects: [] };
  return run(ctx, STEPS[ctx.state.step].on(ctx, event));
}

function decide(ctx: Ctx, event: FlowEvent): Transition {
  const { state } = ctx;
  if (event.type === 'hangup') return callerHungUp(ctx);
  if (state.step === 'done') return lateEvent(ctx, event);
  if (event.type === 'timeout' || (timeIsUp(ctx) && !bridgedDial(ctx, event))) return timedOut(ctx);
  return run(ctx, STEPS[state.step].on(ctx, event));
}
