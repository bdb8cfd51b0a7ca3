/**
 * The follow-up pipeline's flags on a message (`queuedAt`, `acknowledgedAt`) and the reads of its
 * sweeper and digest. Writes filter on `_id` alone: any other condition makes FerretDB v1 scan the
 * whole collection (it pushes down nothing else), and two writers setting one flag at once only
 * disagree on its time.
 */
import { Types } from 'mongoose';
import { toMessage, type ClientClaim, type Message } from './messages';
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
 * The client takes the message by answering its SMS: in progress, `claimedBy` the client, and
 * acknowledged (which stops its escalation). Not when the message is handled, has an assistant or
 * is already claimed: `claimed: false`, and only its acknowledgement is recorded. Null when the
 * message does not exist. One read and one write by `_id` (see the file's note).
 */
export async function claimForClient(
  messageId: string,
  claim: ClientClaim,
): Promise<{ message: Message; claimed: boolean; acknowledged: boolean } | null> {
  if (!isObjectId(messageId)) return null;
  const _id = new Types.ObjectId(messageId);
  const doc = await MessageModel.findById(_id).lean();
  if (!doc) return null;
  const at = claim.at;
  const acknowledged = !doc.acknowledgedAt;
  const acknowledgedAt = doc.acknowledgedAt ?? at;
  if (doc.status === 'handled' || doc.assigneeId || doc.claimedBy?.at) {
    if (acknowledged) {
      await MessageModel.updateOne(
        { _id },
        { $set: { acknowledgedAt, updatedAt: at } },
        { timestamps: false },
      );
    }
    return {
      message: toMessage({ ...doc, acknowledgedAt, ...(acknowledged && { updatedAt: at }) } as never),
      claimed: false,
      acknowledged,
    };
  }
  const $set = { status: 'in_progress', claimedBy: claim, acknowledgedAt, updatedAt: at };
  // Conditional on what was read: an assistant taking it (or it being handled) meanwhile wins.
  const claimed = await MessageModel.findOneAndUpdate(
    { _id, status: { $ne: 'handled' }, assigneeId: null, claimedBy: null },
    { $set },
    { new: true, timestamps: false },
  ).lean();
  if (!claimed) return claimForClient(messageId, claim);
  return { message: toMessage(claimed as never), claimed: true, acknowledged };
}

/**
 * Gives an urgent message the reference its SMS carry, once: its rank among the client's urgent
 * messages of that local day (`dayStart` … its own `createdAt`, ties by `_id`), so "OK 2" names the
 * day's second urgent message. The rank depends only on stored data, so two SMS jobs of one message
 * running at once compute and write the same number; it is stored so the reply finds it as sent.
 * Read by the index `clientId, urgent, createdAt, _id`.
 */
export async function assignSmsRef(message: Message, dayStart: Date): Promise<Message> {
  if (message.smsRef !== null || !message.urgent) return message;
  const sameDay = await MessageModel.find(
    {
      clientId: new Types.ObjectId(message.clientId),
      urgent: true,
      createdAt: { $gte: dayStart, $lte: message.createdAt },
    },
    { _id: 1, createdAt: 1 },
  )
    .sort({ createdAt: 1, _id: 1 })
    .lean();
  const earlier = sameDay.filter(
    (d) =>
      d.createdAt.getTime() < message.createdAt.getTime() ||
      (d.createdAt.getTime() === message.createdAt.getTime() && d._id.toString() < message.id),
  );
  const smsRef = earlier.length + 1;
  await MessageModel.updateOne(
    { _id: new Types.ObjectId(message.id) },
    { $set: { smsRef } },
    { timestamps: false },
  );
  return { ...message, smsRef };
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
