/**
 * Retention purge: deletes messages and calls older than each client's retention, and drops
 * recording references sooner when the client keeps recordings for less time than messages.
 * A scheduled job (the worker's), since FerretDB v1 has no TTL indexes.
 */
import { deleteMessagesAndCallsBefore, dropRecordingsBefore, retentionSettings } from '../store/retention';

const DAY_MS = 86_400_000;

export type PurgeResult = {
  clients: number;
  messagesDeleted: number;
  callsDeleted: number;
  recordingsDropped: number;
};

export async function purgeExpired(now: Date): Promise<PurgeResult> {
  const result: PurgeResult = { clients: 0, messagesDeleted: 0, callsDeleted: 0, recordingsDropped: 0 };
  const daysAgo = (days: number) => new Date(now.getTime() - days * DAY_MS);
  for (const client of await retentionSettings()) {
    result.clients += 1;
    const deleted = await deleteMessagesAndCallsBefore(client.clientId, daysAgo(client.messageDays));
    result.messagesDeleted += deleted.messages;
    result.callsDeleted += deleted.calls;
    result.recordingsDropped += await dropRecordingsBefore(client.clientId, daysAgo(client.recordingDays));
  }
  return result;
}
