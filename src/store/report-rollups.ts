/**
 * The reports' rollups: one document per client and day (`report_days`, the figures computed from
 * that day's calls, messages and notifications) and one per client and month (`report_months`,
 * the month's day rollups gathered), both found by `_id`.
 *
 * Why months: a page reads the month documents of its clients and months in one `_id $in` query,
 * which MongoDB and the embedded FerretDB (patched, scripts/ferretdb/patches.ts) both serve from the
 * `_id` index, where a range over `report_days` would scan the table on FerretDB.
 * Why packed: a month's days are kept as gzipped JSON, a blob the store hands over as is. FerretDB
 * converts a nested document field by field; 20 month documents read in 400 ms nested and in 30 ms
 * packed (measured December 2026, 20 clients × a year, scripts/bench/reports.ts). The month is the
 * unit read and written whole, so nothing is lost by not querying inside it.
 * A month is always rebuilt from its day documents, so a lost or raced write heals at the next build.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import mongoose, { Schema } from 'mongoose';
import type { CallFacts, DayRollup, DeliveryFacts, MessageFacts } from '../domain/report-day';
import type { MessageStatus } from '../domain/vocabulary';
import { oid, oneOf } from './filters';
import { CallModel, DeliveryModel, MessageModel } from './models';

const reportDaySchema = new Schema(
  {
    /** `<clientId>:<YYYY-MM-DD>`. */
    _id: { type: String, required: true },
    clientId: { type: String, required: true },
    day: { type: String, required: true },
    rollup: { type: Schema.Types.Mixed, required: true },
    builtAt: { type: Date, required: true },
  },
  { versionKey: false, minimize: false },
);
// A client's days in order (MongoDB; FerretDB reads them by `_id`).
reportDaySchema.index({ clientId: 1, day: 1 });
export const ReportDayModel = mongoose.model('ReportDay', reportDaySchema, 'report_days');

const reportMonthSchema = new Schema(
  {
    /** `<clientId>:<YYYY-MM>`. */
    _id: { type: String, required: true },
    clientId: { type: String, required: true },
    month: { type: String, required: true },
    /** The month's day rollups that exist, in day order, as gzipped JSON (see above). */
    packedDays: { type: Buffer, required: true },
    /** How many day rollups `packedDays` holds. */
    dayCount: { type: Number, required: true },
    builtAt: { type: Date, required: true },
  },
  { versionKey: false, minimize: false },
);
reportMonthSchema.index({ clientId: 1, month: 1 });
export const ReportMonthModel = mongoose.model('ReportMonth', reportMonthSchema, 'report_months');

/** Where the rollups' refresh stands: the instant up to which changes were looked at. */
const reportStateSchema = new Schema(
  { _id: { type: String, required: true }, changesSeenUntil: { type: Date, required: true } },
  { versionKey: false },
);
export const ReportStateModel = mongoose.model('ReportState', reportStateSchema, 'report_state');

export const dayRollupId = (clientId: string, day: string) => `${clientId}:${day}`;
export const monthRollupId = (clientId: string, month: string) => `${clientId}:${month}`;

/**
 * Writes day rollups, replacing what was there, 50 at a time: FerretDB v1 has stalled on an
 * unordered bulk of 100 updates while 50 went through.
 */
export async function saveDayRollups(rollups: readonly DayRollup[], builtAt: Date): Promise<void> {
  for (let i = 0; i < rollups.length; i += 50) {
    await ReportDayModel.bulkWrite(
      rollups.slice(i, i + 50).map((rollup) => ({
        replaceOne: {
          filter: { _id: dayRollupId(rollup.clientId, rollup.day) },
          replacement: {
            _id: dayRollupId(rollup.clientId, rollup.day),
            clientId: rollup.clientId,
            day: rollup.day,
            rollup,
            builtAt,
          },
          upsert: true,
        },
      })),
      // Unordered, mongoose would skip an invalid replacement silently: make it an error.
      { ordered: false, throwOnValidationError: true },
    );
  }
}

