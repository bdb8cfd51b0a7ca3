/**
 * Everything the store holds about one caller's number, for an access request or an erasure: the
 * selection and the writes that erase it. Every read goes through an index (a caller's messages by
 * number, their calls by `from`, logs and notifications by message, audit entries by target or
 * fingerprint); free text (digests, settings history) is read per client and matched here.
 */
import { Types } from 'mongoose';
import { namesPhone } from '../domain/phone-pattern';
import { appointmentsOfCaller, type Appointment } from './appointments';
import { deliveriesOfMessages, type Delivery } from './deliveries';
import { toMessage, type Message } from './messages';
import {
  AuditEventModel,
  CallModel,
  ContactModel,
  MessageModel,
  OutboxModel,
  SettingsVersionModel,
  type MessageRecord,
} from './models';

export const BATCH = 500;

/** One value as a plain equality (FerretDB pushes it down; `$in` of one is a needless set). */
export const anyOf = <T>(values: T[]): T | { $in: T[] } =>
  values.length === 1 ? values[0]! : { $in: values };

export type CallerCall = {
  callSid: string;
  clientId: string;
  from: string;
  to: string;
  locale: string;
  status: string;
  outcome: string;
  steps: { name: string; detail: string; at: Date }[];
  startedAt: Date;
  endedAt: Date | null;
  durationSeconds: number | null;
};

export type CallerContact = {
  id: string;
  clientId: string;
  name: string;
  calls: number;
  lastCallAt: Date | null;
  vip: boolean;
  blocked: boolean;
};

export type CallerOutboxEntry = {
  id: string;
  key: string;
  channel: string;
  to: string;
  subject: string;
  body: string;
  messageId: string;
  clientId: string;
  createdAt: Date;
  /** `message`: a notification about one of the caller's messages; `digest`: a summary naming them. */
  kind: 'message' | 'digest';
};

export type CallerAuditEntry = {
  id: string;
  at: Date;
  action: string;
  actor: { type: string; id?: string; label?: string };
  target: { type?: string; id?: string } | null;
  clientId: string | null;
  detail: unknown;
};

export type CallerSettingsVersion = {
  id: string;
  subjectId: string;
  version: number;
  at: Date;
  action: string;
  snapshot: unknown;
  changes: unknown;
};

export type CallerData = {
  messages: Message[];
  calls: CallerCall[];
  contacts: CallerContact[];
  deliveries: Map<string, Delivery[]>;
  outbox: CallerOutboxEntry[];
  audit: CallerAuditEntry[];
  settingsVersions: CallerSettingsVersion[];
  /** Appointments booked for the number (by phone, by an assistant, through the API). */
  appointments: Appointment[];
};

export type Selection = {
  /** The E.164 number. */
  phone: string;
  /** Matches the number in any written form (src/domain/phone-pattern.ts). */
  pattern: RegExp;
  /** The number's fingerprint in the audit log. */
  callerKey: string;
  /** One client only, or every client. */
  clientId?: string;
  /** The clients whose settings history is read (all of them, or the one in scope). */
  clientIds: string[];
};

const inScope = (sel: Selection, clientId: unknown) => !sel.clientId || String(clientId) === sel.clientId;

/** The caller's messages: as the caller, or as the number to call back (indexes by number, date). */
async function findMessages(sel: Selection): Promise<Message[]> {
  const [asCaller, asCallback] = await Promise.all([
    MessageModel.find({ callerNumber: sel.phone }).sort({ createdAt: -1 }).lean(),
    MessageModel.find({ callbackNumber: sel.phone }).sort({ createdAt: -1 }).lean(),
  ]);
  const byId = new Map<string, Message>();
  for (const doc of [...asCaller, ...asCallback]) {
    if (!inScope(sel, doc.clientId)) continue;
    const message = toMessage(doc as MessageRecord);
    byId.set(message.id, message);
  }
  return [...byId.values()].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
}

