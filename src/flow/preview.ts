/**
 * Route preview: what the engine would do with a call from `from` at `at`, and why, so a client's setup
 * can be checked without a phone. The decision is read from the real engine (`startCall`, then
 * `handleEvent` with the caller's menu answer), so preview and reality cannot disagree; the rules are
 * evaluated again only to name the rule that matched and to explain the decision in words.
 */
import { handleEvent, startCall } from './engine';
import { openStatus, localTime, type OpenReason } from './hours';
import type { ClientProfile, MenuChoice, RoutingRule, Weekday } from './profile';
import { callerFlags, firstMatch, ruleContext, type RuleContext } from './rules';
import { understand, type Intent } from './intents';
import { menuChoiceFromDigits } from './speech';
import { transferOrder } from './steps/transfer';
import { MESSAGE_STEPS, type Action, type CallState, type FlowEvent, type Transition } from './types';

import {
  whyText,
  type BuiltInOutcome,
  type PreviewDecision,
  type PreviewHeard,
  type PreviewRule,
  type PreviewWhy,
} from './preview-why';

export type { PreviewDecision, PreviewRule, PreviewWhy } from './preview-why';

export interface PreviewInput {
  from: string;
  at: Date;
  /** Keys pressed at the menu; takes precedence over `speech` when both are given. */
  digits?: string;
  /** What the caller says at the menu. */
  speech?: string;
  known?: boolean;
  callerName?: string;
}

export interface RoutePreview {
  open: boolean;
  openReason: OpenReason;
  /** The client's wall clock, e.g. "Mon 2026-11-23 10:00 (Europe/Paris)". */
  localTime: string;
  caller: { vip: boolean; blocked: boolean; known: boolean };
  /** `reason`: `why` in English words. */
  atStart: { decision: PreviewDecision; rule: PreviewRule | null; reason: string; why: PreviewWhy };
  /** Only when `digits` or `speech` is given. */
  afterMenu?: {
    choice: MenuChoice | null;
    decision: PreviewDecision;
    rule: PreviewRule | null;
    reason: string;
    why: PreviewWhy;
  };
  /** When a decision is transfer: in dial order (hunt) or all at once (simultaneous). */
  transferTargets?: { name: string; number: string; ringSeconds: number }[];
  /** The first sentence the caller hears; empty when the call is rejected before answering. */
  greeting: string;
}

/** A fixed CallSid: the preview never touches a real call. */
const PREVIEW_CALL_SID = 'CA' + '0'.repeat(32);

const WEEKDAY_NAMES: Record<Weekday, string> = {
  mon: 'Mon',
  tue: 'Tue',
  wed: 'Wed',
  thu: 'Thu',
  fri: 'Fri',
  sat: 'Sat',
  sun: 'Sun',
};

/** What a transition means for the caller, read from its actions and resulting state only. */
function decisionOf(t: Transition): PreviewDecision {
  const { state, actions } = t;
  if (actions.some((a) => a.type === 'reject') || state.outcome === 'rejected') return 'reject';
  if (actions.some((a) => a.type === 'dial') || state.step === 'transfer') return 'transfer';
  if (MESSAGE_STEPS.includes(state.step)) return 'message';
  if (t.request || state.step.startsWith('appointment-')) return 'appointment';
  if (state.step === 'done') return state.outcome === 'information' ? 'say' : 'message';
  // Back at the menu: after information was said (a fresh `go`, attempts reset), or asked again.
  return state.infoGiven && state.attempts === 0 ? 'say' : 'menu';
}

function firstSaid(actions: Action[]): string {
  for (const a of actions) {
    if (a.type === 'say') return a.text;
    if (a.type === 'gather' && a.prompt[0]) return a.prompt[0].text;
  }
  return '';
}

function ruleRef(rules: readonly RoutingRule[], rule: RoutingRule | undefined): PreviewRule | null {
  return rule ? { index: rules.indexOf(rule), name: rule.name } : null;
}