const DAYS_OF_MONTH = Array.from({ length: 31 }, (_, i) => String(i + 1).padStart(2, '0'));

/** Gathers a month's day rollups (read by `_id`, in one query) into its month document. */
export async function rebuildMonthRollup(clientId: string, month: string, builtAt: Date): Promise<number> {
  const docs = await ReportDayModel.find({
    _id: { $in: DAYS_OF_MONTH.map((d) => dayRollupId(clientId, `${month}-${d}`)) },
  }).lean();
  const days = docs.map((d) => d.rollup as DayRollup).sort((a, b) => a.day.localeCompare(b.day));
  await ReportMonthModel.replaceOne(
    { _id: monthRollupId(clientId, month) },
    {
      _id: monthRollupId(clientId, month),
      clientId,
      month,
      packedDays: gzipSync(JSON.stringify(days)),
      dayCount: days.length,
      builtAt,
    },
    { upsert: true },
  );
  return days.length;
}

/** The most month documents read in one query (an IN list the store serves from its index). */
const MONTHS_PER_READ = 500;

/** A BSON binary as the driver hands it over (lean reads skip mongoose's Buffer casting). */
const bytesOf = (value: unknown): Uint8Array =>
  value instanceof Uint8Array ? value : (value as { buffer: Uint8Array }).buffer;

/**
 * A month document's days. One written before the days were packed (a data folder from an earlier
 * version) still holds them as a nested `days` array, and reads as it is until its next rebuild.
 */
function daysOfMonth(doc: { packedDays?: unknown; days?: unknown }): DayRollup[] {
  if (doc.packedDays) return JSON.parse(gunzipSync(bytesOf(doc.packedDays)).toString('utf8')) as DayRollup[];
  return Array.isArray(doc.days) ? (doc.days as DayRollup[]) : [];
}

/**
 * The day rollups of these clients in these months (`YYYY-MM`), from the month documents, and
 * when the freshest of them was built (null when none exists yet).
 */
export async function readMonthRollups(
  clientIds: readonly string[],
  months: readonly string[],
): Promise<{ days: DayRollup[]; builtAt: Date | null }> {
  const ids = clientIds.flatMap((c) => months.map((m) => monthRollupId(c, m)));
  const docs = [];
  for (let i = 0; i < ids.length; i += MONTHS_PER_READ) {
    docs.push(...(await ReportMonthModel.find({ _id: { $in: ids.slice(i, i + MONTHS_PER_READ) } }).lean()));
  }
  const times = docs.map((d) => d.builtAt.getTime());
  return {
    days: docs.flatMap((d) => daysOfMonth(d)),
    builtAt: times.length > 0 ? new Date(Math.max(...times)) : null,
  };
}

export async function changesSeenUntil(): Promise<Date | null> {
  const doc = await ReportStateModel.findById('refresh').lean();
  return doc?.changesSeenUntil ?? null;
}

export async function setChangesSeenUntil(at: Date): Promise<void> {
  await ReportStateModel.replaceOne(
    { _id: 'refresh' },
    { _id: 'refresh', changesSeenUntil: at },
    { upsert: true },
  );
}

// ---------------------------------------------------------------------------------------------
// The sources, streamed: a rebuild of a year must not hold a year of calls in memory.

/**
 * Records of these clients in any of these windows of time, [from, to) each. One query per source
 * whatever the number of windows: MongoDB walks its `{clientId, <time>}` index once per window,
 * and FerretDB, which scans the collection for any range, scans it once.
 */
export type SourceRange = { clientIds: readonly string[]; windows: readonly { from: Date; to: Date }[] };

const clientFilter = (clientIds: readonly string[]) => oneOf(clientIds.map(oid));

function sourceFilter(range: SourceRange, time: 'startedAt' | 'createdAt') {
  const inWindow = (w: { from: Date; to: Date }) => ({ [time]: { $gte: w.from, $lt: w.to } });
  const [only] = range.windows;
  return {
    clientId: clientFilter(range.clientIds),
    ...(range.windows.length === 1 && only ? inWindow(only) : { $or: range.windows.map(inWindow) }),
  };
}

