/**
 * Message repository: the summaries the receptionist hands over. Plain objects out.
 * Extended by the follow-up pipeline (message-follow-ups, and the delivery log in deliveries.ts)
 * and the web list (queries, actions).
 */
import { createHash } from 'node:crypto';
import { Types } from 'mongoose';
import { NotFoundError } from '../domain/errors';
import { SEARCH_TEXT_VERSION, searchTextOf, type Searchable } from '../domain/search-text';
import type { MessageStatus } from '../domain/vocabulary';
import { isDuplicateKeyError } from './errors';
import { MessageModel, PendingFollowUpsModel, type MessageRecord } from './models';

export type Message = {
  id: string;
  clientId: string;
  callSid: string;
  callerName: string;
  callerNumber: string;
  callbackNumber: string;
  reason: string;
  urgent: boolean;
  transcription: string;
  recording: { sid: string; url: string; durationSeconds: number } | null;
  summary: string;
  status: MessageStatus;
  assigneeId: string | null;
  handledAt: Date | null;
  /** Who marked it handled; null for the API token, a message handled before this was kept, or open. */
  handledBy?: string | null;
  /** When someone first took it (claim or assignment), and who. */
  takenAt?: Date | null;
  takenBy?: string | null;
  acknowledgedAt: Date | null;
  notes: { id: string; at: Date; authorId: string | null; authorName: string; text: string }[];
  queuedAt: Date | null;
  /** Who took the message outside the assistants' list: the client, by answering its SMS. */
  claimedBy: ClientClaim | null;
  /** The short reference its urgent SMS carry ("OK 2"); null until one is rendered. */
  smsRef: number | null;
  createdAt: Date;
  updatedAt: Date;
};

/**
 * The client's claim of a message by SMS: `phone` the replying number (E.164), `label` how people
 * read it (the number in the client's national format).
 */
export type ClientClaim = { kind: 'client'; label: string; phone: string; at: Date };

export function toMessage(doc: MessageRecord & { createdAt?: Date; updatedAt?: Date }): Message {
  return {
    id: doc._id.toString(),
    clientId: doc.clientId.toString(),
    callSid: doc.callSid,
    callerName: doc.callerName ?? '',
    callerNumber: doc.callerNumber,
    callbackNumber: doc.callbackNumber ?? '',
    reason: doc.reason ?? '',
    urgent: Boolean(doc.urgent),
    transcription: doc.transcription ?? '',
    recording: doc.recording?.sid
      ? {
          sid: doc.recording.sid,
          url: doc.recording.url ?? '',
          durationSeconds: doc.recording.durationSeconds ?? 0,
        }
      : null,
    summary: doc.summary,
    status: doc.status as MessageStatus,
    assigneeId: doc.assigneeId ? doc.assigneeId.toString() : null,
    handledAt: doc.handledAt ?? null,
    handledBy: doc.handledBy ? doc.handledBy.toString() : null,
    takenAt: doc.takenAt ?? null,
    takenBy: doc.takenBy ? doc.takenBy.toString() : null,
    acknowledgedAt: doc.acknowledgedAt ?? null,
    notes: (doc.notes ?? []).map((n) => ({
      id: String((n as { _id?: unknown })._id ?? ''),
      at: n.at,
      authorId: n.authorId ? n.authorId.toString() : null,
      authorName: n.authorName,
      text: n.text,
    })),
    queuedAt: doc.queuedAt ?? null,
    claimedBy: doc.claimedBy?.at
      ? {
          kind: 'client',
          label: doc.claimedBy.label ?? '',
          phone: doc.claimedBy.phone ?? '',
          at: doc.claimedBy.at,
        }
      : null,
    smsRef: typeof doc.smsRef === 'number' ? doc.smsRef : null,
    createdAt: doc.createdAt ?? new Date(0),
    updatedAt: doc.updatedAt ?? new Date(0),
  };
}

/** What a call hands over: the caller's side of a message, before people work on it. */
export type NewMessage = Pick<
  Message,
  'clientId' | 'callSid' | 'callerName' | 'callerNumber' | 'callbackNumber' | 'reason' | 'urgent' | 'summary'
> &
  Partial<Pick<Message, 'transcription' | 'recording'>> & {
    /** Idempotency key; the CallSid for a message taken during a call. */
    key: string;
  };

