/**
 * The follow-up pipeline's flags on a message (`queuedAt`, `acknowledgedAt`) and the reads of its
 * sweeper and digest. Writes filter on `_id` alone: any other condition makes FerretDB v1 scan the
 * whole collection (it pushes down nothing else), and two writers setting one flag at once only
 * disagree on its time.
 */
import { Types } from 'mongoose';
import { toMessage, type Message } from './messages';
import { MessageModel, PendingFollowUpsModel } from './models';

const isObjectId = (id: string) => /^[0-9a-f]{24}$/i.test(id);

/** Sets `queuedAt` (bookkeeping: `updatedAt` stays); the worker checks it before queuing. */
export async function markQueued(messageId: string, at = new Date()): Promise<void> {
  const _id = new Types.ObjectId(messageId);
  await MessageModel.updateOne({ _id }, { $set: { queuedAt: at } }, { timestamps: false });
  await PendingFollowUpsModel.deleteOne({ _id });
}

/** Sets acknowledgedAt once; answers the message as it is now, or null when it does not exist. */
export async function markAcknowledged(messageId: string, at = new Date()): Promise<Message | null> {
  if (!isObjectId(messageId)) return null;
  const _id = new Types.ObjectId(messageId);
  const doc = await MessageModel.findById(_id).lean();
  if (!doc || doc.acknowledgedAt) return doc ? toMessage(doc as never) : null;
  await MessageModel.updateOne(
    { _id },
    { $set: { acknowledgedAt: at, updatedAt: at } },
    { timestamps: false },
  );
  return toMessage({ ...doc, acknowledgedAt: at, updatedAt: at } as never);
}

/**
 * Messages stored but never queued, oldest first (the sweeper's work), from the pending markers: each
 * message read by `_id`. A marker whose message is already queued, or was never stored, is dropped.
 */
export async function findUnqueued(olderThan: Date, limit: number): Promise<Message[]> {
  const markers = await PendingFollowUpsModel.find({ createdAt: { $lte: olderThan } })
    .sort({ createdAt: 1 })
    .limit(limit)
    .lean();
  const unqueued: Message[] = [];
  for (const { _id } of markers) {
    const doc = await MessageModel.findById(_id).lean();
    if (doc && !doc.queuedAt) unqueued.push(toMessage(doc as never));
    else await PendingFollowUpsModel.deleteOne({ _id });
  }
  return unqueued;
}

/** Messages of a client created in [from, to), for the digest. */
export async function messagesBetween(clientId: string, from: Date, to: Date): Promise<Message[]> {
  const docs = await MessageModel.find({
    clientId: new Types.ObjectId(clientId),
    createdAt: { $gte: from, $lt: to },
  })
    .sort({ createdAt: 1 })
    .lean();
  return docs.map((d) => toMessage(d as never));
}
