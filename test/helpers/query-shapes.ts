/**
 * Query shapes and the ESR check. A shape is what a MongoDB command asks of a collection with the
 * values dropped: which fields, by which kind of operator, in which sort order. `servedBy` says
 * which declared index MongoDB 7 can answer it with: equality fields first (any order among them),
 * then the sort fields in order (same or fully reversed directions), then a range.
 */

export type PredKind = 'eq' | 'in' | 'range' | 'ne' | 'regex' | 'exists' | 'other';
export type Pred = { field: string; kind: PredKind };
export type FilterShape = { preds: Pred[]; ors: FilterShape[][] };
export type SortKey = [field: string, direction: 1 | -1];
export type Shape = { collection: string; op: string; filter: FilterShape; sort: SortKey[] };
export type IndexSpec = { name: string; keys: SortKey[]; unique: boolean };
export type Verdict = { served: boolean; index?: string; notes: string[]; reason?: string };

const RANGE_OPS = new Set(['$gt', '$gte', '$lt', '$lte']);

function isScalar(v: unknown): boolean {
  if (v === null || typeof v !== 'object') return true;
  if (v instanceof Date || Array.isArray(v) || Buffer.isBuffer(v)) return true;
  return '_bsontype' in v && (v as { _bsontype: string })._bsontype !== 'BSONRegExp';
}

const isRegex = (v: unknown) =>
  v instanceof RegExp ||
  (typeof v === 'object' && v !== null && (v as { _bsontype?: string })._bsontype === 'BSONRegExp');

function kindOf(field: string, value: unknown, problems: string[]): PredKind {
  if (isRegex(value)) return 'regex';
  if (isScalar(value)) return 'eq';
  const ops = Object.keys(value as object);
  if (!ops.every((op) => op.startsWith('$'))) return 'eq'; // an embedded document compared whole
  const kinds = ops.map((op): PredKind => {
    const arg = (value as Record<string, unknown>)[op];
    if (op === '$eq') return 'eq';
    if (op === '$in') {
      if (Array.isArray(arg) && arg.length === 1) problems.push(`$in with one value on ${field}`);
      return 'in';
    }
    if (RANGE_OPS.has(op)) return 'range';
    if (op === '$ne' || op === '$nin') return 'ne';
    if (op === '$regex' || op === '$options') return 'regex';
    if (op === '$exists') return 'exists';
    return 'other';
  });
  for (const k of ['eq', 'in', 'regex', 'range', 'ne', 'exists'] as const) if (kinds.includes(k)) return k;
  return 'other';
}

/** The shape of a filter document; `problems` receives what FerretDB cannot push down needlessly. */
export function normaliseFilter(
  filter: Record<string, unknown> | undefined,
  problems: string[] = [],
): FilterShape {
  const shape: FilterShape = { preds: [], ors: [] };
  for (const [key, value] of Object.entries(filter ?? {})) {
    if (key === '$and') {
      const parts = (value as Record<string, unknown>[]).map((part) => normaliseFilter(part, problems));
      if (parts.every((p) => p.ors.length === 0 && p.preds.every((q) => q.kind === 'eq'))) {
        problems.push('$and wrapper around plain equalities');
      }
      for (const part of parts) {
        shape.preds.push(...part.preds);
        shape.ors.push(...part.ors);
      }
    } else if (key === '$or' || key === '$nor') {
      shape.ors.push((value as Record<string, unknown>[]).map((branch) => normaliseFilter(branch, problems)));
    } else if (key.startsWith('$')) {
      shape.preds.push({ field: key, kind: 'other' });
    } else {
      shape.preds.push({ field: key, kind: kindOf(key, value, problems) });
    }
  }
  return shape;
}

export function filterText(f: FilterShape): string {
  const preds = [...f.preds]
    .sort((a, b) => a.field.localeCompare(b.field))
    .map((p) => `${p.field}:${p.kind}`);
  const ors = f.ors.map((branches) => `$or[${branches.map(filterText).join(' | ')}]`);
  return `{${[...preds, ...ors].join(', ')}}`;
}

export const sortText = (sort: SortKey[]) =>
  sort.length === 0 ? '' : `{${sort.map(([f, d]) => `${f}:${d}`).join(', ')}}`;

export const shapeText = (s: Shape) =>
  `${s.collection} ${s.op} ${filterText(s.filter)}${s.sort.length ? ` sort ${sortText(s.sort)}` : ''}`;

/** An `$or` whose branches only use the sort fields: a keyset page, a range on the sort order. */
const isKeyset = (branches: FilterShape[], sortFields: Set<string>) =>
  branches.every((b) => b.ors.length === 0 && b.preds.every((p) => sortFields.has(p.field)));

const isSearch = (branches: FilterShape[]) =>
  branches.every((b) => b.ors.length === 0 && b.preds.length > 0 && b.preds.every((p) => p.kind === 'regex'));

type Fit = { verdict: Verdict; score: number };

