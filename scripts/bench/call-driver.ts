/**
 * Plays one complete call the lean way: follows the TwiML by its verbs and `action`/`url` attributes,
 * answers each `<Gather>` with the caller's next step, leaves a voice message at a `<Record>` (the
 * fail-safe's), then sends the status callback `completed` as Twilio does at the end of every call.
 */
import type { CallerStep } from '../simulator/behaviour';
import { baseParams, newSid } from '../simulator/params';
import type { Sample } from './load';
import type { TwilioClient } from './http';
import { parseLite, type LiteVerb } from './twiml-lite';

export const INCOMING = '/webhooks/voice/incoming';
export const STATUS = '/webhooks/voice/status';

/** The apology of the fail-safe answer: the service missed a webhook's deadline (French and English). */
const FAIL_SAFE = /nous rencontrons un problème technique|we are experiencing a technical problem/i;

/** What the caller hears once the summary is stored (French and English closings). */
const STORED = /message a bien été transmis|message has been passed on|message has been sent/i;

const MAX_DOCUMENTS = 30;

export type Outcome =
  'message stored' | 'fail-safe' | 'http error' | 'transfer (not driven)' | 'ended without message' | 'loop';

export interface CallResult {
  callSid: string;
  outcome: Outcome;
  samples: Sample[];
}

export interface CallPlan {
  accountSid: string;
  from: string;
  to: string;
  caller: readonly CallerStep[];
}

type Next = { url: string; params: Record<string, string> } | null;

export async function playCall(client: TwilioClient, plan: CallPlan): Promise<CallResult> {
  const callSid = newSid('CA');
  const identity = { callSid, accountSid: plan.accountSid, from: plan.from, to: plan.to };
  const params = (status: string, extra: Record<string, string> = {}) => ({
    ...baseParams({ ...identity, direction: 'inbound' }, status),
    ...extra,
  });
  const steps = [...plan.caller];
  const samples: Sample[] = [];
  const later: { url: string; params: Record<string, string> }[] = [];
  const send = async (url: string, form: Record<string, string>) => {
    const answer = await client.post(url, form);
    samples.push({ path: answer.path, ms: answer.ms, ok: answer.status >= 200 && answer.status < 300 });
    return answer;
  };

  let failSafe = false;
  let stored = false;
  let outcome: Outcome | null = null;
  let next: Next = { url: client.resolve(INCOMING), params: params('ringing') };
  for (let documents = 0; next; documents++) {
    if (documents === MAX_DOCUMENTS) {
      outcome = 'loop';
      break;
    }
    const documentUrl: string = next.url;
    const answer = await send(documentUrl, next.params);
    if (answer.status < 200 || answer.status >= 300) {
      outcome = 'http error';
      break;
    }
    const document = parseLite(answer.body);
    failSafe ||= document.said.some((text) => FAIL_SAFE.test(text));
    stored ||= document.said.some((text) => STORED.test(text));
    next = null;
    for (const verb of document.verbs) {
      const step = nextStep(verb, documentUrl);
      if (step === 'continue') continue;
      if (step === 'transfer') outcome = 'transfer (not driven)';
      else if (step !== 'end') next = { url: step.url, params: params('in-progress', step.extra) };
      if (step !== 'end' && step !== 'transfer' && step.later) later.push(...step.later(params));
      break;
    }
  }

  const duration = String(20 + samples.length * 6);
  await send(
    client.resolve(STATUS),
    params('completed', {
      CallDuration: duration,
      Duration: String(Math.ceil(Number(duration) / 60)),
      Timestamp: new Date().toUTCString(),
      SequenceNumber: '0',
      CallbackSource: 'call-progress-events',
    }),
  );
  for (const request of later) await send(request.url, request.params);

  outcome ??= failSafe ? 'fail-safe' : stored ? 'message stored' : 'ended without message';
  if (failSafe && outcome !== 'http error') outcome = 'fail-safe';
  return { callSid, outcome, samples };

  type Step =
    | 'continue'
    | 'end'
    | 'transfer'
    | {
        url: string;
        extra: Record<string, string>;
        later?: (p: typeof params) => { url: string; params: Record<string, string> }[];
      };

  function nextStep(verb: LiteVerb, documentUrl: string): Step {
    const action = () => client.resolve(verb.attrs.action ?? documentUrl, documentUrl);
    switch (verb.name) {
      case 'Gather': {
        // The caller's next step is spent even when the gather does not listen for it (as in the
        // simulator): the gather then times out and Twilio runs the next verb.
        const accepts = (verb.attrs.input ?? 'dtmf').split(/\s+/);
        const step = steps.shift();
        if (step?.kind === 'press' && accepts.includes('dtmf')) {
          return { url: action(), extra: { Digits: step.digits } };
        }
        if (step?.kind === 'say' && accepts.includes('speech')) {
          return { url: action(), extra: { SpeechResult: step.text, Confidence: '0.92' } };
        }
        return 'continue';
      }
      case 'Record':
        return recordStep(verb, documentUrl, action());
      case 'Redirect':
        return { url: client.resolve(verb.text, documentUrl), extra: {} };
      case 'Dial':
        return 'transfer';
      case 'Hangup':
      case 'Reject':
        return 'end';
      default:
        return 'continue';
    }
  }

  function recordStep(verb: LiteVerb, documentUrl: string, actionUrl: string): Step {
    const sid = newSid('RE');
    const recording = {
      RecordingSid: sid,
      RecordingUrl: `https://api.twilio.com/2010-04-01/Accounts/${plan.accountSid}/Recordings/${sid}`,
      RecordingDuration: '7',
    };
    return {
      url: actionUrl,
      extra: recording,
      later: (p) => [
        ...(verb.attrs.recordingStatusCallback
          ? [
              {
                url: client.resolve(verb.attrs.recordingStatusCallback, documentUrl),
                params: p('completed', {
                  ...recording,
                  RecordingStatus: 'completed',
                  RecordingChannels: '1',
                }),
              },
            ]
          : []),
        ...(verb.attrs.transcribeCallback
          ? [
              {
                url: client.resolve(verb.attrs.transcribeCallback, documentUrl),
                params: p('completed', {
                  ...recording,
                  TranscriptionSid: newSid('TR'),
                  TranscriptionText:
                    'Bonjour, je rappelle au sujet de mon rendez-vous, merci de me rappeler.',
                  TranscriptionStatus: 'completed',
                }),
              },
            ]
          : []),
      ],
    };
  }
}
