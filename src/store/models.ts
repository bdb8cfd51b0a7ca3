/**
 * mongoose models. Only what FerretDB v1 and MongoDB 7 both support: plain and compound unique
 * indexes on fields every document has, no TTL, sparse, partial or text indexes, no transactions.
 *
 * The client profile itself is validated by its zod schema (src/flow/profile.ts) before any write;
 * mongoose only stores it, so the two can never disagree.
 */
import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';
import { SECTORS, type ClientProfile } from '../flow/profile';
import {
  APPOINTMENT_STATUSES,
  DELIVERY_CHANNELS,
  DELIVERY_STATUSES,
  LOCALES,
  MESSAGE_STATUSES,
  USER_ROLES,
} from '../domain/vocabulary';
import { CALL_OUTCOMES } from '../flow/types';

const { Mixed } = Schema.Types;

// ---------------------------------------------------------------------------------------------
// Client: the tenant. Profile fields are typed by the zod schema; nested settings stay as stored.
export type ClientRecord = ClientProfile & {
  _id: Types.ObjectId;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
};

const clientSchema = new Schema<ClientRecord>(
  {
    name: { type: String, required: true, trim: true },
    numbers: { type: [String], required: true },
    locale: { type: String, required: true, enum: LOCALES },
    voice: { type: String },
    greeting: { type: String, default: '' },
    sector: { type: String, enum: SECTORS, default: 'other' },
    spokenName: { type: String, default: '' },
    greetKnownCallers: { type: Boolean },
    vocabulary: { type: [String], default: [] },
    safety: { type: Mixed, default: {} },
    timezone: { type: String, required: true },
    weeklyHours: { type: Mixed, required: true },
    closures: { type: Mixed, default: [] },
    override: { type: Mixed, default: null },
    address: { type: String, default: '' },
    transferTargets: { type: Mixed, default: [] },
    transfer: { type: Mixed, required: true },
    fallbackNumber: { type: String },
    vipNumbers: { type: [String], default: [] },
    blockedNumbers: { type: [String], default: [] },
    urgencyKeywords: { type: [String], default: [] },
    rules: { type: Mixed, default: [] },
    defaultAction: { type: Mixed, required: true },
    messageTaking: { type: Mixed, required: true },
    consent: { type: Mixed, required: true },
    retention: { type: Mixed, required: true },
    notifications: { type: Mixed, required: true },
    appointments: { type: Mixed, default: {} },
    maxCallSeconds: { type: Number, required: true },
    active: { type: Boolean, default: true },
  },
  { timestamps: true, minimize: false },
);
clientSchema.index({ name: 1 });
export const ClientModel = mongoose.model<ClientRecord>('Client', clientSchema);

/**
 * One document per dedicated number. Numbers live here (not only in Client.numbers) because
 * FerretDB v1 does not enforce unique indexes on array elements; this collection's plain unique
 * index makes "a number belongs to one client" hold on both FerretDB and MongoDB.
 */
const phoneNumberSchema = new Schema(
  {
    number: { type: String, required: true, unique: true },
    clientId: { type: Schema.Types.ObjectId, ref: 'Client', required: true, index: true },
  },
  { timestamps: true },
);
export const PhoneNumberModel = mongoose.model('PhoneNumber', phoneNumberSchema);

// ---------------------------------------------------------------------------------------------
const callStepSchema = new Schema(
  {
    at: { type: Date, required: true },
    name: { type: String, required: true },
    detail: { type: String, default: '' },
  },
  { _id: false },
);

