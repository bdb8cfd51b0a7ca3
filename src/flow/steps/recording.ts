import { emergencyAdvice } from '../client-speech';
import { say, type Ctx } from '../context';
import type { Action } from '../types';
import { go, type StepHandler, type StepResult } from './step';

function empty(ctx: Ctx): StepResult {
  // The questions were answered: the voice message was only an extra, go on to the read-back.
  if (ctx.state.recordingMode === 'always' && ctx.state.message.reason) return go('confirm');
  return { kind: 'end', say: ctx.p.recordingEmpty, outcome: 'abandoned' };
}

export const recording: StepHandler = {
  prompt(ctx) {
    const { profile, state } = ctx;
    const actions: Action[] = [];
    if (!state.consentGiven && profile.consent.recordingNotice) actions.push(say(ctx, ctx.p.consentNotice));
    // Safety before the caller spends a minute on a voice message: said once per call.
    const advice = emergencyAdvice(profile, state.locale);
    if (advice && !state.adviceGiven) actions.push(say(ctx, advice));
    const intro =
      state.recordingMode === 'always'
        ? ctx.p.recordIntro
        : state.silentCaller
          ? ctx.p.recordSilent
          : ctx.p.recordFallback;
    actions.push(say(ctx, intro));
    actions.push(
      {
        type: 'record',
        maxLengthSeconds: profile.messageTaking.maxRecordingSeconds,
        timeoutSeconds: 5,
        transcribe: profile.messageTaking.transcribe,
        callback: 'recording',
        transcribeCallback: 'transcription',
        playBeep: true,
      },
      // An empty recording skips the action and runs the next verb.
      { type: 'redirect', callback: 'recording-empty' },
    );
    return actions;
  },

  on(ctx, event) {
    if (event.type !== 'recording' || event.durationSeconds <= 0 || !event.url) return empty(ctx);
    const rec = { url: event.url, sid: event.sid, durationSeconds: event.durationSeconds };
    const patch = {
      message: { ...ctx.state.message, recording: rec },
      consentGiven: true,
      adviceGiven: true,
    };
    if (ctx.state.recordingMode === 'fallback') return { kind: 'finish', patch };
    return go('confirm', { patch });
  },

  fallback: empty,
};
