/**
 * Clients' CalDAV connections, one per client (`_id` = the client's id). Only the sealed password
 * is kept (src/infra/secret-box.ts); sealing and opening are the use cases' business.
 */
import { CalendarConnectionModel } from './models';

export type StoredCalendarConnection = {
  clientId: string;
  url: string;
  username: string;
  /** `iv.tag.ciphertext`: never the password itself. */
  passwordSealed: string;
  checkedAt: Date | null;
  checkOk: boolean | null;
  checkError: string;
  updatedAt: Date;
};

export type CalendarCheckRecord = { at: Date; ok: boolean; error: string };

type Doc = {
  _id: string;
  url: string;
  username: string;
  passwordSealed: string;
  checkedAt?: Date | null;
  checkOk?: boolean | null;
  checkError?: string | null;
  updatedAt: Date;
};

function toConnection(doc: Doc): StoredCalendarConnection {
  return {
    clientId: doc._id,
    url: doc.url,
    username: doc.username,
    passwordSealed: doc.passwordSealed,
    checkedAt: doc.checkedAt ?? null,
    checkOk: doc.checkOk ?? null,
    checkError: doc.checkError ?? '',
    updatedAt: doc.updatedAt,
  };
}

export async function getCalendarConnection(clientId: string): Promise<StoredCalendarConnection | null> {
  const doc = await CalendarConnectionModel.findById(clientId).lean<Doc>();
  return doc ? toConnection(doc) : null;
}

/** Connects the client's calendar, or replaces its settings (one write by `_id`), with the check just made. */
export async function saveCalendarConnection(
  clientId: string,
  settings: { url: string; username: string; passwordSealed: string },
  check: CalendarCheckRecord,
): Promise<StoredCalendarConnection> {
  const doc = await CalendarConnectionModel.findOneAndUpdate(
    { _id: clientId },
    { $set: { ...settings, checkedAt: check.at, checkOk: check.ok, checkError: check.error } },
    { upsert: true, new: true },
  ).lean<Doc>();
  return toConnection(doc!);
}

/** Back to the built-in book; false when there was no connection. */
export async function removeCalendarConnection(clientId: string): Promise<boolean> {
  const { deletedCount } = await CalendarConnectionModel.deleteOne({ _id: clientId });
  return deletedCount > 0;
}

/** The last "test the connection", or the last failure a call met. */
export async function recordCalendarCheck(clientId: string, check: CalendarCheckRecord): Promise<void> {
  await CalendarConnectionModel.updateOne(
    { _id: clientId },
    { $set: { checkedAt: check.at, checkOk: check.ok, checkError: check.error } },
  );
}
