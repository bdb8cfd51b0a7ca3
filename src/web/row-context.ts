/** Data the list rows need beyond the messages: client names and time zones, assignee names. */
import { listClients } from '../store/clients';
import { type MessageAccess } from '../domain/access';
import type { Message } from '../store/messages';
import { userNames } from '../store/web-users';
import { texts, type Lang } from './i18n';
import type { RowContext } from './views/message-row';

export async function visibleClients(
  access: MessageAccess,
): Promise<{ id: string; name: string; timezone: string }[]> {
  const clients = await listClients(access.all ? {} : { ids: access.clientIds });
  return clients.map((c) => ({ id: c.id, name: c.name, timezone: c.timezone }));
}

export async function rowContext(
  lang: Lang,
  clients: { id: string; name: string; timezone: string }[],
  messages: Message[],
): Promise<RowContext> {
  const names = await userNames(messages.flatMap((m) => (m.assigneeId ? [m.assigneeId] : [])));
  return { lang, t: texts(lang), clients: new Map(clients.map((c) => [c.id, c])), names };
}
