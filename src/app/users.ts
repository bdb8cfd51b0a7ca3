/**
 * Assistants and admins as admins manage them, from the admin API or the admin pages alike:
 * validate with the user schemas, refuse an admin locking themselves out, save, audit.
 */
import type { ActionSource } from '../domain/access';
import { ConflictError } from '../domain/errors';
import * as store from '../store/users';
import { newUserSchema, userChangesSchema, type NewUser, type User, type UserChanges } from '../domain/users';
import { audit } from './audit';
import { recordVersion, snapshotToRestore, unrestorable, type VersionAction } from './settings-history';

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
  await recordVersion(subject(user.id), source, { action: 'create', after: accessOf(user) });
  const detail = { role: user.role };
  await audit(source, { action: 'user.create', target: { type: 'user', id: user.id }, detail });
  return user;
}

/** Role, clients, locale, activation, password reset; the audit names the changed fields. */
export async function updateUser(source: ActionSource, id: string, input: UserChanges): Promise<User> {
  return applyChanges(source, id, userChangesSchema.parse(input), { action: 'update' });
}

/**
 * Puts back a user's name, role, clients, language and activation as version `version` had them
 * (never a password), under today's rules: a client deleted since is a 400, and an admin may not
 * restore a version that takes away their own admin access. The restore is a new version.
 */
export async function restoreUserVersion(source: ActionSource, id: string, version: number): Promise<User> {
  await store.getUser(id);
  const snapshot = await snapshotToRestore(subject(id), version);
  const parsed = userChangesSchema.safeParse(snapshot);
  if (!parsed.success) throw unrestorable(parsed.error.issues);
  return applyChanges(source, id, parsed.data, { action: 'restore', restoredFrom: version });
}

async function applyChanges(
  source: ActionSource,
  id: string,
  changes: UserChanges,
  how: { action: Extract<VersionAction, 'update' | 'restore'>; restoredFrom?: number },
): Promise<User> {
  const before = await store.getUser(id);
  const { actor } = source;
  if (actor.type === 'user' && actor.id === before.id) {
    if (changes.role !== undefined && changes.role !== 'admin') throw new SelfLockoutError('role');
    if (changes.active === false) throw new SelfLockoutError('active');
  }
  const after = await store.updateUser(id, changes);
  const passwordReset = changes.password !== undefined;
  const version = await recordVersion(subject(id), source, {
    action: how.action,
    before: accessOf(before),
    after: accessOf(after),
    ...(how.restoredFrom === undefined ? {} : { restoredFrom: how.restoredFrom }),
    // A reset is a change with no value: the history says it happened, nothing more.
    extraChanges: passwordReset ? [{ path: 'password', kind: 'CHANGE', secret: true }] : [],
  });
  const fields = changedFields(before, after, passwordReset);
  const detail =
    how.action === 'restore'
      ? { fields, restoredFrom: how.restoredFrom, version: version?.version }
      : { fields };
  await audit(source, { action: `user.${how.action}`, target: { type: 'user', id }, detail });
  return after;
}

const subject = (id: string) => ({ type: 'user' as const, id });

/** What a settings version keeps of a user: their name and access, never their password hash. */
const accessOf = (u: User) => ({
  name: u.name,
  role: u.role,
  clientIds: u.clientIds,
  locale: u.locale,
  active: u.active,
});

/** Field names only: a password reset is named, never its value. */
function changedFields(before: User, after: User, passwordReset: boolean): string[] {
  const keys = ['name', 'role', 'locale', 'active'] as const;
  const changed: string[] = keys.filter((k) => before[k] !== after[k]);
  if (before.clientIds.join() !== after.clientIds.join()) changed.push('clientIds');
  if (passwordReset) changed.push('password');
  return changed.sort();
}
