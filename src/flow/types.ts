/**
 * The engine's vocabulary: call state, events in, actions and effects out. All closed unions over
 * `as const` tables, all plain JSON so the edge can persist the state between webhooks.
 */
import type { MenuChoice } from './profile';
import type { Locale } from '../domain/vocabulary';

/** Callbacks the engine asks Twilio to request; the edge serves each at `/webhooks/voice/<name>`. */
export const CALLBACK_NAMES = [
  'menu',
  'name',
  'reason',
  'callback-number',
  'urgency',
  'confirm',
  'no-input',
  'dial-result',
  'recording',
  'recording-empty',
  'transcription',
  'screen',
  'screen-result',
  'failsafe-dial',
  'failsafe-recording',
  // appointments (the steps of the same names)
  'appointment-type',
  'appointment-existing',
  'appointment-slots',
  'appointment-name',
  'appointment-number',
  'appointment-confirm',
  'appointment-cancel',
] as const;
export type CallbackName = (typeof CALLBACK_NAMES)[number];

/** Steps of a call; `state.step` is the step whose answer the engine is waiting for. */
export const STEP_NAMES = [
  'menu',
  'transfer',
  'name',
  'reason',
  'callback-number',
  'urgency',
  'recording',
  'confirm',
  'done',
  // appointments, after `done` so that MESSAGE_STEPS stays the message-taking slice
  'appointment-type',
  'appointment-existing',
  'appointment-calendar',
  'appointment-slots',
  'appointment-name',
  'appointment-number',
  'appointment-confirm',
  'appointment-cancel',
] as const;
export type StepName = (typeof STEP_NAMES)[number];

/** The steps of message taking, in order: every step from the caller's name to the confirmation. */
export const MESSAGE_STEPS: readonly StepName[] = STEP_NAMES.slice(
  STEP_NAMES.indexOf('name'),
  STEP_NAMES.indexOf('done'),
);

