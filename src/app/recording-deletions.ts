/**
 * Deleting recordings at Twilio: the maintenance job (every minute) takes the deletions that are
 * due — asked for by an erasure or the retention purge, kept in MongoDB until Twilio confirms —
 * and asks Twilio for each. Deleted (or already gone) is confirmed; anything else is tried again
 * later, one minute after the first failure, doubling up to six hours: never given up.
 *
 * Without a Twilio account (development credentials), the recordings the service knows of are
 * the Twilio stand-in's or the demo's: nothing is held at Twilio, so a deletion is confirmed at
 * once with a note saying so, rather than left pending forever.
 */
import { TransientError } from '../notify/errors';
import type { Logger } from '../infra/logger';
import {
  countPendingRecordingDeletions,
  dueRecordingDeletions,
  latestRecordingDeletions as latestDeletions,
  listRecordingDeletions,
  markRecordingDeleted,
  markRecordingDeletionFailed,
  type RecordingDeletion,
  type RecordingDeletionStatus,
} from '../store/recording-deletions';

export type { RecordingDeletion, RecordingDeletionStatus } from '../store/recording-deletions';
export { RECORDING_DELETION_STATUSES } from '../store/recording-deletions';

/** Twilio's recordings, as this use case needs them (tests answer through nock). */
export type RecordingDeleter = {
  /**
   * Deletes the recording at Twilio: `deleted` (204), `already-gone` (404). Any other answer or no
   * answer throws; a TransientError may carry Twilio's Retry-After.
   */
  deleteRecording(sid: string): Promise<'deleted' | 'already-gone'>;
};

export type RecordingDeletionDeps = {
  /** null: development credentials, nothing is held at Twilio. */
  twilio: RecordingDeleter | null;
  now: () => Date;
  logger?: Logger;
  /** Deletions taken per run. @defaultValue 100 */
  batchSize?: number;
  /** Requests to Twilio in flight at once. @defaultValue 4 */
  concurrency?: number;
};

export const NO_TWILIO_NOTE = 'development: no Twilio account, nothing held at Twilio';

const FIRST_RETRY_MS = 60_000;
const LONGEST_RETRY_MS = 6 * 3600_000;

/** When to try again after the `attempts`-th failure: 1 min, 2, 4… capped at 6 h, never before Retry-After. */
export function nextAttemptDelay(attempts: number, err?: unknown): number {
  const exp = Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), LONGEST_RETRY_MS);
  const retryAfter = err instanceof TransientError ? (err.retryAfterMs ?? 0) : 0;
  return Math.max(exp, retryAfter);
}

export type DeletionRunResult = { deleted: number; alreadyGone: number; failed: number };

async function attempt(deps: RecordingDeletionDeps, d: RecordingDeletion, result: DeletionRunResult) {
  if (!deps.twilio) {
    await markRecordingDeleted(d.sid, deps.now(), NO_TWILIO_NOTE);
    result.deleted += 1;
    return;
  }
  try {
    const outcome = await deps.twilio.deleteRecording(d.sid);
    await markRecordingDeleted(d.sid, deps.now(), outcome === 'already-gone' ? 'already gone at Twilio' : '');
    result[outcome === 'deleted' ? 'deleted' : 'alreadyGone'] += 1;
  } catch (err) {
    const attempts = d.attempts + 1;
    const error = ((err as Error).message || String(err)).slice(0, 500);
    const nextAttemptAt = new Date(deps.now().getTime() + nextAttemptDelay(attempts, err));
    await markRecordingDeletionFailed(d.sid, { attempts, error, nextAttemptAt });
    deps.logger?.warn(
      `recording deletion failed (attempt ${attempts}), next at ${nextAttemptAt.toISOString()}`,
      {
        error,
      },
    );
    result.failed += 1;
  }
}

/** One run of the job: the due deletions, a few at a time. */
export async function deleteDueRecordings(deps: RecordingDeletionDeps): Promise<DeletionRunResult> {
  const due = await dueRecordingDeletions(deps.now(), deps.batchSize ?? 100);
  const result: DeletionRunResult = { deleted: 0, alreadyGone: 0, failed: 0 };
  const width = deps.concurrency ?? 4;
  for (let i = 0; i < due.length; i += width) {
    await Promise.all(due.slice(i, i + width).map((d) => attempt(deps, d, result)));
  }
  return result;
}

/** Deletions of one status for the admin pages and API (pending: the next attempt first). */
export function recordingDeletions(
  status: RecordingDeletionStatus,
  limit = 50,
): Promise<RecordingDeletion[]> {
  return listRecordingDeletions(status, limit);
}

export const pendingRecordingDeletions = countPendingRecordingDeletions;

/** The latest requested deletions, whatever their status. */
export function latestRecordingDeletions(limit = 50): Promise<RecordingDeletion[]> {
  return latestDeletions(limit);
}
