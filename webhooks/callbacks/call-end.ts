/**
 * Callbacks that need no TwiML: the call's status and a transcription arriving later. Twilio is
 * answered once the work is done or the deadline passed, whichever comes first; the work goes on.
 */
import type { ZodType } from 'zod';
import { answerStatus } from '../../src/app/call-end';
import { applyCallTranscription } from '../../src/app/voicemail';
import type { CallDeps } from '../../src/app/ports';
import { statusParamsSchema, transcriptionParamsSchema } from '../params';
import { voiceCallback, type Reply, type VoiceHandler } from '../respond';

function withoutTwiml<P extends { CallSid: string }>(
  params: ZodType<P>,
  work: (p: P, deps: CallDeps) => Promise<void>,
): VoiceHandler {
  const nothing = (p: P): Reply => ({ actions: [], leg: { callSid: p.CallSid } });
  return voiceCallback({
    params,
    answer: (p, deps) => work(p, deps).then(() => nothing(p)),
    fallback: nothing,
  });
}

/** Each number's status callback: the end of a call puts it on record. */
export const status = withoutTwiml(statusParamsSchema, (p, deps) =>
  answerStatus(p.CallSid, p.CallStatus, p.CallDuration, deps, { from: p.From, to: p.To }),
);

export const transcription = withoutTwiml(transcriptionParamsSchema, (p, deps) =>
  applyCallTranscription(p.CallSid, p.TranscriptionStatus, p.TranscriptionText, deps),
);
