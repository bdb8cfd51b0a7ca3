/**
 * The one-off backfill of `searchText` on messages stored before it existed (or written with an
 * older folding): run by every worker at start, idempotent, so a second run (or a second worker)
 * finds nothing to do. One read of the messages still to fold, then writes by `_id` in batches:
 * the only filter FerretDB v1 serves without a scan.
 */
import { SEARCH_TEXT_VERSION } from '../domain/search-text';
import { searchFields } from './messages';
import { MessageModel } from './models';

const SEARCHABLE = {
  callerName: 1,
  callerNumber: 1,
  callbackNumber: 1,
  reason: 1,
  summary: 1,
  transcription: 1,
} as const;

/**
 * Writes `searchText` on every message lacking the current folding; answers how many it wrote.
 * A message changed between the read and its batch's write is written by its own path with the
 * current folding too, and a stale value would only be as old as that read: the writes are plain
 * `_id` updates on purpose (a guarded filter is a full scan per write on FerretDB).
 */
export async function backfillSearchText(batchSize = 500): Promise<number> {
  const cursor = MessageModel.find({ searchVersion: { $ne: SEARCH_TEXT_VERSION } })
    .select(SEARCHABLE)
    .lean()
    .cursor({ batchSize });
  let batch: { _id: unknown; $set: ReturnType<typeof searchFields> }[] = [];
  let written = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    await MessageModel.bulkWrite(
      batch.map((b) => ({ updateOne: { filter: { _id: b._id }, update: { $set: b.$set } } })),
      { ordered: false, timestamps: false },
    );
    written += batch.length;
    batch = [];
  };
  for await (const doc of cursor) {
    batch.push({ _id: doc._id, $set: searchFields(doc) });
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  return written;
}
