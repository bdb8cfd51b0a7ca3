/** The audit log: who did what to which caller data, and when. Append-only. */
import { Types } from 'mongoose';
import { AuditEventModel } from './models';

export type AuditActor = {
  type: 'user' | 'anonymous' | 'system' | 'api-token';
  id?: string;
  label?: string;
};

export type AuditEntry = {
  actor: AuditActor;
  /** A closed vocabulary, e.g. `message.view`, `message.handle`, `login.failure`. */
  action: string;
  target?: { type: string; id: string } | null;
  clientId?: string | null;
  ip?: string;
  detail?: Record<string, unknown> | null;
  /** The keyed fingerprint of the caller's number the entry is about (src/app/caller-key.ts). */
  callerKey?: string;
};

export async function recordAudit(entry: AuditEntry, now: Date = new Date()): Promise<void> {
  await AuditEventModel.create({
    at: now,
    actor: entry.actor,
    action: entry.action,
    target: entry.target ?? null,
    clientId: entry.clientId && Types.ObjectId.isValid(entry.clientId) ? entry.clientId : null,
    ip: entry.ip ?? '',
    detail: entry.detail ?? null,
    callerKey: entry.callerKey ?? '',
  });
}

/** The latest 500 events of one record or of one kind, newest first (each filter has its index). */
export async function listAuditEvents(filter: { action?: string; targetId?: string } = {}) {
  const query = filter.targetId
    ? { 'target.id': filter.targetId }
    : filter.action
      ? { action: filter.action }
      : {};
  const events = await AuditEventModel.find(query).sort({ at: -1 }).limit(500).lean();
  // A record's history is short: its events of one kind are picked here rather than indexed.
  return filter.targetId && filter.action ? events.filter((e) => e.action === filter.action) : events;
}
