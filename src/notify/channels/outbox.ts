/**
 * The outbox: where SMS, calls and emails go when there are no provider credentials (the offline
 * demo). Stored in MongoDB and logged; the unique delivery key makes a replay a no-op.
 */
import type { Logger } from '../../infra/logger';
import { isDuplicateKeyError } from '../../store/errors';
import { OutboxModel } from '../../store/models';
import type { DeliveryChannel } from '../types';

export type OutboxEntry = {
  key: string;
  channel: DeliveryChannel;
  to: string;
  subject?: string;
  body: string;
  messageId?: string;
  clientId?: string;
};

export async function writeOutbox(entry: OutboxEntry, logger: Logger): Promise<{ providerId: string }> {
  try {
    const doc = await OutboxModel.create(entry);
    logger.info(
      `outbox ${entry.channel} to ${entry.to}: ${entry.subject ? `${entry.subject} | ` : ''}${entry.body}`,
      {
        key: entry.key,
      },
    );
    return { providerId: `outbox:${doc._id.toString()}` };
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
    const existing = await OutboxModel.findOne({ key: entry.key }).lean();
    return { providerId: `outbox:${existing?._id.toString() ?? entry.key}` };
  }
}