type CallDoc = {
  _id: string;
  clientId: Types.ObjectId;
  from: string;
  to: string;
  locale?: string | null;
  status: string;
  outcome: string;
  steps?: { name: string; detail?: string | null; at: Date }[];
  startedAt: Date;
  endedAt?: Date | null;
  durationSeconds?: number | null;
};

const toCall = (doc: CallDoc): CallerCall => ({
  callSid: String(doc._id),
  clientId: String(doc.clientId),
  from: doc.from,
  to: doc.to,
  locale: doc.locale ?? 'fr-FR',
  status: doc.status,
  outcome: doc.outcome,
  steps: (doc.steps ?? []).map((s) => ({ name: s.name, detail: s.detail ?? '', at: s.at })),
  startedAt: doc.startedAt,
  endedAt: doc.endedAt ?? null,
  durationSeconds: doc.durationSeconds ?? null,
});

/**
 * Calls from the number (index `from, startedAt`), and the calls of its messages placed from
 * another phone (by `_id`) whose steps name it.
 */
async function findCalls(sel: Selection, messages: Message[]): Promise<CallerCall[]> {
  const fromNumber = (await CallModel.find({ from: sel.phone }).sort({ startedAt: -1 }).lean()) as CallDoc[];
  const byId = new Map(fromNumber.filter((d) => inScope(sel, d.clientId)).map((d) => [String(d._id), d]));
  const others = [...new Set(messages.map((m) => m.callSid))].filter((sid) => !byId.has(sid));
  for (let i = 0; i < others.length; i += BATCH) {
    const docs = (await CallModel.find({ _id: anyOf(others.slice(i, i + BATCH)) }).lean()) as CallDoc[];
    for (const doc of docs) {
      if (inScope(sel, doc.clientId) && namesPhone(JSON.stringify(doc.steps ?? []), sel.pattern)) {
        byId.set(String(doc._id), doc);
      }
    }
  }
  return [...byId.values()].map(toCall).sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime());
}

async function findContacts(sel: Selection): Promise<CallerContact[]> {
  const docs = await ContactModel.find({ phone: sel.phone }).lean();
  return docs
    .filter((d) => inScope(sel, d.clientId))
    .map((d) => ({
      id: String(d._id),
      clientId: String(d.clientId),
      name: d.name ?? '',
      calls: d.calls,
      lastCallAt: d.lastCallAt ?? null,
      vip: Boolean(d.vip),
      blocked: Boolean(d.blocked),
    }));
}

type OutboxDoc = {
  _id: Types.ObjectId;
  key: string;
  channel: string;
  to: string;
  subject?: string | null;
  body: string;
  messageId?: string | null;
  clientId?: string | null;
  createdAt: Date;
};

const toOutbox = (doc: OutboxDoc, kind: CallerOutboxEntry['kind']): CallerOutboxEntry => ({
  id: String(doc._id),
  key: doc.key,
  channel: doc.channel,
  to: doc.to,
  subject: doc.subject ?? '',
  body: doc.body,
  messageId: doc.messageId ?? '',
  clientId: doc.clientId ?? '',
  createdAt: doc.createdAt,
  kind,
});

/**
 * The notifications about the messages (index `messageId`), and the other entries of the clients
 * concerned that name the number (digests; index `clientId, createdAt`).
 */
async function findOutbox(sel: Selection, messageIds: string[], clientIds: string[]) {
  const entries: CallerOutboxEntry[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < messageIds.length; i += BATCH) {
    const docs = (await OutboxModel.find({
      messageId: anyOf(messageIds.slice(i, i + BATCH)),
    }).lean()) as OutboxDoc[];
    for (const doc of docs) {
      seen.add(String(doc._id));
      entries.push(toOutbox(doc, 'message'));
    }
  }
  for (const clientId of clientIds) {
    const docs = (await OutboxModel.find({ clientId }).sort({ createdAt: -1 }).lean()) as OutboxDoc[];
    for (const doc of docs) {
      if (seen.has(String(doc._id))) continue;
      if (namesPhone(`${doc.subject ?? ''}\n${doc.body}`, sel.pattern)) entries.push(toOutbox(doc, 'digest'));
    }
  }
  return entries.sort((x, y) => x.createdAt.getTime() - y.createdAt.getTime());
}

