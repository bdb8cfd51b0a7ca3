/**
 * The writes of a caller's erasure: deletions where nothing must remain, anonymisation or
 * redaction where a record stays for someone else (a client's statistics, digests, the audit
 * trail, the settings history). Each write is idempotent: run again, it finds nothing left to do.
 */
import { Types } from 'mongoose';
import { namesPhone } from '../domain/phone-pattern';
import {
  anyOf,
  BATCH,
  type CallerAuditEntry,
  type CallerCall,
  type CallerSettingsVersion,
} from './caller-data';
import {
  AuditEventModel,
  CallModel,
  ContactModel,
  DeliveryModel,
  MessageModel,
  MessageViewModel,
  OutboxModel,
  PendingFollowUpsModel,
  SettingsVersionModel,
} from './models';

/** What replaces the caller's number in an anonymised call: readable, and no number. */
export const ERASED_CALLER = 'anonymised';
/** What replaces the number (and the name) in text that must stay (digests, history). */
export const ERASED_TEXT = '[effacé]';

const objectIds = (ids: string[]) => ids.map((id) => new Types.ObjectId(id));

/** Deletes the messages (their notes and transcriptions with them), their logs and notifications. */
export async function deleteMessagesAndTheirTraces(
  messageIds: string[],
): Promise<{ messages: number; deliveries: number; outbox: number }> {
  const counts = { messages: 0, deliveries: 0, outbox: 0 };
  for (let i = 0; i < messageIds.length; i += BATCH) {
    const batch = messageIds.slice(i, i + BATCH);
    const ids = objectIds(batch);
    counts.deliveries += (await DeliveryModel.deleteMany({ messageId: anyOf(ids) })).deletedCount;
    counts.outbox += (await OutboxModel.deleteMany({ messageId: anyOf(batch) })).deletedCount;
    await PendingFollowUpsModel.deleteMany({ _id: anyOf(ids) });
    await MessageViewModel.deleteMany({ messageId: anyOf(ids) });
    counts.messages += (await MessageModel.deleteMany({ _id: anyOf(ids) })).deletedCount;
  }
  return counts;
}

/** Replaces the number (and the caller's names) in text kept for someone else (a client's digest). */
export function redactText(text: string, pattern: RegExp, names: string[]): string {
  let out = text.replace(pattern, ERASED_TEXT);
  for (const name of names) if (name.trim().length >= 2) out = out.split(name.trim()).join(ERASED_TEXT);
  pattern.lastIndex = 0;
  return out;
}

export async function redactOutboxEntries(
  entries: { id: string; subject: string; body: string }[],
  pattern: RegExp,
  names: string[],
): Promise<number> {
  let changed = 0;
  for (const e of entries) {
    const subject = redactText(e.subject, pattern, names);
    const body = redactText(e.body, pattern, names);
    if (subject === e.subject && body === e.body) continue;
    await OutboxModel.updateOne({ _id: new Types.ObjectId(e.id) }, { $set: { subject, body } });
    changed += 1;
  }
  return changed;
}

export async function deleteContacts(ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  return (await ContactModel.deleteMany({ _id: anyOf(ids) })).deletedCount;
}

/**
 * Calls stay for the client's statistics (outcome, times, duration) without the caller: `from`
 * becomes a placeholder and the steps keep their names and times, not what was said.
 */
export async function anonymiseCalls(calls: CallerCall[], phone: string, pattern: RegExp): Promise<number> {
  let changed = 0;
  // One update by `_id` each, in turn: FerretDB serves `_id` writes by index, and SQLite takes one writer at a time.
  for (const c of calls) {
    const fromCaller = c.from === phone;
    const steps = c.steps.map((s) => ({
      name: s.name,
      at: s.at,
      detail: fromCaller ? '' : redactText(s.detail, pattern, []),
    }));
    const $set = { steps, ...(fromCaller ? { from: ERASED_CALLER } : {}) };
    changed += (await CallModel.updateOne({ _id: c.callSid }, { $set })).modifiedCount;
  }
  return changed;
}

/**
 * A value with every string scrubbed: an array item that is the number is dropped (a VIP list
 * stays a valid list of numbers), any other text naming it has it replaced.
 */
export function scrubValue(value: unknown, phone: string, pattern: RegExp): unknown {
  if (typeof value === 'string') return redactText(value, pattern, []);
  if (Array.isArray(value)) {
    return value
      .filter(
        (item) =>
          !(typeof item === 'string' && (item === phone || redactText(item, pattern, []) === ERASED_TEXT)),
      )
      .map((item) => scrubValue(item, phone, pattern));
  }
  if (value && typeof value === 'object' && !(value instanceof Date) && !(value instanceof Types.ObjectId)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubValue(v, phone, pattern)]));
  }
  return value;
}

/** Audit entries stay (who did what, when); the number leaves their detail and labels. */
export async function scrubAuditEntries(
  entries: CallerAuditEntry[],
  phone: string,
  pattern: RegExp,
): Promise<number> {
  let changed = 0;
  for (const e of entries) {
    if (!namesPhone(JSON.stringify([e.detail, e.actor.label ?? '']), pattern)) continue;
    const $set: Record<string, unknown> = { detail: scrubValue(e.detail, phone, pattern) };
    if (e.actor.label) $set['actor.label'] = redactText(e.actor.label, pattern, []);
    await AuditEventModel.updateOne({ _id: new Types.ObjectId(e.id) }, { $set });
    changed += 1;
  }
  return changed;
}

/** The number leaves the clients' settings history (snapshots and diffs). */
export async function scrubSettingsVersions(
  versions: CallerSettingsVersion[],
  phone: string,
  pattern: RegExp,
): Promise<number> {
  for (const v of versions) {
    await SettingsVersionModel.updateOne(
      { _id: new Types.ObjectId(v.id) },
      {
        $set: {
          snapshot: scrubValue(v.snapshot, phone, pattern),
          changes: scrubValue(v.changes, phone, pattern),
        },
      },
    );
  }
  return versions.length;
}
