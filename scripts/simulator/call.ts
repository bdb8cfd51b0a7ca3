/**
 * Plays Twilio's side of one call: fetches each TwiML document, runs its verbs on the right leg, sends
 * the callbacks Twilio sends, and ends with the call's status callback.
 */
import { CalleeQueue, type CalleeBehaviour, type CallerStep } from './behaviour';
import {
  InputSource,
  type LegEnd,
  type LegState,
  type NextRequest,
  type RunContext,
  type Settings,
} from './context';
import { dial } from './dial';
import { Transport, type SendRequest } from './http';
import { baseParams, newSid } from './params';
import { ReportRecorder } from './recorder';
import type { CallReport, Outcome } from './report';
import { parseTwiml, problem, validateTwiml } from './twiml';
import { VERB_HANDLERS } from './verbs';

export interface CallPlan {
  from: string;
  to: string;
  caller: readonly CallerStep[];
  silent: boolean;
  callees: readonly CalleeBehaviour[];
  maxRequests: number;
  settings: Settings;
  transport: Transport;
}

const APPLICATION_ERROR = 'We are sorry, an application error has occurred. Goodbye.';

export class CallRun implements RunContext {
  readonly rec = new ReportRecorder();
  readonly clock = { seconds: 0 };
  readonly later: SendRequest[] = [];
  readonly callees: CalleeQueue;
  readonly transport: Transport;
  readonly settings: Settings;
  private documents = 0;
  private sequence = 0;

  constructor(private readonly plan: CallPlan) {
    this.callees = new CalleeQueue(plan.callees);
    this.transport = plan.transport;
    this.settings = plan.settings;
  }

  async run(): Promise<CallReport> {
    const incoming = this.transport.publicUrl('/webhooks/voice/incoming');
    const caller: LegState = {
      leg: 'caller',
      identity: {
        callSid: newSid('CA'),
        accountSid: this.settings.accountSid,
        from: this.plan.from,
        to: this.plan.to,
        direction: 'inbound',
      },
      input: new InputSource(this.plan.caller, this.plan.silent),
      callStatus: 'ringing',
      answered: false,
      documentUrl: incoming,
    };
    const end = await this.runLeg(caller, {
      url: incoming,
      method: 'POST',
      purpose: 'incoming',
      params: this.params(caller),
    });
    const outcome = this.outcomeOf(end);
    if (end.kind === 'finished') this.rec.note('caller', 'no verb left: Twilio hangs up');
    const duration = end.kind === 'rejected' ? 0 : Math.round(this.clock.seconds);
    const finalStatus =
      end.kind === 'rejected' ? (end.reason === 'busy' ? 'busy' : 'no-answer') : 'completed';
    await this.notify({
      url: this.transport.publicUrl('/webhooks/voice/status'),
      method: 'POST',
      leg: 'caller',
      purpose: 'status',
      expectTwiml: false,
      params: this.params(
        { ...caller, callStatus: finalStatus },
        {
          CallDuration: String(duration),
          Duration: String(Math.ceil(duration / 60)),
          Timestamp: new Date().toUTCString(),
          SequenceNumber: String(this.sequence++),
          CallbackSource: 'call-progress-events',
        },
      ),
    });
    for (const request of this.later) await this.notify(request);

    const { rec } = this;
    return {
      callSid: caller.identity.callSid,
      accountSid: this.settings.accountSid,
      from: this.plan.from,
      to: this.plan.to,
      outcome,
      durationSeconds: duration,
      heard: rec.heard,
      actions: rec.actions,
      requests: rec.requests,
      problems: rec.problems,
      transfers: rec.transfers,
      recordings: rec.recordings,
      timeline: rec.timeline,
    };
  }

  params(leg: LegState, extra: Record<string, string> = {}): Record<string, string> {
    return { ...baseParams(leg.identity, leg.callStatus), ...extra };
  }

  async notify(request: SendRequest): Promise<void> {
    const exchange = await this.transport.send(request);
    this.rec.request(exchange.record);
    for (const found of exchange.problems) this.rec.flag(found);
  }

  async runLeg(leg: LegState, first: NextRequest): Promise<LegEnd> {
    let request: NextRequest | null = first;
    while (request) {
      if (this.documents >= this.plan.maxRequests) {
        this.rec.flag(
          problem(null, 'error', `More than ${this.plan.maxRequests} TwiML requests in one call: a loop?`),
        );
        return this.applicationError(leg);
      }
      this.documents += 1;
      const exchange = await this.transport.send({ ...request, leg: leg.leg, expectTwiml: true });
      this.rec.request(exchange.record);
      for (const found of exchange.problems) this.rec.flag(found);
      if (exchange.body === null) return this.applicationError(leg);
      leg.documentUrl = request.url;

      if (leg.leg === 'callee' && exchange.body.trim() === '') return { kind: 'finished' };
      const parsed = parseTwiml(exchange.body, request.url);
      if (!parsed.ok) {
        this.rec.flag(parsed.problem);
        return this.applicationError(leg);
      }
      const problems = validateTwiml(parsed.root, { url: request.url, calleeLeg: leg.leg === 'callee' });
      for (const found of problems) this.rec.flag(found);
      if (parsed.root.name !== 'Response') return this.applicationError(leg);

      request = null;
      for (const verb of parsed.root.children) {
        const handler = verb.name === 'Dial' ? dial : VERB_HANDLERS[verb.name];
        if (!handler || (verb.name === 'Dial' && leg.leg === 'callee')) continue;
        if (verb.name !== 'Reject' && !leg.answered) {
          leg.answered = true;
          leg.callStatus = 'in-progress';
        }
        const step = await handler(verb, leg, this);
        if (step.type === 'end') return step.end;
        if (step.type === 'goto') {
          request = step.request;
          break;
        }
      }
      if (!request) return { kind: 'finished' };
    }
    return { kind: 'finished' };
  }

  /** What Twilio does when it cannot use a response and no fallback URL is set. */
  private applicationError(leg: LegState): LegEnd {
    this.rec.hear({
      leg: leg.leg,
      verb: 'System',
      text: APPLICATION_ERROR,
      voice: 'Twilio',
      language: 'en-US',
    });
    return { kind: 'error' };
  }

  private outcomeOf(end: LegEnd): Outcome {
    if (end.kind === 'error') return 'error';
    if (end.kind === 'rejected') return 'rejected';
    if (this.rec.transfers.some((t) => t.bridged)) return 'transferred';
    if (this.rec.recordings.length > 0) return 'message';
    if (end.kind === 'left') return 'abandoned';
    return 'hangup';
  }
}
