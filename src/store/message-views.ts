/** Which messages a user has opened (the cockpit's unread markers), one document per user and message. */
import { isObjectId, oid, oneOf } from './filters';
import { MessageViewModel } from './models';

const viewId = (userId: string, messageId: string) => `${userId}:${messageId}`;

/** Records that `userId` opened `messageId`; opening it again only moves the date. */
export async function markMessageViewed(userId: string, messageId: string, at: Date): Promise<void> {
  if (!isObjectId(userId) || !isObjectId(messageId)) return;
  await MessageViewModel.updateOne(
    { _id: viewId(userId, messageId) },
    { $set: { userId: oid(userId), messageId: oid(messageId), at } },
    { upsert: true },
  );
}

/** The ids among `messageIds` that `userId` has opened: one `_id $in` read for a page of rows. */
export async function viewedAmong(userId: string, messageIds: string[]): Promise<Set<string>> {
  if (messageIds.length === 0 || !isObjectId(userId)) return new Set();
  const docs = await MessageViewModel.find({ _id: oneOf(messageIds.map((m) => viewId(userId, m))) })
    .select({ _id: 1 })
    .lean();
  return new Set(docs.map((d) => String(d._id).slice(userId.length + 1)));
}
