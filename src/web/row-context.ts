/** Data the list rows need beyond the messages: client names and time zones, assignee names, unread markers. */
import { unreadAmong } from '../app/cockpit-reads';
import { assigneeNames, type VisibleClient } from '../app/message-reads';
import type { Message } from '../store/messages';
import { cockpitTexts } from './cockpit-texts';
import { texts, type Lang } from './i18n';
import type { RowContext } from './views/message-row';

export async function rowContext(
  lang: Lang,
  clients: VisibleClient[],
  messages: Message[],
  who: { userId: string; csrf: string; back: string },
): Promise<RowContext> {
  const [names, unread] = await Promise.all([assigneeNames(messages), unreadAmong(who.userId, messages)]);
  return {
    lang,
    t: texts(lang),
    ct: cockpitTexts(lang),
    clients: new Map(clients.map((c) => [c.id, c])),
    names,
    unread,
    me: who.userId,
    csrf: who.csrf,
    back: who.back,
  };
}
