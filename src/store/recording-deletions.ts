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
