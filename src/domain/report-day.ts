/**
 * The figures of one client's day, computed from what the store holds (calls, messages and their
 * notifications) — the rollup the reports read instead of scanning calls and messages on each view.
 * Pure: records are added one by one (a rebuild streams them), the day is the client's calendar day
 * (`wallClock` in its time zone, so DST days have 23 or 25 hours and a call belongs to the day it
 * started on).
 */
import { removeStopwords, eng, fra } from 'stopword';
import { callKind, type CallKind, type StepLike } from './call-kind';
import { MESSAGE_STATUSES, type MessageStatus } from './vocabulary';
import { wallClock } from './zoned-time';

/** How the reports group calls: the stacked chart's series, in the order they are drawn. */
export const REPORT_OUTCOMES = [
  'transferred',
  'message',
  'appointment',
  'information',
  'abandoned',
  'blocked',
  'failed',
] as const;
export type ReportOutcome = (typeof REPORT_OUTCOMES)[number];

const OUTCOME_OF_KIND: Record<CallKind, ReportOutcome> = {
  transferred: 'transferred',
  'transfer-message': 'message',
  message: 'message',
  'appointment-booked': 'appointment',
  'appointment-moved': 'appointment',
  'appointment-cancelled': 'appointment',
  appointment: 'appointment',
  information: 'information',
  abandoned: 'abandoned',
  silent: 'abandoned',
  blocked: 'blocked',
  rejected: 'blocked',
  failed: 'failed',
  'in-progress': 'abandoned',
};

export const reportOutcome = (kind: CallKind): ReportOutcome => OUTCOME_OF_KIND[kind];

/** What one assistant did with the messages of the day. */
export type AssistantDay = {
  claimed: number;
  handled: number;
  /** Seconds from the message to its handling, for each message this assistant handled. */
  handleSeconds: number[];
  /** Messages of the day this assistant holds and has not handled yet. */
  open: number;
};

export type DayRollup = {
  clientId: string;
  /** `YYYY-MM-DD` in the client's time zone. */
  day: string;
  calls: {
    total: number;
    /** Calls the receptionist took (not blocked, not failed before it could answer). */
    answered: number;
    /** Calls that came while the client was closed. */
    afterHours: number;
    /** Calls put through as urgent. */
    urgentTransfers: number;
    byOutcome: Record<ReportOutcome, number>;
  };
  /** Calls by the local hour they started in, 0 to 23 (the weekday is the day's). */
  hours: number[];
  messages: {
    total: number;
    urgent: number;
    /** Status as of the rollup's build (a rebuild follows each change). */
    byStatus: Record<MessageStatus, number>;
    /** Still open (new or in progress), nobody holding them. */
    unassignedOpen: number;
  };
  /** Seconds from each message to its first taking (an assistant's claim, the client's SMS). */
  claimSeconds: number[];
  /** Seconds from each handled message to its handling. */
  handleSeconds: number[];
  /** Seconds from each urgent message to its first acknowledgement (claim, SMS, handling). */
  urgentAckSeconds: number[];
  /** Urgent messages nobody has acknowledged yet. */
  urgentUnacknowledged: number;
  deliveries: { sent: number; failed: number; pending: number; cancelled: number; retried: number };
  /** Words of the callers' reasons (stop words left out), lower case, with how many messages use each. */
  reasons: Record<string, number>;
  /** Calls per caller, by a keyed fingerprint of the number (never the number). */
  callers: Record<string, number>;
  /** Per user id: claims, handlings and what they still hold. */
  assistants: Record<string, AssistantDay>;
};

/** The call fields a rollup reads. */
export type CallFacts = {
  clientId: string;
  from: string;
  status: string;
  outcome: string;
  steps: readonly StepLike[];
  startedAt: Date;
};

/** The message fields a rollup reads. */
export type MessageFacts = {
  clientId: string;
  urgent: boolean;
  reason: string;
  status: MessageStatus;
  assigneeId: string | null;
  createdAt: Date;
  /** When someone first took it (an assistant's claim or assignment). */
  takenAt: Date | null;
  takenBy: string | null;
  handledAt: Date | null;
  handledBy: string | null;
  acknowledgedAt: Date | null;
  claimedBy: { at: Date } | null;
};

export type DeliveryFacts = { clientId: string; status: string; attempts: number; createdAt: Date };

const zeroOutcomes = () =>
  Object.fromEntries(REPORT_OUTCOMES.map((o) => [o, 0])) as Record<ReportOutcome, number>;
const zeroStatuses = () =>
  Object.fromEntries(MESSAGE_STATUSES.map((s) => [s, 0])) as Record<MessageStatus, number>;

export function emptyDay(clientId: string, day: string): DayRollup {
  return {
    clientId,
    day,
    calls: { total: 0, answered: 0, afterHours: 0, urgentTransfers: 0, byOutcome: zeroOutcomes() },
    hours: Array.from({ length: 24 }, () => 0),
    messages: { total: 0, urgent: 0, byStatus: zeroStatuses(), unassignedOpen: 0 },
    claimSeconds: [],
    handleSeconds: [],
    urgentAckSeconds: [],
    urgentUnacknowledged: 0,
    deliveries: { sent: 0, failed: 0, pending: 0, cancelled: 0, retried: 0 },
    reasons: {},
    callers: {},
    assistants: {},
  };
}

