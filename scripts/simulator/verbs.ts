/**
 * One small handler per TwiML verb, with Twilio's semantics. `<Dial>` lives in dial.ts.
 */
import { methodOf, type Step, type VerbHandler } from './context';
import { newSid } from './params';
import { problem } from './twiml';
import { voiceMismatch } from './voices';

const CONTINUE: Step = { type: 'continue' };
/** Roughly how fast a text-to-speech voice speaks, to advance the simulated clock. */
const CHARS_PER_SECOND = 14;

const say: VerbHandler = (verb, leg, ctx) => {
  const { voice, language } = verb.attrs;
  const loop = Math.max(1, Number(verb.attrs.loop ?? 1) || 1);
  ctx.rec.hear({
    leg: leg.leg,
    verb: 'Say',
    text: loop > 1 ? `${verb.text} (×${loop})` : verb.text,
    ...(voice ? { voice } : {}),
    ...(language ? { language } : {}),
  });
  const mismatch = voiceMismatch(voice, language);
  if (mismatch) {
    const unknown = mismatch.includes('not a voice the simulator knows');
    ctx.rec.flag(problem(unknown ? null : 13520, unknown ? 'warning' : 'error', mismatch, leg.documentUrl));
  }
  ctx.clock.seconds += Math.ceil(verb.text.length / CHARS_PER_SECOND) * loop;
  return CONTINUE;
};

const play: VerbHandler = (verb, leg, ctx) => {
  const digits = verb.attrs.digits;
  ctx.rec.hear({ leg: leg.leg, verb: 'Play', text: digits ? `DTMF tones ${digits}` : verb.text });
  ctx.clock.seconds += 3;
  return CONTINUE;
};

const pause: VerbHandler = (verb, leg, ctx) => {
  const length = Number(verb.attrs.length ?? 1) || 1;
  ctx.rec.hear({ leg: leg.leg, verb: 'Pause', text: `${length} s of silence` });
  ctx.clock.seconds += length;
  return CONTINUE;
};

const NESTED: Record<string, VerbHandler> = { Say: say, Play: play, Pause: pause };

const gather: VerbHandler = (verb, leg, ctx) => {
  for (const child of verb.children) void NESTED[child.name]?.(child, leg, ctx);
  const accepts = new Set((verb.attrs.input ?? 'dtmf').split(/\s+/));
  const timeout = Number(verb.attrs.timeout ?? 5) || 5;
  const action = ctx.transport.resolve(verb.attrs.action ?? leg.documentUrl, leg.documentUrl);
  const goto = (params: Record<string, string>): Step => ({
    type: 'goto',
    request: { url: action, method: methodOf(verb.attrs.method), purpose: 'gather', params },
  });

  const step = leg.input.take();
  if (step?.kind === 'hangup') {
    ctx.rec.act(leg.leg, 'hangup', 'hangs up instead of answering');
    return { type: 'end', end: { kind: 'left' } };
  }
  if (step?.kind === 'press' && accepts.has('dtmf')) {
    const digits = collectDigits(step.digits, verb.attrs.finishOnKey ?? '#', verb.attrs.numDigits);
    ctx.rec.act(leg.leg, 'press', `presses ${step.digits}`);
    ctx.clock.seconds += Math.max(1, digits.length);
    return goto(ctx.params(leg, { Digits: digits }));
  }
  if (step?.kind === 'say' && accepts.has('speech')) {
    ctx.rec.act(leg.leg, 'say', `says "${step.text}"`);
    ctx.clock.seconds += Math.ceil(step.text.length / CHARS_PER_SECOND) + 1;
    return goto(ctx.params(leg, { SpeechResult: step.text, Confidence: '0.92' }));
  }
  if (step && step.kind !== 'silence') {
    const what = step.kind === 'press' ? `presses ${step.digits}` : `says "${step.text}"`;
    ctx.rec.act(leg.leg, step.kind, `${what}, but the gather only listens for ${[...accepts].join(' ')}`);
  } else {
    ctx.rec.act(leg.leg, 'silence', `gives no input: the gather times out after ${timeout} s`);
  }
  ctx.clock.seconds += timeout;
  if (verb.attrs.actionOnEmptyResult === 'true') return goto(ctx.params(leg));
  return CONTINUE;
};

/** Digits Twilio would report: cut at finishOnKey (not included), at most numDigits. */
export function collectDigits(pressed: string, finishOnKey: string, numDigits?: string): string {
  let digits = pressed;
  const stop = finishOnKey ? digits.indexOf(finishOnKey) : -1;
  if (stop >= 0) digits = digits.slice(0, stop);
  const max = Number(numDigits);
  if (Number.isInteger(max) && max > 0) digits = digits.slice(0, max);
  return digits;
}

