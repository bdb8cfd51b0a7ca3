/**
 * What people read of messages — the list, its counts, the CSV export, one message with its call
 * and its notifications — with the tenancy rules applied and caller-data reads audited, for the web
 * pages and the admin API alike. One keyset cursor for both.
 */
import { accessOf, canSeeClient, type ActionSource, type MessageAccess } from '../domain/access';
import { InvalidInputError, NotFoundError } from '../domain/errors';
import { clientCountry, type CountryCode } from '../domain/phone';
import { listClientEntries } from '../store/clients';
import { deliveriesOf, deliveriesOfMessages, type Delivery } from '../store/deliveries';
import { assignableUsers, type AssignableUser } from '../store/message-actions';
import {
  callTimeline,
  getMessageFor,
  listMessages,
  messageIdOfCall,
  streamMessages,
  type Cursor,
  type MessageFilter,
} from '../store/message-queries';
import type { CallStep } from '../store/calls';
import type { Message } from '../store/messages';
import { userNames } from '../store/web-users';
import { audit } from './audit';

/** An opaque page cursor: base64url of `<createdAt ms>.<id>`, the keyset of the newest-first order. */
export function encodeCursor(c: Cursor): string {
  return Buffer.from(`${c.createdAt.getTime()}.${c.id}`).toString('base64url');
}

export function decodeCursor(cursor: string): Cursor | null {
  const match = /^(\d{1,15})\.([0-9a-f]{24})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return match ? { createdAt: new Date(Number(match[1])), id: match[2]! } : null;
}

export type MessagePage = { messages: Message[]; nextCursor: string | null };

/** A page of messages, newest first: after `cursor` (keyset) or `page` (numbered, from 1). */
export async function listMessagePage(
  access: MessageAccess,
  filter: MessageFilter,
  page: { limit: number; cursor?: string; page?: number },
): Promise<MessagePage> {
  if (page.cursor && page.page) {
    throw new InvalidInputError([{ path: 'page', message: 'use either cursor or page' }]);
  }
  const before = page.cursor ? decodeCursor(page.cursor) : undefined;
  if (before === null) throw new InvalidInputError([{ path: 'cursor', message: 'unknown cursor' }]);
  const { messages, next } = await listMessages(access, filter, {
    limit: page.limit,
    before,
    skip: page.page ? (page.page - 1) * page.limit : 0,
  });
  return { messages, nextCursor: next ? encodeCursor(next) : null };
}

/** The delivery logs of a page of messages, by message id (one query). */
export const deliveriesOfPage = (messages: Message[]) => deliveriesOfMessages(messages.map((m) => m.id));

/** Every message of the filter for the CSV export; a filter on a hidden client fails before the first row. */
export async function exportMessages(
  source: ActionSource,
  filter: MessageFilter,
  detail: Record<string, unknown>,
): Promise<AsyncIterable<Message>> {
  const access = accessOf(source.actor);
  if (filter.clientId && !canSeeClient(access, filter.clientId)) throw new NotFoundError('no such client');
  await audit(source, { action: 'messages.export', clientId: filter.clientId ?? null, detail });
  return streamMessages(access, filter);
}

/**
 * Records that a person read a page of the list (which filter, how many rows they saw); a list of
 * one client is that client's entry, so the access log finds it by client.
 */
export function auditListRead(
  source: ActionSource,
  detail: Record<string, unknown>,
  clientId?: string,
): Promise<void> {
  return audit(source, { action: 'messages.list', clientId: clientId ?? null, detail });
}

export type VisibleClient = { id: string; name: string; timezone: string; country: CountryCode | undefined };

/** The clients whose messages the actor may read, for filters and row labels. */
export async function visibleClients(access: MessageAccess): Promise<VisibleClient[]> {
  const clients = await listClientEntries(access.all ? {} : { ids: access.clientIds });
  return clients.map((c) => ({ id: c.id, name: c.name, timezone: c.timezone, country: clientCountry(c) }));
}

/** The message a call left (an appointment's call), if the actor may see it; one lookup by the unique key. */
export const messageOfCall = messageIdOfCall;

/** Display names of assignees, by user id. */
export const assigneeNames = (messages: Message[]) =>
  userNames(messages.flatMap((m) => (m.assigneeId ? [m.assigneeId] : [])));

/** One message the actor may read; a hidden one is a NotFoundError, exactly as a missing one. */
export const readMessage = (access: MessageAccess, id: string) => getMessageFor(access, id);

/** A message just read or changed, with its delivery log (one more query, not a second read). */
export async function withDeliveries(message: Message) {
  return { ...message, deliveries: await deliveriesOf(message.id) };
}

export async function readMessageWithDeliveries(access: MessageAccess, id: string) {
  return withDeliveries(await getMessageFor(access, id));
}

export type MessageFile = {
  message: Message;
  deliveries: Delivery[];
  timeline: CallStep[];
  /** Who the message may be assigned to. */
  users: AssignableUser[];
};

/** A message opened by a person: with its call, notifications and possible assignees; audited. */
export async function openMessage(source: ActionSource, id: string): Promise<MessageFile> {
  const message = await getMessageFor(accessOf(source.actor), id);
  const [deliveries, timeline, users] = await Promise.all([
    deliveriesOf(message.id),
    callTimeline(message),
    assignableUsers(message.clientId),
  ]);
  await audit(source, {
    action: 'message.view',
    target: { type: 'message', id: message.id },
    clientId: message.clientId,
  });
  return { message, deliveries, timeline, users };
}

/** A person listened to a message's recording. */
export function auditRecordingPlayed(source: ActionSource, message: Message): Promise<void> {
  return audit(source, {
    action: 'recording.play',
    target: { type: 'message', id: message.id },
    clientId: message.clientId,
  });
}
