/**
 * Saving the user forms with the store's own schemas (`newUserSchema`, `userChangesSchema`): errors
 * come back per field; nothing is written unless the whole change is valid.
 */
import { ConflictError, InvalidReferenceError } from '../../domain/errors';
import { createUser, newUserSchema, updateUser, userChangesSchema, type User } from '../../store/users';
import type { AdminTexts } from './admin-texts';
import { addError, issuesToErrors, type FieldErrors, type PathMapper } from './field-errors';
import { checked, type FormValues } from './form-values';

export type UserSaveResult = { user: User } | { errors: FieldErrors; status: number };

const userPaths: PathMapper = (path) => ({ field: String(path[0] ?? 'email') });

function storeErrors(err: unknown, t: AdminTexts): UserSaveResult {
  const errors: FieldErrors = {};
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
  if (!parsed.success) return { errors: issuesToErrors(parsed.error.issues, userPaths), status: 400 };
  try {
    return { user: await createUser(parsed.data) };
  } catch (err) {
    return storeErrors(err, t);
  }
}

export async function updateUserFromForm(
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
  if (!parsed.success) return { errors: issuesToErrors(parsed.error.issues, userPaths), status: 400 };
  try {
    return { user: await updateUser(id, parsed.data) };
  } catch (err) {
    return storeErrors(err, t);
  }
}
