/**
 * What the retention purge reads and removes, one bounded batch per call: the purge (src/app/
 * retention.ts) loops, so a large backlog is many short commands, never one long one holding
 * the store. Each filter is served by an index (`{clientId, date}`, `{date}` or `_id`): TTL
 * indexes would do this on MongoDB, but FerretDB v1 has none.
 */
import { Types, type mongo } from 'mongoose';
import { retentionSchema, type ClientProfile } from '../flow/profile';
import type { Searchable } from '../domain/search-text';
import { oneOf } from './filters';
import { searchFields } from './messages';
import {
  AuditEventModel,
  CallModel,
  ClientModel,
  AppointmentModel,
  ContactModel,
  DeliveryModel,
  MessageModel,
  MessageViewModel,
  OutboxModel,
} from './models';

export type RetentionSettings = ClientProfile['retention'] & {
  clientId: string;
  name: string;
  timezone: string;
};

/** Every client's retention, with the defaults of settings added since it was saved. */
export async function retentionSettings(): Promise<RetentionSettings[]> {
  const clients = await ClientModel.find({}, { name: 1, timezone: 1, retention: 1 }).lean();
  return clients.map((c) => ({
    clientId: String(c._id),
    name: String(c.name ?? ''),
    timezone: String(c.timezone ?? 'Europe/Paris'),
    ...retentionSchema.parse(c.retention ?? {}),
  }));
}

/** A message's recording at Twilio: its sid, or read from its URL when an old record lacks it. */
export type HeldRecording = { messageId: string; sid: string | null };

function recordingSid(recording: { sid?: string | null; url?: string | null } | null | undefined) {
  if (!recording) return null;
  return recording.sid || /\/Recordings\/(RE[0-9a-f]{32})/i.exec(recording.url ?? '')?.[1] || null;
}

const older = (clientId: string, field: string, before: Date) => ({
  clientId: new Types.ObjectId(clientId),
  [field]: { $lt: before },
});

/** Up to `limit` of the client's messages created before `before`, with their recordings. */
export async function messagesBefore(
  clientId: string,
  before: Date,
  limit: number,
): Promise<HeldRecording[]> {
  const docs = await MessageModel.find(older(clientId, 'createdAt', before), { _id: 1, recording: 1 })
    .limit(limit)
    .lean();
  return docs.map((d) => ({ messageId: d._id.toString(), sid: recordingSid(d.recording) }));
}

/**
 * Deletes messages with their delivery logs and outbox entries: the logs first, so an interrupted
 * purge never leaves a log without its message.
 */
export async function deleteMessages(ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const oids = ids.map((id) => new Types.ObjectId(id));
  await DeliveryModel.deleteMany({ messageId: oneOf(oids) });
  await OutboxModel.deleteMany({ messageId: oneOf(ids) });
  await MessageViewModel.deleteMany({ messageId: oneOf(oids) });
  return (await MessageModel.deleteMany({ _id: oneOf(oids) })).deletedCount;
}

/** Up to `limit` of the client's messages created before `before` that still hold a recording. */
export async function recordingsBefore(
  clientId: string,
  before: Date,
  limit: number,
): Promise<(HeldRecording & { summary: string })[]> {
  const docs = await MessageModel.find(
    { ...older(clientId, 'createdAt', before), recording: { $ne: null } },
    { _id: 1, recording: 1, summary: 1 },
  )
    .limit(limit)
    .lean();
  return docs.map((d) => ({
    messageId: d._id.toString(),
    sid: recordingSid(d.recording),
    summary: d.summary,
  }));
}

/** Drops the recording references of these messages and sets the summaries given; answers how many. */
export async function dropRecordings(dropped: { messageId: string; summary: string }[]): Promise<number> {
  if (dropped.length === 0) return 0;
  const result = await MessageModel.bulkWrite(
    dropped.map((d) => ({
      updateOne: {
        filter: { _id: new Types.ObjectId(d.messageId) },
        update: { $set: { recording: null, summary: d.summary } },
      },
    })),
    { ordered: false },
  );
  return result.modifiedCount;
}

