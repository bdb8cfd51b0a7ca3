/**
 * Message events on Redis pub/sub, so every web instance can push live updates (server-sent
 * events) to the assistants' list, whichever instance stored the message.
 */
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { MESSAGE_EVENT_TYPES } from '../domain/vocabulary';

/** Within the project's key namespace (`redisNamespace`), like every other key. */
export function messageEventsChannel(namespace: string): string {
  return `receptionist:${namespace}:message-events`;
}

export const messageEventSchema = z.object({
  type: z.enum(MESSAGE_EVENT_TYPES),
  messageId: z.string(),
  clientId: z.string(),
  urgent: z.boolean().default(false),
});
export type MessageEvent = z.infer<typeof messageEventSchema>;

export async function publishMessageEvent(
  redis: Redis,
  namespace: string,
  event: MessageEvent,
): Promise<void> {
  await redis.publish(messageEventsChannel(namespace), JSON.stringify(event));
}

/** Subscribes with a dedicated connection (a subscribed ioredis connection can do nothing else). */
export async function subscribeMessageEvents(
  subscriber: Redis,
  namespace: string,
  onEvent: (event: MessageEvent) => void,
): Promise<() => Promise<void>> {
  const channel = messageEventsChannel(namespace);
  await subscriber.subscribe(channel);
  const listener = (from: string, raw: string) => {
    if (from !== channel) return;
    const parsed = messageEventSchema.safeParse(safeJson(raw));
    if (parsed.success) onEvent(parsed.data);
  };
  subscriber.on('message', listener);
  return async () => {
    subscriber.off('message', listener);
    await subscriber.unsubscribe(channel);
  };
}

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
}
