/**
 * The shapes shared by the call runner and the verb handlers.
 */
import type { CallerStep } from './behaviour';
import type { CalleeQueue } from './behaviour';
import type { SendRequest, Transport } from './http';
import type { LegIdentity } from './params';
import type { ReportRecorder } from './recorder';
import type { Leg, RequestPurpose } from './report';
import type { TwimlNode } from './twiml';

/** Someone's inputs: consumed one per `<Gather>` (and `<Record>` for speech or hang-up). */
export class InputSource {
  private readonly steps: CallerStep[];
  constructor(
    steps: readonly CallerStep[],
    /** Never says anything: recordings come out empty. */
    readonly silent: boolean,
  ) {
    this.steps = silent ? [] : [...steps];
  }

  peek(): CallerStep | undefined {
    return this.steps[0];
  }

  take(): CallerStep | undefined {
    return this.steps.shift();
  }
}

export interface LegState {
  leg: Leg;
  identity: LegIdentity;
  input: InputSource;
  /** CallStatus sent on this leg's next request. */
  callStatus: string;
  /** The caller's leg is answered by the first verb that is not `<Reject>`. */
  answered: boolean;
  documentUrl: string;
}

export interface NextRequest {
  url: string;
  method: 'GET' | 'POST';
  purpose: RequestPurpose;
  params: Record<string, string>;
}

/** How a leg's TwiML came to an end. */
export type LegEnd =
  | { kind: 'hangup' }
  /** No verb left: the caller is hung up on; on a whisper leg, the parties are bridged. */
  | { kind: 'finished' }
  | { kind: 'rejected'; reason: 'rejected' | 'busy' }
  /** The person on this leg hung up. */
  | { kind: 'left' }
  | { kind: 'error' };

export type Step =
  { type: 'continue' } | { type: 'goto'; request: NextRequest } | { type: 'end'; end: LegEnd };

export interface Settings {
  accountSid: string;
  mediaBaseUrl: string;
  /** Seconds a bridged conversation lasts before the callee hangs up. */
  talkSeconds: number;
  /** What the caller says into a `<Record>` when no `--say` is queued for it. */
  recordedMessage: string;
}

export interface RunContext {
  rec: ReportRecorder;
  transport: Transport;
  settings: Settings;
  clock: { seconds: number };
  callees: CalleeQueue;
  /** Callbacks Twilio sends later (transcriptions): flushed after the call ends. */
  later: SendRequest[];
  /** Runs a leg's documents from `request` on; used by `<Dial>` for the whisper leg. */
  runLeg(leg: LegState, request: NextRequest): Promise<LegEnd>;
  /** Sends a callback whose answer is not TwiML (status, recording status), logging it. */
  notify(request: SendRequest): Promise<void>;
  params(leg: LegState, extra?: Record<string, string>): Record<string, string>;
}

export type VerbHandler = (verb: TwimlNode, leg: LegState, ctx: RunContext) => Promise<Step> | Step;

export function methodOf(value: string | undefined): 'GET' | 'POST' {
  return value?.toUpperCase() === 'GET' ? 'GET' : 'POST';
}