const callSchema = new Schema(
  {
    /** The CallSid itself: the record is written once, when the call ends, and found by it. */
    _id: { type: String, required: true },
    callSid: { type: String, required: true },
    clientId: { type: Schema.Types.ObjectId, ref: 'Client', required: true },
    from: { type: String, required: true },
    to: { type: String, required: true },
    status: { type: String, required: true, default: 'completed' },
    locale: { type: String, default: 'fr-FR' },
    steps: { type: [callStepSchema], default: [] },
    outcome: { type: String, enum: CALL_OUTCOMES, required: true, default: 'in-progress' },
    startedAt: { type: Date, required: true },
    endedAt: { type: Date },
    durationSeconds: { type: Number },
  },
  { timestamps: true, minimize: false },
);
// The call log (src/store/call-log.ts) sorts on (startedAt, _id): each of its indexes ends with
// both, and its filters (client or allowed clients, outcome, caller number) are the equality prefix.
callSchema.index({ clientId: 1, startedAt: -1, _id: -1 }); // a client's calls, counts, the digest
callSchema.index({ clientId: 1, outcome: 1, startedAt: -1, _id: -1 }); // a client's calls of one outcome
callSchema.index({ outcome: 1, startedAt: -1, _id: -1 }); // an admin's calls of one outcome
callSchema.index({ startedAt: -1, _id: -1 }); // an admin's unfiltered call log
callSchema.index({ from: 1, startedAt: -1, _id: -1 }); // a caller's calls: the log, access requests, erasure
callSchema.index({ clientId: 1, from: 1, startedAt: -1, _id: -1 }); // a caller's calls to one client
callSchema.index({ from: 1, outcome: 1, startedAt: -1, _id: -1 }); // a caller's calls of one outcome
callSchema.index({ clientId: 1, from: 1, outcome: 1, startedAt: -1, _id: -1 }); // the same, one client
callSchema.index({ updatedAt: 1 }); // the reports' refresh: calls put on record since its last look

export const CallModel = mongoose.model('Call', callSchema);

// ---------------------------------------------------------------------------------------------
const noteSchema = new Schema(
  {
    at: { type: Date, required: true },
    authorId: { type: Schema.Types.ObjectId, ref: 'User' },
    authorName: { type: String, required: true },
    text: { type: String, required: true, maxlength: 2000 },
  },
  { _id: true },
);

const messageSchema = new Schema(
  {
    /** Idempotency key: one message per call (the CallSid), or a generated id otherwise. */
    key: { type: String, required: true, unique: true },
    clientId: { type: Schema.Types.ObjectId, ref: 'Client', required: true },
    callSid: { type: String, required: true },
    callerName: { type: String, default: '' },
    callerNumber: { type: String, required: true },
    callbackNumber: { type: String, default: '' },
    reason: { type: String, default: '' },
    urgent: { type: Boolean, required: true, default: false },
    transcription: { type: String, default: '' },
    recording: {
      type: new Schema({ sid: String, url: String, durationSeconds: Number }, { _id: false }),
      default: null,
    },
    summary: { type: String, required: true },
    status: { type: String, enum: MESSAGE_STATUSES, required: true, default: 'new' },
    assigneeId: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    handledAt: { type: Date, default: null },
    /** Who marked it handled (a user; null for the API token or before this was recorded). */
    handledBy: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    /** When someone first took it (claim or assignment) and who: the reports' time to claim. */
    takenAt: { type: Date, default: null },
    takenBy: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    acknowledgedAt: { type: Date, default: null },
    notes: { type: [noteSchema], default: [] },
    /** Set once follow-ups are queued; the sweeper queues what was stored but not queued. */
    queuedAt: { type: Date, default: null },
    /** Set when the client took the message by answering its SMS ("OK", "OK 2"). */
    claimedBy: {
      type: new Schema({ kind: String, label: String, phone: String, at: Date }, { _id: false }),
      default: null,
    },
    /** The reference its urgent SMS carry ("OK 2"), set when the first is rendered (notify/sms-ref.ts). */
    smsRef: { type: Number, default: null },
    /** The searchable fields folded (src/domain/search-text.ts): what the list's search reads. */
    searchText: { type: String, default: '' },
    /** The folding `searchText` was written with; the backfill rewrites older ones. */
    searchVersion: { type: Number, default: 0 },
  },
  { timestamps: true, minimize: false },
);
// The lists sort on (createdAt, _id): each list index ends with both, or MongoDB sorts in memory.
messageSchema.index({ clientId: 1, createdAt: -1, _id: -1 }); // a client's list, counts, digest, purge
messageSchema.index({ clientId: 1, status: 1, createdAt: -1, _id: -1 }); // a client's status tab
messageSchema.index({ status: 1, createdAt: -1, _id: -1 }); // an admin's status tab
messageSchema.index({ createdAt: -1, _id: -1 }); // an admin's unfiltered list and export
messageSchema.index({ clientId: 1, urgent: 1, createdAt: -1, _id: -1 }); // a client's urgency filter
messageSchema.index({ urgent: 1, createdAt: -1, _id: -1 }); // an admin's urgency filter
messageSchema.index({ queuedAt: 1, createdAt: 1 }); // the sweeper
messageSchema.index({ callerNumber: 1, createdAt: -1 }); // a caller's messages: access and erasure
messageSchema.index({ callbackNumber: 1, createdAt: -1 }); // messages naming the number to call back
messageSchema.index({ callSid: 1 }); // the call log: the messages of a page of calls
// The cockpit's "to do" view (new and in progress): urgent first, then the longest waiting.
messageSchema.index({ clientId: 1, status: 1, urgent: -1, createdAt: 1, _id: 1 });
messageSchema.index({ status: 1, urgent: -1, createdAt: 1, _id: 1 });
messageSchema.index({ updatedAt: 1 }); // the reports' refresh: messages changed since its last look
export type MessageRecord = InferSchemaType<typeof messageSchema> & { _id: Types.ObjectId };
export const MessageModel = mongoose.model('Message', messageSchema);