/** The search fields of a message with these searchable fields, to write with them. */
export function searchFields(m: Searchable): { searchText: string; searchVersion: number } {
  return { searchText: searchTextOf(m), searchVersion: SEARCH_TEXT_VERSION };
}

/**
 * A message's `_id` derives from its key (one message per call: the key names the call), so storing,
 * finding and updating it are `_id` operations and two paths storing the same call's message meet
 * on one document. Still an ObjectId, as every message id the pages and the API handle.
 */
export function messageIdFor(key: string): Types.ObjectId {
  return new Types.ObjectId(createHash('sha256').update(key).digest().subarray(0, 12));
}

/**
 * Stores a message once per key: one insert. `created: false` when the key already has a message
 * (a replay, or the other path of the same call got there first); it is returned as stored.
 */
export async function insertMessage(input: NewMessage): Promise<{ message: Message; created: boolean }> {
  const _id = messageIdFor(input.key);
  // The marker first: should the process stop between the two inserts, the sweeper finds a marker
  // without a message (and drops it), never a message nobody will notify about.
  await markPending(_id);
  try {
    const doc = await MessageModel.create({
      ...input,
      ...searchFields(input),
      _id,
      clientId: new Types.ObjectId(input.clientId),
    });
    return { message: toMessage(doc.toObject() as never), created: true };
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
    const existing = await MessageModel.findById(_id).lean();
    if (!existing) throw err;
    return { message: toMessage(existing as never), created: false };
  }
}

async function markPending(_id: Types.ObjectId): Promise<void> {
  try {
    await PendingFollowUpsModel.collection.insertOne({ _id, createdAt: new Date() });
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
  }
}

export async function getMessage(id: string): Promise<Message> {
  if (!/^[0-9a-f]{24}$/i.test(id)) throw new NotFoundError(`message ${id} not found`);
  const doc = await MessageModel.findById(id).lean();
  if (!doc) throw new NotFoundError(`message ${id} not found`);
  return toMessage(doc as never);
}

/**
 * Completes a stored message with what another path of the same call collected: the caller's own
 * words over an empty fail-safe summary, a recording the message did not have. Never erases.
 */
export async function mergeMessage(input: NewMessage): Promise<Message | null> {
  const _id = messageIdFor(input.key);
  const existing = await MessageModel.findById(_id).lean();
  if (!existing) return null;
  const $set: Record<string, unknown> = {};
  const fill = (field: 'callerName' | 'reason' | 'transcription', value: string | undefined) => {
    if (value && !existing[field]) $set[field] = value;
  };
  fill('callerName', input.callerName);
  fill('reason', input.reason);
  fill('transcription', input.transcription);
  if (input.urgent && !existing.urgent) $set.urgent = true;
  if (input.recording && !existing.recording?.sid) $set.recording = input.recording;
  // The flow's summary names the caller and the reason; a fail-safe summary only the number.
  if (input.callerName || input.reason) $set.summary = input.summary;
  if (Object.keys($set).length === 0) return toMessage(existing as never);
  Object.assign($set, searchFields({ ...existing, ...$set }));
  const doc = await MessageModel.findByIdAndUpdate(_id, { $set }, { new: true }).lean();
  return doc ? toMessage(doc as never) : null;
}

/** What a transcription may fill in a message (the use case decides which fields are still free). */
export type TranscriptionFill = Partial<
  Pick<Message, 'callerName' | 'callbackNumber' | 'reason' | 'summary'>
>;

/**
 * Adds the transcription Twilio delivers after the call, with what `complete` reads from it, in one
 * write by key. Once per message: null when there is no message, or it already has its
 * transcription (a replayed callback changes nothing).
 */
export async function applyTranscription(
  key: string,
  transcription: string,
  complete: (message: Message) => Promise<TranscriptionFill> | TranscriptionFill,
): Promise<Message | null> {
  const _id = messageIdFor(key);
  const existing = await MessageModel.findById(_id).lean();
  if (!existing || existing.transcription) return null;
  const fill = await complete(toMessage(existing as never));
  // Guarded on the transcription still being empty: two deliveries of the callback at once write once.
  const doc = await MessageModel.findOneAndUpdate(
    { _id, transcription: existing.transcription ?? { $exists: false } },
    { $set: { ...fill, transcription, ...searchFields({ ...existing, ...fill, transcription }) } },
    { new: true },
  ).lean();
  return doc ? toMessage(doc as never) : null;
}
