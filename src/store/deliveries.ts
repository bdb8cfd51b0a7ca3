/**
 * Delivery log repository: one document per notification, `_id` = the delivery key. A job writes
 * only its own document, by `_id`, so no per-message serialization is needed. Plain objects out.
 */
import { Types } from 'mongoose';
import { isDuplicateKeyError } from './errors';
import { getMessage, toMessage, type Message } from './messages';
import type { DeliveryChannel, DeliveryStatus } from '../domain/vocabulary';
import { DeliveryModel, MessageModel } from './models';

export type Delivery = {
  key: string;
  messageId: string;
  clientId: string;
  channel: DeliveryChannel;
  purpose: string;
  to: string;
  status: DeliveryStatus;
  attempts: number;
  lastError?: string;
  providerId?: string;
  /**
   * When the attempt in progress started sending; cleared when its outcome is recorded. Still set
   * when a job starts: the last attempt's outcome is unknown (its worker died, or the provider did
   * not answer), so the provider is asked before sending again.
   */
  attemptStartedAt?: Date;
  createdAt: Date;
  updatedAt: Date;
};

/** A message with its delivery log, for the readers that show or act on the log. */
export type MessageWithDeliveries = Message & { deliveries: Delivery[] };

/** What identifies a log entry (a planned delivery, a job's data or an entry itself). */
export type DeliveryRef = { key: string; channel: DeliveryChannel; purpose: string; to: string };

export type DeliveryUpdate = {
  status: DeliveryStatus;
  attempts?: number;
  lastError?: string | null;
  providerId?: string;
  /** null: the attempt's outcome is known (sent, or refused), so nothing is left to reconcile. */
  attemptStartedAt?: null;
};

