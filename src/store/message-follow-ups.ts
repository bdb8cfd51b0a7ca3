/**
 * The follow-up pipeline's flags on a message (`queuedAt`, `acknowledgedAt`) and the reads of its
 * sweeper and digest. Each flag is set once by a conditional update on `_id`: atomic on MongoDB;
 * on FerretDB v1 it is a read-modify-write, and two writers setting the same flag at once only
 * disagree on its time.
 */
import { Types } from 'mongoose';
import { toMessage, type Message } from './messages';
import { MessageModel } from './models';

const isObjectId = (id: string) => /^[0-9a-f]{24}$/i.test(id);

/** Sets `queuedAt` once (bookkeeping: `updatedAt` stays). */
export async function markQueued(messageId: string, at = new Date()): Promise<void> {
  await MessageModel.updateOne(
    { _id: new Types.ObjectId(messageId), queuedAt: null },
    { $set: { queuedAt: at } },
    { timestamps: false },
  );
}

/** Sets acknowledgedAt once; answers the message as it is now, or null when it does not exist. */
export async function markAcknowledged(messageId: string, at = new Date()): Promise<Message | null> {
  if (!isObjectId(messageId)) return null;
  const _id = new Types.ObjectId(messageId);
  const doc =
    (await MessageModel.findOneAndUpdate(
      { _id, acknowledgedAt: null },
      { $set: { acknowledgedAt: at, updatedAt: at } },
      { new: true, timestamps: false },
    ).lean()) ?? (await MessageModel.findById(_id).lean());
  return doc ? toMessage(doc as never) : null;
}

/** Messages stored but never queued, oldest first (the sweeper's work). */
export async function findUnqueued(olderThan: Date, limit: number): Promise<Message[]> {
  const docs = await MessageModel.find({ queuedAt: null, createdAt: { $lte: olderThan } })
    .sort({ createdAt: 1 })
    .limit(limit)
    .lean();
  return docs.map((d) => toMessage(d as never));
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
