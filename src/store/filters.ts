/**
 * Small builders of query filters. Filters stay plain objects of `field: value` wherever they can:
 * FerretDB pushes plain equality down to its backend but not `$and` wrappers or `$in`, and
 * MongoDB's planner reads both the same way.
 */
import { Types } from 'mongoose';

export const isObjectId = (id: string): boolean => /^[0-9a-f]{24}$/i.test(id);

export const oid = (id: string): Types.ObjectId => new Types.ObjectId(id);

/** `value` itself for one value (plain equality), `{ $in: values }` otherwise. */
export function oneOf<T>(values: T[]): T | { $in: T[] } {
  return values.length === 1 ? values[0]! : { $in: values };
}

export const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
