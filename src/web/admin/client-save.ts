/**
 * Saving the client form: read it, validate it whole with `clientProfileSchema` (every error shown
 * next to its field at once), then hand the profile to the create or update use case. Nothing is
 * written unless the whole profile is valid; a number taken by another client comes back as an
 * error on the numbers field.
 */
import type { Client } from '../../app/clients';
import { clientProfileSchema, type ClientProfile } from '../../flow/profile';
import { ConflictError, InvalidInputError } from '../../domain/errors';
import type { AdminTexts } from './admin-texts';
import { clientPathMapper } from './client-error-paths';
import { profileFromForm } from './client-form';
import { appointmentIssue } from './client-form-appointments';
import { addError, hasErrors, issuesToErrors, type FieldErrors } from './field-errors';
import type { FormValues } from './form-values';

function partition<T>(items: readonly T[], test: (item: T) => boolean): [T[], T[]] {
  return [items.filter(test), items.filter((item) => !test(item))];
}

/** The outbound-URL policy's English detail (`outboundUrlProblem`) in the page's words. */
function webhookProblem(detail: string, t: AdminTexts): string {
  const host = /^must point to a public host \((\S+) is /.exec(detail)?.[1];
  if (host) return t.webhookHostNotPublic(host);
  if (detail === 'expected an https URL') return t.webhookNeedsHttps;
  return t.webhookNotPublic;
}

export type SaveResult = { client: Client } | { errors: FieldErrors; conflict?: boolean };

export function validateClientForm(
  values: FormValues,
  t: AdminTexts,
): { profile: ClientProfile } | { errors: FieldErrors } {
  const { input, errors, appointmentRows, ruleBlocks } = profileFromForm(values, t);
  const parsed = clientProfileSchema.safeParse(input);
  if (!parsed.success) {
    const [appointments, others] = partition(parsed.error.issues, (i) => i.path[0] === 'appointments');
    issuesToErrors(others, clientPathMapper(t, ruleBlocks), t.lang, errors);
    // The appointment section's sentences, once per field, in the page's language.
    for (const issue of appointments) {
      const { field, message } = appointmentIssue(issue.path, t, (i) => appointmentRows[i] ?? i);
      if (!errors[field]?.includes(message)) addError(errors, field, message);
    }
  }
  return parsed.success && !hasErrors(errors) ? { profile: parsed.data } : { errors };
}

/** Validates the form, then saves the profile with `save` (the create or the update use case). */
export async function saveClientForm(
  values: FormValues,
  t: AdminTexts,
  save: (profile: ClientProfile) => Promise<Client>,
): Promise<SaveResult> {
  const checked = validateClientForm(values, t);
  if ('errors' in checked) return checked;
  try {
    return { client: await save(checked.profile) };
  } catch (err) {
    const mapper = clientPathMapper(t);
    if (err instanceof InvalidInputError) {
      // The use case's own check (the webhook URL against this deployment's policy), said again in words.
      const errors: FieldErrors = {};
      for (const d of err.details) {
        const target = mapper(d.path.split('.'));
        addError(errors, target?.field ?? 'webhookUrl', webhookProblem(d.message, t));
      }
      return { errors };
    }
    if (!(err instanceof ConflictError)) throw err;
    const errors: FieldErrors = {};
    for (const d of err.details) {
      const line = Number(d.path.split('.')[1]);
      const target = mapper(['numbers', ...(Number.isInteger(line) ? [line] : [])]);
      addError(errors, target?.field ?? 'numbers', `${target?.prefix ?? ''}${t.numberTaken}`);
    }
    if (!hasErrors(errors)) addError(errors, 'numbers', t.numberTaken);
    return { errors, conflict: true };
  }
}