export const OUTCOMES = [
  'transferred',
  'appointment',
  'message',
  'information',
  'rejected',
  'failed',
  'abandoned',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** The engine's outcomes, and `in-progress` for a call record written before its flow ended. */
export const CALL_OUTCOMES = ['in-progress', ...OUTCOMES] as const;
/** Higher wins: an edge receiving outcomes out of order must never downgrade (e.g. transferred → abandoned). */
export const OUTCOME_RANK: Record<Outcome, number> = {
  transferred: 7,
  /** An appointment booked, moved or cancelled in the call. */
  appointment: 6,
  message: 5,
  information: 4,
  rejected: 3,
  failed: 2,
  abandoned: 1,
};

export interface MessageFields {
  callerName?: string;
  reason?: string;
  /** Number to call back, as confirmed by the caller, in E.164. */
  callbackNumber?: string;
  /** Number read back and awaiting "press 1". */
  callbackCandidate?: string;
  /** The caller said "no" to the number read back: ask for another one. */
  callbackRejected?: boolean;
  urgent?: boolean;
  recording?: { url: string; sid: string; durationSeconds: number };
}

export interface CallState {
  version: 1;
  callSid: string;
  /** ISO instant the call started; the max call length is measured from it. */
  startedAt: string;
  locale: Locale;
  step: StepName;
  /**
   * Number of events applied so far (0 after startCall). The edge can put it in the callback URLs it
   * renders (`?turn=N`) and treat a request carrying an older turn as a Twilio retry: replay the
   * stored response instead of applying the event twice.
   */
  turn: number;
  /** Failed tries (no input or not understood) at the current step. */
  attempts: number;
  caller: { number: string; name?: string; known: boolean; vip: boolean };
  /** The client's number the caller dialled. */
  calledNumber: string;
  /** Open at the start of the call. */
  open: boolean;
  menuChoice?: MenuChoice;
  /** An urgency word was heard in anything the caller said. */
  urgentHeard: boolean;
  /** Index of the next transfer target to dial (hunt mode). */
  transferIndex: number;
  /** Index of the target the caller asked for by name: dialled first. */
  preferredTarget?: number;
  /** Name of the person a message is for (asked for by name, could not be put through). */
  messageFor?: string;
  /** Silent at the first question: offered the voice message at once. */
  silentCaller?: boolean;
  message: MessageFields;
  /** `always`: recording after the questions; `fallback`: caller could not be understood. */
  recordingMode?: 'always' | 'fallback';
  consentGiven: boolean;
  infoGiven: boolean;
  corrections: number;
  /** The client's emergency advice was said in this call (it is said once before a recording). */
  adviceGiven?: boolean;
  outcome?: Outcome;
  /** Booking, moving or cancelling an appointment in this call (see the flow's README). */
  appointment?: AppointmentState;
}

/** The appointment being booked, moved or cancelled; plain JSON like the rest of the state. */
export interface AppointmentState {
  /** What the caller wants: a new appointment, or to move or cancel their next one. */
  intent: 'book' | 'move' | 'cancel';
  /** The appointment type, once chosen (or the only one). */
  typeId?: string;
  /** What the caller asked for: the day or part of the day heard, "après 16 h"… */
  preference?: SlotPreference;
  /** The slots proposed, in the order they were said (keys 1..n). */
  offered?: SlotTimes[];
  /** The slot the caller chose, awaiting the final confirmation. */
  chosen?: SlotTimes;
  /** The caller's next appointment once looked up; null: they have none. */
  existing?: AppointmentBrief | null;
}

export type Say = { type: 'say'; text: string; voice: string; language: Locale };
export type GatherInput = 'dtmf' | 'speech' | 'dtmf speech';

export type Action =
  | Say
  | { type: 'pause'; seconds: number }
  | {
      type: 'gather';
      input: GatherInput;
      numDigits?: number;
      timeoutSeconds: number;
      speechTimeout?: 'auto' | number;
      hints?: string[];
      language: Locale;
      callback: CallbackName;
      prompt: Say[];
    }
  | { type: 'redirect'; callback: CallbackName }
  | {
      type: 'dial';
      targets: { number: string; ringSeconds: number }[];
      callerId: string;
      timeLimitSeconds: number;
      /** When true, each target's `<Number url>` is the `screen` callback. */
      screening: boolean;
      callback: CallbackName;
    }
  | {
      type: 'record';
      maxLengthSeconds: number;
      timeoutSeconds: number;
      transcribe: boolean;
      callback: CallbackName;
      transcribeCallback: CallbackName;
      playBeep: boolean;
    }
  | { type: 'hangup' }
  | { type: 'reject'; reason: 'rejected' | 'busy' };

export const DIAL_STATUSES = ['completed', 'answered', 'busy', 'no-answer', 'failed', 'canceled'] as const;
export type DialStatus = (typeof DIAL_STATUSES)[number];

export type FlowEvent =
  | { type: 'digits'; digits: string }
  | { type: 'speech'; text: string; confidence?: number }
  | { type: 'no-input' }
  | { type: 'dial-result'; status: DialStatus; bridged?: boolean; durationSeconds?: number }
  | { type: 'recording'; url: string; sid: string; durationSeconds: number }
  | { type: 'recording-empty' }
  /** The transfer target answered (their own leg, `<Number url>`): the whisper. */
  | { type: 'screen' }
  /** The target's key at the whisper; none when a voicemail or silence let the gather run out. */
  | { type: 'screen-result'; digits?: string }
  | { type: 'timeout' }
  | { type: 'hangup' }
  /** The answer to the previous transition's `request`; like the screening events, not a turn. */
  | { type: 'calendar'; result: CalendarResult };

/** The message as the edge stores it; `key` is deterministic (one message per call) for upserts. */
export interface TakenMessage {
  key: string;
  callSid: string;
  callerName?: string;
  callerNumber: string;
  callbackNumber?: string;
  reason?: string;
  urgent: boolean;
  recording?: { url: string; sid: string; durationSeconds: number };
  /** Readable text in the client's language. */
  summary: string;
  /** Complete: the call is over for message taking; notify now (once, keyed on `key`). */
  final: boolean;
}

/** A slot of the client's calendar: ISO instants, end excluded. */
export interface SlotTimes {
  start: string;
  end: string;
}

/** What the caller asked for when slots are searched again ("jeudi", "plutôt en fin de journée"). */
export interface SlotPreference {
  /** A day in the client's timezone, YYYY-MM-DD. */
  day?: string;
  partOfDay?: 'morning' | 'afternoon' | 'evening';
  /** Only slots starting at or after this instant (ISO): "later", "the week after". */
  notBefore?: string;
}

/** An appointment as the call knows it. */
export interface AppointmentBrief {
  id: string;
  typeId: string;
  typeName: string;
  start: string;
  end: string;
}

/**
 * Calendar work the engine needs done before it can go on: the edge does it (within the webhook's
 * deadline) and hands the answer back as a `calendar` event in the same request. The engine stays
 * pure: it only says what it needs, never how.
 */
export type CalendarRequest =
  | {
      type: 'find-slots';
      typeId: string;
      preference?: SlotPreference;
      /** Moving an appointment: its own time is not busy. */
      excludeAppointmentId?: string;
    }
  | {
      type: 'book';
      typeId: string;
      start: string;
      callerName: string;
      /** Where the confirmation SMS goes (E.164). */
      callerNumber: string;
      reason?: string;
    }
  | { type: 'move'; appointmentId: string; start: string }
  | { type: 'cancel'; appointmentId: string }
  /** The caller's next appointment with this client, if any. */
  | { type: 'next-appointment' };

/** The answer to a `CalendarRequest`. */
export type CalendarResult =
  /** Free slots in order, as many as the search found (the engine picks which to propose). */
  | { type: 'slots'; slots: SlotTimes[] }
  | { type: 'booked'; appointment: AppointmentBrief }
  | { type: 'moved'; appointment: AppointmentBrief }
  | { type: 'cancelled'; appointment: AppointmentBrief }
  /** The slot was taken meanwhile: the next free ones instead. */
  | { type: 'slot-taken'; slots: SlotTimes[] }
  | { type: 'next-appointment'; appointment: AppointmentBrief | null }
  /** The calendar did not answer (down, too slow, refused): nothing was written. */
  | { type: 'unavailable' };

export type Effect =
  | { type: 'store-message'; message: TakenMessage }
  | { type: 'set-outcome'; outcome: Outcome }
  | {
      type: 'step';
      /** `calendar`: what the calendar answered (booked, unavailable…). */
      name: StepName | 'start' | 'rejected' | 'timeout' | 'hangup' | 'calendar';
      detail: string;
      at: string;
    };

export interface Transition {
  state: CallState;
  actions: Action[];
  effects: Effect[];
  /**
   * Calendar work to do now: the edge does it and calls `handleEvent` again with the result as a
   * `calendar` event, then plays both transitions' actions in order.
   */
  request?: CalendarRequest;
}
