/**
 * Writes of people's actions on a message, by `_id` (the only filter FerretDB answers without a
 * scan), plus the one guarded write a race needs: a claim applies only while nobody else holds it.
 * What to write is decided by the use cases (src/app/message-actions.ts).
 */
import type { UpdateQuery } from 'mongoose';
import type { MessageStatus } from '../domain/vocabulary';
import { isObjectId, oid } from './filters';
import { toMessage, type Message } from './messages';
import { MessageModel, UserModel } from './models';

/** The fields an action may set; `assigneeId` null unassigns, `handledAt` null clears it. */
export type MessageFields = {
  status?: MessageStatus;
  assigneeId?: string | null;
  handledAt?: Date | null;
  handledBy?: string | null;
  takenAt?: Date;
  takenBy?: string | null;
};

/** The fields holding a user id, stored as ObjectIds. */
const USER_FIELDS = ['assigneeId', 'handledBy', 'takenBy'] as const;

export type NewNote = { at: Date; authorId: string | null; authorName: string; text: string };

export type MessageChange = {
  set?: MessageFields;
  note?: NewNote;
  /** Applies only while the message's assignee is one of these (null: unassigned); else `null` back. */
  assigneeIn?: (string | null)[];
};

function toUpdate(change: MessageChange): UpdateQuery<unknown> {
  const $set: Record<string, unknown> = { ...change.set };
  for (const field of USER_FIELDS) {
    const id = change.set?.[field];
    if (id !== undefined) $set[field] = id === null ? null : oid(id);
  }
  const update: UpdateQuery<unknown> = Object.keys($set).length > 0 ? { $set } : {};
  if (change.note) {
    const { authorId, ...note } = change.note;
    update.$push = { notes: { ...note, authorId: authorId && isObjectId(authorId) ? oid(authorId) : null } };
  }
  return update;
}

/** Applies the change and returns the message after it, or `null` when `assigneeIn` did not hold. */
export async function changeStoredMessage(id: string, change: MessageChange): Promise<Message | null> {
  // A guarded write carries the guard in its filter so that two claims cannot both win; on FerretDB
  // that filter is applied by a scan, which people's click rate can afford (calls never do this).
  const guard = change.assigneeIn
    ? { assigneeId: { $in: change.assigneeIn.map((a) => (a === null ? null : oid(a))) } }
    : {};
  const doc = await MessageModel.findOneAndUpdate({ _id: oid(id), ...guard }, toUpdate(change), {
    new: true,
  }).lean();
  return doc ? toMessage(doc as never) : null;
}

export type AssignableUser = { id: string; name: string };

/** Active users who may see a client's messages: admins and the client's assistants, by name. */
export async function assignableUsers(clientId: string): Promise<AssignableUser[]> {
  const docs = await UserModel.find({
    active: true,
    $or: [{ role: 'admin' }, { clientIds: oid(clientId) }],
  })
    .select({ name: 1 })
    .sort({ name: 1 })
    .lean();
  return docs.map((d) => ({ id: d._id.toString(), name: d.name }));
}
