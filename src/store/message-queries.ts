/**
 * Reading messages with tenancy: every query carries the caller's allowed client ids, so an
 * assistant can never read another client's message, whatever the view asks for.
 * FerretDB v1 has no $facet, $lookup, text index or collation: counts are a $group, search an
 * escaped regex over each message's `searchText` (its fields folded at write time, see
 * src/domain/search-text.ts), applied to the rows the indexed filters select.
 */
import type { FilterQuery } from 'mongoose';
import { NotFoundError } from '../domain/errors';
import { canSeeClient, type MessageAccess } from '../domain/access';
import { searchPattern } from '../domain/search-text';
import type { CountryCode } from '../domain/phone';
import { isObjectId, oid, oneOf } from './filters';
import { MESSAGE_STATUSES, type MessageStatus } from '../domain/vocabulary';
import { toMessage, type Message } from './messages';
import { callSteps, type CallStep } from './calls';
import { CallModel, MessageModel } from './models';

/** A filter on a client the user may not see is a 404, exactly like a client that does not exist. */
function assertClientVisible(access: MessageAccess, clientId: string | undefined): void {
  if (clientId && !canSeeClient(access, clientId)) throw new NotFoundError('no such client');
}

/** The tenancy part of every message query: nothing for an admin, else the allowed clients. */
function accessFilter(access: MessageAccess): FilterQuery<unknown> {
  if (access.all) return {};
  return { clientId: oneOf(access.clientIds.filter(isObjectId).map(oid)) };
}

export type MessageFilter = {
  clientId?: string;
  /** One status, or several (the cockpit's "to do" view: new and in progress). */
  status?: MessageStatus | readonly MessageStatus[];
  urgent?: boolean;
  from?: Date;
  to?: Date;
  search?: string;
  /** The country a national number typed in the search is read in (the client's); optional. */
  country?: CountryCode;
};

/** Keyset position: messages strictly older than this one. */
export type Cursor = { createdAt: Date; id: string };

/** The list's order; the message indexes end with the same keys so that MongoDB never sorts. */
const NEWEST_FIRST = { createdAt: -1, _id: -1 } as const;

/**
 * One plain filter object (no `$and` of equalities): equality fields, then the `createdAt` range,
 * then the search as one escaped regex on `searchText` over the filtered rows.
 */
export function buildQuery(
  access: MessageAccess,
  filter: MessageFilter,
  withStatus = true,
): FilterQuery<unknown> {
  assertClientVisible(access, filter.clientId);
  // A visible client filter is narrower than the tenancy filter, so it replaces it.
  const query: FilterQuery<unknown> = filter.clientId
    ? { clientId: oid(filter.clientId) }
    : accessFilter(access);
  if (withStatus && filter.status) {
    query.status = typeof filter.status === 'string' ? filter.status : oneOf([...filter.status]);
  }
  if (filter.urgent !== undefined) query.urgent = filter.urgent;
  if (filter.from || filter.to) {
    query.createdAt = {
      ...(filter.from ? { $gte: filter.from } : {}),
      ...(filter.to ? { $lt: filter.to } : {}),
    };
  }
  const pattern = filter.search ? searchPattern(filter.search, filter.country) : null;
  if (pattern) query.searchText = new RegExp(pattern);
  return query;
}

/** Adds "strictly older than `before`" to a query: a bound on `createdAt`, the tie broken on `_id`. */
function olderThan(query: FilterQuery<unknown>, before: Cursor): FilterQuery<unknown> {
  const keyset = [
    { createdAt: { $lt: before.createdAt } },
    { createdAt: before.createdAt, _id: { $lt: oid(before.id) } },
  ];
  // The search is one field (`searchText`), so the keyset is the query's only `$or`: no `$and`.
  return {
    ...query,
    createdAt: { ...(query.createdAt as object | undefined), $lte: before.createdAt },
    $or: keyset,
  };
}

/**
 * A page of messages, newest first: after the keyset `before` (the web list, the API's cursor) or
 * `skip` rows in (the API's numbered pages). The list views need neither notes nor transcription.
 */
