/**
 * What people read of calls — the call log, its counts per outcome, one call, the CSV export — with
 * the tenancy rules applied (an assistant sees their clients' calls only; another's is a 404) and
 * every read of caller data audited as message reads are. The web pages and the admin API alike.
 */
import { z } from 'zod';
import { accessOf, type ActionSource, type MessageAccess } from '../domain/access';
import { calendarDateSchema } from '../domain/calendar';
import { InvalidInputError } from '../domain/errors';
import { toE164, type CountryCode } from '../domain/phone';
import { lineSchema } from '../domain/text';
import { addDays, startOfLocalDay } from '../domain/zoned-time';
import { OUTCOMES, type Outcome } from '../flow';
import {
  countCallsByOutcome,
  getCallFor,
  listCalls,
  streamCalls,
  withTraces,
  type CallCursor,
  type CallLogEntry,
  type CallLogFilter,
  type LoggedCall,
} from '../store/call-log';
import { audit } from './audit';
import { visibleClients, type VisibleClient } from './message-reads';

/** The zone and country of filters without a client: the assistants'. */
const DEFAULT_ZONE = 'Europe/Paris';
const DEFAULT_COUNTRY: CountryCode = 'FR';

const blankToUndefined = (v: unknown) => (v === '' ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

/** The call log's filter fields, shared by the web query string and the admin API's. */
export const callFilterSchemas = {
  client: z.string().regex(/^[0-9a-f]{24}$/i, 'expected a client id'),
  outcome: z.enum(OUTCOMES),
  from: calendarDateSchema.meta({ description: 'First day (YYYY-MM-DD), in the client’s time zone.' }),
  to: calendarDateSchema.meta({
    description: 'Last day (YYYY-MM-DD, inclusive), in the client’s time zone.',
  }),
  caller: lineSchema()
    .max(40, 'at most 40 characters')
    .regex(/^[+\d\s.()-]+$/, 'expected a phone number, such as 06 12 34 56 78 or +33612345678')
    .meta({
      description: 'The caller’s number in any usual form (0612345678, 06 12 34 56 78, +33612345678).',
    }),
};

/** The same fields for a form's query string, where an empty field means no filter. */
export const callFilterFields = {
  client: optional(callFilterSchemas.client),
  outcome: optional(callFilterSchemas.outcome),
  from: optional(callFilterSchemas.from),
  to: optional(callFilterSchemas.to),
  caller: optional(callFilterSchemas.caller),
};
/** A keyset cursor as a query value. */
export const callCursorSchema = z.string().regex(/^[A-Za-z0-9_-]{4,120}$/, 'expected a page cursor');

export type CallLogRequest = {
  client?: string;
  outcome?: Outcome;
  /** First day, `YYYY-MM-DD`, in the client's zone (else the assistants'). */
  from?: string;
  /** Last day, inclusive. */
  to?: string;
  /** A phone number in any usual form. */
  caller?: string;
};

export function encodeCallCursor(c: CallCursor): string {
  return Buffer.from(`${c.startedAt.getTime()}.${c.id}`).toString('base64url');
}

export function decodeCallCursor(cursor: string): CallCursor | null {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^(\d{1,15})\.([A-Za-z0-9_-]{1,64})$/.exec(text);
  return match ? { startedAt: new Date(Number(match[1])), id: match[2]! } : null;
}

/**
 * The store's filter: days in the zone of the client asked for (the assistants' otherwise), the
 * caller's number to E.164 read in that client's country, so "06 12 34 56 02" finds +33612345602.
 */
export function resolveCallFilter(request: CallLogRequest, clients: VisibleClient[]): CallLogFilter {
  const client = clients.find((c) => c.id === request.client);
  const zone = client?.timezone ?? DEFAULT_ZONE;
  if (request.from && request.to && request.from > request.to) {
    throw new InvalidInputError([{ path: 'to', message: 'the start date is after the end date' }]);
  }
  let caller: string | undefined;
  if (request.caller) {
    caller = toE164(request.caller, client?.country ?? DEFAULT_COUNTRY);
    if (!caller) {
      throw new InvalidInputError([
        { path: 'caller', message: `not a valid phone number: ${request.caller}` },
      ]);
    }
  }
  return {
    ...(request.client ? { clientId: request.client } : {}),
    ...(request.outcome ? { outcome: request.outcome } : {}),
    ...(request.from ? { from: startOfLocalDay(request.from, zone) } : {}),
    ...(request.to ? { to: startOfLocalDay(addDays(request.to, 1), zone) } : {}),
    ...(caller ? { caller } : {}),
  };
}

export type CallLogPage = {
  calls: CallLogEntry[];
  nextCursor: string | null;
  counts: Record<Outcome, number> & { total: number };
  clients: VisibleClient[];
};

/** A page of the call log, newest first, with the counts per outcome; audited as a read of caller data. */
export async function readCallLog(
  source: ActionSource,
  request: CallLogRequest,
  page: { limit: number; cursor?: string; detail?: Record<string, unknown> },
): Promise<CallLogPage> {
  const access = accessOf(source.actor);
  const before = page.cursor ? decodeCallCursor(page.cursor) : undefined;
  if (before === null) throw new InvalidInputError([{ path: 'cursor', message: 'unknown page cursor' }]);
  const clients = await visibleClients(access);
  const filter = resolveCallFilter(request, clients);
  const [{ calls, next }, counts] = await Promise.all([
    listCalls(access, filter, { limit: page.limit, ...(before ? { before } : {}) }),
    countCallsByOutcome(access, filter),
  ]);
  const entries = await withTraces(calls);
  await audit(source, {
    action: 'calls.list',
    clientId: request.client ?? null,
    detail: { filter: page.detail ?? request, shown: entries.length },
  });
  return { calls: entries, nextCursor: next ? encodeCallCursor(next) : null, counts, clients };
}

export type CallFile = {
  call: CallLogEntry;
  client: VisibleClient | undefined;
  /** The caller's latest other calls to the same client. */
  others: CallLogEntry[];
};

const OTHER_CALLS = 10;

/** One call opened by a person, with what it left and the caller's other calls; audited. */
export async function openCall(source: ActionSource, callSid: string): Promise<CallFile> {
  const access = accessOf(source.actor);
  const call = await getCallFor(access, callSid);
  const [[entry], clients, { calls }] = await Promise.all([
    withTraces([call]),
    visibleClients(access),
    listCalls(access, { clientId: call.clientId, caller: call.from }, { limit: OTHER_CALLS + 1 }),
  ]);
  const others = await withTraces(calls.filter((c) => c.callSid !== call.callSid).slice(0, OTHER_CALLS));
  await audit(source, {
    action: 'call.view',
    target: { type: 'call', id: call.callSid },
    clientId: call.clientId,
  });
  return { call: entry!, client: clients.find((c) => c.id === call.clientId), others };
}

const EXPORT_BATCH = 100;

/** Every call of the filter with what it left (CSV export); a hidden client fails before the first row. */
export async function exportCallLog(
  source: ActionSource,
  request: CallLogRequest,
): Promise<{ rows: AsyncIterable<CallLogEntry>; clients: VisibleClient[] }> {
  const access = accessOf(source.actor);
  const clients = await visibleClients(access);
  const filter = resolveCallFilter(request, clients);
  const calls = streamCalls(access, filter);
  // The first read checks the client filter before anything is written or audited.
  const first = await calls.next();
  await audit(source, {
    action: 'calls.export',
    clientId: request.client ?? null,
    detail: { filter: request },
  });
  return { rows: batched(first, calls), clients };
}

async function* batched(
  first: IteratorResult<LoggedCall>,
  rest: AsyncGenerator<LoggedCall>,
): AsyncIterable<CallLogEntry> {
  if (first.done) return;
  let batch = [first.value];
  for await (const call of rest) {
    batch.push(call);
    if (batch.length >= EXPORT_BATCH) {
      yield* await withTraces(batch);
      batch = [];
    }
  }
  yield* await withTraces(batch);
}

/** The calls a client received in [from, to), oldest first, for the digest (no person reads them: no audit). */
export async function callsOfWindow(clientId: string, from: Date, to: Date): Promise<CallLogEntry[]> {
  const all: MessageAccess = { all: true };
  const calls = [];
  for await (const call of streamCalls(all, { clientId, from, to }, 5_000)) calls.push(call);
  return withTraces(calls.reverse());
}