const RULE_DECISION: Record<RoutingRule['then']['type'], PreviewDecision> = {
  reject: 'reject',
  transfer: 'transfer',
  message: 'message',
  say: 'say',
};

/** The rule that matched, with what the engine did when it differs from the rule's action. */
function ruleWhy(
  profile: ClientProfile,
  ref: PreviewRule,
  rule: RoutingRule,
  actual: PreviewDecision,
): PreviewWhy {
  const action = rule.then.type;
  const outcome =
    RULE_DECISION[action] === actual
      ? 'as-rule'
      : action === 'transfer' && profile.transferTargets.length === 0
        ? 'no-targets'
        : 'engine';
  return { code: 'rule', rule: ref, action, outcome, decision: actual };
}

function startWhy(
  profile: ClientProfile,
  ctx: RuleContext,
  decision: PreviewDecision,
  rule: RoutingRule | undefined,
  ref: PreviewRule | null,
): PreviewWhy {
  if (ctx.caller.blocked) return { code: 'blocked' };
  if (rule && ref) return ruleWhy(profile, ref, rule, decision);
  const noTargets = profile.transferTargets.length === 0;
  if (decision === 'transfer' && ctx.caller.vip && ctx.open) return { code: 'vip-open' };
  if (decision === 'message' && !ctx.open && profile.transfer.outOfHours === 'message') {
    return { code: 'closed-message' };
  }
  if (decision === 'menu') {
    if (!ctx.open) return { code: 'closed-menu' };
    if (ctx.caller.vip && noTargets) return { code: 'vip-no-targets-menu' };
    return { code: 'open-menu' };
  }
  return { code: 'no-rule', decision };
}

function builtIn(
  profile: ClientProfile,
  ctx: RuleContext,
  choice: MenuChoice,
  decision: PreviewDecision,
): BuiltInOutcome {
  switch (choice) {
    case 'urgent':
      if (decision === 'transfer') return ctx.open ? 'open-transfer' : 'closed-transfer';
      if (profile.transferTargets.length === 0) return 'no-targets-urgent';
      return 'closed-urgent-message';
    case 'message':
      return 'message';
    case 'hours':
      return 'hours';
    case 'address':
      return profile.address ? 'address' : 'no-address';
  }
}

function menuWhy(
  profile: ClientProfile,
  ctx: RuleContext,
  choice: MenuChoice,
  decision: PreviewDecision,
  rule: RoutingRule | undefined,
  ref: PreviewRule | null,
): PreviewWhy {
  if (rule && ref) return ruleWhy(profile, ref, rule, decision);
  return { code: 'built-in', choice, outcome: builtIn(profile, ctx, choice, decision), decision };
}

/** What the menu's rules see for each intent of a sentence: an appointment or a request is a message. */
const CHOICE_OF_INTENT: Record<Intent, MenuChoice | undefined> = {
  urgent: 'urgent',
  message: 'message',
  hours: 'hours',
  address: 'address',
  appointment: 'message',
  content: 'message',
  person: undefined,
};

/** A menu answer with its English reason. */
const said = (why: PreviewWhy) => ({ why, reason: whyText(why) });

const NAMED_INTENTS = ['appointment', 'content', 'person'] as const;

