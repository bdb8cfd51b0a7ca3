/**
 * The delivery log kept on each message (`deliveries[]`) and the follow-up flags (`queuedAt`,
 * `acknowledgedAt`). Entries are only ever appended, so an entry's index is stable and updates
 * address it as `deliveries.<i>` — FerretDB v1 has neither the positional `$` nor arrayFilters.
 *
 * FerretDB v1 (SQLite) also applies concurrent updates of one document from several connections
 * without isolation (last write wins, even for `$inc`), so this process's writes to one message are
 * serialized here. MongoDB needs none of this; across processes FerretDB can still race.
 *
 * Writes filter on `_id` alone and go through the driver: on FerretDB v1 an extra condition on an
 * array path made an update 10x slower (25 ms instead of 2.5 ms with 300 messages). Even so its
 * updates grow with the collection (20-40 ms at 4,000-8,000 documents, measured); MongoDB's do not.
 */
import { Types } from 'mongoose';
import { MessageModel } from '../store/models';
import { toMessage, type Message } from '../store/messages';

export type DeliveryStatus = 'pending' | 'sent' | 'failed' | 'cancelled';
export type DeliveryEntry = Message['deliveries'][number];
/** What identifies a log entry (a planned delivery, a job's data or an entry itself). */
export type DeliveryRef = { key: string; channel: string; to: string };

const oid = (id: string) => new Types.ObjectId(id);

const chains = new Map<string, Promise<unknown>>();

/** Runs `fn` after the previous write to the same message finished (per process). */
function serialized<T>(messageId: string, fn: () => Promise<T>): Promise<T> {
  const previous = chains.get(messageId) ?? Promise.resolve();
  const next = previous.then(fn, fn);
  const settled = next.catch(() => undefined);
  chains.set(messageId, settled);
  void settled.then(() => {
    if (chains.get(messageId) === settled) chains.delete(messageId);
  });
  return next;
}

/** Appends the entries a message does not have yet (idempotent). */
export function ensureDeliveries(messageId: string, planned: DeliveryRef[]): Promise<void> {
  return serialized(messageId, () => pushMissing(messageId, planned));
}

async function pushMissing(messageId: string, planned: DeliveryRef[]): Promise<void> {
  const doc = await MessageModel.findById(oid(messageId), { 'deliveries.key': 1 }).lean();
  if (!doc) return;
  const have = new Set((doc.deliveries ?? []).map((d) => d.key));
  const missing = planned.filter((p) => !have.has(p.key));
  if (missing.length === 0) return;
  const now = new Date();
  await MessageModel.collection.updateOne(
    { _id: oid(messageId) },
    {
      $set: { updatedAt: now },
      $push: {
        deliveries: {
          $each: missing.map((p) => ({
            key: p.key,
            channel: p.channel,
            to: p.to,
            status: 'pending',
            attempts: 0,
            updatedAt: now,
          })),
        },
      } as never,
    },
  );
}

export async function findDelivery(
  messageId: string,
  key: string,
): Promise<{ message: Message; entry: DeliveryEntry; index: number } | null> {
  const doc = await MessageModel.findById(oid(messageId)).lean();
  if (!doc) return null;
  const message = toMessage(doc as never);
  const index = message.deliveries.findIndex((d) => d.key === key);
  return index < 0 ? null : { message, entry: message.deliveries[index]!, index };
}

export type DeliveryUpdate = {
  status: DeliveryStatus;
  attempts?: number;
  lastError?: string | null;
  providerId?: string;
};

/** Records one attempt's outcome on the entry `key` (created first if missing). */
export function recordDelivery(
  messageId: string,
  planned: DeliveryRef,
  update: DeliveryUpdate,
): Promise<void> {
  return serialized(messageId, () => writeDelivery(messageId, planned, update));
}

async function writeDelivery(messageId: string, planned: DeliveryRef, update: DeliveryUpdate): Promise<void> {
  let found = await findDelivery(messageId, planned.key);
  if (!found) {
    await pushMissing(messageId, [planned]);
    found = await findDelivery(messageId, planned.key);
    if (!found) return; // the message was deleted meanwhile
  }
  const at = `deliveries.${found.index}`;
  const now = new Date();
  const $set: Record<string, unknown> = {
    [`${at}.status`]: update.status,
    [`${at}.updatedAt`]: now,
    updatedAt: now,
  };
  if (update.attempts !== undefined) $set[`${at}.attempts`] = update.attempts;
  if (update.providerId !== undefined) $set[`${at}.providerId`] = update.providerId;
  if (update.lastError !== undefined) $set[`${at}.lastError`] = update.lastError ?? '';
  await MessageModel.collection.updateOne({ _id: oid(messageId) }, { $set });
}

export function markQueued(messageId: string, at = new Date()): Promise<void> {
  return serialized(messageId, async () => {
    const doc = await MessageModel.findById(oid(messageId), { queuedAt: 1 }).lean();
    if (doc && !doc.queuedAt)
      await MessageModel.collection.updateOne({ _id: oid(messageId) }, { $set: { queuedAt: at } });
  });
}

/** Sets acknowledgedAt once; answers the message as it is now, or null when it does not exist. */
export function markAcknowledged(messageId: string, at = new Date()): Promise<Message | null> {
  if (!/^[0-9a-f]{24}$/i.test(messageId)) return Promise.resolve(null);
  return serialized(messageId, async () => {
    const doc = await MessageModel.findById(oid(messageId)).lean();
    if (!doc) return null;
    if (doc.acknowledgedAt) return toMessage(doc as never);
    await MessageModel.collection.updateOne(
      { _id: oid(messageId) },
      { $set: { acknowledgedAt: at, updatedAt: at } },
    );
    return toMessage({ ...doc, acknowledgedAt: at } as never);
  });
}

/** Messages stored but never queued, oldest first (the sweeper's work). */
export async function findUnqueued(olderThan: Date, limit: number): Promise<Message[]> {
  const docs = await MessageModel.find({ queuedAt: null, createdAt: { $lte: olderThan } })
    .sort({ createdAt: 1 })
    .limit(limit)
    .lean();
  return docs.map((d) => toMessage(d as never));
}

/** The latest unacknowledged urgent message whose notifications went to `phone`. */
export async function findLatestUrgentSentTo(phone: string): Promise<Message | null> {
  const docs = await MessageModel.find({ urgent: true, acknowledgedAt: null, 'deliveries.to': phone })
    .sort({ createdAt: -1 })
    .limit(5)
    .lean();
  const match = docs
    .map((d) => toMessage(d as never))
    .find((m) => m.deliveries.some((d) => d.to === phone && d.channel === 'sms' && d.status === 'sent'));
  return match ?? null;
}

/** Messages of a client created in [from, to), for the digest. */
export async function messagesBetween(clientId: string, from: Date, to: Date): Promise<Message[]> {
  const docs = await MessageModel.find({ clientId: oid(clientId), createdAt: { $gte: from, $lt: to } })
    .sort({ createdAt: 1 })
    .lean();
  return docs.map((d) => toMessage(d as never));
}
