/**
 * Ordered routing rules: first match wins. All conditions given in a rule must hold.
 */
import { inRange, localTime, type LocalTime } from './hours';
import type { ClientProfile, MenuChoice, RoutingRule, RuleAction } from './profile';

export interface RuleContext {
  open: boolean;
  local: LocalTime;
  caller: { vip: boolean; blocked: boolean; known: boolean };
  /** `start`: before the menu, so rules needing a menu choice or speech are skipped. */
  phase: 'start' | 'menu';
  menuChoice?: MenuChoice;
  urgentSpeech: boolean;
}

export function ruleMatches(rule: RoutingRule, ctx: RuleContext): boolean {
  const w = rule.when;
  if (ctx.phase === 'start' && (w.menuChoice !== undefined || w.urgentSpeech !== undefined)) return false;
  if (w.open !== undefined && w.open !== ctx.open) return false;
  if (w.timeWindow) {
    const { days, start, end } = w.timeWindow;
    if (days && !days.includes(ctx.local.weekday)) return false;
    if (!inRange(ctx.local.time, { start, end })) return false;
  }
  if (w.caller !== undefined) {
    const c = ctx.caller;
    const ok = { vip: c.vip, blocked: c.blocked, known: c.known, unknown: !c.known }[w.caller];
    if (!ok) return false;
  }
  if (w.menuChoice !== undefined && w.menuChoice !== ctx.menuChoice) return false;
  if (w.urgentSpeech !== undefined && w.urgentSpeech !== ctx.urgentSpeech) return false;
  return true;
}

/** The first matching rule, or undefined; the caller decides the default. */
export function firstMatch(rules: readonly RoutingRule[], ctx: RuleContext): RoutingRule | undefined {
  return rules.find((r) => ruleMatches(r, ctx));
}

export function callerFlags(profile: ClientProfile, number: string, known: boolean) {
  return {
    vip: profile.vipNumbers.includes(number),
    blocked: profile.blockedNumbers.includes(number),
    known,
  };
}

export function ruleContext(
  profile: ClientProfile,
  now: Date,
  input: Omit<RuleContext, 'local'>,
): RuleContext {
  return { ...input, local: localTime(now, profile.timezone) };
}

export type { RuleAction };