export type HeldTranscription = {
  messageId: string;
  transcription: string;
  summary: string;
  /** The message's other searchable fields: its `searchText` is rewritten without the transcription. */
  searchable: Searchable;
};

/** Up to `limit` of the client's messages created before `before` that still hold a transcription. */
export async function transcriptionsBefore(
  clientId: string,
  before: Date,
  limit: number,
): Promise<HeldTranscription[]> {
  const docs = await MessageModel.find(
    { ...older(clientId, 'createdAt', before), transcription: { $ne: '' } },
    { _id: 1, transcription: 1, summary: 1, callerName: 1, callerNumber: 1, callbackNumber: 1, reason: 1 },
  )
    .limit(limit)
    .lean();
  return docs.map((d) => ({
    messageId: d._id.toString(),
    transcription: d.transcription ?? '',
    summary: d.summary,
    searchable: {
      callerName: d.callerName,
      callerNumber: d.callerNumber,
      callbackNumber: d.callbackNumber,
      reason: d.reason,
    },
  }));
}

/**
 * Empties the transcriptions of these messages and sets the summaries given (without them); the
 * search field is rewritten too, or the transcription's words would outlive it there.
 */
export async function clearTranscriptions(
  cleared: { messageId: string; summary: string; searchable: Searchable }[],
): Promise<number> {
  if (cleared.length === 0) return 0;
  const result = await MessageModel.bulkWrite(
    cleared.map((c) => ({
      updateOne: {
        filter: { _id: new Types.ObjectId(c.messageId) },
        update: {
          $set: {
            transcription: '',
            summary: c.summary,
            ...searchFields({ ...c.searchable, summary: c.summary, transcription: '' }),
          },
        },
      },
    })),
    { ordered: false },
  );
  return result.modifiedCount;
}

/** Finds up to `limit` documents, then deletes them by `_id`: a delete never runs unbounded. */
async function deleteBatch(
  model: { collection: mongo.Collection },
  filter: mongo.Filter<mongo.Document>,
  limit: number,
) {
  // The driver's collection: the filters are already typed (ObjectId, Date), and `_id` is whatever
  // the collection uses (ObjectId, a CallSid, a contact key).
  const docs = await model.collection
    .find(filter, { projection: { _id: 1 } })
    .limit(limit)
    .toArray();
  if (docs.length === 0) return 0;
  const result = await model.collection.deleteMany({ _id: oneOf(docs.map((d) => d._id)) });
  return result.deletedCount;
}

/** Deletes up to `limit` of the client's calls that started before `before`. */
export function deleteCallsBefore(clientId: string, before: Date, limit: number): Promise<number> {
  return deleteBatch(CallModel, older(clientId, 'startedAt', before), limit);
}

/** Deletes up to `limit` of the client's contact cards whose last call was before `before`. */
export function deleteContactsBefore(clientId: string, before: Date, limit: number): Promise<number> {
  return deleteBatch(ContactModel, older(clientId, 'lastCallAt', before), limit);
}

/** Deletes up to `limit` of the client's appointments that started before `before` (index `clientId, start`). */
export function deleteAppointmentsBefore(clientId: string, before: Date, limit: number): Promise<number> {
  return deleteBatch(AppointmentModel, { clientId, start: { $lt: before } }, limit);
}

/** Deletes up to `limit` outbox entries written before `before`. */
export function deleteOutboxBefore(before: Date, limit: number): Promise<number> {
  return deleteBatch(OutboxModel, { createdAt: { $lt: before } }, limit);
}

/** Deletes up to `limit` audit log entries from before `before`. */
export function deleteAuditBefore(before: Date, limit: number): Promise<number> {
  return deleteBatch(AuditEventModel, { at: { $lt: before } }, limit);
}
