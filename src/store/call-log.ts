/**
 * The call log: every call on record, newest first, with tenancy (the caller's allowed client ids
 * in every query), filters served by the call indexes (models.ts), a keyset cursor on
 * (startedAt, _id), counts per outcome, and for a page of calls the message and appointment each
 * left and the caller's name (one query each: no $lookup on FerretDB v1).
 */
import type { FilterQuery } from 'mongoose';
import { canSeeClient, type MessageAccess } from '../domain/access';
import { NotFoundError } from '../domain/errors';
import { OUTCOMES, type Outcome } from '../flow';
import type { CallRecord, CallStep } from './calls';
import { contactId } from './contacts';
import { isObjectId, oid, oneOf } from './filters';
import { AppointmentModel, CallModel, ContactModel, MessageModel } from './models';

export type CallLogFilter = {
  clientId?: string;
  outcome?: Outcome;
  /** Calls started at or after. */
  from?: Date;
  /** Calls started before. */
  to?: Date;
  /** The caller's number, E.164: matched exactly (the record holds E.164). */
  caller?: string;
};

/** Keyset position: calls strictly older than this one. */
export type CallCursor = { startedAt: Date; id: string };

/** A call as recorded (`calls.ts`), read back: its steps with dates, its outcome as stored. */
export type LoggedCall = Omit<CallRecord, 'outcome' | 'steps'> & { outcome: string; steps: CallStep[] };

/** A call with what it left: its message, its appointment, the caller's name if anyone gave it. */
export type CallLogEntry = LoggedCall & {
  messageId: string | null;
  appointmentId: string | null;
  callerName: string;
};

const NEWEST_FIRST = { startedAt: -1, _id: -1 } as const;

type CallDoc = {
  _id: string;
  clientId: unknown;
  from: string;
  to: string;
  locale?: string | null;
  status: string;
  outcome: string;
  steps?: { name: string; detail?: string | null; at: Date }[] | null;
  startedAt: Date;
  endedAt?: Date | null;
  durationSeconds?: number | null;
};

function toLoggedCall(d: CallDoc): LoggedCall {
  return {
    callSid: String(d._id),
    clientId: String(d.clientId),
    from: d.from,
    to: d.to,
    locale: d.locale ?? 'fr-FR',
    status: d.status,
    outcome: d.outcome,
    steps: (d.steps ?? []).map((s) => ({ name: s.name, detail: s.detail ?? '', at: s.at })),
    startedAt: d.startedAt,
    endedAt: d.endedAt ?? d.startedAt,
    ...(d.durationSeconds != null ? { durationSeconds: d.durationSeconds } : {}),
  };
}

/** Equality fields first (client or allowed clients, caller, outcome), then the `startedAt` range. */
function buildQuery(access: MessageAccess, filter: CallLogFilter, withOutcome = true): FilterQuery<unknown> {
  if (filter.clientId && !canSeeClient(access, filter.clientId)) throw new NotFoundError('no such client');
  const query: FilterQuery<unknown> = {};
  if (filter.clientId) query.clientId = oid(filter.clientId);
  else if (!access.all) query.clientId = oneOf(access.clientIds.filter(isObjectId).map(oid));
  if (filter.caller) query.from = filter.caller;
  if (withOutcome && filter.outcome) query.outcome = filter.outcome;
  if (filter.from || filter.to) {
    query.startedAt = {
      ...(filter.from ? { $gte: filter.from } : {}),
      ...(filter.to ? { $lt: filter.to } : {}),
    };
  }
  return query;
}

function olderThan(query: FilterQuery<unknown>, before: CallCursor): FilterQuery<unknown> {
  return {
    ...query,
    startedAt: { ...(query.startedAt as object | undefined), $lte: before.startedAt },
    $or: [{ startedAt: { $lt: before.startedAt } }, { startedAt: before.startedAt, _id: { $lt: before.id } }],
  };
}

/** An assistant with no client sees nothing: no query at all. */
const seesNothing = (access: MessageAccess, filter: CallLogFilter) =>
  !filter.clientId && !access.all && access.clientIds.filter(isObjectId).length === 0;

