/**
 * Build-time patches to the pinned FerretDB module, applied by `ensureFerretDB`
 * (scripts/lib/services.ts) to a copy of the module cache's original (verified by Go against
 * go.sum) under the git-ignored .tools/. Nothing of FerretDB is vendored in the repository, each
 * patched file keeps its license header, and each substitution must match exactly once or the
 * build stops: bumping FerretDB must revisit a patch, never silently ship without it.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export type Patch = {
  /** Path inside the github.com/FerretDB/FerretDB module. */
  file: string;
  /** Text that must occur exactly once in the original file. */
  find: string;
  replace: string;
};

export const FERRETDB_MODULE = 'github.com/FerretDB/FerretDB';

export const FERRETDB_PATCHES: Patch[] = [
  {
    // The SQLite backend pushes a `{_id: <string|ObjectId>}` filter down as
    // `_ferretdb_sjson->'$._id' = ?` (Query, and UpdateAll/DeleteAll by _id), but it creates every
    // collection's unique `_id_` index on `_ferretdb_sjson->"_id"` (metadata/registry.go). SQLite
    // uses an expression index only for the same expression, so every findById, update and delete
    // scanned the whole table (seconds at 100k documents). `->'_id'` selects the same JSON value and
    // resolves to the very expression of that index (`"_id"` names no column, so SQLite reads it as
    // the string '_id'), so the existing index serves it: no new index, no migration of existing
    // data folders, and indexes from createIndexes are untouched.
    file: 'internal/backends/sqlite/metadata/metadata.go',
    find: `\tIDColumn = DefaultColumn + "->'$._id'"\n`,
    replace:
      `\t//\n` +
      `\t// Patched at build time by the receptionist project (scripts/ferretdb/patches.ts): upstream's\n` +
      `\t// "->'$._id'" is not the expression of the _id_ index (DefaultColumn->"_id", registry.go), so\n` +
      `\t// SQLite never used that index and every _id query, update and delete scanned the table.\n` +
      `\t// "->'_id'" selects the same value and matches the index's expression.\n` +
      `\tIDColumn = DefaultColumn + "->'_id'"\n`,
  },
  // The SQLite backend pushes down only `{_id: <one id>}`: `{_id: {$in: [ids]}}`, the read of a
  // known set of documents (a report's month rollups, one per client and month), scanned the whole
  // table and converted every document. These four patches push it down as `_id IN (…)`, which the
  // same `_id_` index serves; FerretDB's handler still filters the rows it gets, as after any pushdown.
  {
    file: 'internal/backends/sqlite/query.go',
    find: `\t"github.com/FerretDB/FerretDB/internal/backends/sqlite/metadata"\n`,
    replace:
      `\t"github.com/FerretDB/FerretDB/internal/backends/sqlite/metadata"\n` +
      `\t"github.com/FerretDB/FerretDB/internal/handler/sjson"\n`,
  },
  {
    file: 'internal/backends/sqlite/query.go',
    find: `\treturn fmt.Sprintf(" ORDER BY %s%s", metadata.RecordIDColumn, order)\n}\n`,
    replace:
      `\treturn fmt.Sprintf(" ORDER BY %s%s", metadata.RecordIDColumn, order)\n}\n` +
      `\n` +
      `// maxPushedIDs keeps an IN list well under SQLite's limit of bound parameters.\n` +
      `const maxPushedIDs = 1000\n` +
      `\n` +
      `// idInClause is patched in at build time by the receptionist project (scripts/ferretdb/patches.ts):\n` +
      `// the WHERE clause of a {_id: {$in: [<string|ObjectId>...]}} filter, served by the _id_ index;\n` +
      `// "" for any other filter (the table is scanned, as upstream).\n` +
      `func idInClause(filter *types.Document) (string, []any) {\n` +
      `\tif filter.Len() != 1 {\n` +
      `\t\treturn "", nil\n` +
      `\t}\n` +
      `\tv, _ := filter.Get("_id")\n` +
      `\tcond, ok := v.(*types.Document)\n` +
      `\tif !ok || cond.Len() != 1 {\n` +
      `\t\treturn "", nil\n` +
      `\t}\n` +
      `\tin, _ := cond.Get("$in")\n` +
      `\tids, ok := in.(*types.Array)\n` +
      `\tif !ok || ids.Len() == 0 || ids.Len() > maxPushedIDs {\n` +
      `\t\treturn "", nil\n` +
      `\t}\n` +
      `\targs := make([]any, 0, ids.Len())\n` +
      `\tfor i := 0; i < ids.Len(); i++ {\n` +
      `\t\tid := must.NotFail(ids.Get(i))\n` +
      `\t\tswitch id.(type) {\n` +
      `\t\tcase string, types.ObjectID:\n` +
      `\t\t\targs = append(args, string(must.NotFail(sjson.MarshalSingleValue(id))))\n` +
      `\t\tdefault:\n` +
      `\t\t\treturn "", nil\n` +
      `\t\t}\n` +
      `\t}\n` +
      `\tplaceholders := strings.TrimSuffix(strings.Repeat("?, ", len(args)), ", ")\n` +
      `\treturn fmt.Sprintf(" WHERE %s IN (%s)", metadata.IDColumn, placeholders), args\n` +
      `}\n`,
  },
  {
    file: 'internal/backends/sqlite/collection.go',
    find: `\tq += whereClause\n`,
    replace:
      `\t// Patched (scripts/ferretdb/patches.ts): {_id: {$in: [...]}} pushed down too.\n` +
      `\tif whereClause == "" {\n` +
      `\t\twhereClause, args = idInClause(params.Filter)\n` +
      `\t}\n` +
      `\n` +
      `\tq += whereClause\n`,
  },
  {
    file: 'internal/backends/sqlite/collection.go',
    find: `\torderByClause := prepareOrderByClause(params.Sort)\n`,
    replace:
      `\t// Patched (scripts/ferretdb/patches.ts): {_id: {$in: [...]}} pushed down too.\n` +
      `\tif whereClause == "" {\n` +
      `\t\tif whereClause, args = idInClause(params.Filter); whereClause != "" {\n` +
      `\t\t\tfilterPushdown = true\n` +
      `\t\t}\n` +
      `\t}\n` +
      `\n` +
      `\torderByClause := prepareOrderByClause(params.Sort)\n`,
  },
];

