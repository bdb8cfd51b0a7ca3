/**
 * Where to go after signing in: the page a signed-out visitor asked for, carried in the `next`
 * query parameter and the sign-in form. Only a same-site relative path is followed; anything else
 * (another host, a scheme, a backslash, control characters, the sign-in page itself) sends to the
 * list, so the sign-in page can never be made to redirect elsewhere (open redirect).
 */
import { z } from 'zod';

export const NEXT_MAX_LENGTH = 2000;

/**
 * "/messages/abc?x=1" passes; "//evil.example", "/\\evil", "https://evil.example", "javascript:…",
 * "/login…" and anything with a control character do not. Browsers read "\" as "/" and drop tabs
 * and newlines inside URLs, so neither may appear anywhere.
 */
export const nextPathSchema = z
  .string()
  .max(NEXT_MAX_LENGTH)
  .regex(/^\/(?![/\\])/, 'a path on this site')
  .refine(
    (p) => ![...p].some((c) => c === '\\' || c <= '\u001f' || c === '\u007f'),
    'no backslash nor control character',
  )
  .refine((p) => !/^\/(login|logout)(?:[/?#]|$)/.test(p), 'not the sign-in page');

/** The page to open after sign-in: `next` when it is a safe path, else the list. */
export function nextPath(value: unknown): string {
  const parsed = nextPathSchema.safeParse(Array.isArray(value) ? value[0] : value);
  return parsed.success ? parsed.data : '/';
}

/** "/login?next=%2Fmessages%2Fabc" (with `expired=1` after an expiry); plain "/login" for the list. */
export function loginUrl(requested: string, expired: boolean): string {
  const params = new URLSearchParams();
  if (expired) params.set('expired', '1');
  const next = nextPath(requested);
  if (next !== '/') params.set('next', next);
  const query = params.toString();
  return query ? `/login?${query}` : '/login';
}
