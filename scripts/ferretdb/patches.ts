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