/** Calls of these clients that started in the range's windows. */
export async function eachCallStarted(range: SourceRange, visit: (call: CallFacts) => void): Promise<void> {
  const cursor = CallModel.find(sourceFilter(range, 'startedAt'))
    .select({ clientId: 1, from: 1, status: 1, outcome: 1, steps: 1, startedAt: 1 })
    .lean()
    .cursor({ batchSize: 500 });
  for await (const c of cursor) {
    visit({
      clientId: c.clientId.toString(),
      from: c.from,
      status: c.status,
      outcome: c.outcome,
      steps: c.steps.map((s) => ({ name: s.name, detail: s.detail ?? '', at: s.at })),
      startedAt: c.startedAt,
    });
  }
}

/** Messages of these clients created in the range's windows. */
export async function eachMessageCreated(
  range: SourceRange,
  visit: (m: MessageFacts) => void,
): Promise<void> {
  const cursor = MessageModel.find(sourceFilter(range, 'createdAt'))
    .select({
      clientId: 1,
      urgent: 1,
      reason: 1,
      status: 1,
      assigneeId: 1,
      createdAt: 1,
      takenAt: 1,
      takenBy: 1,
      handledAt: 1,
      handledBy: 1,
      acknowledgedAt: 1,
      claimedBy: 1,
    })
    .lean()
    .cursor({ batchSize: 500 });
  for await (const m of cursor) {
    const doc = m as typeof m & { createdAt: Date };
    visit({
      clientId: doc.clientId.toString(),
      urgent: Boolean(doc.urgent),
      reason: doc.reason ?? '',
      status: doc.status as MessageStatus,
      assigneeId: doc.assigneeId ? doc.assigneeId.toString() : null,
      createdAt: doc.createdAt,
      takenAt: doc.takenAt ?? null,
      takenBy: doc.takenBy ? doc.takenBy.toString() : null,
      handledAt: doc.handledAt ?? null,
      handledBy: doc.handledBy ? doc.handledBy.toString() : null,
      acknowledgedAt: doc.acknowledgedAt ?? null,
      claimedBy: doc.claimedBy?.at ? { at: doc.claimedBy.at } : null,
    });
  }
}

/** Notifications of these clients' messages created in the range's windows. */
export async function eachDeliveryCreated(
  range: SourceRange,
  visit: (d: DeliveryFacts) => void,
): Promise<void> {
  const cursor = DeliveryModel.find(sourceFilter(range, 'createdAt'))
    .select({ clientId: 1, status: 1, attempts: 1, createdAt: 1 })
    .lean()
    .cursor({ batchSize: 500 });
  for await (const d of cursor) {
    const doc = d as typeof d & { createdAt: Date };
    visit({
      clientId: doc.clientId.toString(),
      status: doc.status,
      attempts: doc.attempts,
      createdAt: doc.createdAt,
    });
  }
}

/** A record changed since the last look: which client, and the instant that places it on a day. */
export type ChangedRecord = { clientId: string; at: Date };

/**
 * Calls, messages and notifications written since `since` (a message handled days after it came,
 * a call put on record late, a notification retried): the days whose rollups they change.
 */
export async function changedSince(since: Date): Promise<ChangedRecord[]> {
  const recent = { updatedAt: { $gte: since } };
  const [calls, messages, deliveries] = await Promise.all([
    CallModel.find(recent).select({ clientId: 1, startedAt: 1 }).lean(),
    MessageModel.find(recent).select({ clientId: 1, createdAt: 1 }).lean(),
    DeliveryModel.find(recent).select({ clientId: 1, createdAt: 1 }).lean(),
  ]);
  return [
    ...calls.map((c) => ({ clientId: c.clientId.toString(), at: c.startedAt })),
    ...messages.map((m) => ({ clientId: m.clientId.toString(), at: (m as { createdAt: Date }).createdAt })),
    ...deliveries.map((d) => ({ clientId: d.clientId.toString(), at: (d as { createdAt: Date }).createdAt })),
  ];
}
