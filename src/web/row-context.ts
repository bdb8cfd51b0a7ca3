/** Data the list rows need beyond the messages: client names and time zones, assignee names. */
import { assigneeNames, type VisibleClient } from '../app/message-reads';
import type { Message } from '../store/messages';
import { texts, type Lang } from './i18n';
import type { RowContext } from './views/message-row';

export async function rowContext(
  lang: Lang,
  clients: VisibleClient[],
  messages: Message[],
): Promise<RowContext> {
  const names = await assigneeNames(messages);
  return { lang, t: texts(lang), clients: new Map(clients.map((c) => [c.id, c])), names };
}
