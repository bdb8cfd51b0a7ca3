/**
 * A voicemail's transcription, delivered by Twilio after the recording (often after the call): it
 * goes onto the message, and what it says fills what the call left empty — the caller's name, the
 * number they asked to be called back on, the reason — with the summary said again. Then the
 * message's notification, held for it, goes out. What the caller gave during the call stays.
 */
import { displayNumber, messageKey, PROMPTS } from '../flow';
import { clientCountry } from '../domain/phone';
import { readVoicemail } from '../domain/voicemail';
import type { Client } from '../store/clients';
import { messageIdFor, type Message, type TranscriptionFill } from '../store/messages';
import { eventFor } from './call-messages';
import { clientForId } from './client-cache';
import type { CallDeps } from './ports';

export async function applyCallTranscription(
  callSid: string,
  status: string,
  text: string,
  deps: CallDeps,
): Promise<void> {
  const key = messageKey(callSid);
  const transcription = text.trim();
  if (status === 'completed' && transcription) {
    const message = await deps.records.applyTranscription(key, transcription, async (stored) =>
      completion(stored, await clientForId(stored.clientId), transcription),
    );
    if (message) await deps.publish(eventFor(message, false)).catch(() => undefined);
  }
  // Applied, replayed or failed: nothing more will come, so nothing more to wait for.
  await deps.followUps.messageCompleted(messageIdFor(key).toString());
}

/**
 * What the transcription adds to `stored`: only fields still empty. The callback number is the
 * caller ID by default; a number stated in the voicemail replaces it unless the caller went through
 * the questions (a reason given: the number was then confirmed or typed).
 */
export function completion(stored: Message, client: Client, transcription: string): TranscriptionFill {
  const heard = readVoicemail(transcription, clientCountry(client));
  const fill: TranscriptionFill = {};
  if (heard.callerName && !stored.callerName) fill.callerName = heard.callerName;
  if (heard.reason && !stored.reason) fill.reason = heard.reason;
  const defaultNumber =
    !stored.callbackNumber || (stored.callbackNumber === stored.callerNumber && !stored.reason);
  if (heard.callbackNumber && defaultNumber && heard.callbackNumber !== stored.callbackNumber) {
    fill.callbackNumber = heard.callbackNumber;
  }
  if (Object.keys(fill).length === 0) return fill;
  const m = { ...stored, ...fill };
  const callback = m.callbackNumber || m.callerNumber;
  fill.summary = PROMPTS[client.locale].summary({
    ...(m.callerName ? { callerName: m.callerName } : {}),
    ...(m.reason ? { reason: m.reason } : {}),
    ...(callback ? { callbackNumber: displayNumber(callback, client.numbers[0] ?? callback) } : {}),
    urgent: m.urgent,
    recording: m.recording !== null,
  });
  return fill;
}
