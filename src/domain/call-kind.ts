/**
 * What kind of call it was, as people understand it, from what the call record holds: the engine's
 * outcome, the steps it went through and Twilio's last status. Pure; the words are call-words.ts's.
 */

/** A step of a call's record: the engine's step name and its detail (`start` / `closed`). */
export type StepLike = { name: string; detail: string; at?: Date | string };

export const CALL_KINDS = [
  'transferred',
  'transfer-message',
  'message',
  'appointment-booked',
  'appointment-moved',
  'appointment-cancelled',
  'appointment',
  'information',
  'abandoned',
  'silent',
  'blocked',
  'rejected',
  'failed',
  'in-progress',
] as const;
export type CallKind = (typeof CALL_KINDS)[number];

/** Where in the call a caller hung up, for "Raccroché pendant le menu". */
export const HANGUP_PLACES = ['greeting', 'menu', 'transfer', 'message', 'appointment', 'end'] as const;
export type HangupPlace = (typeof HANGUP_PLACES)[number];

/** How a badge looks: a transfer answered is good news, a missed caller wants attention. */
export type KindTone = 'ok' | 'info' | 'missed' | 'muted' | 'error';

export type CallKindInfo = {
  kind: CallKind;
  place?: HangupPlace;
  tone: KindTone;
  /** The caller said it was urgent (the menu's urgent choice, urgent words) and was put through. */
  urgent: boolean;
};

const TONES: Record<CallKind, KindTone> = {
  transferred: 'ok',
  'transfer-message': 'missed',
  message: 'info',
  'appointment-booked': 'ok',
  'appointment-moved': 'ok',
  'appointment-cancelled': 'info',
  appointment: 'ok',
  information: 'info',
  abandoned: 'missed',
  silent: 'missed',
  blocked: 'muted',
  rejected: 'muted',
  failed: 'error',
  'in-progress': 'info',
};

/** The message-taking steps: a hang-up there is a hang-up "during the message". */
const MESSAGE_STEPS = new Set(['name', 'reason', 'callback-number', 'urgency', 'recording', 'confirm']);
/** The steps that ask the caller something: entering one after an answer means the caller spoke. */
const QUESTION_STEPS = new Set(['menu', ...MESSAGE_STEPS]);
/** A hang-up this soon after the start, still at the menu, was during the greeting. */
const GREETING_SECONDS = 10;

const NO_INPUT = /\(no-input\)$/;
const SILENT = /^silent caller/;

export function placeOfStep(step: string): HangupPlace {
  if (step === 'menu') return 'menu';
  if (step === 'transfer') return 'transfer';
  if (MESSAGE_STEPS.has(step)) return 'message';
  if (step.startsWith('appointment')) return 'appointment';
  return 'end';
}

const time = (at: Date | string | undefined) => (at === undefined ? NaN : new Date(at).getTime());

function hangupPlace(steps: readonly StepLike[]): HangupPlace | undefined {
  const hangup = steps.find((s) => s.name === 'hangup');
  const at = /^caller hung up at ([a-z-]+)$/.exec(hangup?.detail ?? '')?.[1];
  if (!hangup || !at) return undefined;
  const place = placeOfStep(at);
  const start = steps.find((s) => s.name === 'start');
  const seconds = (time(hangup.at) - time(start?.at)) / 1000;
  if (place === 'menu' && seconds < GREETING_SECONDS) return 'greeting';
  return place;
}

/**
 * A caller who never said or pressed anything: at least one question given up on for no input (or
 * the silent-caller shortcut), and every question entered right after the start or such a give-up.
 */
function wasSilent(steps: readonly StepLike[]): boolean {
  const quiet = (s: StepLike | undefined) => !!s && (NO_INPUT.test(s.detail) || SILENT.test(s.detail));
  let heardNothing = false;
  for (const [i, s] of steps.entries()) {
    if (quiet(s)) {
      heardNothing = true;
      continue;
    }
    if (/\(not-understood\)$/.test(s.detail) || s.name.startsWith('appointment') || s.name === 'transfer')
      return false;
    const prev = steps[i - 1];
    if (QUESTION_STEPS.has(s.name) && !(prev?.name === 'start' || quiet(prev))) return false;
  }
  return heardNothing;
}

function appointmentKind(steps: readonly StepLike[]): CallKind {
  const last = [...steps]
    .reverse()
    .find((s) => s.name === 'calendar' && /^(booked|moved|cancelled) /.test(s.detail));
  const verb = last?.detail.split(' ')[0];
  if (verb === 'booked') return 'appointment-booked';
  if (verb === 'moved') return 'appointment-moved';
  if (verb === 'cancelled') return 'appointment-cancelled';
  return 'appointment';
}

function kindOf(outcome: string, steps: readonly StepLike[]): CallKind {
  switch (outcome) {
    case 'transferred':
      return 'transferred';
    case 'message':
      return steps.some((s) => s.name === 'transfer' && /not bridged$/.test(s.detail))
        ? 'transfer-message'
        : 'message';
    case 'appointment':
      return appointmentKind(steps);
    case 'information':
      return 'information';
    case 'rejected':
      return steps.some((s) => s.name === 'rejected' && s.detail === 'blocked number')
        ? 'blocked'
        : 'rejected';
    case 'failed':
      return 'failed';
    case 'abandoned':
      return wasSilent(steps) ? 'silent' : 'abandoned';
    default:
      return 'in-progress';
  }
}

/**
 * The kind of a call on record. Twilio's status only matters when the engine never saw the end
 * (`in-progress`): a `busy`/`failed`/`no-answer` leg is a failed call, a completed one abandoned.
 */
export function callKind(call: {
  outcome: string;
  status: string;
  steps: readonly StepLike[];
}): CallKindInfo {
  let kind = kindOf(call.outcome, call.steps);
  if (kind === 'in-progress' && ['busy', 'failed', 'no-answer', 'canceled'].includes(call.status))
    kind = 'failed';
  const place = kind === 'abandoned' ? hangupPlace(call.steps) : undefined;
  const urgent = call.steps.some((s) => s.name === 'transfer' && s.detail === 'urgent');
  return { kind, tone: TONES[kind], urgent, ...(place ? { place } : {}) };
}

/** True when the call left no message for anyone to read: the digest lists those one by one. */
export function leftNoMessage(kind: CallKind): boolean {
  return kind !== 'message' && kind !== 'transfer-message';
}
