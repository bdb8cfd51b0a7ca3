/**
 * The retention purge: applies each client's retention in its own calendar, then the service's
 * own logs' (outbox, audit log), and puts the run on record (what it removed, per client) so the
 * admin pages can show that it runs. The nightly maintenance job and an admin's "run now" call
 * the same function. A scheduled job rather than TTL indexes, which FerretDB v1 lacks.
 *
 * "Kept N days" is the same wall-clock time N calendar days earlier in the client's time zone,
 * so a daylight-saving change never moves a cutoff by an hour. The outbox and audit log have no
 * client: their days are UTC days.
 *
 * A contact card (a caller's name and call count, per client) is deleted once its last call is
 * older than both the messages and the call details: past that, nothing it could explain is left.
 */
import type { ActionSource } from '../domain/access';
import { calendarDaysBefore } from '../domain/zoned-time';
import { PROMPTS } from '../flow';
import type { Logger } from '../infra/logger';
import {
  emptyTotals,
  finishPurgeRun,
  latestPurgeRuns,
  startPurgeRun,
  type ClientPurge,
  type PurgeRun,
  type PurgeTotals,
  type PurgeTrigger,
} from '../store/purge-runs';
import {
  countPendingRecordingDeletions,
  listRecordingDeletions,
  requestRecordingDeletions,
} from '../store/recording-deletions';
import * as store from '../store/retention';
import type { HeldRecording, RetentionSettings } from '../store/retention';
import { audit } from './audit';

export type { ClientPurge, PurgeRun, PurgeTotals, PurgeTrigger } from '../store/purge-runs';

/** The service's own logs' retention (`config().retention`). */
export type ServiceRetention = { outboxDays: number; auditDays: number };

export type PurgeDeps = {
  now: () => Date;
  retention: ServiceRetention;
  logger?: Logger;
  /** Documents read or removed per command. @defaultValue 500 */
  batchSize?: number;
};

/** Who asked: the nightly job, or an admin (page or API). */
export type PurgeRequest = { trigger: PurgeTrigger; source: ActionSource };

export const SCHEDULED_PURGE: PurgeRequest = {
  trigger: 'schedule',
  source: { actor: { type: 'system', id: 'retention-purge', label: 'nightly retention purge' }, ip: '' },
};

/** Runs batch after batch until one comes back short: each store command stays bounded. */
async function drain(batchSize: number, batch: () => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const removed = await batch();
    total += removed;
    if (removed < batchSize) return total;
  }
}

/** Asks Twilio to delete the recordings (a durable request, retried until confirmed). */
function askTwilio(clientId: string, held: HeldRecording[], now: Date) {
  const recordings = held.flatMap((h) => (h.sid ? [{ sid: h.sid, clientId }] : []));
  return requestRecordingDeletions(recordings, 'retention', now);
}

