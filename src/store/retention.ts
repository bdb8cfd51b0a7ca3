/**
 * What the retention purge deletes, per client: filters on the client and a date, each served by
 * a `{clientId, date}` index. TTL indexes would do this on MongoDB, but FerretDB v1 has none.
 */
import { Types } from 'mongoose';
import { deleteDeliveriesOfMessagesBefore } from './deliveries';
import { CallModel, ClientModel, MessageModel } from './models';

export type RetentionSettings = { clientId: string; messageDays: number; recordingDays: number };

export async function retentionSettings(): Promise<RetentionSettings[]> {
  const clients = await ClientModel.find({}, { retention: 1 }).lean();
  return clients.map((c) => {
    const retention = c.retention as { messageDays: number; recordingDays: number };
    return { clientId: String(c._id), ...retention };
  });
}

/** Deletes the client's messages (with their delivery logs) and calls from before `before`. */
export async function deleteMessagesAndCallsBefore(
  clientId: string,
  before: Date,
): Promise<{ messages: number; calls: number }> {
  const id = new Types.ObjectId(clientId);
  // The logs first: an interrupted purge never leaves a log without its message.
  await deleteDeliveriesOfMessagesBefore(id, before);
  const messages = await MessageModel.deleteMany({ clientId: id, createdAt: { $lt: before } });
  const calls = await CallModel.deleteMany({ clientId: id, startedAt: { $lt: before } });
  return { messages: messages.deletedCount, calls: calls.deletedCount };
}

/** Drops the recording references of the client's messages from before `before`. */
export async function dropRecordingsBefore(clientId: string, before: Date): Promise<number> {
  const result = await MessageModel.updateMany(
    { clientId: new Types.ObjectId(clientId), createdAt: { $lt: before }, recording: { $ne: null } },
    { $set: { recording: null } },
  );
  return result.modifiedCount;
}
