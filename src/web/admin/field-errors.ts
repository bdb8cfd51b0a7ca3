/** Validation issues as messages attached to the form field that produced them. */
import type { Lang } from '../i18n';
import { issueText, type IssueLike } from '../issue-texts';

export type FieldErrors = Record<string, string[]>;

/** Where a zod issue path goes: a form field, and a prefix naming the line or range at fault. */
export type PathMapper = (path: readonly PropertyKey[]) => { field: string; prefix?: string } | null;

export const SUMMARY = '_summary';

export function addError(errors: FieldErrors, field: string, message: string): void {
  (errors[field] ??= []).push(message);
}

export function hasErrors(errors: FieldErrors): boolean {
  return Object.keys(errors).length > 0;
}

/**
 * Maps each issue to its field (with "Line n:" for list fields), in words of the page's language
 * (`issueText`); unmapped issues go to the summary.
 */
export function issuesToErrors(
  issues: readonly IssueLike[],
  mapPath: PathMapper,
  lang: Lang,
  errors: FieldErrors = {},
): FieldErrors {
  for (const issue of issues) {
    const target = mapPath(issue.path);
    const text = issueText(issue, lang);
    if (!target) {
      addError(errors, SUMMARY, text);
      continue;
    }
    addError(errors, target.field, (target.prefix ?? '') + text);
  }
  return errors;
}

/** The `n` in a path segment that is an array index. */
export const indexAt = (path: readonly PropertyKey[], i: number): number | undefined =>
  typeof path[i] === 'number' ? (path[i] as number) : undefined;
