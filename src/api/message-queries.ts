/**
 * Message queries and changes the admin API needs, on top of src/store/messages.ts: newest first,
 * keyset pages on (createdAt, _id) or numbered pages, filters; status, assignee and notes.
 */
import { Types } from 'mongoose';
import { HttpError } from '../http/errors';
import { getMessage, toMessage, type Message } from '../store/messages';
import { MessageModel, UserModel } from '../store/models';
import type { MessageChanges, MessageListQuery } from './schemas';

const DEFAULT_LIMIT = 25;

export function encodeCursor(m: { createdAt: Date; id: string }): string {
  return Buffer.from(`${m.createdAt.getTime()}.${m.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: Date; id: Types.ObjectId } {
  const match = /^(\d{1,15})\.([0-9a-f]{24})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match)
    throw new HttpError(400, 'invalid query', [{ path: 'query.cursor', message: 'unknown cursor' }]);
  return { createdAt: new Date(Number(match[1])), id: new Types.ObjectId(match[2]) };
}

export async function listMessages(
  q: MessageListQuery,
): Promise<{ data: Message[]; nextCursor: string | null }> {
  if (q.cursor && q.page) {
    throw new HttpError(400, 'invalid query', [{ path: 'query.page', message: 'use either cursor or page' }]);
  }
  const limit = q.limit ?? DEFAULT_LIMIT;
  const and: Record<string, unknown>[] = [];
  if (q.clientId) and.push({ clientId: new Types.ObjectId(q.clientId) });
  if (q.status) and.push({ status: q.status });
  if (q.urgent !== undefined) and.push({ urgent: q.urgent });
  if (q.from) and.push({ createdAt: { $gte: q.from } });
  if (q.to) and.push({ createdAt: { $lt: q.to } });
  if (q.cursor) {
    const after = decodeCursor(q.cursor);
    and.push({
      $or: [{ createdAt: { $lt: after.createdAt } }, { createdAt: after.createdAt, _id: { $lt: after.id } }],
    });
  }
  const docs = await MessageModel.find(and.length > 0 ? { $and: and } : {})
    .sort({ createdAt: -1, _id: -1 })
    .skip(q.page ? (q.page - 1) * limit : 0)
    .limit(limit + 1)
    .lean();
  const data = docs.slice(0, limit).map((d) => toMessage(d as never));
  const last = data[data.length - 1];
  return { data, nextCursor: docs.length > limit && last ? encodeCursor(last) : null };
}

export async function updateMessage(id: string, changes: MessageChanges): Promise<Message> {
  const before = await getMessage(id);
  const $set: Record<string, unknown> = {};
  if (changes.assigneeId !== undefined) {
    if (changes.assigneeId && !(await UserModel.exists({ _id: new Types.ObjectId(changes.assigneeId) }))) {
      throw new HttpError(400, 'invalid body', [{ path: 'assigneeId', message: 'no such user' }]);
    }
    $set.assigneeId = changes.assigneeId ? new Types.ObjectId(changes.assigneeId) : null;
  }
  if (changes.status && changes.status !== before.status) {
    $set.status = changes.status;
    $set.handledAt = changes.status === 'handled' ? new Date() : null;
  }
  if (Object.keys($set).length > 0) await MessageModel.updateOne({ _id: new Types.ObjectId(id) }, { $set });
  return getMessage(id);
}

export async function addNote(
  id: string,
  note: { text: string; authorId: string | null; authorName: string },
): Promise<Message> {
  await getMessage(id);
  const authorId =
    note.authorId && Types.ObjectId.isValid(note.authorId) ? new Types.ObjectId(note.authorId) : null;
  await MessageModel.updateOne(
    { _id: new Types.ObjectId(id) },
    { $push: { notes: { at: new Date(), authorId, authorName: note.authorName, text: note.text } } },
  );
  return getMessage(id);
}