function fit(shape: Shape, index: IndexSpec): Fit | null {
  const notes: string[] = [];
  const preds = shape.filter.preds;
  const eq = new Set(preds.filter((p) => p.kind === 'eq' || p.kind === 'in').map((p) => p.field));
  const keys = index.keys;

  // A unique index whose every key is an equality: at most one document per value.
  if (index.unique && keys.length > 0 && keys.every(([f]) => eq.has(f))) {
    return { verdict: { served: true, index: index.name, notes: ['point lookup'] }, score: 1000 };
  }
  // Equality prefix: the first |eq| keys are exactly the equality fields.
  const prefix = keys.slice(0, eq.size).map(([f]) => f);
  if (prefix.length !== eq.size || !prefix.every((f) => eq.has(f))) return null;
  if (preds.some((p) => p.kind === 'in' && eq.has(p.field)) && shape.sort.length > 0)
    notes.push('$in: merge sort');

  // Sort: the next keys, in order, all in the same or all in the reversed direction.
  const sort = shape.sort.filter(([f]) => !eq.has(f));
  const sortKeys = keys.slice(eq.size, eq.size + sort.length);
  if (sortKeys.length !== sort.length) return null;
  const same = sort.every(([f, d], i) => sortKeys[i]![0] === f && sortKeys[i]![1] === d);
  const reversed = sort.every(([f, d], i) => sortKeys[i]![0] === f && sortKeys[i]![1] === -d);
  if (!same && !reversed) return null;
  if (sort.length > 0 && reversed && !same) notes.push('walked backwards');

  // Ranges: on a sort field they bound the walk; otherwise the key after the sort must be one.
  const sortFields = new Set(sort.map(([f]) => f));
  const ranges = preds.filter((p) => p.kind === 'range' || p.kind === 'exists').map((p) => p.field);
  const rangeKey = keys[eq.size + sort.length]?.[0];
  const bounded = ranges.filter((f) => sortFields.has(f) || f === rangeKey);
  const residual = [
    ...ranges.filter((f) => !bounded.includes(f)),
    ...preds.filter((p) => p.kind === 'ne' || p.kind === 'other' || p.kind === 'regex').map((p) => p.field),
  ];
  if (ranges.length > 0 && bounded.length === 0 && sort.length === 0) return null;
  if (residual.length > 0) notes.push(`filtered on the index range: ${[...new Set(residual)].join(', ')}`);

  for (const branches of shape.filter.ors) {
    if (isKeyset(branches, new Set(shape.sort.map(([f]) => f)))) notes.push('keyset $or on the sort keys');
    else if (isSearch(branches)) {
      if (eq.size === 0) return null;
      notes.push('regex search scans the equality range');
    } else notes.push('$or filtered on the index range');
  }
  if (preds.some((p) => p.kind === 'regex') && eq.size === 0) return null;

  // Something must bound the walk or give its order; otherwise it is a collection scan.
  if (eq.size === 0 && sort.length === 0 && bounded.length === 0) return null;
  const score = eq.size * 10 + sort.length * 5 + bounded.length * 2 - keys.length * 0.1;
  return { verdict: { served: true, index: index.name, notes }, score };
}

/** The best declared index for the shape, or why none serves it. */
export function servedBy(shape: Shape, indexes: IndexSpec[]): Verdict {
  const preds = shape.filter.preds;
  if (
    preds.length === 1 &&
    preds[0]!.field === '_id' &&
    preds[0]!.kind !== 'regex' &&
    shape.filter.ors.length === 0
  ) {
    return { served: true, index: '_id_', notes: ['by _id'] };
  }
  const fits = indexes.map((ix) => fit(shape, ix)).filter((f): f is Fit => f !== null);
  fits.sort((a, b) => b.score - a.score);
  if (fits[0]) return fits[0].verdict;
  const empty = preds.length === 0 && shape.filter.ors.length === 0;
  return {
    served: false,
    notes: [],
    reason: empty && shape.sort.length === 0 ? 'whole-collection scan' : 'no index serves it',
  };
}

/** The indexes mongoose declares for a model's schema, plus `_id`. */
export function declaredIndexes(schema: {
  indexes(): [Record<string, unknown>, Record<string, unknown>?][];
}): IndexSpec[] {
  const specs: IndexSpec[] = [{ name: '_id_', keys: [['_id', 1]], unique: true }];
  for (const [fields, options] of schema.indexes()) {
    const keys = Object.entries(fields).map(([f, d]): SortKey => [f, d === -1 ? -1 : 1]);
    specs.push({
      name: keys.map(([f, d]) => `${f}_${d}`).join('_'),
      keys,
      unique: Boolean(options?.unique),
    });
  }
  return specs;
}

/** The shapes of one command the driver started (insert and admin commands give none). */
export function shapesOfCommand(
  name: string,
  command: Record<string, unknown>,
  problems: string[] = [],
): Shape[] {
  const collection = String(command[name]);
  // The driver sends a sort as a Map (key order matters), mongoose tests as a plain object.
  const sortOf = (sort: unknown): SortKey[] =>
    [...(sort instanceof Map ? sort.entries() : Object.entries((sort ?? {}) as object))].map(
      ([f, d]): SortKey => [String(f), d === -1 || d === 'desc' ? -1 : 1],
    );
  const shape = (op: string, filter: unknown, sort?: unknown): Shape => ({
    collection,
    op,
    filter: normaliseFilter(filter as Record<string, unknown>, problems),
    sort: sortOf(sort),
  });
  switch (name) {
    case 'find':
      return [shape('find', command.filter, command.sort)];
    case 'count':
    case 'distinct':
      return [shape(name, command.query)];
    case 'findAndModify':
      return [shape('findAndModify', command.query, command.sort)];
    case 'update':
      return (command.updates as { q: unknown }[]).map((u) => shape('update', u.q));
    case 'delete':
      return (command.deletes as { q: unknown }[]).map((d) => shape('delete', d.q));
    case 'aggregate': {
      const stages = command.pipeline as Record<string, unknown>[];
      const match = stages[0]?.$match;
      const sortStage = stages[match ? 1 : 0]?.$sort;
      return [shape('aggregate', match ?? {}, sortStage)];
    }
    default:
      return [];
  }
}
