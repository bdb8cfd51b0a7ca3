/**
 * The outbox repository: notifications kept instead of sent (no provider credentials). One entry
 * per delivery key, so a replayed delivery finds the entry it wrote before.
 */
import { isDuplicateKeyError } from './errors';
import { OutboxModel } from './models';
import type { DeliveryChannel } from '../domain/vocabulary';

export type OutboxEntry = {
  key: string;
  channel: DeliveryChannel;
  to: string;
  subject?: string;
  body: string;
  messageId?: string;
  clientId?: string;
};

/** Builds the outbox's unique index (a worker may start before the web server did). */
export async function initOutbox(): Promise<void> {
  await OutboxModel.init();
}

/** Stores the entry once; `created: false` when its key was stored before. */
export async function saveOutboxEntry(entry: OutboxEntry): Promise<{ id: string; created: boolean }> {
  try {
    const doc = await OutboxModel.create(entry);
    return { id: doc._id.toString(), created: true };
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
    const existing = await OutboxModel.findOne({ key: entry.key }).lean();
    return { id: existing?._id.toString() ?? entry.key, created: false };
  }
}
