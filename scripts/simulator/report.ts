/**
 * The structured result of one simulated call. The CLI renders it; tests and the benchmark read it.
 */

export type Leg = 'caller' | 'callee';

/** How the call ended, as the caller experienced it. */
export const OUTCOMES = ['transferred', 'message', 'rejected', 'hangup', 'abandoned', 'error'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface Problem {
  /** Twilio error code when one applies (11200 HTTP error, 12100 parse, 12200 schema, 12300 content type). */
  code: number | null;
  severity: 'error' | 'warning';
  message: string;
  url?: string;
}

export interface Heard {
  leg: Leg;
  verb: 'Say' | 'Play' | 'Pause' | 'Ringing' | 'Beep' | 'System';
  text: string;
  voice?: string;
  language?: string;
}

export interface Action {
  leg: Leg;
  kind: 'press' | 'say' | 'silence' | 'record' | 'hangup' | 'answer' | 'no-answer' | 'busy' | 'decline';
  detail: string;
}

/** Why the simulator sent a request: names the Twilio callback it plays. */
export type RequestPurpose =
  | 'incoming'
  | 'gather'
  | 'dial-action'
  | 'whisper'
  | 'record-action'
  | 'recording-status'
  | 'transcription'
  | 'redirect'
  | 'status'
  | 'callee-status';

export interface RequestRecord {
  leg: Leg;
  purpose: RequestPurpose;
  method: 'GET' | 'POST';
  /** The URL Twilio would have requested (the one signed), before any base-URL rewrite. */
  url: string;
  path: string;
  /** HTTP status, or 0 when no response came (connection refused, timeout). */
  status: number;
  ms: number;
  contentType: string | null;
  params: Record<string, string>;
}

export type TimelineEntry =
  | ({ type: 'heard' } & Heard)
  | ({ type: 'action' } & Action)
  | ({ type: 'request' } & RequestRecord)
  | ({ type: 'problem' } & Problem)
  | { type: 'note'; leg: Leg; text: string };

export interface TransferAttempt {
  numbers: string[];
  dialCallStatus: string;
  dialCallSid: string | null;
  bridged: boolean;
  answeredBy: string | null;
}

export interface CallReport {
  callSid: string;
  accountSid: string;
  from: string;
  to: string;
  outcome: Outcome;
  /** Simulated seconds the call lasted (the CallDuration sent in the status callback). */
  durationSeconds: number;
  heard: Heard[];
  actions: Action[];
  requests: RequestRecord[];
  problems: Problem[];
  transfers: TransferAttempt[];
  recordings: { sid: string; url: string; durationSeconds: number; transcription: string | null }[];
  /** Everything above, in the order it happened. */
  timeline: TimelineEntry[];
}
