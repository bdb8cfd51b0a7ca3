/** Reading users for the web sessions: the signed-in user is re-read on each request. */
import { Types } from 'mongoose';
import { UserModel } from './models';
import { toUser, type User } from './users';

/** The user behind a session, or null if it no longer exists or was deactivated. */
export async function findActiveUser(id: string): Promise<User | null> {
  if (!/^[0-9a-f]{24}$/i.test(id)) return null;
  // By `_id` alone: the lookup FerretDB v1 answers without scanning; `active` is checked here.
  const doc = await UserModel.findById(new Types.ObjectId(id)).lean();
  return doc && doc.active !== false ? toUser(doc) : null;
}

export async function userNames(ids: string[]): Promise<Map<string, string>> {
  const valid = [...new Set(ids)].filter((id) => /^[0-9a-f]{24}$/i.test(id));
  if (valid.length === 0) return new Map();
  const docs = await UserModel.find({ _id: { $in: valid.map((id) => new Types.ObjectId(id)) } })
    .select({ name: 1 })
    .lean();
  return new Map(docs.map((d) => [d._id.toString(), d.name]));
}
