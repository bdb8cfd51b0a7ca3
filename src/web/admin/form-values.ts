/** A posted form as plain strings, and the small parsers the admin forms share. */
export type FormValues = Record<string, string>;

/** Only single string values survive (a repeated or nested field is dropped, never trusted). */
export function formValues(body: unknown, lists: readonly string[] = []): FormValues {
  const out: FormValues = {};
  if (!body || typeof body !== 'object') return out;
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (key === '_csrf' || lists.includes(key)) continue;
    if (typeof value === 'string') out[key] = value;
  }
  return out;
}

/** The values of a field that may repeat (checkboxes), as a list of strings. */
export function formList(body: unknown, key: string): string[] {
  const value = (body as Record<string, unknown> | undefined)?.[key];
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter((v): v is string => typeof v === 'string');
}

export function lines(text: string | undefined): string[] {
  return (text ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}

export const checked = (v: string | undefined) => v === 'on' || v === 'true' || v === '1';

/** A number field: empty means "use the default" (undefined); anything else must be a number. */
export function numberOrDefault(v: string | undefined): number | undefined {
  const s = (v ?? '').trim();
  return s === '' ? undefined : Number(s);
}

/** An optional text field: empty means absent. */
export const optional = (v: string | undefined) => ((v ?? '').trim() === '' ? undefined : v!.trim());