/** The client's day and hour of an instant. */
export function localDayAndHour(at: Date, timeZone: string): { day: string; hour: number } {
  const clock = wallClock(at, timeZone);
  return { day: clock.date, hour: Number(clock.time.slice(0, 2)) };
}

const E164 = /^\+[1-9]\d{5,14}$/;

const NOT_ANSWERED: ReadonlySet<ReportOutcome> = new Set(['blocked', 'failed']);

/** Adds a call to its day (the day it started on, wherever it ended). */
export function addCall(
  day: DayRollup,
  call: CallFacts,
  timeZone: string,
  callerKey: (phone: string) => string,
): void {
  const info = callKind(call);
  const outcome = reportOutcome(info.kind);
  day.calls.total += 1;
  day.calls.byOutcome[outcome] += 1;
  if (!NOT_ANSWERED.has(outcome)) day.calls.answered += 1;
  if (info.urgent) day.calls.urgentTransfers += 1;
  // The start step's detail says whether the client was open: `open`, `closed`, `closed vip`…
  if (call.steps.some((s) => s.name === 'start' && s.detail.startsWith('closed'))) day.calls.afterHours += 1;
  day.hours[localDayAndHour(call.startedAt, timeZone).hour]! += 1;
  // Only real numbers: a hidden caller ("anonymous") or an erased one is nobody to recognise.
  if (E164.test(call.from)) {
    const key = callerKey(call.from);
    day.callers[key] = (day.callers[key] ?? 0) + 1;
  }
}

const seconds = (from: Date, to: Date) => Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000));

function firstOf(...dates: (Date | null | undefined)[]): Date | null {
  const times = dates.filter((d): d is Date => d instanceof Date).map((d) => d.getTime());
  return times.length > 0 ? new Date(Math.min(...times)) : null;
}

function assistant(day: DayRollup, userId: string): AssistantDay {
  day.assistants[userId] ??= { claimed: 0, handled: 0, handleSeconds: [], open: 0 };
  return day.assistants[userId];
}

/** Adds a message to its day (the day it was taken). */
export function addMessage(day: DayRollup, m: MessageFacts): void {
  const msgs = day.messages;
  msgs.total += 1;
  msgs.byStatus[m.status] += 1;
  if (m.status !== 'handled' && !m.assigneeId) msgs.unassignedOpen += 1;
  // Handling a message nobody had taken takes it too.
  const taken = firstOf(m.takenAt, m.claimedBy?.at, m.status === 'handled' ? m.handledAt : null);
  if (taken) day.claimSeconds.push(seconds(m.createdAt, taken));
  if (m.status === 'handled' && m.handledAt) day.handleSeconds.push(seconds(m.createdAt, m.handledAt));
  if (m.urgent) {
    msgs.urgent += 1;
    const ack = firstOf(taken, m.acknowledgedAt);
    if (ack) day.urgentAckSeconds.push(seconds(m.createdAt, ack));
    else day.urgentUnacknowledged += 1;
  }
  if (m.takenBy) assistant(day, m.takenBy).claimed += 1;
  if (m.status === 'handled' && m.handledBy && m.handledAt) {
    const a = assistant(day, m.handledBy);
    a.handled += 1;
    a.handleSeconds.push(seconds(m.createdAt, m.handledAt));
  }
  if (m.status !== 'handled' && m.assigneeId) assistant(day, m.assigneeId).open += 1;
  for (const word of reasonWords(m.reason)) day.reasons[word] = (day.reasons[word] ?? 0) + 1;
}

/** Adds a notification to the day it was created on; more than one attempt counts as retried. */
export function addDelivery(day: DayRollup, d: DeliveryFacts): void {
  const status = d.status as keyof DayRollup['deliveries'];
  if (status in day.deliveries && status !== 'retried') day.deliveries[status] += 1;
  if (d.attempts > 1) day.deliveries.retried += 1;
}

const STOP_WORDS = new Set([...fra, ...eng, 'appel', 'appelle', 'call', 'calling', 'merci', 'bonjour']);
/** Letters (accents included) and inner apostrophes or dashes: "rendez-vous", "aujourd'hui". */
const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

/**
 * The words of a reason that say what it is about: lower case, elisions dropped ("l'ordonnance" →
 * "ordonnance"), French and English stop words and words under three letters left out; each once.
 */
export function reasonWords(reason: string): string[] {
  const words = (reason.normalize('NFC').toLowerCase().match(WORD) ?? [])
    .map((w) => w.replace(/^(?:[ldjmnstc]|qu)['’]/u, ''))
    .filter((w) => w.length >= 3 && !/^\d+$/.test(w));
  return [...new Set(removeStopwords(words, [...STOP_WORDS]))];
}