const record: VerbHandler = async (verb, leg, ctx) => {
  if (verb.attrs.playBeep !== 'false') ctx.rec.hear({ leg: leg.leg, verb: 'Beep', text: 'beep' });
  const timeout = Number(verb.attrs.timeout ?? 5) || 5;
  const next = leg.input.peek();
  let spoken: string | null = ctx.settings.recordedMessage;
  let hangsUp = false;
  if (leg.input.silent || next?.kind === 'silence') {
    if (next) leg.input.take();
    spoken = null;
  } else if (next?.kind === 'say') {
    leg.input.take();
    spoken = next.text;
  } else if (next?.kind === 'hangup') {
    leg.input.take();
    hangsUp = true;
  }

  const statusCallback = verb.attrs.recordingStatusCallback
    ? ctx.transport.resolve(verb.attrs.recordingStatusCallback, leg.documentUrl)
    : null;
  const statusMethod = methodOf(verb.attrs.recordingStatusCallbackMethod);
  const sid = newSid('RE');
  const url = `${ctx.settings.mediaBaseUrl}/2010-04-01/Accounts/${ctx.settings.accountSid}/Recordings/${sid}`;

  if (spoken === null) {
    ctx.rec.act(leg.leg, 'silence', `stays silent: the recording is empty (${timeout} s)`);
    ctx.clock.seconds += timeout;
    if (statusCallback) {
      await ctx.notify({
        url: statusCallback,
        method: statusMethod,
        leg: leg.leg,
        purpose: 'recording-status',
        expectTwiml: false,
        params: ctx.params(leg, {
          RecordingSid: sid,
          RecordingUrl: url,
          RecordingStatus: 'absent',
          RecordingDuration: '0',
          RecordingChannels: '1',
          RecordingSource: 'RecordVerb',
        }),
      });
    }
    return CONTINUE;
  }

  const maxLength = Number(verb.attrs.maxLength ?? 3600) || 3600;
  const duration = Math.min(maxLength, Math.max(1, Math.ceil(spoken.length / CHARS_PER_SECOND)));
  ctx.rec.act(leg.leg, 'record', `leaves a ${duration} s message: "${spoken}"`);
  ctx.clock.seconds += duration + (hangsUp ? 0 : timeout);
  if (hangsUp) {
    ctx.rec.act(leg.leg, 'hangup', 'hangs up after the message');
    leg.callStatus = 'completed';
  }
  const recordingParams = { RecordingSid: sid, RecordingUrl: url, RecordingDuration: String(duration) };
  const transcribe = verb.attrs.transcribe === 'true' || Boolean(verb.attrs.transcribeCallback);
  ctx.rec.recordings.push({
    sid,
    url,
    durationSeconds: duration,
    transcription: transcribe ? spoken : null,
  });

  if (verb.attrs.transcribeCallback) {
    const trSid = newSid('TR');
    ctx.later.push({
      url: ctx.transport.resolve(verb.attrs.transcribeCallback, leg.documentUrl),
      method: 'POST',
      leg: leg.leg,
      purpose: 'transcription',
      expectTwiml: false,
      params: {
        ...ctx.params({ ...leg, callStatus: 'completed' }, recordingParams),
        TranscriptionSid: trSid,
        TranscriptionText: spoken,
        TranscriptionStatus: 'completed',
        TranscriptionUrl: `${ctx.settings.mediaBaseUrl}/2010-04-01/Accounts/${ctx.settings.accountSid}/Transcriptions/${trSid}`,
      },
    });
  }
  const statusNotice = statusCallback
    ? ctx.notify({
        url: statusCallback,
        method: statusMethod,
        leg: leg.leg,
        purpose: 'recording-status',
        expectTwiml: false,
        params: ctx.params(leg, {
          ...recordingParams,
          RecordingStatus: 'completed',
          RecordingChannels: '1',
          RecordingStartTime: new Date().toUTCString(),
          RecordingSource: 'RecordVerb',
        }),
      })
    : null;

  const action = ctx.transport.resolve(verb.attrs.action ?? leg.documentUrl, leg.documentUrl);
  const request = {
    url: action,
    method: methodOf(verb.attrs.method),
    purpose: 'record-action' as const,
    params: ctx.params(leg, hangsUp ? { ...recordingParams, Digits: 'hangup' } : recordingParams),
  };
  if (!hangsUp) {
    if (statusNotice) await statusNotice;
    return { type: 'goto', request };
  }
  // The caller is gone: Twilio still posts the action, and ignores the TwiML it returns.
  await ctx.notify({ ...request, leg: leg.leg, expectTwiml: true });
  if (statusNotice) await statusNotice;
  return { type: 'end', end: { kind: 'left' } };
};

const redirect: VerbHandler = (verb, leg, ctx) => ({
  type: 'goto',
  request: {
    url: ctx.transport.resolve(verb.text, leg.documentUrl),
    method: methodOf(verb.attrs.method),
    purpose: 'redirect',
    params: ctx.params(leg),
  },
});

const hangup: VerbHandler = () => ({ type: 'end', end: { kind: 'hangup' } });

const reject: VerbHandler = (verb, leg, ctx) => {
  if (leg.leg === 'callee' || leg.answered) {
    ctx.rec.flag(
      problem(
        12200,
        'error',
        '<Reject> after the call was answered: Twilio only honours it first',
        leg.documentUrl,
      ),
    );
    return { type: 'end', end: { kind: 'hangup' } };
  }
  return {
    type: 'end',
    end: { kind: 'rejected', reason: verb.attrs.reason === 'busy' ? 'busy' : 'rejected' },
  };
};

export const VERB_HANDLERS: Record<string, VerbHandler> = {
  Say: say,
  Play: play,
  Pause: pause,
  Gather: gather,
  Record: record,
  Redirect: redirect,
  Hangup: hangup,
  Reject: reject,
};
