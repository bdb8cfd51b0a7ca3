/** Contact repository: who called a client before, under which name, and how often. */
import { Types } from 'mongoose';
import { isDuplicateKeyError } from './errors';
import { ContactModel } from './models';

export type Contact = { name: string; calls: number; vip: boolean; blocked: boolean };

export async function findContact(clientId: string, phone: string): Promise<Contact | null> {
  const doc = await ContactModel.findOne({ clientId: new Types.ObjectId(clientId), phone }).lean();
  return doc
    ? { name: doc.name ?? '', calls: doc.calls, vip: Boolean(doc.vip), blocked: Boolean(doc.blocked) }
    : null;
}

/** Counts a call from this number (once per call: the caller invokes it when the call is created). */
export async function countCall(clientId: string, phone: string, at: Date): Promise<void> {
  const filter = { clientId: new Types.ObjectId(clientId), phone };
  const update = { $inc: { calls: 1 }, $set: { lastCallAt: at } };
  try {
    await ContactModel.updateOne(filter, update, { upsert: true });
  } catch (err) {
    // Two first calls from one number at once: the loser retries as a plain update.
    if (!isDuplicateKeyError(err)) throw err;
    await ContactModel.updateOne(filter, update);
  }
}

/** Remembers the name a caller gave, so the next call greets them by it. */
export async function upsertContactName(clientId: string, phone: string, name: string): Promise<void> {
  await ContactModel.updateOne({ clientId: new Types.ObjectId(clientId), phone }, { $set: { name } });
}