function afterMenu(
  profile: ClientProfile,
  input: PreviewInput,
  at: Date,
  start: Transition,
  flags: RuleContext['caller'],
  open: boolean,
): NonNullable<RoutePreview['afterMenu']> & { transition?: Transition } {
  const startDecision = decisionOf(start);
  if (start.state.step !== 'menu') {
    return {
      choice: null,
      decision: startDecision,
      rule: null,
      ...said({ code: 'menu-not-reached', decision: startDecision }),
    };
  }
  const state: CallState = start.state;
  let event: FlowEvent;
  let choice: MenuChoice | undefined;
  let urgentSpeech = state.urgentHeard;
  let heard: PreviewHeard;
  /** The transfer target the caller named, when that is what the sentence asks for. */
  let asksFor: string | undefined;
  if (input.digits !== undefined) {
    event = { type: 'digits', digits: input.digits };
    choice = menuChoiceFromDigits(input.digits);
    heard = { by: 'key', digits: input.digits };
  } else {
    const text = input.speech ?? '';
    event = { type: 'speech', text };
    // The menu step's own reading of the sentence, so preview and call cannot disagree.
    const understood = text.trim() ? understand(text, profile) : undefined;
    choice = understood?.intent === undefined ? undefined : CHOICE_OF_INTENT[understood.intent];
    urgentSpeech = urgentSpeech || understood?.urgent === true;
    const booking = understood?.intent === 'appointment' && profile.appointments.types.length > 0;
    const named = NAMED_INTENTS.find((i) => i === understood?.intent);
    if (understood?.intent === 'person' && understood.target !== undefined) {
      asksFor = profile.transferTargets[understood.target]?.name;
    }
    heard = {
      by: 'speech',
      text,
      ...(booking ? { understood: 'booking' as const } : named ? { understood: named } : {}),
      ...(asksFor ? { asksFor } : {}),
    };
  }
  const t = handleEvent(profile, state, event, at);
  const decision = decisionOf(t);
  // Booking is no menu choice of its own (rules cannot name it): said as what it is.
  if (decision === 'appointment') {
    return { choice: null, decision, rule: null, ...said({ code: 'booking', heard }), transition: t };
  }
  if (!choice) {
    if (asksFor)
      return {
        choice: null,
        decision,
        rule: null,
        ...said({ code: 'asks-for', heard, decision }),
        transition: t,
      };
    return { choice: null, decision, rule: null, ...said({ code: 'no-choice', heard, decision }) };
  }
  const ctx = ruleContext(profile, at, {
    open,
    caller: flags,
    phase: 'menu',
    menuChoice: choice,
    urgentSpeech,
  });
  const rule = firstMatch(profile.rules, ctx);
  const ref = ruleRef(profile.rules, rule);
  return {
    choice,
    decision,
    rule: ref,
    ...said(menuWhy(profile, ctx, choice, decision, rule, ref)),
    transition: t,
  };
}

function targetsOf(profile: ClientProfile, t: Transition): RoutePreview['transferTargets'] {
  const all = transferOrder(profile, t.state);
  const list = profile.transfer.mode === 'hunt' ? all.slice(t.state.transferIndex) : all;
  return list.map(({ name, number, ringSeconds }) => ({ name, number, ringSeconds }));
}

export function previewRoute(profile: ClientProfile, input: PreviewInput): RoutePreview {
  const { from, at } = input;
  const known = input.known ?? false;
  const status = openStatus(profile, at);
  const local = localTime(at, profile.timezone);
  const flags = callerFlags(profile, from, known);

  const start = startCall({
    profile,
    caller: { number: from, known, ...(input.callerName ? { name: input.callerName } : {}) },
    callSid: PREVIEW_CALL_SID,
    now: at,
  });
  const decision = decisionOf(start);
  const startCtx = ruleContext(profile, at, {
    open: start.state.open,
    caller: flags,
    phase: 'start',
    urgentSpeech: false,
  });
  const startRule = flags.blocked ? undefined : firstMatch(profile.rules, startCtx);
  const startRef = ruleRef(profile.rules, startRule);

  const preview: RoutePreview = {
    open: status.open,
    openReason: status.reason,
    localTime: `${WEEKDAY_NAMES[local.weekday]} ${local.date} ${local.time} (${profile.timezone})`,
    caller: flags,
    atStart: {
      decision,
      rule: startRef,
      ...said(startWhy(profile, startCtx, decision, startRule, startRef)),
    },
    greeting: firstSaid(start.actions),
  };

  let transferTransition = decision === 'transfer' ? start : undefined;
  if (input.digits !== undefined || input.speech !== undefined) {
    const { transition, ...menu } = afterMenu(profile, input, at, start, flags, status.open);
    preview.afterMenu = menu;
    if (transition && menu.decision === 'transfer') transferTransition = transition;
  }
  if (transferTransition) preview.transferTargets = targetsOf(profile, transferTransition);
  return preview;
}
