/**
 * JSON values for the admin API's bodies: a valid client profile (or user, note, change…) with one
 * or a few fields replaced by something else — a wrong type, a value out of range, a date that
 * does not exist, a timezone abbreviation, an address inside the network, Object's own key names.
 */
import fc from 'fast-check';
import { hugeText, nastyText } from './strings';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Values that are close to valid for some field, and wrong. */
export const NEAR_MISSES = [
  '2026-02-30',
  '2026-13-01',
  '0000-00-00',
  '2026-1-1',
  'EST',
  'PST8PDT',
  'Europe/Nowhere',
  'UTC',
  'Etc/GMT+14',
  '24:00',
  '23:60',
  '9:00',
  '+33000000000',
  '0612345678',
  '+33 6 12 34 56 78',
  'http://10.0.0.1/hook',
  'http://169.254.169.254/latest',
  'http://[::1]:6379/',
  'https://example.com/hook',
  'ftp://example.com/',
  'a@b',
  'x@example.com',
  '2099-01-01T00:00:00Z',
  '2026-03-29T02:30:00+01:00',
  'Polly.Joanna-Neural',
  'fr-FR',
  'en-US',
  'de-DE',
  'admin',
  'assistant',
  'handled',
  'in_progress',
] as const;

export const jsonValue: fc.Arbitrary<Json> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NEAR_MISSES) },
  { weight: 3, arbitrary: nastyText },
  {
    weight: 2,
    arbitrary: fc.oneof(fc.integer(), fc.constantFrom(0, -1, 1.5, 1e308, -0, 2 ** 53 + 1, 10, 60, 3600)),
  },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.array(fc.oneof(nastyText, fc.constantFrom(...NEAR_MISSES)), { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json> },
  { weight: 1, arbitrary: fc.constant({ $gt: '' }) },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 101, max: 600 }).map((n) => Array.from({ length: n }, () => '+33612345678')),
  },
  { weight: 1, arbitrary: hugeText },
);

/** Sets `path` (dot-separated; numeric parts index arrays) in a copy of `value`, building what is missing. */
export function withPath(value: Json, path: string, leaf: Json | undefined): Json {
  const [head, ...rest] = path.split('.');
  const key = head!;
  const base: Record<string, Json> | Json[] =
    value !== null && typeof value === 'object'
      ? Array.isArray(value)
        ? [...value]
        : { ...value }
      : /^\d+$/.test(key)
        ? []
        : {};
  const current = (base as Record<string, Json>)[key];
  const next = rest.length ? withPath(current ?? null, rest.join('.'), leaf) : leaf;
  if (next === undefined) {
    if (Array.isArray(base)) base.splice(Number(key), 1);
    else delete base[key];
  } else {
    // defineProperty: `__proto__` and `constructor` become own keys, as JSON.parse makes them.
    Object.defineProperty(base, key, { value: next, enumerable: true, writable: true, configurable: true });
  }
  return base;
}

/** A valid object with 0 to 3 of its fields (from `paths`) replaced or removed. */
export function mutatedObject(valid: fc.Arbitrary<Json>, paths: readonly string[]): fc.Arbitrary<Json> {
  const change = fc.tuple(
    fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom(...paths) },
      {
        weight: 1,
        arbitrary: fc.constantFrom('__proto__', 'constructor', 'prototype', 'unknownField', '$set', 'a.b'),
      },
    ),
    fc.option(jsonValue, { nil: undefined, freq: 8 }),
  );
  return fc
    .tuple(valid, fc.array(change, { maxLength: 3 }))
    .map(([base, changes]) => changes.reduce<Json>((acc, [path, leaf]) => withPath(acc, path, leaf), base));
}

/** Field and value pairs that look valid to a schema that checks only the shape of a value. */
export const PROFILE_NEAR_MISSES: readonly [string, Json][] = [
  ['timezone', 'EST'],
  ['timezone', 'PST8PDT'],
  ['closures.0.from', '2026-02-30'],
  ['closures.0.to', '2026-04-31'],
  ['name', 'Cabinet\u0007Martin'],
  ['greeting', 'Bonjour\u0000 et bienvenue'],
  ['address', 'rue\u001b[31m rouge'],
  ['notifications.webhook.url', 'http://10.0.0.1/hook'],
  ['notifications.webhook.url', 'http://169.254.169.254/latest/meta-data'],
  ['notifications.webhook.url', 'http://127.0.0.1:6379/'],
  ['notifications.webhook.url', 'http://[::1]/hook'],
];
