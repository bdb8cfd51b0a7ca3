/**
 * A period's indicators from its days' rollups (report-day.ts): sums, medians, the weekday × hour
 * grid, the time-to-handle distribution, the top reasons and the repeat callers. Pure: the same
 * function serves the page, the API, the CSV and the weekly report, for one client or several.
 */
import { MESSAGE_STATUSES, type MessageStatus } from './vocabulary';
import { REPORT_OUTCOMES, type DayRollup, type ReportOutcome } from './report-day';

/** The time-to-handle distribution's upper bounds, in seconds (the last bucket is "more"). */
export const HANDLE_BUCKETS = [15 * 60, 3600, 4 * 3600, 24 * 3600, 3 * 24 * 3600] as const;

export type AssistantFigures = {
  userId: string;
  claimed: number;
  handled: number;
  medianHandleSeconds: number | null;
  /** Messages this assistant holds, still open, taken on a day before the threshold. */
  openOlder: number;
  open: number;
};

export type ReportFigures = {
  /** First and last day, `YYYY-MM-DD`, inclusive. */
  from: string;
  to: string;
  calls: {
    total: number;
    answered: number;
    afterHours: number;
    urgentTransfers: number;
    byOutcome: Record<ReportOutcome, number>;
  };
  /** One entry per day of the period, in order, days without rollup at zero. */
  perDay: { day: string; byOutcome: Record<ReportOutcome, number>; total: number }[];
  /** Calls by ISO weekday (index 0 is Monday) and local hour. */
  heatmap: number[][];
  messages: {
    total: number;
    urgent: number;
    byStatus: Record<MessageStatus, number>;
    open: number;
    unassignedOpen: number;
    medianClaimSeconds: number | null;
    medianHandleSeconds: number | null;
    /** Handled messages per HANDLE_BUCKETS bucket, plus the last one for longer. */
    handleBuckets: number[];
  };
  urgent: { messages: number; acknowledged: number; unacknowledged: number; medianAckSeconds: number | null };
  deliveries: { sent: number; failed: number; pending: number; cancelled: number; retried: number };
  topReasons: { word: string; count: number }[];
  callers: { distinct: number; repeat: number };
  assistants: AssistantFigures[];
  /** Open messages taken on a day older than the threshold (`openOlderThanDays`). */
  openOlder: number;
};

export type FigureOptions = {
  from: string;
  to: string;
  /** Open items count as old when taken this many days or more before `today`. @defaultValue 2 */
  openOlderThanDays?: number;
  /** The client's today, `YYYY-MM-DD`, for the old open items. @defaultValue `to` */
  today?: string;
  /** How many reason words to keep. @defaultValue 10 */
  topReasons?: number;
};

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
}

/** `YYYY-MM-DD` plus `n` days. */
export function shiftDay(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** Every day from `from` to `to`, inclusive. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = from; d <= to; d = shiftDay(d, 1)) days.push(d);
  return days;
}