type AuditDoc = {
  _id: Types.ObjectId;
  at: Date;
  action: string;
  actor: CallerAuditEntry['actor'];
  target?: CallerAuditEntry['target'];
  clientId?: Types.ObjectId | null;
  detail?: unknown;
};

/**
 * Entries about the messages or appointments (index `target.id, at`) or carrying the fingerprint
 * (`callerKey, at`).
 */
async function findAudit(sel: Selection, messageIds: string[]): Promise<CallerAuditEntry[]> {
  const docs: AuditDoc[] = [];
  for (let i = 0; i < messageIds.length; i += BATCH) {
    const batch = messageIds.slice(i, i + BATCH);
    docs.push(
      ...((await AuditEventModel.find({ 'target.id': anyOf(batch) })
        .sort({ at: -1 })
        .lean()) as AuditDoc[]),
    );
  }
  const byKey = (await AuditEventModel.find({ callerKey: sel.callerKey })
    .sort({ at: -1 })
    .lean()) as AuditDoc[];
  const byId = new Map<string, AuditDoc>();
  for (const doc of [...docs, ...byKey]) {
    if (!sel.clientId || !doc.clientId || inScope(sel, doc.clientId)) byId.set(String(doc._id), doc);
  }
  return [...byId.values()]
    .sort((a, b) => b.at.getTime() - a.at.getTime())
    .map((d) => ({
      id: String(d._id),
      at: d.at,
      action: d.action,
      actor: { type: d.actor.type, id: d.actor.id, label: d.actor.label },
      target: d.target ?? null,
      clientId: d.clientId ? String(d.clientId) : null,
      detail: d.detail ?? null,
    }));
}

/** The versions of the clients' settings that name the number (index `subjectType, subjectId, version`). */
export async function findSettingsVersions(
  sel: Pick<Selection, 'clientIds' | 'pattern'>,
): Promise<CallerSettingsVersion[]> {
  const found: CallerSettingsVersion[] = [];
  for (const subjectId of sel.clientIds) {
    const docs = await SettingsVersionModel.find({ subjectType: 'client', subjectId })
      .sort({ version: -1 })
      .lean();
    for (const d of docs) {
      if (!namesPhone(JSON.stringify([d.snapshot, d.changes]), sel.pattern)) continue;
      found.push({
        id: String(d._id),
        subjectId: d.subjectId,
        version: d.version,
        at: d.at,
        action: d.action,
        snapshot: d.snapshot,
        changes: d.changes,
      });
    }
  }
  return found;
}

/** Everything stored about the number (in one client, or in all). */
export async function findCallerData(sel: Selection): Promise<CallerData> {
  const [messages, appointments] = await Promise.all([
    findMessages(sel),
    appointmentsOfCaller(sel.phone, sel.clientId),
  ]);
  const messageIds = messages.map((m) => m.id);
  const [calls, contacts, audit, settingsVersions] = await Promise.all([
    findCalls(sel, messages),
    findContacts(sel),
    findAudit(sel, [...messageIds, ...appointments.map((a) => a.id)]),
    findSettingsVersions(sel),
  ]);
  const deliveries = new Map<string, Delivery[]>();
  for (let i = 0; i < messageIds.length; i += BATCH) {
    for (const [id, log] of await deliveriesOfMessages(messageIds.slice(i, i + BATCH)))
      deliveries.set(id, log);
  }
  const concerned = [
    ...new Set([
      ...messages.map((m) => m.clientId),
      ...calls.map((c) => c.clientId),
      ...contacts.map((c) => c.clientId),
      ...appointments.map((a) => a.clientId),
    ]),
  ];
  const outbox = await findOutbox(sel, messageIds, concerned);
  return { messages, calls, contacts, deliveries, outbox, audit, settingsVersions, appointments };
}
