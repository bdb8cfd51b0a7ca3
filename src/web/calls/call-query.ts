/** The call log's query string, validated: the shared filter fields, the page cursor, the language. */
import { z } from 'zod';
import { callCursorSchema, callFilterFields, type CallLogRequest } from '../../app/call-log';
import { LANGS } from '../i18n';

const blankToUndefined = (v: unknown) => (v === '' ? undefined : v);

export const callsQuerySchema = z
  .object({
    ...callFilterFields,
    before: z.preprocess(blankToUndefined, callCursorSchema.optional()),
    lang: z.preprocess(blankToUndefined, z.enum(LANGS).optional()),
  })
  .strict();

export type CallsQuery = z.output<typeof callsQuerySchema>;

/** The filter part, for the use case and for links that keep it (pages, chips, export). */
export function callFilterOf(q: CallsQuery): CallLogRequest {
  return {
    ...(q.client ? { client: q.client } : {}),
    ...(q.outcome ? { outcome: q.outcome } : {}),
    ...(q.from ? { from: q.from } : {}),
    ...(q.to ? { to: q.to } : {}),
    ...(q.caller ? { caller: q.caller } : {}),
  };
}

export const hasCallFilter = (q: CallsQuery): boolean =>
  Object.keys(callFilterOf(q)).length > 0 || Boolean(q.before);
