/** The call log in the admin API: its query string and its answers, for validation and OpenAPI. */
import { z } from 'zod';
import { callCursorSchema, callFilterSchemas, type CallFile } from '../app/call-log';
import { callKind, CALL_KINDS } from '../domain/call-kind';
import { callKindWords, stepWords } from '../domain/call-words';
import type { CallLogEntry } from '../store/call-log';

export const callListQuerySchema = z.strictObject({
  limit: z
    .string()
    .regex(/^\d{1,3}$/, 'expected a whole number from 1 to 100')
    .transform(Number)
    .pipe(z.number().int().min(1, 'at least 1').max(100, 'at most 100'))
    .optional(),
  cursor: callCursorSchema.optional().meta({ description: 'The nextCursor of a previous page.' }),
  clientId: callFilterSchemas.client.optional(),
  outcome: callFilterSchemas.outcome.optional(),
  from: callFilterSchemas.from.optional(),
  to: callFilterSchemas.to.optional(),
  caller: callFilterSchemas.caller.optional(),
  lang: z
    .enum(['fr', 'en'])
    .optional()
    .meta({ description: 'Language of `kindText` and the steps’ `text`.' }),
});
export type CallListQuery = z.output<typeof callListQuerySchema>;

const callSummaryView = z.object({
  callSid: z.string(),
  clientId: z.string(),
  from: z.string().meta({ description: 'The caller’s number, E.164 (or as the carrier gave it).' }),
  to: z.string(),
  startedAt: z.iso.datetime(),
  endedAt: z.iso.datetime(),
  durationSeconds: z.number().nullable(),
  status: z.string().meta({ description: 'Twilio’s last call status.' }),
  outcome: z.string(),
  kind: z.enum(CALL_KINDS),
  kindText: z.string().meta({ description: 'The kind of call in words, in `lang`.' }),
  urgent: z
    .boolean()
    .meta({ description: 'Put through as urgent (the menu’s urgent choice, urgent words).' }),
  callerName: z.string(),
  messageId: z.string().nullable(),
  appointmentId: z.string().nullable(),
});

export const callPageView = z.object({
  data: z.array(callSummaryView),
  counts: z
    .record(z.string(), z.number())
    .meta({ description: 'Calls of the filter per outcome, and `total`.' }),
  nextCursor: z.string().nullable(),
});

export const callDetailView = callSummaryView.extend({
  steps: z.array(z.object({ at: z.iso.datetime(), name: z.string(), detail: z.string(), text: z.string() })),
  otherCalls: z
    .array(callSummaryView)
    .meta({ description: 'The caller’s latest other calls to the client.' }),
});

type Lang = 'fr' | 'en';

export function toCallSummary(c: CallLogEntry, lang: Lang): z.output<typeof callSummaryView> {
  return {
    callSid: c.callSid,
    clientId: c.clientId,
    from: c.from,
    to: c.to,
    startedAt: c.startedAt.toISOString(),
    endedAt: c.endedAt.toISOString(),
    durationSeconds: c.durationSeconds ?? null,
    status: c.status,
    outcome: c.outcome,
    kind: callKind(c).kind,
    urgent: callKind(c).urgent,
    kindText: callKindWords(c, lang),
    callerName: c.callerName,
    messageId: c.messageId,
    appointmentId: c.appointmentId,
  };
}

export function toCallDetail(file: CallFile, lang: Lang): z.output<typeof callDetailView> {
  return {
    ...toCallSummary(file.call, lang),
    steps: file.call.steps.map((s) => ({
      at: s.at.toISOString(),
      name: s.name,
      detail: s.detail,
      text: stepWords(s, lang),
    })),
    otherCalls: file.others.map((c) => toCallSummary(c, lang)),
  };
}