export async function listMessages(
  access: MessageAccess,
  filter: MessageFilter,
  page: { limit: number; before?: Cursor; skip?: number },
): Promise<{ messages: Message[]; next: Cursor | null }> {
  const query = buildQuery(access, filter);
  const docs = await MessageModel.find(page.before ? olderThan(query, page.before) : query)
    .select({ notes: 0, transcription: 0, searchText: 0 })
    .sort(NEWEST_FIRST)
    .skip(page.skip ?? 0)
    .limit(page.limit + 1)
    .lean();
  const messages = docs.slice(0, page.limit).map((d) => toMessage(d as never));
  const last = messages[messages.length - 1];
  return {
    messages,
    next: docs.length > page.limit && last ? { createdAt: last.createdAt, id: last.id } : null,
  };
}

/** Counts per status for the same filter, ignoring the status filter itself. */
export async function countByStatus(
  access: MessageAccess,
  filter: MessageFilter,
): Promise<Record<MessageStatus, number> & { total: number; urgentOpen: number }> {
  // One pass counts both the tabs and the open urgent messages (the cockpit's title): on FerretDB
  // every count reads the whole collection, so a second aggregation would double the page's cost.
  const rows = await MessageModel.aggregate<{ _id: { status: string; urgent: boolean }; n: number }>([
    { $match: buildQuery(access, filter, false) },
    { $group: { _id: { status: '$status', urgent: '$urgent' }, n: { $sum: 1 } } },
  ]);
  const counts = Object.fromEntries(MESSAGE_STATUSES.map((s) => [s, 0])) as Record<MessageStatus, number>;
  let urgentOpen = 0;
  for (const { _id, n } of rows) {
    if (!(_id.status in counts)) continue;
    counts[_id.status as MessageStatus] += n;
    if (_id.urgent && _id.status !== 'handled') urgentOpen += n;
  }
  return { ...counts, total: rows.reduce((sum, r) => sum + r.n, 0), urgentOpen };
}

/** Every message of the filter, newest first, as an async iterable (CSV export; at most `max`). */
export async function* streamMessages(access: MessageAccess, filter: MessageFilter, max = 50_000) {
  const cursor = MessageModel.find(buildQuery(access, filter))
    .select({ notes: 0, deliveries: 0, searchText: 0 })
    .sort(NEWEST_FIRST)
    .limit(max)
    .lean()
    .cursor();
  for await (const doc of cursor) yield toMessage(doc as never);
}

/** One message the caller may read; otherwise a NotFoundError, exactly as for a missing id. */
export async function getMessageFor(access: MessageAccess, id: string): Promise<Message> {
  if (!isObjectId(id)) throw new NotFoundError(`message ${id} not found`);
  // By `_id` alone, then the access check: FerretDB v1 scans the collection for any other filter.
  const doc = await MessageModel.findById(oid(id)).lean();
  const message = doc ? toMessage(doc as never) : null;
  if (!message || !canSeeClient(access, message.clientId)) {
    throw new NotFoundError(`message ${id} not found`);
  }
  return message;
}

/** The timeline of a message's call (second query: no $lookup on FerretDB), live part included. */
export async function callTimeline(message: Message): Promise<CallStep[]> {
  // By `_id` alone (the CallSid): the only lookup FerretDB v1 does not answer by a full scan.
  const call = await CallModel.findById(message.callSid).select({ clientId: 1 }).lean();
  if (!call || String(call.clientId) !== message.clientId) return [];
  return callSteps(message.callSid);
}

/**
 * The id of the message a call left (its key is the CallSid), for a record that names the call
 * (an appointment booked in it); null when the call left none or the actor may not see it.
 */
export async function messageIdOfCall(
  access: MessageAccess,
  clientId: string,
  callSid: string,
): Promise<string | null> {
  if (!callSid || !isObjectId(clientId) || !canSeeClient(access, clientId)) return null;
  // By `callSid` (index `callSid`): a message's `key` is not its CallSid (`message:<CallSid>`).
  const doc = await MessageModel.findOne({ callSid }).select({ _id: 1, clientId: 1 }).lean();
  return doc && String(doc.clientId) === clientId ? String(doc._id) : null;
}
