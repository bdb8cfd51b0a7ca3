/** One AuditEvent per change made on the admin pages, after it succeeded. */
import type { Request, Response } from 'express';
import { recordAudit } from '../../store/audit';
import { currentUser } from '../auth';

export async function auditAdminChange(
  req: Request,
  res: Response,
  action: string,
  target: { type: 'client' | 'user'; id: string },
  detail: Record<string, unknown> = {},
): Promise<void> {
  const user = currentUser(res);
  await recordAudit({
    actor: { type: 'user', id: user.id, label: user.email },
    action,
    target,
    clientId: target.type === 'client' ? target.id : null,
    ip: req.ip ?? '',
    detail: { via: 'web', ...detail },
  });
}
