/**
 * The one-off backfill of `searchText` on messages stored before it existed (or written with an
 * older folding): run by every worker at start, idempotent, so a second run (or a second worker)
 * finds nothing to do. Reads a page of messages still to fold, then writes them by `_id` (the
 * only filter FerretDB v1 serves without a scan), and so on.
 */
import type { Types } from 'mongoose';
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
 * Page after page in `_id` order, each read closed before its writes. A message changed between a page's read and its
 * write is written by its own path with the current folding too, so a stale value is only as old
 * as that read: the writes are plain `_id` updates on purpose (a guarded filter is a full scan
 * per write on FerretDB).
 */
export async function backfillSearchText(batchSize = 500): Promise<number> {
  let written = 0;
  let after: Types.ObjectId | undefined;
  for (;;) {
    const docs = await MessageModel.find({
      searchVersion: { $ne: SEARCH_TEXT_VERSION },
      ...(after ? { _id: { $gt: after } } : {}),
    })
      .select(SEARCHABLE)
      .sort({ _id: 1 })
      .limit(batchSize)
      .lean();
    if (docs.length === 0) return written;
    // One update at a time: FerretDB's SQLite takes one writer at a time, and a bulkWrite of 100
    // updates by `_id` was seen to stall there for more than 30 s where 100 single updates take 1 s.
    for (const d of docs) {
      await MessageModel.updateOne({ _id: d._id }, { $set: searchFields(d) }, { timestamps: false });
    }
    written += docs.length;
    after = docs[docs.length - 1]!._id;
  }
}