/** The summary without the transcription's text, when it quoted it. */
export function summaryWithoutTranscription(summary: string, transcription: string): string {
  const text = transcription.trim();
  if (!text || !summary.includes(text)) return summary;
  return summary
    .split(text)
    .join('')
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * The sentence a summary ends with when a voice message is attached, in each language: what the
 * summary with a recording adds to the one without (src/flow/prompts.ts writes both).
 */
const RECORDING_SENTENCES = Object.values(PROMPTS).map((p) => {
  const without = p.summary({ urgent: false, recording: false });
  return p.summary({ urgent: false, recording: true }).slice(without.length);
});

/** The summary without "voice message attached" once the recording is gone. */
export function summaryWithoutRecording(summary: string): string {
  const sentence = RECORDING_SENTENCES.find((s) => s && summary.includes(s));
  return sentence ? summary.replace(sentence, '') : summary;
}

function nothingRemoved(c: RetentionSettings): ClientPurge {
  return {
    clientId: c.clientId,
    clientName: c.name,
    messages: 0,
    calls: 0,
    recordings: 0,
    transcriptions: 0,
    contacts: 0,
    appointments: 0,
  };
}

/** Counts into `removed` as it goes: a purge that stops midway still says what it removed. */
async function purgeClient(c: RetentionSettings, removed: ClientPurge, now: Date, size: number) {
  const cutoff = (days: number) => calendarDaysBefore(now, days, c.timezone);
  const { clientId } = c;
  // Messages first: a message that goes takes its recording, delivery log and outbox entries.
  removed.messages += await drain(size, async () => {
    const batch = await store.messagesBefore(clientId, cutoff(c.messageDays), size);
    await askTwilio(clientId, batch, now);
    removed.recordings += batch.filter((m) => m.sid).length;
    return store.deleteMessages(batch.map((m) => m.messageId));
  });
  // The Twilio request is durable before the reference goes: a crash between them asks again.
  removed.recordings += await drain(size, async () => {
    const batch = await store.recordingsBefore(clientId, cutoff(c.recordingDays), size);
    await askTwilio(clientId, batch, now);
    return store.dropRecordings(
      batch.map((m) => ({ messageId: m.messageId, summary: summaryWithoutRecording(m.summary) })),
    );
  });
  removed.transcriptions += await drain(size, async () => {
    const batch = await store.transcriptionsBefore(clientId, cutoff(c.transcriptionDays), size);
    return store.clearTranscriptions(
      batch.map((m) => ({
        messageId: m.messageId,
        summary: summaryWithoutTranscription(m.summary, m.transcription),
        searchable: m.searchable,
      })),
    );
  });
  removed.calls += await drain(size, () => store.deleteCallsBefore(clientId, cutoff(c.callDays), size));
  // An appointment is kept as long as a message: it names the caller and why they came.
  removed.appointments += await drain(size, () =>
    store.deleteAppointmentsBefore(clientId, cutoff(c.messageDays), size),
  );
  const contactDays = Math.max(c.messageDays, c.callDays);
  removed.contacts += await drain(size, () =>
    store.deleteContactsBefore(clientId, cutoff(contactDays), size),
  );
}

const COUNTED = ['messages', 'calls', 'recordings', 'transcriptions', 'contacts', 'appointments'] as const;

/**
 * Applies every retention once and records the run. A failure is recorded with what was removed
 * before it, then thrown (the job fails visibly; the next run resumes where this one stopped).
 */
export async function runPurge(deps: PurgeDeps, request: PurgeRequest = SCHEDULED_PURGE): Promise<PurgeRun> {
  const now = deps.now();
  const size = deps.batchSize ?? 500;
  const runId = await startPurgeRun(request.trigger, now);
  const totals: PurgeTotals = emptyTotals();
  const clients: ClientPurge[] = [];
  let error = '';
  try {
    for (const settings of await store.retentionSettings()) {
      const removed = nothingRemoved(settings);
      try {
        await purgeClient(settings, removed, now, size);
        totals.clients += 1;
      } finally {
        for (const k of COUNTED) totals[k] += removed[k];
        if (COUNTED.some((k) => removed[k] > 0)) clients.push(removed);
      }
    }
    const utcCutoff = (days: number) => calendarDaysBefore(now, days, 'UTC');
    totals.outbox = await drain(size, () =>
      store.deleteOutboxBefore(utcCutoff(deps.retention.outboxDays), size),
    );
    totals.audit = await drain(size, () =>
      store.deleteAuditBefore(utcCutoff(deps.retention.auditDays), size),
    );
  } catch (err) {
    error = (err as Error).message || String(err);
    deps.logger?.error(`retention purge failed: ${error}`);
  }
  const run = await finishPurgeRun(runId, { finishedAt: deps.now(), totals, clients, error });
  // Written after the audit log's own purge, so the entry saying what was purged stays.
  await audit(
    request.source,
    { action: 'retention.purge', detail: { trigger: request.trigger, ...totals, error } },
    now,
  );
  if (error) throw new PurgeFailedError(error, run);
  return run;
}

/** The run stopped on an error; `run` is what it had removed, as recorded. */
export class PurgeFailedError extends Error {
  override name = 'PurgeFailedError';
  constructor(
    message: string,
    readonly run: PurgeRun,
  ) {
    super(`retention purge failed: ${message}`);
  }
}

/** The latest runs, newest first (the admin page and API). */
export function recentPurgeRuns(limit = 10): Promise<PurgeRun[]> {
  return latestPurgeRuns(limit);
}

/** Every client's retention settings, as the admin page lists them. */
export function clientRetentions(): Promise<RetentionSettings[]> {
  return store.retentionSettings();
}

export type { RetentionSettings } from '../store/retention';

/** What `/admin/retention` shows: the runs, the deletions Twilio has not confirmed, the settings. */
export async function retentionOverview(limits: { runs?: number; deletions?: number } = {}) {
  const [runs, pending, pendingCount, clients] = await Promise.all([
    latestPurgeRuns(limits.runs ?? 10),
    listRecordingDeletions('pending', limits.deletions ?? 50),
    countPendingRecordingDeletions(),
    store.retentionSettings(),
  ]);
  return { runs, pending, pendingCount, clients };
}
export type RetentionOverview = Awaited<ReturnType<typeof retentionOverview>>;
