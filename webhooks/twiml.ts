/**
 * Renders the engine's actions to TwiML with the twilio SDK's VoiceResponse (no hand-built XML).
 * Callback names become absolute URLs under PUBLIC_BASE_URL, carrying the turn they answer.
 */
import twilio from 'twilio';
import type { Action, CallbackName } from '../src/flow';

const { VoiceResponse } = twilio.twiml;

export type UrlFor = (callback: CallbackName) => string;

export function callbackUrls(publicBaseUrl: string, query: Record<string, string | number>): UrlFor {
  const qs = new URLSearchParams(
    Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]),
  ).toString();
  return (callback) => `${publicBaseUrl}/webhooks/voice/${callback}${qs ? `?${qs}` : ''}`;
}

export function renderTwiml(actions: readonly Action[], urlFor: UrlFor, screenUrl?: string): string {
  const response = new VoiceResponse();
  for (const action of actions) {
    switch (action.type) {
      case 'say':
        response.say({ voice: action.voice as never, language: action.language as never }, action.text);
        break;
      case 'pause':
        response.pause({ length: action.seconds });
        break;
      case 'gather': {
        const gather = response.gather({
          input: action.input.split(' ') as never,
          action: urlFor(action.callback),
          method: 'POST',
          timeout: action.timeoutSeconds,
          language: action.language as never,
          ...(action.numDigits ? { numDigits: action.numDigits } : {}),
          ...(action.speechTimeout !== undefined ? { speechTimeout: String(action.speechTimeout) } : {}),
          ...(action.hints?.length ? { hints: action.hints.join(', ') } : {}),
        });
        for (const s of action.prompt)
          gather.say({ voice: s.voice as never, language: s.language as never }, s.text);
        break;
      }
      case 'redirect':
        response.redirect({ method: 'POST' }, urlFor(action.callback));
        break;
      case 'dial': {
        const dial = response.dial({
          action: urlFor(action.callback),
          method: 'POST',
          callerId: action.callerId,
          timeLimit: action.timeLimitSeconds,
          timeout: Math.max(...action.targets.map((t) => t.ringSeconds)),
          // The caller keeps hearing ringing while the target is screened.
          answerOnBridge: true,
        });
        for (const target of action.targets) {
          dial.number(action.screening && screenUrl ? { url: screenUrl, method: 'POST' } : {}, target.number);
        }
        break;
      }
      case 'record':
        response.record({
          action: urlFor(action.callback),
          method: 'POST',
          maxLength: action.maxLengthSeconds,
          timeout: action.timeoutSeconds,
          playBeep: action.playBeep,
          trim: 'trim-silence',
          transcribe: action.transcribe,
          ...(action.transcribe ? { transcribeCallback: urlFor(action.transcribeCallback) } : {}),
        });
        break;
      case 'hangup':
        response.hangup();
        break;
      case 'reject':
        response.reject({ reason: action.reason });
        break;
    }
  }
  return response.toString();
}
