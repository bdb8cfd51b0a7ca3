/** The access log in the admin API: its query string and its answer, for validation and OpenAPI. */
import { z } from 'zod';
import { auditLogFields, type AuditLogEntry } from '../app/audit-log';

export const auditQuerySchema = z.strictObject({
  user: auditLogFields.user.optional(),
  client: auditLogFields.client.optional(),
  caller: auditLogFields.caller.optional(),
  action: auditLogFields.action.optional(),
  from: auditLogFields.from.optional(),
  to: auditLogFields.to.optional(),
  before: auditLogFields.before.optional(),
});

const auditEventView = z.object({
  id: z.string(),
  at: z.iso.datetime(),
  actor: z.object({
    type: z.enum(['user', 'api-token', 'system', 'anonymous']),
    id: z.string().optional(),
    label: z.string().optional().meta({ description: 'A user’s email, or what names a system actor.' }),
    name: z.string().optional().meta({ description: 'A user’s display name.' }),
  }),
  action: z.string().meta({ description: 'e.g. message.view, caller.export, login.failure.' }),
  group: z.enum(['views', 'changes', 'sign-ins', 'caller-rights']).nullable(),
  target: z
    .object({ type: z.string(), id: z.string(), name: z.string().optional() })
    .nullable()
    .meta({ description: 'The record acted on: a message, a client or a user.' }),
  clientId: z.string().nullable(),
  clientName: z.string().nullable(),
  ip: z.string(),
  detail: z.record(z.string(), z.unknown()).nullable(),
});

export const auditPageView = z.object({
  events: z.array(auditEventView).meta({ description: 'Newest first, at most 50.' }),
  next: z.string().nullable().meta({
    description:
      'Pass as `before` for older entries. A page may hold fewer than 50 entries and still have a `next`: the search goes on from where it stopped.',
  }),
});

export function toAuditEventView(e: AuditLogEntry): z.output<typeof auditEventView> {
  return {
    id: e.id,
    at: e.at.toISOString(),
    actor: { ...e.actor, ...(e.who.kind === 'user' ? { name: e.who.name } : {}) },
    action: e.action,
    group: e.group,
    target: e.target ? { ...e.target, ...(e.targetName ? { name: e.targetName } : {}) } : null,
    clientId: e.clientId,
    clientName: e.clientName,
    ip: e.ip,
    detail: e.detail,
  };
}