// ---------------------------------------------------------------------------------------------
const contactSchema = new Schema(
  {
    /** `<clientId>:<phone>`: every call looks its caller up, and FerretDB v1 serves `_id` lookups best. */
    _id: { type: String, required: true },
    clientId: { type: Schema.Types.ObjectId, ref: 'Client', required: true },
    phone: { type: String, required: true },
    name: { type: String, default: '' },
    calls: { type: Number, required: true, default: 0 },
    lastCallAt: { type: Date, default: null },
    vip: { type: Boolean, default: false },
    blocked: { type: Boolean, default: false },
  },
  { timestamps: true },
);
contactSchema.index({ clientId: 1, phone: 1 }, { unique: true });
contactSchema.index({ phone: 1 }); // a caller across clients: access and erasure
contactSchema.index({ clientId: 1, lastCallAt: 1 }); // the retention purge: cards of callers long gone
export type ContactRecord = InferSchemaType<typeof contactSchema>;
export const ContactModel = mongoose.model('Contact', contactSchema);

// ---------------------------------------------------------------------------------------------
const userSchema = new Schema(
  {
    email: { type: String, required: true, unique: true, lowercase: true, trim: true },
    name: { type: String, required: true, trim: true },
    role: { type: String, enum: USER_ROLES, required: true },
    passwordHash: { type: String, required: true },
    clientIds: { type: [Schema.Types.ObjectId], ref: 'Client', default: [] },
    locale: { type: String, enum: LOCALES, default: 'fr-FR' },
    active: { type: Boolean, default: true },
  },
  { timestamps: true },
);
export type UserRecord = InferSchemaType<typeof userSchema> & { _id: Types.ObjectId };
export const UserModel = mongoose.model('User', userSchema);

// ---------------------------------------------------------------------------------------------
const auditEventSchema = new Schema(
  {
    at: { type: Date, required: true },
    actor: {
      type: new Schema({ type: { type: String, required: true }, id: String, label: String }, { _id: false }),
      required: true,
    },
    action: { type: String, required: true },
    target: { type: new Schema({ type: String, id: String }, { _id: false }), default: null },
    clientId: { type: Schema.Types.ObjectId, ref: 'Client', default: null },
    ip: { type: String, default: '' },
    detail: { type: Mixed, default: null },
    /**
     * The keyed fingerprint of the caller's number an entry is about (an export, an erasure), or
     * '': the log can be searched by number without keeping the number (src/app/caller-key.ts).
     */
    callerKey: { type: String, default: '' },
  },
  { timestamps: false },
);
auditEventSchema.index({ at: -1 });
auditEventSchema.index({ 'actor.id': 1, at: -1 }); // one person's actions
auditEventSchema.index({ callerKey: 1, at: -1 }); // what was done about one caller
auditEventSchema.index({ clientId: 1, at: -1 });
auditEventSchema.index({ 'target.id': 1, at: -1 }); // the history of one record
auditEventSchema.index({ action: 1, at: -1 }); // the events of one kind
export type AuditEventRecord = InferSchemaType<typeof auditEventSchema> & { _id: Types.ObjectId };
export const AuditEventModel = mongoose.model('AuditEvent', auditEventSchema);

