/**
 * The cockpit's "to do" queue: open messages (new and in progress), urgent first, then the one
 * that has waited longest — an answering service calls back in the order people called. Served by
 * the `{clientId, status, urgent: -1, createdAt: 1, _id: 1}` index (status `$in`: a merge sort).
 */
import type { FilterQuery } from 'mongoose';
import type { MessageAccess } from '../domain/access';
import type { MessageStatus } from '../domain/vocabulary';
import { oid } from './filters';
import { buildQuery, countByStatus, type MessageFilter } from './message-queries';
import { toMessage, type Message } from './messages';
import { MessageModel } from './models';

/** The statuses that still need someone. */
export const OPEN_STATUSES = ['new', 'in_progress'] as const satisfies readonly MessageStatus[];

const QUEUE_ORDER = { urgent: -1, createdAt: 1, _id: 1 } as const;

/** Keyset position in the queue order: messages strictly after this one. */
export type QueueCursor = { urgent: boolean; createdAt: Date; id: string };

function after(query: FilterQuery<unknown>, c: QueueCursor): FilterQuery<unknown> {
  const keyset: FilterQuery<unknown>[] = [
    ...(c.urgent ? [{ urgent: false }] : []),
    { urgent: c.urgent, createdAt: { $gt: c.createdAt } },
    { urgent: c.urgent, createdAt: c.createdAt, _id: { $gt: oid(c.id) } },
  ];
  const { $or: search, ...rest } = query;
  return search ? { ...rest, $and: [{ $or: search }, { $or: keyset }] } : { ...rest, $or: keyset };
}

/** A page of the open messages of the filter (its own status is ignored), in the queue order. */
export async function listOpenMessages(
  access: MessageAccess,
  filter: MessageFilter,
  page: { limit: number; after?: QueueCursor },
): Promise<{ messages: Message[]; next: QueueCursor | null }> {
  const query = buildQuery(access, { ...filter, status: OPEN_STATUSES });
  const docs = await MessageModel.find(page.after ? after(query, page.after) : query)
    .select({ notes: 0, transcription: 0 })
    .sort(QUEUE_ORDER)
    .limit(page.limit + 1)
    .lean();
  const messages = docs.slice(0, page.limit).map((d) => toMessage(d as never));
  const last = messages[messages.length - 1];
  return {
    messages,
    next:
      docs.length > page.limit && last
        ? { urgent: last.urgent, createdAt: last.createdAt, id: last.id }
        : null,
  };
}

/** How many urgent messages still need someone, over every client the user may see. */
export async function countUrgentOpen(access: MessageAccess): Promise<number> {
  return (await countByStatus(access, { urgent: true })).urgentOpen;
}
