/** Reading users for the web sessions: the signed-in user is re-read on each request. */
import { oid, oneOf } from './filters';
import { type User } from '../domain/users';
import { UserModel } from './models';
import { toUser } from './users';

/** The user behind a session, or null if it no longer exists or was deactivated. */
export async function findActiveUser(id: string): Promise<User | null> {
  if (!/^[0-9a-f]{24}$/i.test(id)) return null;
  // By `_id` alone: the lookup FerretDB v1 answers without scanning; `active` is checked here.
  const doc = await UserModel.findById(oid(id)).lean();
  return doc && doc.active !== false ? toUser(doc) : null;
}

export async function userNames(ids: string[]): Promise<Map<string, string>> {
  const valid = [...new Set(ids)].filter((id) => /^[0-9a-f]{24}$/i.test(id));
  if (valid.length === 0) return new Map();
  const docs = await UserModel.find({ _id: oneOf(valid.map(oid)) })
    .select({ name: 1 })
    .lean();
  return new Map(docs.map((d) => [d._id.toString(), d.name]));
}
