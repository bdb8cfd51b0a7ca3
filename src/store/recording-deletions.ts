/**
 * Recordings to delete at Twilio: asked for by an erasure or the retention purge, kept until Twilio
 * confirms. Asking twice for one recording is one deletion (`_id` = its RecordingSid).
 */
import { RecordingDeletionModel } from './models';

export type RecordingToDelete = { sid: string; clientId: string };

/** Records the deletions to make (those already asked for stay as they are); returns how many are new. */
export async function requestRecordingDeletions(
  recordings: RecordingToDelete[],
  reason: 'erasure' | 'retention',
  now: Date = new Date(),
): Promise<number> {
  if (recordings.length === 0) return 0;
  const result = await RecordingDeletionModel.bulkWrite(
    recordings.map((r) => ({
      updateOne: {
        filter: { _id: r.sid },
        update: {
          $setOnInsert: {
            _id: r.sid,
            clientId: r.clientId,
            reason,
            status: 'pending',
            requestedAt: now,
            nextAttemptAt: now,
            attempts: 0,
            lastError: '',
            confirmedAt: null,
          },
        },
        upsert: true,
      },
    })),
    { ordered: false },
  );
  return result.upsertedCount;
}

export const RECORDING_DELETION_STATUSES = ['pending', 'deleted'] as const;
export type RecordingDeletionStatus = (typeof RECORDING_DELETION_STATUSES)[number];

export type RecordingDeletion = {
  sid: string;
  clientId: string;
  reason: 'erasure' | 'retention';
  status: RecordingDeletionStatus;
  requestedAt: Date;
  nextAttemptAt: Date;
  attempts: number;
  lastError: string;
  confirmedAt: Date | null;
  note: string;
};

type RecordingDeletionDoc = Omit<RecordingDeletion, 'sid' | 'reason' | 'status'> & {
  _id: string;
  reason: string;
  status: string;
};

function toDeletion(d: RecordingDeletionDoc): RecordingDeletion {
  return {
    sid: d._id,
    clientId: d.clientId,
    reason: d.reason === 'erasure' ? 'erasure' : 'retention',
    status: d.status === 'deleted' ? 'deleted' : 'pending',
    requestedAt: d.requestedAt,
    nextAttemptAt: d.nextAttemptAt,
    attempts: d.attempts ?? 0,
    lastError: d.lastError ?? '',
    confirmedAt: d.confirmedAt ?? null,
    note: d.note ?? '',
  };
}

/** Up to `limit` pending deletions whose next attempt is due, the longest waiting first. */
export async function dueRecordingDeletions(now: Date, limit: number): Promise<RecordingDeletion[]> {
  const docs = await RecordingDeletionModel.find({ status: 'pending', nextAttemptAt: { $lte: now } })
    .sort({ nextAttemptAt: 1 })
    .limit(limit)
    .lean<RecordingDeletionDoc[]>();
  return docs.map(toDeletion);
}

/** Twilio confirmed (or there is nothing at Twilio to delete: `note` says why). */
export async function markRecordingDeleted(sid: string, at: Date, note = ''): Promise<void> {
  await RecordingDeletionModel.updateOne(
    { _id: sid },
    { $set: { status: 'deleted', confirmedAt: at, lastError: '', note }, $inc: { attempts: 1 } },
  );
}

/** The attempt failed: counted, with its error and when to try again. */
export async function markRecordingDeletionFailed(
  sid: string,
  failure: { attempts: number; error: string; nextAttemptAt: Date },
): Promise<void> {
  await RecordingDeletionModel.updateOne(
    { _id: sid },
    { $set: { attempts: failure.attempts, lastError: failure.error, nextAttemptAt: failure.nextAttemptAt } },
  );
}

/**
 * Deletions of one status, `limit` at most: pending ones soonest attempt first; deleted ones most
 * recently attempted first (their last attempt is the one Twilio confirmed). Index
 * `status, nextAttemptAt`.
 */
export async function listRecordingDeletions(
  status: RecordingDeletionStatus,
  limit: number,
): Promise<RecordingDeletion[]> {
  const docs = await RecordingDeletionModel.find({ status })
    .sort({ nextAttemptAt: status === 'pending' ? 1 : -1 })
    .limit(limit)
    .lean<RecordingDeletionDoc[]>();
  return docs.map(toDeletion);
}

/** The latest requested deletions, whatever their status (index `requestedAt`). */
export async function latestRecordingDeletions(limit: number): Promise<RecordingDeletion[]> {
  const docs = await RecordingDeletionModel.find({})
    .sort({ requestedAt: -1 })
    .limit(limit)
    .lean<RecordingDeletionDoc[]>();
  return docs.map(toDeletion);
}

/** How many deletions Twilio has not confirmed yet (index `status, nextAttemptAt`). */
export function countPendingRecordingDeletions(): Promise<number> {
  return RecordingDeletionModel.countDocuments({ status: 'pending' });
}
