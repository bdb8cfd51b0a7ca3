/**
 * What assistants do to a message: claim, assign, note, mark handled, reopen. Each is one
 * conditional update that carries the tenancy filter, so it either applies whole or not at all.
 */
import type { FilterQuery, UpdateQuery } from 'mongoose';
import { canSeeClient, type MessageAccess } from '../domain/access';
import { z } from 'zod';
import { ConflictError, InvalidReferenceError, NotFoundError } from '../domain/errors';
import { isObjectId, oid } from './filters';
import { accessFilter, getMessageFor } from './message-queries';
import type { MessageStatus } from '../domain/vocabulary';
import { toMessage, type Message } from './messages';
import { MessageModel, UserModel } from './models';

export type Actor = { id: string; name: string };

export const noteTextSchema = z
  .string()
  .trim()
  .min(1, 'the note is empty')
  .max(2000, 'the note is longer than 2000 characters');

async function update(
  access: MessageAccess,
  id: string,
  change: UpdateQuery<unknown>,
  extra: FilterQuery<unknown> = {},
) {
  const doc = await MessageModel.findOneAndUpdate(
    { _id: oid(id), ...accessFilter(access), ...extra },
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
  const me = oid(actor.id);
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
  return update(access, id, { $set: { assigneeId: oid(assigneeId), status } });
}

/** Adds a note; an author without a user id (the API token) is stored by name only. */
export async function addNote(
  access: MessageAccess,
  id: string,
  actor: { id: string | null; name: string },
  text: string,
): Promise<Message> {
  const valid = noteTextSchema.parse(text);
  await getMessageFor(access, id);
  const note = {
    at: new Date(),
    authorId: actor.id && isObjectId(actor.id) ? oid(actor.id) : null,
    authorName: actor.name,
    text: valid,
  };
  return update(access, id, { $push: { notes: note } });
}

/**
 * The admin API's change: any existing user may be assigned (or none), and the status is set as
 * given, `handledAt` with it. An unknown assignee is an InvalidReferenceError naming `assigneeId`.
 */
export async function changeMessage(
  id: string,
  changes: { status?: MessageStatus; assigneeId?: string | null },
): Promise<Message> {
  const access: MessageAccess = { all: true };
  const before = await getMessageFor(access, id);
  const $set: Record<string, unknown> = {};
  if (changes.assigneeId !== undefined) {
    if (changes.assigneeId && !(await UserModel.exists({ _id: oid(changes.assigneeId) }))) {
      throw new InvalidReferenceError([{ path: 'assigneeId', message: 'no such user' }]);
    }
    $set.assigneeId = changes.assigneeId ? oid(changes.assigneeId) : null;
  }
  if (changes.status && changes.status !== before.status) {
    $set.status = changes.status;
    $set.handledAt = changes.status === 'handled' ? new Date() : null;
  }
  return Object.keys($set).length > 0 ? update(access, id, { $set }) : before;
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
    $or: [{ role: 'admin' }, { clientIds: oid(clientId) }],
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