/** A page of calls, newest first, after the keyset `before`. */
export async function listCalls(
  access: MessageAccess,
  filter: CallLogFilter,
  page: { limit: number; before?: CallCursor },
): Promise<{ calls: LoggedCall[]; next: CallCursor | null }> {
  const query = buildQuery(access, filter);
  if (seesNothing(access, filter)) return { calls: [], next: null };
  const docs = await CallModel.find(page.before ? olderThan(query, page.before) : query)
    .sort(NEWEST_FIRST)
    .limit(page.limit + 1)
    .lean();
  const calls = docs.slice(0, page.limit).map((d) => toLoggedCall(d as unknown as CallDoc));
  const last = calls[calls.length - 1];
  return {
    calls,
    next: docs.length > page.limit && last ? { startedAt: last.startedAt, id: last.callSid } : null,
  };
}

/** Counts per outcome for the same filter, the outcome filter itself left out (the filter chips). */
export async function countCallsByOutcome(
  access: MessageAccess,
  filter: CallLogFilter,
): Promise<Record<Outcome, number> & { total: number }> {
  const counts = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
  if (seesNothing(access, filter)) return { ...counts, total: 0 };
  const rows = await CallModel.aggregate<{ _id: string; n: number }>([
    { $match: buildQuery(access, filter, false) },
    { $group: { _id: '$outcome', n: { $sum: 1 } } },
  ]);
  for (const row of rows) if (row._id in counts) counts[row._id as Outcome] = row.n;
  return { ...counts, total: rows.reduce((sum, r) => sum + r.n, 0) };
}

/** Every call of the filter, newest first (CSV export, the digest; at most `max`). */
export async function* streamCalls(access: MessageAccess, filter: CallLogFilter, max = 50_000) {
  const query = buildQuery(access, filter);
  if (seesNothing(access, filter)) return;
  const cursor = CallModel.find(query).sort(NEWEST_FIRST).limit(max).lean().cursor();
  for await (const doc of cursor) yield toLoggedCall(doc as unknown as CallDoc);
}

/** One call the actor may read; a hidden one is a NotFoundError, exactly as a missing one. */
export async function getCallFor(access: MessageAccess, callSid: string): Promise<LoggedCall> {
  // By `_id` alone (the CallSid), then the access check: the only lookup FerretDB v1 serves well.
  const doc = await CallModel.findById(callSid).lean();
  const call = doc ? toLoggedCall(doc as unknown as CallDoc) : null;
  if (!call || !canSeeClient(access, call.clientId)) throw new NotFoundError(`call ${callSid} not found`);
  return call;
}

/**
 * What each call left: its message and its appointment (both by CallSid) and the caller's name (the message's, else the client's contact card). Three queries for
 * a whole page, whatever its size; a record of another client never counts.
 */
export async function withTraces(calls: LoggedCall[]): Promise<CallLogEntry[]> {
  if (calls.length === 0) return [];
  const sids = calls.map((c) => c.callSid);
  const [messages, appointments, contacts] = await Promise.all([
    MessageModel.find({ callSid: oneOf(sids) })
      .select({ _id: 1, callSid: 1, clientId: 1, callerName: 1 })
      .lean(),
    AppointmentModel.find({ callSid: oneOf(sids) })
      .select({ _id: 1, callSid: 1, clientId: 1, createdAt: 1 })
      .lean(),
    ContactModel.find({ _id: oneOf([...new Set(calls.map((c) => contactId(c.clientId, c.from)))]) })
      .select({ _id: 1, name: 1 })
      .lean(),
  ]);
  const messageOf = new Map(messages.map((m) => [`${String(m.clientId)}:${m.callSid}`, m]));
  // A call that booked then cancelled has two: the first booked is the one it was about.
  const appointmentOf = new Map<string, { id: string; at: number }>();
  for (const a of appointments) {
    const key = `${a.clientId}:${a.callSid}`;
    const at = new Date(a.createdAt as Date).getTime();
    if ((appointmentOf.get(key)?.at ?? Infinity) > at) appointmentOf.set(key, { id: String(a._id), at });
  }
  const names = new Map(contacts.map((c) => [String(c._id), c.name ?? '']));
  return calls.map((c) => {
    const message = messageOf.get(`${c.clientId}:${c.callSid}`);
    return {
      ...c,
      messageId: message ? String(message._id) : null,
      appointmentId: appointmentOf.get(`${c.clientId}:${c.callSid}`)?.id ?? null,
      callerName: message?.callerName || names.get(contactId(c.clientId, c.from)) || '',
    };
  });
}
