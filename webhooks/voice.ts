/**
 * The Twilio voice edge as a table: one handler per route, the routes being each number's two entry
 * points and the engine's closed list of callbacks (`CALLBACK_NAMES`), no more and no less — a
 * callback the engine emits without a handler, or a handler for a callback it never emits, does not
 * type-check. Signature checked once for all, then each handler through the shared wrapper.
 */
import express, { Router } from 'express';
import type { CallbackName } from '../src/flow';
import { status, transcription } from './callbacks/call-end';
import { dialResult, gathered, incoming, noInput, recording, recordingEmpty } from './callbacks/caller';
import { failSafeDial, failSafeRecording } from './callbacks/failsafe';
import { screen, screenResult } from './callbacks/screen';
import { twimlParserErrors } from './parser-errors';
import type { EdgeOptions, VoiceHandler } from './respond';
import { twilioSignature } from './signature';

/** Configured on each number at Twilio (the public contract), not emitted by the engine. */
export const ENTRY_POINTS = ['incoming', 'status'] as const;
export type VoiceRoute = (typeof ENTRY_POINTS)[number] | CallbackName;

export const VOICE_ROUTES: Record<VoiceRoute, VoiceHandler> = {
  incoming,
  status,
  menu: gathered,
  name: gathered,
  reason: gathered,
  'callback-number': gathered,
  urgency: gathered,
  confirm: gathered,
  'appointment-type': gathered,
  'appointment-existing': gathered,
  'appointment-slots': gathered,
  'appointment-name': gathered,
  'appointment-number': gathered,
  'appointment-confirm': gathered,
  'appointment-cancel': gathered,
  'no-input': noInput,
  'dial-result': dialResult,
  recording,
  'recording-empty': recordingEmpty,
  transcription,
  screen,
  'screen-result': screenResult,
  'failsafe-dial': failSafeDial,
  'failsafe-recording': failSafeRecording,
};

export type VoiceEdgeOptions = EdgeOptions & { authToken: string };

/** Mount at `VOICE_WEBHOOKS_PATH`. */
export function voiceRouter(options: VoiceEdgeOptions): Router {
  const router = Router();
  router.use(express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 200 }));
  router.use(twilioSignature(options));
  for (const [route, handler] of Object.entries(VOICE_ROUTES)) {
    router.post(`/${route}`, handler(route, options));
  }
  router.use((req, res) => {
    res
      .status(404)
      .type('text/plain')
      .send(`no such voice callback: ${req.path.slice(1)}`);
  });
  router.use(twimlParserErrors(options.logger));
  return router;
}
