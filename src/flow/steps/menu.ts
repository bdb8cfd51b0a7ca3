import { gather, speechHints, type Ctx } from '../context';
import { isOpen } from '../hours';
import { appointmentChange, understand } from '../intents';
import type { MenuChoice } from '../profile';
import { callerFlags, firstMatch, ruleContext } from '../rules';
import { menuChoiceFromDigits } from '../speech';
import type { CallState, FlowEvent } from '../types';
import {
  addressInfo,
  applyRuleAction,
  heardText,
  hoursInfo,
  noInputOrNotUnderstood,
  silentCaller,
  takeMessage,
} from './common';
import { ap, canBook, canChange, startAppointment } from './appointment';
import { go, type StepHandler, type StepResult } from './step';

/** The menu key for appointments, offered only to clients with appointment types (1–4 keep their meaning). */
export const APPOINTMENT_KEY = '5';

/** What the caller's sentence already told us, carried into message taking or the transfer. */
interface Heard {
  reason?: string;
  /** Said instead of "Je vais prendre votre message" (an appointment request, a noted request). */
  intro?: string;
  target?: number;
}

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

/** The state as the sentence left it: the choice, urgency, the reason and the person asked for. */
function heardPatch(ctx: Ctx, choice: MenuChoice | undefined, urgent: boolean, heard: Heard) {
  const { state } = ctx;
  return {
    ...(choice ? { menuChoice: choice } : {}),
    urgentHeard: urgent,
    ...(heard.reason ? { message: { ...state.message, reason: heard.reason } } : {}),
    ...(heard.target !== undefined ? { preferredTarget: heard.target } : {}),
  } satisfies Partial<CallState>;
}

function withIntro(ctx: Ctx, result: StepResult, intro: string | undefined): StepResult {
  if (!intro || result.kind !== 'go' || !result.say) return result;
  return { ...result, say: result.say.map((t) => (t === ctx.p.takeMessage ? intro : t)) };
}

/** The routing rules for this menu answer (`choice` undefined: a person asked for by name). */
function ruleFor(ctx: Ctx, choice: MenuChoice | undefined, urgentSpeech: boolean, open: boolean) {
  const { profile, state, now } = ctx;
  return firstMatch(
    profile.rules,
    ruleContext(profile, now, {
      open,
      caller: callerFlags(profile, state.caller.number, state.caller.known),
      phase: 'menu',
      ...(choice ? { menuChoice: choice } : {}),
      urgentSpeech,
    }),
  );
}

function route(ctx: Ctx, choice: MenuChoice, urgentSpeech: boolean, heard: Heard = {}): StepResult {
  const { profile, state, now } = ctx;
  const open = isOpen(profile, now);
  const rule = ruleFor(ctx, choice, urgentSpeech, open);
  const patch = heardPatch(ctx, choice, urgentSpeech, heard);
  const c = { ...ctx, state: { ...state, ...patch } };
  const result = withIntro(c, rule ? applyRuleAction(c, rule.then) : builtIn(c, choice, open), heard.intro);
  if (result.kind !== 'go') return result;
  return { ...result, patch: { ...patch, ...result.patch } };
}

/** "Je voudrais parler au docteur Martin": put through to them first, else a message for them. */
function person(ctx: Ctx, target: number, urgentSpeech: boolean): StepResult {
  if (urgentSpeech) return route(ctx, 'urgent', true, { target });
  const { profile, state, now } = ctx;
  const open = isOpen(profile, now);
  const name = profile.transferTargets[target]?.name ?? '';
  const patch = { urgentHeard: false, preferredTarget: target, messageFor: name };
  const c = { ...ctx, state: { ...state, ...patch } };
  const rule = ruleFor(ctx, undefined, false, open);
  const result = rule
    ? withIntro(c, applyRuleAction(c, rule.then), ctx.p.messageFor(name))
    : open
      ? go('transfer')
      : go('name', { say: [ctx.p.messageFor(name)] });
  if (result.kind !== 'go') return result;
  return { ...result, patch: { ...patch, ...result.patch } };
}

function menuGather(ctx: Ctx) {
  const booking = canBook(ctx);
  const extra = booking ? ap(ctx).menuHints : [];
  return gather(ctx, {
    callback: 'menu',
    input: 'dtmf speech',
    numDigits: 1,
    hints: speechHints(ctx, [...ctx.p.menuHints, ...extra, ...ctx.p.intentHints], true),
    prompt: [booking ? ap(ctx).menu : ctx.p.menu],
  });
}

/**
 * "Je voudrais prendre rendez-vous jeudi": booking, with what the sentence said kept. A request to
 * move or cancel one goes to the caller's next appointment when they may change it, else it is a
 * message. Rules that match without a menu choice still decide first, as for a person asked by name.
 */
function appointment(ctx: Ctx, text: string, reason: Heard): StepResult {
  const change = appointmentChange(text);
  if (change && !canChange(ctx))
    return route(ctx, 'message', false, { ...reason, intro: ctx.p.requestNoted });
  const rule = ruleFor(ctx, undefined, false, isOpen(ctx.profile, ctx.now));
  if (rule) {
    const patch = heardPatch(ctx, undefined, false, reason);
    const c = { ...ctx, state: { ...ctx.state, ...patch } };
    const result = withIntro(c, applyRuleAction(c, rule.then), ctx.p.appointmentNoted);
    return result.kind === 'go' ? { ...result, patch: { ...patch, ...result.patch } } : result;
  }
  return startAppointment(ctx, change ?? 'book', text);
}

function onSpeech(ctx: Ctx, text: string, event: FlowEvent): StepResult {
  const u = understand(text, ctx.profile);
  const urgent = ctx.state.urgentHeard || u.urgent;
  const reason = u.reason ? { reason: u.reason } : {};
  switch (u.intent) {
    case undefined:
      return noInputOrNotUnderstood(event);
    case 'person':
      return person(ctx, u.target ?? 0, urgent);
    case 'appointment':
      if (canBook(ctx) && !urgent) return appointment(ctx, text, reason);
      return route(ctx, 'message', urgent, { ...reason, intro: ctx.p.appointmentNoted });
    case 'content':
      return route(ctx, 'message', urgent, { ...reason, intro: ctx.p.requestNoted });
    case 'urgent':
      return route(ctx, 'urgent', urgent, {
        ...reason,
        ...(u.target !== undefined ? { target: u.target } : {}),
      });
    default:
      return route(ctx, u.intent, urgent, reason);
  }
}

export const menu: StepHandler = {
  prompt: menuGather,

  on(ctx, event: FlowEvent) {
    if (event.type === 'digits' && canBook(ctx) && event.digits.trim().charAt(0) === APPOINTMENT_KEY) {
      return startAppointment(ctx, 'book');
    }
    if (event.type === 'digits') {
      const choice = menuChoiceFromDigits(event.digits);
      return choice ? route(ctx, choice, ctx.state.urgentHeard) : noInputOrNotUnderstood(event);
    }
    if (event.type === 'no-input') {
      return silentCaller(ctx) ?? noInputOrNotUnderstood(event);
    }
    const text = heardText(event);
    return text === undefined ? noInputOrNotUnderstood(event) : onSpeech(ctx, text, event);
  },

  /** The menu was given up on: the client's default action, never the menu again. */
  fallback: (ctx) => applyRuleAction(ctx, ctx.profile.defaultAction, true),
};
