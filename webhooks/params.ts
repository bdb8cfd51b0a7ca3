/**
 * Twilio's voice webhook parameters, one zod schema per callback. Twilio adds parameters without
 * notice, so every schema accepts extra fields (looseObject).
 */
import { z } from 'zod';
import { normaliseCallerId } from '../src/domain/phone';
import { lineSchema, multilineSchema } from '../src/domain/text';
import { DIAL_STATUSES } from '../src/flow';

const callSid = z
  .string()
  .regex(/^CA[0-9a-fA-F]{32}$/, 'expected a CallSid: CA followed by 32 hex characters');

export const voiceParamsSchema = z.looseObject({
  CallSid: callSid,
  AccountSid: z
    .string()
    .regex(/^AC[0-9a-fA-F]{32}$/, 'expected an AccountSid: AC followed by 32 hex characters'),
  // A carrier may drop the `+` of a caller ID: stored and read back as the E.164 number it is.
  From: lineSchema().min(1, 'From is required').transform(normaliseCallerId),
  To: lineSchema().min(1, 'To is required'),
  CallStatus: z.string().optional(),
});

export const gatherParamsSchema = voiceParamsSchema.extend({
  Digits: z.string().max(40).optional(),
  // What the caller said becomes their name and reason: no control character may ride along.
  SpeechResult: lineSchema().max(2000).optional(),
  Confidence: z.coerce.number().min(0).max(1).optional(),
});

export const dialParamsSchema = voiceParamsSchema.extend({
  DialCallStatus: z.enum(DIAL_STATUSES),
  DialCallDuration: z.coerce.number().int().min(0).optional(),
  DialBridged: z.enum(['true', 'false']).optional(),
});

const recordingSid = z
  .string()
  .regex(/^RE[0-9a-fA-F]{32}$/, 'expected a RecordingSid: RE followed by 32 hex characters');

export const recordingParamsSchema = voiceParamsSchema.extend({
  RecordingUrl: z.url().optional(),
  RecordingSid: recordingSid.optional(),
  RecordingDuration: z.coerce.number().int().min(0).optional(),
  Digits: z.string().optional(),
});

/** Transcription callbacks arrive after the call; Twilio sends fewer call parameters with them. */
export const transcriptionParamsSchema = z.looseObject({
  CallSid: callSid,
  TranscriptionText: multilineSchema().max(20_000).default(''),
  TranscriptionStatus: z.enum(['completed', 'failed']),
  RecordingSid: recordingSid.optional(),
});

export const statusParamsSchema = voiceParamsSchema.extend({
  CallStatus: z.enum([
    'queued',
    'initiated',
    'ringing',
    'in-progress',
    'completed',
    'busy',
    'failed',
    'no-answer',
    'canceled',
  ]),
  CallDuration: z.coerce.number().int().min(0).optional(),
});

/**
 * What the engine's callback URLs carry in their query (see `urlsFor`). A turn that is not a number
 * is ignored (the event is applied as new) rather than refused: the caller must not hear an error.
 */
export const turnQuery = { turn: z.coerce.number().int().min(0).optional().catch(undefined) };
export const parentQuery = {
  parent: z
    .string({ error: 'the screened call is missing' })
    .regex(/^CA[0-9a-fA-F]{32}$/, 'the screened call is missing'),
};
