/**
 * Callbacks that need no TwiML: the call's status and a transcription arriving later. Twilio is
 * answered once the work is done or the deadline passed, whichever comes first; the work goes on.
 */
import { answerStatus, attachCallTranscription } from '../../src/app/call-end';
import { statusParamsSchema, transcriptionParamsSchema } from '../params';
import { voiceCallback, type Reply } from '../respond';

const nothing = (p: { CallSid: string }): Reply => ({ actions: [], leg: { callSid: p.CallSid } });

/** Each number's status callback: the end of a call puts it on record. */
export const status = voiceCallback({
  params: statusParamsSchema,
  answer: async (p, deps) => {
    await answerStatus(p.CallSid, p.CallStatus, p.CallDuration, deps);
    return nothing(p);
  },
  fallback: nothing,
});

export const transcription = voiceCallback({
  params: transcriptionParamsSchema,
  answer: async (p, deps) => {
    await attachCallTranscription(p.CallSid, p.TranscriptionStatus, p.TranscriptionText, deps);
    return nothing(p);
  },
  fallback: nothing,
});
