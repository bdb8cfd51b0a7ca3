import { gather, type Ctx } from '../context';
import { isOpen } from '../hours';
import type { MenuChoice } from '../profile';
import { callerFlags, firstMatch, ruleContext } from '../rules';
import { menuChoiceFromDigits, menuChoiceFromSpeech, soundsUrgent } from '../speech';
import type { FlowEvent } from '../types';
import {
  addressInfo,
  applyRuleAction,
  heardText,
  hoursInfo,
  noInputOrNotUnderstood,
  takeMessage,
} from './common';
import { go, type StepHandler, type StepResult } from './step';

/** The built-in meaning of each menu choice, when no rule decides otherwise. */
function builtIn(ctx: Ctx, choice: MenuChoice, open: boolean): StepResult {
  const { profile } = ctx;
  switch (choice) {
    case 'urgent': {
      const urgentPatch = { message: { ...ctx.state.message, urgent: true } };
      const canTransfer = open || profile.transfer.outOfHours === 'urgent-only';
      if (profile.transferTargets.length > 0 && canTransfer) return go('transfer', { patch: urgentPatch });
      const say = open ? [ctx.p.takeMessage] : [ctx.p.urgentClosed];
      return go('name', { say, patch: urgentPatch });
    }
    case 'message':
      return takeMessage(ctx);
    case 'hours':
      return hoursInfo(ctx);
    case 'address':
      return addressInfo(ctx);
  }
}

function route(ctx: Ctx, choice: MenuChoice, urgentSpeech: boolean): StepResult {
  const { profile, state, now } = ctx;
  const open = isOpen(profile, now);
  const rule = firstMatch(
    profile.rules,
    ruleContext(profile, now, {
      open,
      caller: callerFlags(profile, state.caller.number, state.caller.known),
      phase: 'menu',
      menuChoice: choice,
      urgentSpeech,
    }),
  );
  const c = { ...ctx, state: { ...state, menuChoice: choice, urgentHeard: urgentSpeech } };
  const result = rule ? applyRuleAction(c, rule.then) : builtIn(c, choice, open);
  if (result.kind !== 'go') return result;
  return { ...result, patch: { menuChoice: choice, urgentHeard: urgentSpeech, ...result.patch } };
}

export const menu: StepHandler = {
  prompt: (ctx) =>
    gather(ctx, {
      callback: 'menu',
      input: 'dtmf speech',
      numDigits: 1,
      hints: ctx.p.menuHints,
      prompt: [ctx.p.menu],
    }),

  on(ctx, event: FlowEvent) {
    if (event.type === 'digits') {
      const choice = menuChoiceFromDigits(event.digits);
      return choice ? route(ctx, choice, ctx.state.urgentHeard) : noInputOrNotUnderstood(event);
    }
    const text = heardText(event);
    if (text === undefined) return noInputOrNotUnderstood(event);
    const choice = menuChoiceFromSpeech(text);
    const urgent = ctx.state.urgentHeard || soundsUrgent(text, ctx.profile.urgencyKeywords);
    return choice ? route(ctx, choice, urgent) : noInputOrNotUnderstood(event);
  },

  /** The menu was given up on: the client's default action, never the menu again. */
  fallback: (ctx) => applyRuleAction(ctx, ctx.profile.defaultAction, true),
};
