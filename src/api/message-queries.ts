/**
 * The admin API's message list on top of the store's: its query string mapped to the store's
 * filter, and its cursor (base64url of `<ms>.<id>`) or numbered pages; newest first.
 */
import { HttpError } from '../http/errors';
import { listMessages as listStoredMessages, type Cursor } from '../store/message-queries';
import type { Message } from '../store/messages';
import type { MessageListQuery } from './schemas';

const DEFAULT_LIMIT = 25;

export function encodeCursor(m: Cursor): string {
  return Buffer.from(`${m.createdAt.getTime()}.${m.id}`).toString('base64url');
}

function decodeCursor(cursor: string): Cursor {
  const match = /^(\d{1,15})\.([0-9a-f]{24})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match)
    throw new HttpError(400, 'invalid query', [{ path: 'query.cursor', message: 'unknown cursor' }]);
  return { createdAt: new Date(Number(match[1])), id: match[2]! };
}

export async function listMessages(
  q: MessageListQuery,
): Promise<{ data: Message[]; nextCursor: string | null }> {
  if (q.cursor && q.page) {
    throw new HttpError(400, 'invalid query', [{ path: 'query.page', message: 'use either cursor or page' }]);
  }
  const limit = q.limit ?? DEFAULT_LIMIT;
  const { messages, next } = await listStoredMessages(
    { all: true },
    { clientId: q.clientId, status: q.status, urgent: q.urgent, from: q.from, to: q.to },
    {
      limit,
      before: q.cursor ? decodeCursor(q.cursor) : undefined,
      skip: q.page ? (q.page - 1) * limit : 0,
    },
  );
  return { data: messages, nextCursor: next ? encodeCursor(next) : null };
}