type DeliveryDoc = {
  _id: string;
  messageId: Types.ObjectId;
  clientId: Types.ObjectId;
  channel: string;
  purpose: string;
  to: string;
  status: string;
  attempts: number;
  lastError?: string | null;
  providerId?: string | null;
  attemptStartedAt?: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

function toDelivery(doc: DeliveryDoc): Delivery {
  return {
    key: doc._id,
    messageId: doc.messageId.toString(),
    clientId: doc.clientId.toString(),
    channel: doc.channel as DeliveryChannel,
    purpose: doc.purpose,
    to: doc.to,
    status: doc.status as DeliveryStatus,
    attempts: doc.attempts,
    lastError: doc.lastError ?? undefined,
    providerId: doc.providerId ?? undefined,
    attemptStartedAt: doc.attemptStartedAt ?? undefined,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}

const isObjectId = (id: string) => /^[0-9a-f]{24}$/i.test(id);

/** True when every write error of a bulk insert is a duplicate key (the entry already exists). */
function onlyDuplicates(err: unknown): boolean {
  const writeErrors = (err as { writeErrors?: { code?: number; err?: { code?: number } }[] }).writeErrors;
  if (!Array.isArray(writeErrors)) return isDuplicateKeyError(err);
  return writeErrors.length > 0 && writeErrors.every((e) => (e.code ?? e.err?.code) === 11000);
}

/**
 * Creates the entries a message does not have yet, as `pending` (idempotent): an unordered insert
 * whose duplicate keys are the entries that already exist, left as they are. Nothing for a message
 * that does not exist (deleted meanwhile).
 */
export async function ensureDeliveries(messageId: string, planned: DeliveryRef[]): Promise<void> {
  if (planned.length === 0 || !isObjectId(messageId)) return;
  const message = await MessageModel.findById(new Types.ObjectId(messageId), { clientId: 1 }).lean();
  if (!message) return;
  const docs = planned.map((p) => ({
    _id: p.key,
    messageId: message._id,
    clientId: message.clientId,
    channel: p.channel,
    purpose: p.purpose,
    to: p.to,
    status: 'pending',
    attempts: 0,
  }));
  try {
    await DeliveryModel.insertMany(docs, { ordered: false });
  } catch (err) {
    if (!onlyDuplicates(err)) throw err;
  }
}

export async function findDelivery(key: string): Promise<Delivery | null> {
  const doc = await DeliveryModel.findById(key).lean();
  return doc ? toDelivery(doc as DeliveryDoc) : null;
}

/** A message's delivery log, in the order it was planned. */
export async function deliveriesOf(messageId: string): Promise<Delivery[]> {
  if (!isObjectId(messageId)) return [];
  const docs = await DeliveryModel.find({ messageId: new Types.ObjectId(messageId) })
    .sort({ createdAt: 1, _id: 1 })
    .lean();
  return docs.map((d) => toDelivery(d as DeliveryDoc));
}

/** The logs of several messages at once (a page of the admin API's list), by message id. */
export async function deliveriesOfMessages(messageIds: string[]): Promise<Map<string, Delivery[]>> {
  const byMessage = new Map<string, Delivery[]>(messageIds.map((id) => [id, []]));
  const ids = messageIds.filter(isObjectId).map((id) => new Types.ObjectId(id));
  if (ids.length === 0) return byMessage;
  const docs = await DeliveryModel.find({ messageId: { $in: ids } })
    .sort({ messageId: 1, createdAt: 1, _id: 1 })
    .lean();
  for (const doc of docs) {
    const delivery = toDelivery(doc as DeliveryDoc);
    byMessage.get(delivery.messageId)?.push(delivery);
  }
  return byMessage;
}

export async function getMessageWithDeliveries(id: string): Promise<MessageWithDeliveries> {
  const [message, deliveries] = await Promise.all([getMessage(id), deliveriesOf(id)]);
  return { ...message, deliveries };
}

/**
 * Records one attempt's outcome on the entry `key`: one update by `_id`. An entry that does not
 * exist (a message queued before the log had its own collection) is created first.
 */
export async function recordDelivery(
  messageId: string,
  planned: DeliveryRef,
  update: DeliveryUpdate,
): Promise<void> {
  const $set: Record<string, unknown> = { status: update.status };
  const $unset: Record<string, 1> = {};
  if (update.attempts !== undefined) $set.attempts = update.attempts;
  if (update.providerId !== undefined) $set.providerId = update.providerId;
  if (update.lastError === null) $unset.lastError = 1;
  else if (update.lastError !== undefined) $set.lastError = update.lastError;
  if (update.attemptStartedAt === null) $unset.attemptStartedAt = 1;
  const change = Object.keys($unset).length > 0 ? { $set, $unset } : { $set };
  await updateEntry(messageId, planned, change);
}

/**
 * Marks that an attempt is about to send, before the request leaves: one update by `_id`. A worker
 * killed between the provider's acceptance and `recordDelivery` leaves it set, and the next job
 * reconciles with the provider instead of sending twice.
 */
export async function markAttemptStarted(messageId: string, planned: DeliveryRef, at: Date): Promise<void> {
  await updateEntry(messageId, planned, { $set: { attemptStartedAt: at } });
}

/** One update by `_id`; an entry that does not exist yet (queued before the log had its own collection) is created first. */
async function updateEntry(messageId: string, planned: DeliveryRef, change: object): Promise<void> {
  const { matchedCount } = await DeliveryModel.updateOne({ _id: planned.key }, change);
  if (matchedCount > 0) return;
  await ensureDeliveries(messageId, [planned]);
  await DeliveryModel.updateOne({ _id: planned.key }, change);
}

/**
 * The latest unacknowledged urgent message whose SMS was sent to `phone`: the latest SMS sent to
 * it (index `to, channel, status, createdAt`), then their messages by `_id`, newest first.
 */
export async function findLatestUrgentSentTo(phone: string, scan = 25): Promise<Message | null> {
  return findSentTo(phone, scan, (m) => m.urgent && !m.acknowledgedAt);
}

/**
 * The urgent message whose SMS to `phone` carried the reference `ref` ("OK 2"), the newest when
 * two days' references meet in the scan: the same reads as `findLatestUrgentSentTo`.
 */
export async function findUrgentSentToByRef(phone: string, ref: number, scan = 25): Promise<Message | null> {
  return findSentTo(phone, scan, (m) => m.urgent && m.smsRef === ref);
}

async function findSentTo(
  phone: string,
  scan: number,
  wanted: (m: Message) => boolean,
): Promise<Message | null> {
  const sent = await DeliveryModel.find({ to: phone, channel: 'sms', status: 'sent' }, { messageId: 1 })
    .sort({ createdAt: -1 })
    .limit(scan)
    .lean();
  const seen = new Set<string>();
  for (const { messageId } of sent) {
    const id = messageId.toString();
    if (seen.has(id)) continue;
    seen.add(id);
    const doc = await MessageModel.findById(messageId).lean();
    const message = doc ? toMessage(doc as never) : null;
    if (message && wanted(message)) return message;
  }
  return null;
}

/**
 * Entries still `pending` created at or before `olderThan` and after `after` (the scan's position),
 * oldest first: the sweeper checks that each still has its job in Redis (a flush loses them).
 * Index `status, createdAt, _id`.
 */
export async function findPendingDeliveries(
  olderThan: Date,
  after: Date | null,
  limit: number,
): Promise<Delivery[]> {
  const createdAt = after ? { $lte: olderThan, $gt: after } : { $lte: olderThan };
  const docs = await DeliveryModel.find({ status: 'pending', createdAt })
    .sort({ createdAt: 1, _id: 1 })
    .limit(limit)
    .lean();
  return docs.map((d) => toDelivery(d as DeliveryDoc));
}
