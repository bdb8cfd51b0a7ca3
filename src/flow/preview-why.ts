/**
 * Why the route preview decided what it did, as data: the API says it in English (`whyText`, the
 * preview's `reason`), the admin page in the reader's language from the same data.
 */
import type { MenuChoice, RuleAction } from './profile';

/** `appointment`: the receptionist books (or moves, cancels) an appointment in the call. */
export type PreviewDecision = 'reject' | 'transfer' | 'message' | 'menu' | 'say' | 'appointment';

/** `index` is the rule's position in `profile.rules` (0-based); reasons number rules from 1. */
export type PreviewRule = { index: number; name: string };

/** What the caller did at the menu, as the engine understood it. */
export type PreviewHeard =
  | { by: 'key'; digits: string }
  | {
      by: 'speech';
      text: string;
      /** `booking`: an appointment request the receptionist books; `appointment`: one taken as a message. */
      understood?: 'booking' | 'appointment' | 'content' | 'person';
      asksFor?: string;
    };

/** How the built-in menu meaning of a choice played out when no rule matched. */
export type BuiltInOutcome =
  | 'open-transfer'
  | 'closed-transfer'
  | 'no-targets-urgent'
  | 'closed-urgent-message'
  | 'message'
  | 'hours'
  | 'address'
  | 'no-address';

export type PreviewWhy =
  | { code: 'blocked' }
  | {
      code: 'rule';
      rule: PreviewRule;
      action: RuleAction['type'];
      /** `as-rule`: the rule's action; `no-targets`: a transfer without targets; `engine`: the engine decided otherwise. */
      outcome: 'as-rule' | 'no-targets' | 'engine';
      decision: PreviewDecision;
    }
  | { code: 'vip-open' }
  | { code: 'closed-message' }
  | { code: 'closed-menu' }
  | { code: 'vip-no-targets-menu' }
  | { code: 'open-menu' }
  | { code: 'no-rule'; decision: PreviewDecision }
  | { code: 'menu-not-reached'; decision: PreviewDecision }
  | { code: 'booking'; heard: PreviewHeard }
  | { code: 'asks-for'; heard: PreviewHeard; decision: PreviewDecision }
  | { code: 'no-choice'; heard: PreviewHeard; decision: PreviewDecision }
  | { code: 'built-in'; choice: MenuChoice; outcome: BuiltInOutcome; decision: PreviewDecision };

const INTENT_WORDS: Record<NonNullable<Extract<PreviewHeard, { by: 'speech' }>['understood']>, string> = {
  booking: 'an appointment request',
  appointment: 'an appointment request, taken as a message (no appointment types)',
  content: 'a request in the caller’s words, taken as a message',
  person: 'a person asked for by name',
};

function heardText(h: PreviewHeard): string {
  if (h.by === 'key') return `key '${h.digits}'`;
  const what = h.understood ? ` (${INTENT_WORDS[h.understood]})` : '';
  return `speech "${h.text}"${what}${h.asksFor ? ` asking for ${h.asksFor}` : ''}`;
}

const BUILT_IN: Record<BuiltInOutcome, string> = {
  'open-transfer': 'open with transfer targets, transfer',
  'closed-transfer': 'closed and out-of-hours policy is urgent-only, transfer',
  'no-targets-urgent': 'no transfer targets, urgent message',
  'closed-urgent-message': 'closed and out-of-hours policy is message, urgent message',
  message: 'message taking',
  hours: 'opening hours read out, then the menu again',
  address: 'address read out, then the menu again',
  'no-address': 'no address set (said so), then the menu again',
};

/** The reason in English, as the API has always said it. */
export function whyText(why: PreviewWhy): string {
  switch (why.code) {
    case 'blocked':
      return 'caller is in blockedNumbers: rejected before answering';
    case 'rule': {
      const base = `rule #${why.rule.index + 1} '${why.rule.name}' matched`;
      if (why.outcome === 'as-rule') return `${base}: ${why.action}`;
      if (why.outcome === 'no-targets')
        return `${base}: transfer, but there are no transfer targets, so ${why.decision}`;
      return `${base}: ${why.action}, engine decision ${why.decision}`;
    }
    case 'vip-open':
      return 'built-in: VIP during opening hours with transfer targets';
    case 'closed-message':
      return 'closed and out-of-hours policy is message: when we reopen is said, then message taking';
    case 'closed-menu':
      return 'no rule matched; closed and out-of-hours policy is urgent-only: the menu';
    case 'vip-no-targets-menu':
      return 'no rule matched; VIP but no transfer targets: the menu';
    case 'open-menu':
      return 'no rule matched; open: the menu';
    case 'no-rule':
      return `no rule matched: ${why.decision}`;
    case 'menu-not-reached':
      return `the menu is not reached: the call goes to ${why.decision} at the start`;
    case 'booking':
      return `${heardText(why.heard)}: appointment booking`;
    case 'asks-for':
      return `${heardText(why.heard)}: ${why.decision}`;
    case 'no-choice':
      return `${heardText(why.heard)} is no menu choice: ${why.decision === 'menu' ? 'the menu is asked again' : why.decision}`;
    case 'built-in':
      return `no rule matched; built-in meaning of '${why.choice}': ${BUILT_IN[why.outcome]}`;
  }
}
