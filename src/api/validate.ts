/**
 * Input checks at the edge of the API: bodies, route params and query strings each go through a
 * zod schema. Query values must be plain strings of a known key (`name[$ne]=x` or `a=1&a=2` fail),
 * whatever query parser the app is configured with.
 */
import type { Request } from 'express';
import { z } from 'zod';
import { HttpError, zodDetails } from '../http/errors';

export const objectIdSchema = z.string().regex(/^[0-9a-f]{24}$/i, 'expected an id of 24 hex characters');

function parseWith<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const prefix = where ? `${where}.` : '';
  throw new HttpError(
    400,
    `invalid ${where || 'body'}`,
    zodDetails(result.error).map((d) => ({ ...d, path: `${prefix}${d.path}`.replace(/\.$/, '') })),
  );
}

export function objectBody(req: Request): Record<string, unknown> {
  const body: unknown = req.body;
  if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new HttpError(400, 'expected a JSON object body', [
      { path: '', message: 'expected a JSON object' },
    ]);
  }
  return body as Record<string, unknown>;
}

export function parseBody<S extends z.ZodType>(schema: S, req: Request): z.output<S> {
  return parseWith(schema, objectBody(req), '');
}

export function parseObject<S extends z.ZodType>(schema: S, value: Record<string, unknown>): z.output<S> {
  return parseWith(schema, value, '');
}

/** Query schemas are strict objects of strings: unknown keys and repeated or nested values fail. */
export function parseQuery<S extends z.ZodType>(schema: S, req: Request): z.output<S> {
  return parseWith(schema, { ...(req.query as object) }, 'query');
}

/** An unknown or malformed id is a 404: the resource cannot exist. */
export function idParam(req: Request, name = 'id'): string {
  const id = req.params[name];
  if (typeof id !== 'string' || !objectIdSchema.safeParse(id).success) throw new HttpError(404, 'not found');
  return id.toLowerCase();
}

/** Top-level keys a schema does not know, as error details (the shared profile schema strips them). */
export function unknownKeys(body: object, known: readonly string[]): { path: string; message: string }[] {
  return Object.keys(body)
    .filter((key) => !known.includes(key))
    .map((key) => ({ path: key, message: 'unknown field' }));
}
