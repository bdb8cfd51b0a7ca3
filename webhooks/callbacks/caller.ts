/**
 * The caller's leg: the first request of a call, and every callback that carries one engine event.
 * Each answer's callback URLs carry the turn answered; a failure answers the fail-safe.
 */
import type { ZodType } from 'zod';
import { answerEvent, answerIncoming } from '../../src/app/call-handling';
import { answerFailSafe } from '../../src/app/side-legs';
import type { FlowEvent } from '../../src/flow';
import { dialEvent, gatherEvent, recordingEvent } from '../events';
import {
  dialParamsSchema,
  gatherParamsSchema,
  recordingParamsSchema,
  turnQuery,
  voiceParamsSchema,
} from '../params';
import { voiceCallback, type Reply, type VoiceHandler } from '../respond';

type CallerParams = { CallSid: string; To: string };

const failSafe = (p: CallerParams): Reply => ({
  actions: answerFailSafe(p.To).actions,
  leg: { callSid: p.CallSid },
});

/** Each number's Voice URL. */
export const incoming = voiceCallback({
  params: voiceParamsSchema,
  answer: async (p, deps) => {
    const answer = await answerIncoming({ callSid: p.CallSid, from: p.From, to: p.To }, deps);
    return { actions: answer.actions, leg: { callSid: p.CallSid, turn: answer.turn } };
  },
  fallback: failSafe,
});

/** A callback whose parameters make one event of the caller's live call. */
function engineEvent<P extends CallerParams & { turn?: number | undefined }>(
  params: ZodType<P>,
  event: (p: P) => FlowEvent,
): VoiceHandler {
  return voiceCallback({
    params,
    answer: async (p, deps) => {
      const answer = await answerEvent(p.CallSid, p.turn, event(p), deps);
      return { actions: answer.actions, leg: { callSid: p.CallSid, turn: answer.turn } };
    },
    fallback: failSafe,
  });
}

export const gathered = engineEvent(gatherParamsSchema.extend(turnQuery), gatherEvent);
export const noInput = engineEvent(voiceParamsSchema.extend(turnQuery), () => ({ type: 'no-input' }));
export const dialResult = engineEvent(dialParamsSchema.extend(turnQuery), dialEvent);
export const recording = engineEvent(recordingParamsSchema.extend(turnQuery), recordingEvent);
export const recordingEmpty = engineEvent(voiceParamsSchema.extend(turnQuery), () => ({
  type: 'recording-empty',
}));
