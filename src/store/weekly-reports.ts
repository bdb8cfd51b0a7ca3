/**
 * The weekly reports sent, one document per client and week (`_id` = the delivery key
 * `weekly.<clientId>.<weekMonday>`). It is claimed before the email leaves: the outbox dedupes by
 * its own unique key, but SMTP cannot be asked what it accepted and a weekly report has no message
 * whose delivery log could hold it, so this is what refuses a second send (a retry, two workers,
 * "send now" then the schedule). Read and written by `_id` only.
 */
import mongoose, { Schema } from 'mongoose';
import { isDuplicateKeyError } from './errors';

const weeklyReportSchema = new Schema(
  {
    _id: { type: String, required: true },
    clientId: { type: String, required: true },
    /** The Monday of the week reported, YYYY-MM-DD in the client's timezone. */
    week: { type: String, required: true },
    status: { type: String, enum: ['sending', 'sent'], required: true },
    claimedAt: { type: Date, required: true },
    sentAt: { type: Date, default: null },
    to: { type: [String], default: [] },
  },
  { versionKey: false },
);
export const WeeklyReportModel = mongoose.model('WeeklyReport', weeklyReportSchema, 'weekly_reports');

export type WeeklyReportClaim = { key: string; clientId: string; week: string; to: string[] };

/**
 * Claims the week's send: true when this caller may send. A claim left `sending` since before
 * `staleBefore` (its worker died mid-send) is taken over: the email then goes out again with the
 * same Message-ID, which receivers dedupe; a week is never lost to a crash.
 */
export async function claimWeeklyReport(
  c: WeeklyReportClaim,
  now: Date,
  staleBefore: Date,
): Promise<boolean> {
  try {
    await WeeklyReportModel.create({ _id: c.key, ...c, status: 'sending', claimedAt: now });
    return true;
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
  }
  const taken = await WeeklyReportModel.findOneAndUpdate(
    { _id: c.key, status: 'sending', claimedAt: { $lt: staleBefore } },
    { $set: { claimedAt: now, to: c.to } },
  ).lean();
  return taken !== null;
}

/** The email left: the week is done. */
export async function markWeeklyReportSent(key: string, at: Date): Promise<void> {
  await WeeklyReportModel.updateOne({ _id: key }, { $set: { status: 'sent', sentAt: at } });
}

/** The send failed with a known outcome: the claim goes, so that a retry may send. */
export async function releaseWeeklyReport(key: string): Promise<void> {
  await WeeklyReportModel.deleteOne({ _id: key, status: 'sending' });
}

/** The week's record, or null when it was never claimed. */
export async function findWeeklyReport(
  key: string,
): Promise<{ status: 'sending' | 'sent'; to: string[]; sentAt: Date | null } | null> {
  const doc = await WeeklyReportModel.findById(key).lean();
  return doc ? { status: doc.status as 'sending' | 'sent', to: doc.to, sentAt: doc.sentAt ?? null } : null;
}
