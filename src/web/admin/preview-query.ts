/** The "test this setup" panel's query: caller, local date-time in the client's timezone, menu answer. */
import { z } from 'zod';
import { e164PhoneSchema } from '../../domain/phone';
import type { PreviewInput } from '../../flow/preview';
import type { AdminTexts } from './admin-texts';
import { addError, issuesToErrors, type FieldErrors } from './field-errors';
import { formValues, type FormValues } from './form-values';
import { localToInstant } from '../../domain/zoned-time';
import { lineSchema } from '../../domain/text';

const previewQuerySchema = z.object({
  from: e164PhoneSchema,
  at: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/),
  digits: z
    .string()
    .regex(/^[0-9*#]{0,10}$/)
    .optional(),
  speech: lineSchema().max(200).optional(),
});

export type PreviewRequest = { values: FormValues; errors: FieldErrors; input?: PreviewInput };

/** Reads the panel's fields; `input` is set only when they are all valid. */
export function previewRequest(query: unknown, timezone: string, t: AdminTexts): PreviewRequest {
  const values = formValues(query);
  const parsed = previewQuerySchema.safeParse({
    from: values.from ?? '',
    at: values.at ?? '',
    digits: values.digits?.trim() || undefined,
    speech: values.speech?.trim() || undefined,
  });
  if (!parsed.success) {
    const errors = issuesToErrors(parsed.error.issues, (path) => ({ field: `${String(path[0])}` }), t.lang);
    if (errors.at) errors.at = [t.badDateTime];
    return { values, errors };
  }
  const at = localToInstant(parsed.data.at, timezone);
  if (!at) {
    const errors: FieldErrors = {};
    addError(errors, 'at', t.badDateTime);
    return { values, errors };
  }
  const { digits, speech, from } = parsed.data;
  return {
    values,
    errors: {},
    input: { from, at, ...(digits ? { digits } : {}), ...(speech ? { speech } : {}) },
  };
}
