/**
 * Settings that are secrets (a webhook's signing secret, a password, a token): kept where they
 * must work, never shown, logged or returned. One rule by key name, so a secret added later is
 * covered without anyone remembering to list it.
 */
const SECRET_KEY = /secret|password|token/i;

/** What a secret reads as wherever a snapshot leaves the store. */
export const MASKED_SECRET = '********';

export function isSecretKey(key: string | number): boolean {
  return typeof key === 'string' && SECRET_KEY.test(key);
}

/** True when any segment of a settings path names a secret (`notifications.webhook.secret`). */
export function isSecretPath(path: readonly (string | number)[]): boolean {
  return path.some(isSecretKey);
}

/** A deep copy of `value` whose secret fields that hold a value read as MASKED_SECRET. */
export function maskSecrets<T>(value: T): T {
  if (Array.isArray(value)) return value.map(maskSecrets) as T;
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => [
      key,
      isSecretKey(key) && v !== undefined && v !== null && v !== '' ? MASKED_SECRET : maskSecrets(v),
    ]),
  ) as T;
}
