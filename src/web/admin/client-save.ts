/**
 * Saving the client form: read it, validate it whole with `clientProfileSchema`, then create or
 * update. Nothing is written unless the whole profile is valid; a number taken by another client
 * comes back as an error on the numbers field.
 */
import { clientProfileSchema, type ClientProfile } from '../../flow/profile';
import { createClient, updateClient, type Client } from '../../store/clients';
import { ConflictError } from '../../domain/errors';
import type { AdminTexts } from './admin-texts';
import { clientPathMapper } from './client-error-paths';
import { profileFromForm } from './client-form';
import { addError, hasErrors, issuesToErrors, type FieldErrors } from './field-errors';
import type { FormValues } from './form-values';

export type SaveResult = { client: Client } | { errors: FieldErrors; conflict?: boolean };

export function validateClientForm(
  values: FormValues,
  t: AdminTexts,
): { profile: ClientProfile } | { errors: FieldErrors } {
  const { input, errors } = profileFromForm(values, t);
  const parsed = clientProfileSchema.safeParse(input);
  if (!parsed.success) issuesToErrors(parsed.error.issues, clientPathMapper(t), errors);
  return parsed.success && !hasErrors(errors) ? { profile: parsed.data } : { errors };
}

/** Creates the client (no id) or replaces the profile of client `id`. */
export async function saveClientForm(values: FormValues, t: AdminTexts, id?: string): Promise<SaveResult> {
  const checked = validateClientForm(values, t);
  if ('errors' in checked) return checked;
  try {
    const client = id ? await updateClient(id, checked.profile) : await createClient(checked.profile);
    return { client };
  } catch (err) {
    if (!(err instanceof ConflictError)) throw err;
    const errors: FieldErrors = {};
    const mapper = clientPathMapper(t);
    for (const d of err.details) {
      const line = Number(d.path.split('.')[1]);
      const target = mapper(['numbers', ...(Number.isInteger(line) ? [line] : [])]);
      addError(errors, target?.field ?? 'numbers', `${target?.prefix ?? ''}${t.numberTaken}`);
    }
    if (!hasErrors(errors)) addError(errors, 'numbers', t.numberTaken);
    return { errors, conflict: true };
  }
}
