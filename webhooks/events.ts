/** Translates a callback's Twilio parameters into the engine's event. */
import type { z } from 'zod';
import type { FlowEvent } from '../src/flow';
import type { dialParamsSchema, gatherParamsSchema, recordingParamsSchema } from './params';

/** A `<Gather>` answer: digits, else speech, else nothing (then the engine re-prompts). */
export function gatherEvent(p: z.infer<typeof gatherParamsSchema>): FlowEvent {
  if (p.Digits) return { type: 'digits', digits: p.Digits };
  if (p.SpeechResult?.trim()) {
    return {
      type: 'speech',
      text: p.SpeechResult,
      ...(p.Confidence !== undefined ? { confidence: p.Confidence } : {}),
    };
  }
  return { type: 'no-input' };
}

export function dialEvent(p: z.infer<typeof dialParamsSchema>): FlowEvent {
  return {
    type: 'dial-result',
    status: p.DialCallStatus,
    ...(p.DialBridged ? { bridged: p.DialBridged === 'true' } : {}),
    ...(p.DialCallDuration !== undefined ? { durationSeconds: p.DialCallDuration } : {}),
  };
}

/** A `<Record>` action; one without a recording that lasts is an empty one. */
export function recordingEvent(p: z.infer<typeof recordingParamsSchema>): FlowEvent {
  return p.RecordingUrl && p.RecordingSid && (p.RecordingDuration ?? 0) > 0
    ? {
        type: 'recording',
        url: p.RecordingUrl,
        sid: p.RecordingSid,
        durationSeconds: p.RecordingDuration ?? 0,
      }
    : { type: 'recording-empty' };
}
