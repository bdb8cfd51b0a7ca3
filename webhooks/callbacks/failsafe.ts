/**
 * The fail-safe's own callbacks: after the client's fallback number was dialled, and after the
 * caller left a voice message. They need no live call, so they work while the database is down.
 */
import {
  answerFailSafe,
  answerFailSafeClosing,
  answerFailSafeDial,
  answerFailSafeRecording,
} from '../../src/app/side-legs';
import { dialParamsSchema, recordingParamsSchema } from '../params';
import { voiceCallback } from '../respond';

export const failSafeDial = voiceCallback({
  params: dialParamsSchema,
  answer: async (p) => {
    const answer = answerFailSafeDial(p.To, p.DialBridged === 'true');
    return { actions: answer.actions, leg: { callSid: p.CallSid, turn: answer.turn } };
  },
  fallback: (p) => ({ actions: answerFailSafe(p.To).actions, leg: { callSid: p.CallSid } }),
});

export const failSafeRecording = voiceCallback({
  params: recordingParamsSchema,
  answer: async (p, deps) => {
    const { CallSid: callSid, To: to, From: from, RecordingSid: sid, RecordingUrl: url } = p;
    const recording = sid && url ? { sid, url, durationSeconds: p.RecordingDuration ?? 0 } : undefined;
    const answer = await answerFailSafeRecording(
      { callSid, to, from, ...(recording ? { recording } : {}) },
      deps,
    );
    return { actions: answer.actions, leg: { callSid } };
  },
  // Thanked whatever happened: the message is stored or parked, never asked for again.
  fallback: (p) => ({ actions: answerFailSafeClosing(p.To).actions, leg: { callSid: p.CallSid } }),
});
