/**
 * The outbox: where SMS, calls and emails go when there are no provider credentials (the offline
 * demo). Stored in MongoDB and logged; the unique delivery key makes a replay a no-op.
 */
import type { Logger } from '../../infra/logger';
import { saveOutboxEntry, type OutboxEntry } from '../../store/outbox';

export type { OutboxEntry } from '../../store/outbox';

export async function writeOutbox(entry: OutboxEntry, logger: Logger): Promise<{ providerId: string }> {
  const { id, created } = await saveOutboxEntry(entry);
  if (created) {
    logger.info(
      `outbox ${entry.channel} to ${entry.to}: ${entry.subject ? `${entry.subject} | ` : ''}${entry.body}`,
      { key: entry.key },
    );
  }
  return { providerId: `outbox:${id}` };
}
