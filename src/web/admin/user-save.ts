/**
 * Saving the user forms through the user use cases, with the store's own schemas
 * (`newUserSchema`, `userChangesSchema`) checked first so that every error comes back next to its
 * field; nothing is written unless the whole change is valid.
 */
import type { ActionSource } from '../../domain/access';
import { newUserSchema, userChangesSchema, type User } from '../../domain/users';
import { ConflictError, InvalidReferenceError } from '../../domain/errors';
import { createUser, SelfLockoutError, updateUser } from '../../app/users';
import type { AdminTexts } from './admin-texts';
import { addError, issuesToErrors, type FieldErrors, type PathMapper } from './field-errors';
import { checked, type FormValues } from './form-values';

export type UserSaveResult = { user: User } | { errors: FieldErrors; status: number };

const userPaths: PathMapper = (path) => ({ field: String(path[0] ?? 'email') });

function refusal(err: unknown, t: AdminTexts): UserSaveResult {
  const errors: FieldErrors = {};
  if (err instanceof SelfLockoutError) {
    for (const d of err.details) addError(errors, d.path, t.selfLockout);
    return { errors, status: 400 };
  }
  if (err instanceof ConflictError) {
    addError(errors, 'email', t.emailTaken);
    return { errors, status: 409 };
  }
  if (err instanceof InvalidReferenceError) {
    for (const d of err.details) addError(errors, 'clientIds', d.message);
    return { errors, status: 400 };
  }
  throw err;
}

export async function createUserFromForm(
  source: ActionSource,
  v: FormValues,
  clientIds: string[],
  t: AdminTexts,
): Promise<UserSaveResult> {
  const parsed = newUserSchema.safeParse({
    email: v.email ?? '',
    name: v.name ?? '',
    role: v.role ?? '',
    password: v.password ?? '',
    clientIds,
    locale: v.locale || undefined,
  });
  if (!parsed.success) return { errors: issuesToErrors(parsed.error.issues, userPaths, t.lang), status: 400 };
  try {
    return { user: await createUser(source, parsed.data) };
  } catch (err) {
    return refusal(err, t);
  }
}

export async function updateUserFromForm(
  source: ActionSource,
  id: string,
  v: FormValues,
  clientIds: string[],
  t: AdminTexts,
): Promise<UserSaveResult> {
  const parsed = userChangesSchema.safeParse({
    name: v.name ?? '',
    role: v.role ?? '',
    clientIds,
    locale: v.locale || undefined,
    active: checked(v.active),
    ...(v.password ? { password: v.password } : {}),
  });
  if (!parsed.success) return { errors: issuesToErrors(parsed.error.issues, userPaths, t.lang), status: 400 };
  try {
    return { user: await updateUser(source, id, parsed.data) };
  } catch (err) {
    return refusal(err, t);
  }
}
