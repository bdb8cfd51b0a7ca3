/** Translates a callback's Twilio parameters into the engine's event. */
import type { FlowEvent } from '../src/flow';
import type { z } from 'zod';
import type { dialParamsSchema, gatherParamsSchema, recordingParamsSchema } from './params';

/** Callbacks that answer a `<Gather>`: digits, speech, or nothing (then the engine re-prompts). */
export const GATHER_CALLBACKS = new Set(['menu', 'name', 'reason', 'callback-number', 'urgency', 'confirm']);

type AnyParams = z.infer<typeof gatherParamsSchema> &
  Partial<z.infer<typeof dialParamsSchema>> &
  Partial<z.infer<typeof recordingParamsSchema>>;

export function toFlowEvent(callback: string, p: AnyParams): FlowEvent {
  switch (callback) {
    case 'dial-result':
      return {
        type: 'dial-result',
        status: p.DialCallStatus ?? 'failed',
        ...(p.DialBridged ? { bridged: p.DialBridged === 'true' } : {}),
        ...(p.DialCallDuration !== undefined ? { durationSeconds: p.DialCallDuration } : {}),
      };
    case 'recording':
      return p.RecordingUrl && p.RecordingSid && (p.RecordingDuration ?? 0) > 0
        ? {
            type: 'recording',
            url: p.RecordingUrl,
            sid: p.RecordingSid,
            durationSeconds: p.RecordingDuration ?? 0,
          }
        : { type: 'recording-empty' };
    case 'recording-empty':
      return { type: 'recording-empty' };
    case 'no-input':
      return { type: 'no-input' };
    default:
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
}
