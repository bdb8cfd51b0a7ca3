/**
 * What assistants do to a message: claim, assign, note, mark handled, reopen. Each is one
 * conditional update that carries the tenancy filter, so it either applies whole or not at all.
 */
import { Types, type UpdateQuery } from 'mongoose';
import { z } from 'zod';
import { ConflictError, NotFoundError } from './errors';
import { accessFilter, canSeeClient, getMessageFor, type MessageAccess } from './message-queries';
import { toMessage, type Message } from './messages';
import { MessageModel, UserModel } from './models';

export type Actor = { id: string; name: string };

export const noteTextSchema = z
  .string()
  .trim()
  .min(1, 'the note is empty')
  .max(2000, 'the note is longer than 2000 characters');

async function update(access: MessageAccess, id: string, change: UpdateQuery<unknown>, extra = {}) {
  const doc = await MessageModel.findOneAndUpdate(
    { $and: [{ _id: new Types.ObjectId(id) }, accessFilter(access), extra] },
    change,
    { new: true },
  ).lean();
  if (!doc) throw new NotFoundError(`message ${id} not found`);
  return toMessage(doc as never);
}

/** Takes an unassigned message; one already taken by someone else stays theirs (ConflictError). */
export async function claimMessage(access: MessageAccess, id: string, actor: Actor): Promise<Message> {
  const before = await getMessageFor(access, id);
  const status = before.status === 'new' ? 'in_progress' : before.status;
  const me = new Types.ObjectId(actor.id);
  try {
    return await update(
      access,
      id,
      { $set: { assigneeId: me, status } },
      { assigneeId: { $in: [null, me] } },
    );
  } catch (err) {
    if (err instanceof NotFoundError) throw new ConflictError('already claimed by someone else');
    throw err;
  }
}

/** Assigns to a user who may see the message's client (or unassigns with null). */
export async function assignMessage(
  access: MessageAccess,
  id: string,
  assigneeId: string | null,
): Promise<Message> {
  const before = await getMessageFor(access, id);
  if (assigneeId === null) return update(access, id, { $set: { assigneeId: null } });
  const assignee = (await assignableUsers(before.clientId)).find((u) => u.id === assigneeId);
  if (!assignee) throw new NotFoundError(`user ${assigneeId} cannot be assigned this message`);
  const status = before.status === 'new' ? 'in_progress' : before.status;
  return update(access, id, { $set: { assigneeId: new Types.ObjectId(assigneeId), status } });
}

export async function addNote(
  access: MessageAccess,
  id: string,
  actor: Actor,
  text: string,
): Promise<Message> {
  const valid = noteTextSchema.parse(text);
  await getMessageFor(access, id);
  const note = {
    at: new Date(),
    authorId: new Types.ObjectId(actor.id),
    authorName: actor.name,
    text: valid,
  };
  return update(access, id, { $push: { notes: note } });
}

export async function markHandled(access: MessageAccess, id: string, now = new Date()): Promise<Message> {
  await getMessageFor(access, id);
  return update(access, id, { $set: { status: 'handled', handledAt: now } });
}

export async function reopenMessage(access: MessageAccess, id: string): Promise<Message> {
  const before = await getMessageFor(access, id);
  const status = before.assigneeId ? 'in_progress' : 'new';
  return update(access, id, { $set: { status, handledAt: null } });
}

export type AssignableUser = { id: string; name: string };

/** Active users who may see a client's messages: admins and the client's assistants. */
export async function assignableUsers(clientId: string): Promise<AssignableUser[]> {
  const docs = await UserModel.find({
    active: true,
    $or: [{ role: 'admin' }, { clientIds: new Types.ObjectId(clientId) }],
  })
    .select({ name: 1, role: 1, clientIds: 1 })
    .sort({ name: 1 })
    .lean();
  return docs
    .filter((d) =>
      canSeeClient(
        { all: d.role === 'admin', clientIds: d.clientIds.map(String) } as MessageAccess,
        clientId,
      ),
    )
    .map((d) => ({ id: d._id.toString(), name: d.name }));
}