// ---------------------------------------------------------------------------------------------
/**
 * Notifications that were not sent to a provider (no Twilio credentials, no SMTP server): the
 * offline demo's outbox. The unique key (the delivery key) makes a replayed delivery a no-op.
 */
const outboxSchema = new Schema(
  {
    key: { type: String, required: true, unique: true },
    channel: { type: String, enum: DELIVERY_CHANNELS, required: true },
    to: { type: String, required: true },
    subject: { type: String, default: '' },
    body: { type: String, required: true },
    messageId: { type: String, default: '' },
    clientId: { type: String, default: '' },
  },
  { timestamps: true },
);
outboxSchema.index({ createdAt: -1 });
outboxSchema.index({ messageId: 1 }); // a message's notifications: access requests and erasure
outboxSchema.index({ clientId: 1, createdAt: -1 }); // a client's digests: erasure redacts them
export type OutboxRecord = InferSchemaType<typeof outboxSchema> & { _id: Types.ObjectId };
export const OutboxModel = mongoose.model('Outbox', outboxSchema);

// ---------------------------------------------------------------------------------------------
/**
 * The delivery log: one document per notification, `_id` = its delivery key (message + channel +
 * purpose + recipient index, also the BullMQ job id). Each job writes only its own document, by
 * `_id`, so deliveries of one message running at once never update the same document (FerretDB v1
 * applies concurrent updates of one document without isolation).
 */
const deliverySchema = new Schema(
  {
    _id: { type: String, required: true },
    messageId: { type: Schema.Types.ObjectId, ref: 'Message', required: true },
    clientId: { type: Schema.Types.ObjectId, ref: 'Client', required: true },
    channel: { type: String, enum: DELIVERY_CHANNELS, required: true },
    /** `notify`, `resendN` or `backup` (escalation steps are cancelled by an acknowledgement). */
    purpose: { type: String, required: true },
    to: { type: String, required: true },
    status: { type: String, enum: DELIVERY_STATUSES, required: true, default: 'pending' },
    attempts: { type: Number, required: true, default: 0 },
    lastError: { type: String },
    providerId: { type: String },
    /** Set just before a send, cleared with its outcome: still set means the outcome is unknown. */
    attemptStartedAt: { type: Date },
  },
  { timestamps: true },
);
// A message's log in order (message page, API, acknowledgement, retry); the purge by message.
deliverySchema.index({ messageId: 1, createdAt: 1, _id: 1 });
// The SMS reply: the latest SMS sent to a phone.
deliverySchema.index({ to: 1, channel: 1, status: 1, createdAt: -1 });
// The sweeper: pending entries whose job Redis may have lost, oldest first.
deliverySchema.index({ status: 1, createdAt: 1, _id: 1 });
deliverySchema.index({ clientId: 1, createdAt: 1 }); // the reports' rollup of a client's days
deliverySchema.index({ updatedAt: 1 }); // the reports' refresh: notifications sent or retried since
export type DeliveryRecord = InferSchemaType<typeof deliverySchema>;
export const DeliveryModel = mongoose.model('Delivery', deliverySchema);

// ---------------------------------------------------------------------------------------------
/**
 * Messages whose notifications are not queued yet, one small document each (`_id` = the message's),
 * removed once they are. The sweeper reads this collection instead of searching `messages` for
 * `queuedAt: null`: a search FerretDB v1 answers by scanning every message (seconds at 100,000),
 * every minute; this collection holds only the messages of the last moments.
 */
const pendingFollowUpsSchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false },
);
pendingFollowUpsSchema.index({ createdAt: 1 });
export const PendingFollowUpsModel = mongoose.model(
  'PendingFollowUps',
  pendingFollowUpsSchema,
  'pendingfollowups',
);

// ---------------------------------------------------------------------------------------------
/**
 * The history of a client's settings or of a user's role and access: one document per version,
 * written after each change (API, admin pages, SMS command, restore, erasure). `snapshot` is the
 * whole validated record after the change (a restore re-validates it), `changes` the readable diff
 * from the previous version. Never a password hash.
 */
