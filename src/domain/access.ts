import type { UserRole } from './vocabulary';

/**
 * Who may see what, in one place: an admin sees every client, an assistant the clients they are
 * assigned. Every read and every action on a message goes through these rules, whatever the edge.
 */

/** The person or credential behind an action, as the audit log records them. */
export type Actor =
  | {
      type: 'user';
      id: string;
      /** How the audit log names them (their email). */
      label: string;
      /** How colleagues read their name (notes, assignee lists). */
      name: string;
      role: UserRole;
      clientIds: string[];
    }
  | { type: 'api-token'; id: string; label: string }
  | { type: 'system'; id: string; label: string };

/** The edges a change can come through, as the settings history names them. */
export const VIAS = ['api', 'web', 'sms', 'system'] as const;
export type Via = (typeof VIAS)[number];

/**
 * Where an action came from: the actor, the address the audit log keeps and the edge it came
 * through (`system` when unsaid: a script, a job).
 */
export type ActionSource = { actor: Actor; ip: string; via?: Via };

/** What an actor may read: everything (admin, API token, system) or the messages of some clients. */
export type MessageAccess = { all: true } | { all: false; clientIds: string[] };

export function accessOf(actor: Actor | { role: string; clientIds: string[] }): MessageAccess {
  if ('type' in actor && actor.type !== 'user') return { all: true };
  return actor.role === 'admin' ? { all: true } : { all: false, clientIds: [...actor.clientIds] };
}

export function canSeeClient(access: MessageAccess, clientId: string): boolean {
  return access.all || access.clientIds.includes(clientId);
}
