/** The audit trail of the admin API: one AuditEvent per state-changing call, written after it succeeded. */
import type { Request, Response } from 'express';
import { recordAudit } from '../store/audit';
import { actorOf } from './auth';

export type AuditEntry = {
  /** Dotted verb such as `client.create` or `message.note`. */
  action: string;
  target: { type: 'client' | 'user' | 'message'; id: string };
  clientId?: string | null;
  /** Which fields changed; never secrets. */
  detail?: Record<string, unknown>;
};

export async function audit(req: Request, res: Response, entry: AuditEntry): Promise<void> {
  await recordAudit({
    actor: actorOf(res),
    action: entry.action,
    target: entry.target,
    clientId: entry.clientId ?? null,
    ip: req.ip ?? '',
    detail: entry.detail ?? null,
  });
}
