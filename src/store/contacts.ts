/**
 * Contact repository: who called a client before, under which name, and how often.
 * Keyed by `<clientId>:<phone>` so each call's lookup and count are single-key `_id` operations,
 * the only filters FerretDB v1 pushes down to SQLite (anything else scans the collection).
 */
import { Types } from 'mongoose';
import { isDuplicateKeyError } from './errors';
import { ContactModel } from './models';

export type Contact = { name: string; calls: number; vip: boolean; blocked: boolean };

export function contactId(clientId: string, phone: string): string {
  return `${clientId}:${phone}`;
}

export async function findContact(clientId: string, phone: string): Promise<Contact | null> {
  const doc = await ContactModel.findById(contactId(clientId, phone)).lean();
  return doc
    ? { name: doc.name ?? '', calls: doc.calls, vip: Boolean(doc.vip), blocked: Boolean(doc.blocked) }
    : null;
}

/**
 * Counts a call from this number and remembers the name the caller gave: one upsert by `_id`,
 * once per call, when the call ends.
 */
export async function countContactCall(
  clientId: string,
  phone: string,
  at: Date,
  name?: string,
): Promise<void> {
  const _id = contactId(clientId, phone);
  const $set = { lastCallAt: at, ...(name ? { name } : {}) };
  const update = {
    $inc: { calls: 1 },
    $set,
    $setOnInsert: { clientId: new Types.ObjectId(clientId), phone },
  };
  try {
    await ContactModel.updateOne({ _id }, update, { upsert: true });
  } catch (err) {
    // Two first calls from one number at once: the loser retries as a plain update.
    if (!isDuplicateKeyError(err)) throw err;
    await ContactModel.updateOne({ _id }, { $inc: update.$inc, $set });
  }
}
