/**
 * Renders the engine's actions to TwiML with the twilio SDK's VoiceResponse (no hand-built XML), and
 * builds every callback URL Twilio is given: absolute, under PUBLIC_BASE_URL (what Twilio requests and
 * signs), in one place.
 */
import twilio from 'twilio';
import type { Action, CallbackName } from '../src/flow';

const { VoiceResponse } = twilio.twiml;

/** Where the voice webhooks are served (the public contract: each number's Voice URL is under it). */
export const VOICE_WEBHOOKS_PATH = '/webhooks/voice';

/**
 * The leg an answer is for decides what its callback URLs carry. The caller's leg: the turn answered
 * (a request for an older turn is a Twilio retry), and on the screening `<Number url>` the caller's
 * CallSid. The transfer target's leg: the caller's CallSid (the target's own is unknown to the engine).
 */
export type Leg = { callSid: string; turn?: number } | { parent: string };

export type UrlFor = (callback: CallbackName) => string;

export function callbackUrl(
  publicBaseUrl: string,
  route: string,
  query: Record<string, string> = {},
): string {
  const qs = new URLSearchParams(query).toString();
  return `${publicBaseUrl}${VOICE_WEBHOOKS_PATH}/${route}${qs ? `?${qs}` : ''}`;
}

export function urlsFor(publicBaseUrl: string, leg: Leg): UrlFor {
  return (callback) => {
    if ('parent' in leg) return callbackUrl(publicBaseUrl, callback, { parent: leg.parent });
    if (callback === 'screen') return callbackUrl(publicBaseUrl, callback, { parent: leg.callSid });
    return callbackUrl(publicBaseUrl, callback, leg.turn === undefined ? {} : { turn: String(leg.turn) });
  };
}

export function renderTwiml(actions: readonly Action[], urlFor: UrlFor): string {
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
          dial.number(action.screening ? { url: urlFor('screen'), method: 'POST' } : {}, target.number);
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