const settingsVersionSchema = new Schema(
  {
    subjectType: { type: String, enum: ['client', 'user'], required: true },
    subjectId: { type: String, required: true },
    /** 1, 2, 3… per subject; the unique index makes two concurrent writers pick different numbers. */
    version: { type: Number, required: true },
    at: { type: Date, required: true },
    actor: {
      type: new Schema({ type: { type: String, required: true }, id: String, label: String }, { _id: false }),
      required: true,
    },
    /** The edge the change came through: `api`, `web`, `sms` or `system`. */
    via: { type: String, required: true },
    ip: { type: String, default: '' },
    /** `create`, `update`, `activate`, `deactivate`, `restore`, `baseline`, `erasure`… */
    action: { type: String, required: true },
    restoredFrom: { type: Number, default: null },
    snapshot: { type: Mixed, required: true },
    changes: { type: Mixed, default: [] },
  },
  { versionKey: false, minimize: false },
);
settingsVersionSchema.index({ subjectType: 1, subjectId: 1, version: -1 }, { unique: true });
export type SettingsVersionRecord = InferSchemaType<typeof settingsVersionSchema> & { _id: Types.ObjectId };
export const SettingsVersionModel = mongoose.model('SettingsVersion', settingsVersionSchema);

// ---------------------------------------------------------------------------------------------
/**
 * Recordings to delete at Twilio (erasure, retention), `_id` = the RecordingSid: kept until Twilio
 * confirms (204, or 404 once already gone), retried with backoff by the worker, so a deletion asked
 * for is never forgotten, whatever Redis loses.
 */
const recordingDeletionSchema = new Schema(
  {
    _id: { type: String, required: true },
    clientId: { type: String, required: true },
    /** `erasure` or `retention`. */
    reason: { type: String, required: true },
    status: { type: String, enum: ['pending', 'deleted'], required: true, default: 'pending' },
    requestedAt: { type: Date, required: true },
    nextAttemptAt: { type: Date, required: true },
    attempts: { type: Number, required: true, default: 0 },
    lastError: { type: String, default: '' },
    confirmedAt: { type: Date, default: null },
    /** How it was confirmed when Twilio was not asked, e.g. no Twilio account in development. */
    note: { type: String, default: '' },
  },
  { versionKey: false },
);
recordingDeletionSchema.index({ status: 1, nextAttemptAt: 1 }); // the worker's next deletions
recordingDeletionSchema.index({ requestedAt: -1 }); // the retention page's recent deletions
export const RecordingDeletionModel = mongoose.model('RecordingDeletion', recordingDeletionSchema);

// ---------------------------------------------------------------------------------------------
/** One run of the retention purge: when, and what it removed per client (the admin pages show it). */
const purgeRunSchema = new Schema(
  {
    startedAt: { type: Date, required: true },
    finishedAt: { type: Date, default: null },
    /** `schedule` (the nightly job) or `manual` (an admin's "run now"). */
    trigger: { type: String, required: true },
    totals: { type: Mixed, default: {} },
    clients: { type: Mixed, default: [] },
    error: { type: String, default: '' },
  },
  { versionKey: false, minimize: false },
);
purgeRunSchema.index({ startedAt: -1 });
export const PurgeRunModel = mongoose.model('PurgeRun', purgeRunSchema);

// ---------------------------------------------------------------------------------------------
/**
 * An appointment booked in a client's calendar (CalDAV, or the built-in book, where these records
 * are the calendar). `_id` is the event's UID in the calendar too, so the two are found by each other.
 */
const appointmentChangeSchema = new Schema(
  {
    at: { type: Date, required: true },
    /** `booked`, `moved`, `cancelled`, `reminded`. */
    action: { type: String, required: true },
    /** Who: `caller` (by phone or SMS), or the audit log's label of a user or token. */
    by: { type: String, required: true },
    via: { type: String, default: 'system' },
    previousStart: { type: Date, default: null },
  },
  { _id: false },
);

