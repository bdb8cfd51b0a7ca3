/**
 * Retention purge: deletes messages and calls older than each client's retention, and drops
 * recording references sooner when the client keeps recordings for less time than messages; closes
 * the live calls whose end Twilio never reported.
 * A scheduled job rather than TTL indexes, which FerretDB v1 does not support.
 */
import { closeStaleLiveCalls } from '../../store/calls';
import { deleteDeliveriesOfMessagesBefore } from '../../store/deliveries';
import { ClientModel, CallModel, MessageModel } from '../../store/models';

const DAY_MS = 86_400_000;

export type PurgeResult = {
  clients: number;
  messagesDeleted: number;
  callsDeleted: number;
  recordingsDropped: number;
  /** Calls whose end was never reported, closed as abandoned. */
  staleCallsClosed: number;
};

export async function purgeExpired(now: Date): Promise<PurgeResult> {
  const result: PurgeResult = {
    clients: 0,
    messagesDeleted: 0,
    callsDeleted: 0,
    recordingsDropped: 0,
    staleCallsClosed: await closeStaleLiveCalls(new Date(now.getTime() - DAY_MS)),
  };
  const clients = await ClientModel.find({}, { retention: 1 }).lean();
  for (const client of clients) {
    result.clients += 1;
    const retention = client.retention as { messageDays: number; recordingDays: number };
    const messagesBefore = new Date(now.getTime() - retention.messageDays * DAY_MS);
    const recordingsBefore = new Date(now.getTime() - retention.recordingDays * DAY_MS);
    await deleteDeliveriesOfMessagesBefore(client._id, messagesBefore);
    const messages = await MessageModel.deleteMany({
      clientId: client._id,
      createdAt: { $lt: messagesBefore },
    });
    const calls = await CallModel.deleteMany({ clientId: client._id, startedAt: { $lt: messagesBefore } });
    const recordings = await MessageModel.updateMany(
      { clientId: client._id, createdAt: { $lt: recordingsBefore }, recording: { $ne: null } },
      { $set: { recording: null } },
    );
    result.messagesDeleted += messages.deletedCount;
    result.callsDeleted += calls.deletedCount;
    result.recordingsDropped += recordings.modifiedCount;
  }
  return result;
}
