/**
 * Assistants and admins as admins manage them, from the admin API or the admin pages alike:
 * validate with the user schemas, refuse an admin locking themselves out, save, audit.
 */
import type { ActionSource } from '../domain/access';
import { ConflictError } from '../domain/errors';
import * as store from '../store/users';
import { newUserSchema, userChangesSchema, type NewUser, type User, type UserChanges } from '../domain/users';
import { audit } from './audit';

export const getUser = store.getUser;
export const listUsers = store.listUsers;

/** An admin may not take away their own admin role or access: someone must always be able to come back. */
export class SelfLockoutError extends ConflictError {
  override name = 'SelfLockoutError';
  constructor(field: 'role' | 'active') {
    super('an admin cannot remove their own admin access', [
      { path: field, message: 'an admin cannot remove their own admin access' },
    ]);
  }
}

export async function createUser(source: ActionSource, input: NewUser): Promise<User> {
  const user = await store.createUser(newUserSchema.parse(input));
  const detail = { role: user.role };
  await audit(source, { action: 'user.create', target: { type: 'user', id: user.id }, detail });
  return user;
}

/** Role, clients, locale, activation, password reset; the audit names the changed fields. */
export async function updateUser(source: ActionSource, id: string, input: UserChanges): Promise<User> {
  const changes = userChangesSchema.parse(input);
  const before = await store.getUser(id);
  const { actor } = source;
  if (actor.type === 'user' && actor.id === before.id) {
    if (changes.role !== undefined && changes.role !== 'admin') throw new SelfLockoutError('role');
    if (changes.active === false) throw new SelfLockoutError('active');
  }
  const after = await store.updateUser(id, changes);
  const detail = { fields: changedFields(before, after, changes.password !== undefined) };
  await audit(source, { action: 'user.update', target: { type: 'user', id }, detail });
  return after;
}

/** Field names only: a password reset is named, never its value. */
function changedFields(before: User, after: User, passwordReset: boolean): string[] {
  const keys = ['name', 'role', 'locale', 'active'] as const;
  const changed: string[] = keys.filter((k) => before[k] !== after[k]);
  if (before.clientIds.join() !== after.clientIds.join()) changed.push('clientIds');
  if (passwordReset) changed.push('password');
  return changed.sort();
}