const appointmentSchema = new Schema(
  {
    _id: { type: String, required: true },
    clientId: { type: String, required: true },
    typeId: { type: String, required: true },
    typeName: { type: String, required: true },
    start: { type: Date, required: true },
    end: { type: Date, required: true },
    /** Kept free around the appointment, from its type when booked. */
    bufferMinutes: { type: Number, required: true, default: 0 },
    status: { type: String, enum: APPOINTMENT_STATUSES, required: true, default: 'booked' },
    callerName: { type: String, default: '' },
    callerNumber: { type: String, required: true },
    reason: { type: String, default: '' },
    locale: { type: String, enum: LOCALES, default: 'fr-FR' },
    /** The call it was booked in; empty when an assistant or the API booked it. */
    callSid: { type: String, default: '' },
    /** `call`, `web`, `api`. */
    bookedVia: { type: String, required: true },
    /** Where the event lives: `builtin`, or `caldav` with its resource URL and ETag. */
    calendar: {
      type: new Schema(
        { kind: { type: String, required: true }, href: String, etag: String },
        { _id: false },
      ),
      required: true,
    },
    /** When the reminder SMS is due (null: none), and when it went. */
    reminderAt: { type: Date, default: null },
    remindedAt: { type: Date, default: null },
    confirmationSentAt: { type: Date, default: null },
    cancelledAt: { type: Date, default: null },
    history: { type: [appointmentChangeSchema], default: [] },
  },
  { timestamps: true, minimize: false },
);
appointmentSchema.index({ clientId: 1, start: 1 }); // a client's day and week, the built-in book's busy times
appointmentSchema.index({ clientId: 1, callerNumber: 1, start: 1 }); // a caller's next appointment
appointmentSchema.index({ callerNumber: 1, start: 1 }); // a caller across clients: access and erasure
appointmentSchema.index({ reminderAt: 1 }); // the reminders' sweep: those due soon whose job Redis lost
appointmentSchema.index({ confirmationSentAt: 1, createdAt: 1 }); // the sweep: confirmations never queued
appointmentSchema.index({ callSid: 1 }); // the call log: the appointments of a page of calls
export type AppointmentRecord = InferSchemaType<typeof appointmentSchema>;
export const AppointmentModel = mongoose.model('Appointment', appointmentSchema);

// ---------------------------------------------------------------------------------------------
/**
 * A client's CalDAV calendar, `_id` = the client's id. The password is stored encrypted
 * (AES-256-GCM, key from the environment) and never leaves the store's door decrypted except to
 * the calendar client.
 */
const calendarConnectionSchema = new Schema(
  {
    _id: { type: String, required: true },
    /** The calendar collection's URL (…/calendars/dr-martin/ or a server root to discover from). */
    url: { type: String, required: true },
    username: { type: String, required: true },
    /** `iv.tag.ciphertext`, base64url: see src/infra/secret-box.ts. */
    passwordSealed: { type: String, required: true },
    /** The last "test the connection", or the last failure seen in a call. */
    checkedAt: { type: Date, default: null },
    checkOk: { type: Boolean, default: null },
    checkError: { type: String, default: '' },
  },
  { timestamps: true, minimize: false },
);
export const CalendarConnectionModel = mongoose.model('CalendarConnection', calendarConnectionSchema);

/**
 * Which user opened which message (the cockpit's unread markers). `_id` is `<userId>:<messageId>`,
 * so a page of rows is one `_id $in` read; `messageId` lets a message's deletion take them along.
 */
const messageViewSchema = new Schema(
  {
    _id: { type: String, required: true },
    userId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    messageId: { type: Schema.Types.ObjectId, ref: 'Message', required: true, index: true },
    at: { type: Date, required: true },
  },
  { versionKey: false },
);
export const MessageViewModel = mongoose.model('MessageView', messageViewSchema, 'message_views');

export const ALL_MODELS = [
  ClientModel,
  PhoneNumberModel,
  CallModel,
  MessageModel,
  ContactModel,
  UserModel,
  AuditEventModel,
  DeliveryModel,
  PendingFollowUpsModel,
  SettingsVersionModel,
  RecordingDeletionModel,
  PurgeRunModel,
  AppointmentModel,
  CalendarConnectionModel,
  MessageViewModel,
] as const;
