/**
 * Signing in and out of the assistants' pages: the password check (Argon2id, constant time for
 * unknown emails), the audit of both outcomes, and the re-read of a session's user on each request.
 * Throttling is the web edge's (it counts per address and account before this is asked).
 */
import { findUserByEmail, hashPassword, verifyPassword } from '../store/users';
import { type User } from '../domain/users';
import { findActiveUser } from '../store/web-users';
import { recordAudit } from '../store/audit';

let dummyHash: Promise<string> | undefined;
/** Verifies against a throwaway hash so an unknown email takes as long as a wrong password. */
const burnTime = (password: string) =>
  (dummyHash ??= hashPassword('not-a-real-password')).then((h) => verifyPassword(h, password));

/** The active user these credentials name, or null; either outcome is audited with the address. */
export async function checkCredentials(email: string, password: string, ip: string): Promise<User | null> {
  const found = email ? await findUserByEmail(email) : null;
  const ok = found?.active ? await verifyPassword(found.passwordHash, password) : await burnTime(password);
  if (!ok || !found) {
    await recordAudit({ actor: { type: 'anonymous' }, action: 'login.failure', ip, detail: { email } });
    return null;
  }
  const { passwordHash: _hash, ...user } = found;
  await recordAudit({ actor: { type: 'user', id: user.id, label: user.email }, action: 'login.success', ip });
  return user;
}

export function recordSignOut(userId: string, ip: string): Promise<void> {
  return recordAudit({ actor: { type: 'user', id: userId, label: '' }, action: 'logout', ip });
}

/** The user behind a session, or null once deleted or deactivated (checked on every request). */
export const sessionUser = (id: string): Promise<User | null> => findActiveUser(id);
