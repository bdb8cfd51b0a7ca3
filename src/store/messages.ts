/**
 * Message repository: the summaries the receptionist hands over. Plain objects out.
 * Extended by the follow-up pipeline (message-follow-ups, and the delivery log in deliveries.ts)
 * and the web list (queries, actions).
 */
import { Types } from 'mongoose';
import { isDuplicateKeyError, NotFoundError } from './errors';
import { MessageModel, type MessageRecord } from './models';

export type MessageStatus = 'new' | 'in_progress' | 'handled';

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
  acknowledgedAt: Date | null;
  notes: { id: string; at: Date; authorId: string | null; authorName: string; text: string }[];
  queuedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

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
    acknowledgedAt: doc.acknowledgedAt ?? null,
    notes: (doc.notes ?? []).map((n) => ({
      id: String((n as { _id?: unknown })._id ?? ''),
      at: n.at,
      authorId: n.authorId ? n.authorId.toString() : null,
      authorName: n.authorName,
      text: n.text,
    })),
    queuedAt: doc.queuedAt ?? null,
    createdAt: doc.createdAt ?? new Date(0),
    updatedAt: doc.updatedAt ?? new Date(0),
  };
}

export type NewMessage = {
  /** Idempotency key; the CallSid for a message taken during a call. */
  key: string;
  clientId: string;
  callSid: string;
  callerName: string;
  callerNumber: string;
  callbackNumber: string;
  reason: string;
  urgent: boolean;
  summary: string;
  transcription?: string;
  recording?: { sid: string; url: string; durationSeconds: number } | null;
};

/**
 * Stores a message once per key. A replayed webhook finds the existing one: `created` tells the
 * caller whether follow-ups still have to be queued by this request.
 */
export async function storeMessage(input: NewMessage): Promise<{ message: Message; created: boolean }> {
  try {
    const doc = await MessageModel.create({ ...input, clientId: new Types.ObjectId(input.clientId) });
    return { message: toMessage(doc.toObject() as never), created: true };
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
    const existing = await MessageModel.findOne({ key: input.key }).lean();
    if (!existing) throw err;
    return { message: toMessage(existing as never), created: false };
  }
}

export async function getMessage(id: string): Promise<Message> {
  if (!/^[0-9a-f]{24}$/i.test(id)) throw new NotFoundError(`message ${id} not found`);
  const doc = await MessageModel.findById(id).lean();
  if (!doc) throw new NotFoundError(`message ${id} not found`);
  return toMessage(doc as never);
}

export async function findMessageByKey(key: string): Promise<Message | null> {
  const doc = await MessageModel.findOne({ key }).lean();
  return doc ? toMessage(doc as never) : null;
}

/**
 * Creates the message or, when the call already produced it (the engine emits it again with more
 * content, or Twilio retried), updates its content. `created` is true only for the first write.
 */
export async function upsertMessage(input: NewMessage): Promise<{ message: Message; created: boolean }> {
  const stored = await storeMessage(input);
  if (stored.created) return stored;
  const { key, clientId, callSid, ...content } = input;
  void clientId;
  void callSid;
  const doc = await MessageModel.findOneAndUpdate({ key }, { $set: content }, { new: true }).lean();
  return { message: doc ? toMessage(doc as never) : stored.message, created: false };
}

/** Finds the message a fail-safe recording produced, by its recording id. */
export async function attachTranscriptionByRecording(
  recordingSid: string,
  transcription: string,
): Promise<Message | null> {
  const doc = await MessageModel.findOneAndUpdate(
    { 'recording.sid': recordingSid },
    { $set: { transcription } },
    { new: true },
  ).lean();
  return doc ? toMessage(doc as never) : null;
}

/** Adds the transcription that Twilio delivers after the call, and refreshes the summary. */
export async function attachTranscription(
  key: string,
  transcription: string,
  summary?: string,
): Promise<Message | null> {
  const doc = await MessageModel.findOneAndUpdate(
    { key },
    { $set: { transcription, ...(summary ? { summary } : {}) } },
    { new: true },
  ).lean();
  return doc ? toMessage(doc as never) : null;
}
