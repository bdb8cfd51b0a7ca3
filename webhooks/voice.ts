/**
 * The Twilio voice edge: `/webhooks/voice/incoming` (each number's Voice URL), `/status` (status
 * callback) and the callbacks the engine emits. Signature checked, parameters parsed, TwiML out.
 */
import express, { Router } from 'express';
import { answerEvent, answerIncoming } from '../src/app/call-handling';
import { answerStatus, attachCallTranscription } from '../src/app/call-end';
import { answerFailSafeClosing, answerFailSafeDial, answerScreen } from '../src/app/side-legs';
import { storeFailSafeMessage } from '../src/app/failsafe-messages';
import type { CallDeps } from '../src/app/ports';
import { toFlowEvent, GATHER_CALLBACKS } from './events';
import {
  callbackQuerySchema,
  dialParamsSchema,
  gatherParamsSchema,
  recordingParamsSchema,
  statusParamsSchema,
  transcriptionParamsSchema,
  voiceParamsSchema,
} from './params';
import { answerCall, EMPTY_TWIML, parseOr400, sendTwiml, type EdgeOptions } from './respond';
import { twilioSignature } from './signature';
import { renderTwiml } from './twiml';

export type VoiceEdgeOptions = EdgeOptions & { authToken: string; deps: CallDeps };

/**
 * Waits for background work up to the webhook deadline, then lets it finish on its own: status and
 * transcription callbacks need no TwiML, so Twilio is answered at once rather than kept waiting.
 */
async function finishWithin(work: Promise<void>, deadlineMs = 1500): Promise<void> {
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, deadlineMs);
    void work.finally(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

export function voiceRouter(options: VoiceEdgeOptions): Router {
  const { deps, logger } = options;
  const router = Router();
  router.use(express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 200 }));
  router.use(twilioSignature({ authToken: options.authToken, publicBaseUrl: options.publicBaseUrl, logger }));

  router.post('/incoming', async (req, res) => {
    const p = parseOr400(voiceParamsSchema, req, res);
    if (!p) return;
    await answerCall(res, options, { callSid: p.CallSid, to: p.To }, () =>
      answerIncoming({ callSid: p.CallSid, from: p.From, to: p.To }, deps),
    );
  });

  router.post('/status', async (req, res) => {
    const p = parseOr400(statusParamsSchema, req, res);
    if (!p) return;
    const work = answerStatus(p.CallSid, p.CallStatus, p.CallDuration, deps).catch((err: Error) => {
      logger.error(`status callback of ${p.CallSid} failed: ${err.message}`, { err });
    });
    await finishWithin(work, options.deadlineMs);
    sendTwiml(res, EMPTY_TWIML);
  });

  router.post('/transcription', async (req, res) => {
    const p = parseOr400(transcriptionParamsSchema, req, res);
    if (!p) return;
    const store = () => attachCallTranscription(p.CallSid, p.TranscriptionStatus, p.TranscriptionText, deps);
    const work = store().catch((err: Error) => {
      logger.error(`transcription of ${p.CallSid} not stored: ${err.message}`, { err });
    });
    await finishWithin(work, options.deadlineMs);
    sendTwiml(res, EMPTY_TWIML);
  });

  router.post(['/screen', '/screen-result'], async (req, res) => {
    const q = callbackQuerySchema.safeParse(req.query);
    const p = parseOr400(gatherParamsSchema, req, res);
    if (!p) return;
    if (!q.success || !q.data.parent) {
      res.status(400).type('text/plain').send('bad Twilio request: parent: the screened call is missing');
      return;
    }
    const parent = q.data.parent;
    const phase = req.path === '/screen' ? 'whisper' : 'result';
    try {
      const answer = await answerScreen(parent, p.Digits, phase, deps);
      const urls = (cb: string) => `${options.publicBaseUrl}/webhooks/voice/${cb}?parent=${parent}`;
      sendTwiml(res, renderTwiml(answer.actions, urls));
    } catch (err) {
      // The target cannot be screened: decline, and the caller goes back to message taking.
      logger.error(`screening for ${parent} failed: ${(err as Error).message}`, { err });
      sendTwiml(
        res,
        renderTwiml([{ type: 'hangup' }], () => ''),
      );
    }
  });

  router.post('/failsafe-dial', async (req, res) => {
    const p = parseOr400(dialParamsSchema, req, res);
    if (!p) return;
    await answerCall(res, options, { callSid: p.CallSid, to: p.To }, async () =>
      answerFailSafeDial(p.To, p.DialBridged === 'true'),
    );
  });

  router.post('/failsafe-recording', async (req, res) => {
    const p = parseOr400(recordingParamsSchema, req, res);
    if (!p) return;
    if (p.RecordingSid && p.RecordingUrl) {
      const recording = {
        sid: p.RecordingSid,
        url: p.RecordingUrl,
        durationSeconds: p.RecordingDuration ?? 0,
      };
      const left = { callSid: p.CallSid, to: p.To, from: p.From, recording };
      // Stored or parked, never retried as a fail-safe: the caller has already left the message.
      await storeFailSafeMessage(left, deps).catch((err: Error) =>
        logger.error(
          `fail-safe message of ${p.CallSid} lost: ${err.message}; recording ${recording.sid} stays at Twilio`,
        ),
      );
    }
    sendTwiml(
      res,
      renderTwiml(answerFailSafeClosing(p.To).actions, () => ''),
    );
  });

  router.post('/:callback', async (req, res) => {
    const callback = req.params.callback ?? '';
    const schema =
      callback === 'dial-result'
        ? dialParamsSchema
        : callback === 'recording'
          ? recordingParamsSchema
          : gatherParamsSchema;
    if (
      !GATHER_CALLBACKS.has(callback) &&
      !['dial-result', 'recording', 'recording-empty', 'no-input'].includes(callback)
    ) {
      res.status(404).type('text/plain').send(`no such voice callback: ${callback}`);
      return;
    }
    const p = parseOr400(schema, req, res);
    const q = callbackQuerySchema.safeParse(req.query);
    if (!p) return;
    const turn = q.success ? q.data.turn : undefined;
    await answerCall(res, options, { callSid: p.CallSid, to: p.To }, () =>
      answerEvent(p.CallSid, turn, toFlowEvent(callback, p), deps),
    );
  });

  return router;
}
