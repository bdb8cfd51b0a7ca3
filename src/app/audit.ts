/** The audit trail of people's actions: one entry per action or read of caller data, after it succeeded. */
import type { ActionSource } from '../domain/access';
import { recordAudit } from '../store/audit';

export type AuditedAction = {
  /** Dotted verb such as `client.create` or `message.claim`. */
  action: string;
  /** The record acted on; none for reads of many (a list, an export). */
  target?: { type: 'client' | 'user' | 'message' | 'appointment' | 'call'; id: string } | null;
  clientId?: string | null;
  /** What changed, by field name; never secrets. */
  detail?: Record<string, unknown> | null;
  /** The fingerprint of the caller's number the action is about (`callerKey`), never the number. */
  callerKey?: string;
};

export function audit(source: ActionSource, entry: AuditedAction, now: Date = new Date()): Promise<void> {
  const { type, id, label } = source.actor;
  return recordAudit(
    {
      actor: { type, id, label },
      action: entry.action,
      target: entry.target ?? null,
      clientId: entry.clientId ?? null,
      ip: source.ip,
      detail: entry.detail ?? null,
      ...(entry.callerKey ? { callerKey: entry.callerKey } : {}),
    },
    now,
  );
}
