/**
 * What the assistants' cockpit reads beyond the plain list: the "to do" queue with its own keyset
 * cursor, the tab counts with the open urgent ones, and each user's unread markers.
 */
import { InvalidInputError } from '../domain/errors';
import type { MessageAccess } from '../domain/access';
import type { MessageStatus } from '../domain/vocabulary';
import { countByStatus, type MessageFilter } from '../store/message-queries';
import { countUrgentOpen, listOpenMessages, OPEN_STATUSES, type QueueCursor } from '../store/message-queue';
import { assignableUsers, type AssignableUser } from '../store/message-actions';
import { markMessageViewed, viewedAmong } from '../store/message-views';
import type { Message } from '../store/messages';
import type { MessagePage } from './message-reads';

export { OPEN_STATUSES };

/** An opaque queue cursor: base64url of `q<0|1>.<createdAt ms>.<id>` (urgent, then the keyset). */
export function encodeQueueCursor(c: QueueCursor): string {
  return Buffer.from(`q${c.urgent ? 1 : 0}.${c.createdAt.getTime()}.${c.id}`).toString('base64url');
}

export function decodeQueueCursor(cursor: string): QueueCursor | null {
  const match = /^q([01])\.(\d{1,15})\.([0-9a-f]{24})$/.exec(
    Buffer.from(cursor, 'base64url').toString('utf8'),
  );
  return match ? { urgent: match[1] === '1', createdAt: new Date(Number(match[2])), id: match[3]! } : null;
}

/** A page of the open messages, urgent first then the longest waiting, after `cursor`. */
export async function listOpenPage(
  access: MessageAccess,
  filter: MessageFilter,
  page: { limit: number; cursor?: string },
): Promise<MessagePage> {
  const after = page.cursor ? decodeQueueCursor(page.cursor) : undefined;
  if (after === null) throw new InvalidInputError([{ path: 'before', message: 'unknown cursor' }]);
  const { messages, next } = await listOpenMessages(access, filter, { limit: page.limit, after });
  return { messages, nextCursor: next ? encodeQueueCursor(next) : null };
}

export type CockpitCounts = Record<MessageStatus, number> & {
  total: number;
  /** New and in progress: the "to do" tab. */
  open: number;
  /** Urgent messages still open over every visible client, whatever the filter (the tab title). */
  urgentOpen: number;
};

/** The tab counts of the filter (its status ignored) and the open urgent messages. */
export async function cockpitCounts(access: MessageAccess, filter: MessageFilter): Promise<CockpitCounts> {
  // The title's urgent count is about all the user's messages: the list's own counts give it when
  // the list is not narrowed, which saves a second pass over the messages.
  const narrowed = Object.entries(filter).some(([key, value]) => key !== 'status' && value !== undefined);
  const [counts, urgentOpen] = await Promise.all([
    countByStatus(access, filter),
    narrowed ? countUrgentOpen(access) : undefined,
  ]);
  return {
    ...counts,
    open: OPEN_STATUSES.reduce((n, s) => n + counts[s], 0),
    urgentOpen: urgentOpen ?? counts.urgentOpen,
  };
}

/** The ids among `messages` that this user has not opened yet (one read for the page). */
export async function unreadAmong(userId: string, messages: Message[]): Promise<Set<string>> {
  const seen = await viewedAmong(
    userId,
    messages.map((m) => m.id),
  );
  return new Set(messages.filter((m) => !seen.has(m.id)).map((m) => m.id));
}

/** The user opened the message: it is no longer unread for them (for them only). */
export const noteMessageOpened = (userId: string, messageId: string, at: Date) =>
  markMessageViewed(userId, messageId, at);

/**
 * The next message that needs someone (urgent first, then the longest waiting), preferring one that
 * nobody else holds among the first few; null when nothing is open.
 */
export async function nextOpenMessageId(access: MessageAccess, userId: string): Promise<string | null> {
  const { messages } = await listOpenMessages(access, {}, { limit: 10 });
  const free = messages.find((m) => !m.assigneeId || m.assigneeId === userId);
  return (free ?? messages[0])?.id ?? null;
}

/** Who the bulk bar may assign to: admins and the assistants of the visible clients, by name. */
export async function assignableForClients(clientIds: string[]): Promise<AssignableUser[]> {
  const lists = await Promise.all(clientIds.map((id) => assignableUsers(id)));
  const byId = new Map(lists.flat().map((u) => [u.id, u]));
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
}