/** ISO weekday index of a `YYYY-MM-DD`, 0 for Monday. */
export const weekdayIndex = (day: string) => (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;

const add = <K extends string>(into: Record<K, number>, from: Record<K, number>) => {
  for (const k of Object.keys(from) as K[]) into[k] = (into[k] ?? 0) + (from[k] ?? 0);
};

function bucketsOf(values: readonly number[]): number[] {
  const buckets = Array.from({ length: HANDLE_BUCKETS.length + 1 }, () => 0);
  for (const v of values) {
    const i = HANDLE_BUCKETS.findIndex((limit) => v <= limit);
    buckets[i === -1 ? HANDLE_BUCKETS.length : i]! += 1;
  }
  return buckets;
}

/** The period's figures from the rollups of its days (any client, any order; days outside are ignored). */
export function reportFigures(rollups: readonly DayRollup[], options: FigureOptions): ReportFigures {
  const { from, to } = options;
  const today = options.today ?? to;
  const oldBefore = shiftDay(today, -(options.openOlderThanDays ?? 2) + 1);
  const days = rollups.filter((r) => r.day >= from && r.day <= to);
  const zero = () => Object.fromEntries(REPORT_OUTCOMES.map((o) => [o, 0])) as Record<ReportOutcome, number>;
  const calls = { total: 0, answered: 0, afterHours: 0, urgentTransfers: 0, byOutcome: zero() };
  const perDay = new Map(daysBetween(from, to).map((d) => [d, { day: d, byOutcome: zero(), total: 0 }]));
  const heatmap = Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => 0));
  const byStatus = Object.fromEntries(MESSAGE_STATUSES.map((s) => [s, 0])) as Record<MessageStatus, number>;
  const deliveries = { sent: 0, failed: 0, pending: 0, cancelled: 0, retried: 0 };
  const claim: number[] = [];
  const handle: number[] = [];
  const ack: number[] = [];
  const reasons = new Map<string, number>();
  const callers = new Map<string, number>();
  const people = new Map<
    string,
    { claimed: number; handled: number; seconds: number[]; open: number; old: number }
  >();
  let messages = 0;
  let urgent = 0;
  let unacknowledged = 0;
  let unassignedOpen = 0;
  let openOlder = 0;

  for (const r of days) {
    calls.total += r.calls.total;
    calls.answered += r.calls.answered;
    calls.afterHours += r.calls.afterHours;
    calls.urgentTransfers += r.calls.urgentTransfers;
    add(calls.byOutcome, r.calls.byOutcome);
    const entry = perDay.get(r.day)!;
    add(entry.byOutcome, r.calls.byOutcome);
    entry.total += r.calls.total;
    const row = heatmap[weekdayIndex(r.day)]!;
    r.hours.forEach((n, h) => (row[h]! += n));
    messages += r.messages.total;
    urgent += r.messages.urgent;
    add(byStatus, r.messages.byStatus);
    unassignedOpen += r.messages.unassignedOpen;
    const open = r.messages.byStatus.new + r.messages.byStatus.in_progress;
    if (r.day < oldBefore) openOlder += open;
    claim.push(...r.claimSeconds);
    handle.push(...r.handleSeconds);
    ack.push(...r.urgentAckSeconds);
    unacknowledged += r.urgentUnacknowledged;
    add(deliveries, r.deliveries);
    for (const [w, n] of Object.entries(r.reasons)) reasons.set(w, (reasons.get(w) ?? 0) + n);
    for (const [k, n] of Object.entries(r.callers)) callers.set(k, (callers.get(k) ?? 0) + n);
    for (const [id, a] of Object.entries(r.assistants)) {
      const p = people.get(id) ?? { claimed: 0, handled: 0, seconds: [], open: 0, old: 0 };
      p.claimed += a.claimed;
      p.handled += a.handled;
      p.seconds.push(...a.handleSeconds);
      p.open += a.open;
      if (r.day < oldBefore) p.old += a.open;
      people.set(id, p);
    }
  }

  const topReasons = [...reasons.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, options.topReasons ?? 10)
    .map(([word, count]) => ({ word, count }));
  const assistants = [...people.entries()]
    .map(([userId, p]) => ({
      userId,
      claimed: p.claimed,
      handled: p.handled,
      medianHandleSeconds: median(p.seconds),
      open: p.open,
      openOlder: p.old,
    }))
    .sort((a, b) => b.handled - a.handled || a.userId.localeCompare(b.userId));
  return {
    from,
    to,
    calls,
    perDay: [...perDay.values()],
    heatmap,
    messages: {
      total: messages,
      urgent,
      byStatus,
      open: byStatus.new + byStatus.in_progress,
      unassignedOpen,
      medianClaimSeconds: median(claim),
      medianHandleSeconds: median(handle),
      handleBuckets: bucketsOf(handle),
    },
    urgent: {
      messages: urgent,
      acknowledged: ack.length,
      unacknowledged,
      medianAckSeconds: median(ack),
    },
    deliveries,
    topReasons,
    callers: {
      distinct: callers.size,
      repeat: [...callers.values()].filter((n) => n > 1).length,
    },
    assistants,
    openOlder,
  };
}
