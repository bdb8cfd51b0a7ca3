/** The audit log: who did what to which caller data, and when. Append-only. */
import { Types } from 'mongoose';
import { AuditEventModel } from './models';

export type AuditActor = { type: 'user' | 'anonymous' | 'system'; id?: string; label?: string };

export type AuditEntry = {
  actor: AuditActor;
  /** A closed vocabulary, e.g. `message.view`, `message.handle`, `login.failure`. */
  action: string;
  target?: { type: string; id: string } | null;
  clientId?: string | null;
  ip?: string;
  detail?: Record<string, unknown> | null;
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
  });
}

export async function listAuditEvents(filter: { action?: string; targetId?: string } = {}) {
  const query: Record<string, unknown> = {};
  if (filter.action) query.action = filter.action;
  if (filter.targetId) query['target.id'] = filter.targetId;
  return AuditEventModel.find(query).sort({ at: -1 }).limit(500).lean();
}
