/** User repository: assistants and admins, passwords hashed with Argon2id. */
import { hash, verify } from '@node-rs/argon2';
import { ConflictError, InvalidReferenceError, NotFoundError } from '../domain/errors';
import { newUserSchema, type NewUser, type User, type UserChanges, userChangesSchema } from '../domain/users';
import { isDuplicateKeyError } from './errors';
import { oid, oneOf } from './filters';
import { ClientModel, UserModel } from './models';

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

export function toUser(doc: {
  _id: { toString(): string };
  email: string;
  name: string;
  role: string;
  clientIds?: { toString(): string }[];
  locale?: string | null;
  active?: boolean | null;
}): User {
  return {
    id: doc._id.toString(),
    email: doc.email,
    name: doc.name,
    role: doc.role as User['role'],
    clientIds: (doc.clientIds ?? []).map(String),
    locale: doc.locale === 'en-US' ? 'en-US' : 'fr-FR',
    active: doc.active !== false,
  };
}

/** Refuses client ids that name no client, with the path of each one (nothing is written). */
export async function assertClientsExist(clientIds: string[]): Promise<void> {
  if (clientIds.length === 0) return;
  const found = await ClientModel.find({ _id: oneOf(clientIds.map(oid)) }, { _id: 1 }).lean();
  const known = new Set(found.map((c) => c._id.toString()));
  const missing = clientIds.flatMap((id, i) =>
    known.has(id.toLowerCase()) ? [] : [{ path: `clientIds.${i}`, message: `no client ${id}` }],
  );
  if (missing.length > 0) throw new InvalidReferenceError(missing);
}

export async function createUser(input: NewUser): Promise<User> {
  const { password, ...fields } = newUserSchema.parse(input);
  await assertClientsExist(fields.clientIds);
  try {
    const doc = await UserModel.create({ ...fields, passwordHash: await hashPassword(password) });
    return toUser(doc.toObject());
  } catch (err) {
    if (isDuplicateKeyError(err)) {
      throw new ConflictError(`a user with email ${fields.email} already exists`, [
        { path: 'email', message: 'already in use' },
      ]);
    }
    throw err;
  }
}

export async function findUserByEmail(email: string): Promise<(User & { passwordHash: string }) | null> {
  const doc = await UserModel.findOne({ email: String(email).trim().toLowerCase() }).lean();
  return doc ? { ...toUser(doc), passwordHash: doc.passwordHash } : null;
}

export async function getUser(id: string): Promise<User> {
  const doc = /^[0-9a-f]{24}$/i.test(id) ? await UserModel.findById(id).lean() : null;
  if (!doc) throw new NotFoundError(`user ${id} not found`);
  return toUser(doc);
}

export async function listUsers(filter: { role?: User['role']; active?: boolean } = {}): Promise<User[]> {
  const docs = await UserModel.find(filter).sort({ email: 1 }).lean();
  return docs.map(toUser);
}

/** Applies validated changes (role, clients, activation, password reset); clients must exist. */
export async function updateUser(id: string, input: UserChanges): Promise<User> {
  const { password, ...changes } = userChangesSchema.parse(input);
  await getUser(id);
  if (changes.clientIds) await assertClientsExist(changes.clientIds);
  const $set = { ...changes, ...(password ? { passwordHash: await hashPassword(password) } : {}) };
  const doc = await UserModel.findByIdAndUpdate(id, { $set }, { new: true }).lean();
  if (!doc) throw new NotFoundError(`user ${id} not found`);
  return toUser(doc);
}
