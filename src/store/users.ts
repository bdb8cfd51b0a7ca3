/** User repository: assistants and admins, passwords hashed with Argon2id. */
import { hash, verify } from '@node-rs/argon2';
import { z } from 'zod';
import { isDuplicateKeyError, ConflictError } from './errors';
import { UserModel, USER_ROLES } from './models';

export const newUserSchema = z.object({
  email: z.email().trim().toLowerCase(),
  name: z.string().trim().min(1).max(80),
  role: z.enum(USER_ROLES),
  password: z.string().min(12, 'at least 12 characters').max(200),
  clientIds: z.array(z.string().regex(/^[0-9a-f]{24}$/i, 'expected a client id')).default([]),
  locale: z.enum(['fr-FR', 'en-US']).default('fr-FR'),
});
export type NewUser = z.input<typeof newUserSchema>;

export type User = {
  id: string;
  email: string;
  name: string;
  role: (typeof USER_ROLES)[number];
  clientIds: string[];
  locale: 'fr-FR' | 'en-US';
  active: boolean;
};

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

function toUser(doc: {
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

export async function createUser(input: NewUser): Promise<User> {
  const { password, ...fields } = newUserSchema.parse(input);
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