/** Applies the patches to one original file's text; throws unless each `find` occurs exactly once. */
export function applyPatches(file: string, original: string, patches: Patch[] = FERRETDB_PATCHES): string {
  let text = original;
  for (const p of patches.filter((x) => x.file === file)) {
    const count = text.split(p.find).length - 1;
    if (count !== 1) {
      throw new Error(
        `FerretDB patch for ${file}: expected the original text exactly once, found it ${count} times ` +
          `(did the FerretDB version change? revisit scripts/ferretdb/patches.ts)`,
      );
    }
    text = text.replace(p.find, () => p.replace);
  }
  return text;
}

/**
 * Copies the module directory `from` to `to` with the patches applied; returns the patched files.
 * Files are written afresh (not copied with their modes) because the module cache is read-only.
 */
export function copyPatched(from: string, to: string, patches: Patch[] = FERRETDB_PATCHES): string[] {
  const pending = new Set(patches.map((p) => p.file));
  const walk = (rel: string): void => {
    mkdirSync(path.join(to, rel), { recursive: true });
    for (const entry of readdirSync(path.join(from, rel), { withFileTypes: true })) {
      const file = path.posix.join(rel, entry.name);
      if (entry.isDirectory()) {
        walk(file);
      } else if (entry.isFile()) {
        const original = readFileSync(path.join(from, file));
        const patched = pending.delete(file)
          ? applyPatches(file, original.toString('utf8'), patches)
          : original;
        writeFileSync(path.join(to, file), patched);
      }
    }
  };
  walk('');
  if (pending.size > 0) throw new Error(`FerretDB patch: ${[...pending].join(', ')} not found in ${from}`);
  return [...new Set(patches.map((p) => p.file))];
}
