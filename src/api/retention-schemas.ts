/** The retention routes' query schemas and response shapes (OpenAPI is generated from them). */
import { z } from 'zod';
import type { RecordingDeletion } from '../app/recording-deletions';
import type { PurgeRun } from '../app/retention';

const instant = z.iso.datetime();
const limit = (max: number) =>
  z
    .string()
    .regex(/^\d{1,3}$/, `expected a whole number from 1 to ${max}`)
    .transform(Number)
    .pipe(z.number().int().min(1, 'at least 1').max(max, `at most ${max}`))
    .optional();

export const purgeRunsQuerySchema = z.strictObject({ limit: limit(50) });
export const recordingDeletionsQuerySchema = z.strictObject({
  status: z.enum(['pending', 'deleted']).optional(),
  limit: limit(200),
});
/** "Run now" takes no settings: an empty object, or no body at all. */
export const purgeRunBodySchema = z.strictObject({});

const counts = {
  messages: z.number().int(),
  calls: z.number().int(),
  recordings: z.number().int().meta({ description: 'Recording references dropped and asked of Twilio.' }),
  transcriptions: z.number().int(),
  contacts: z.number().int(),
  appointments: z.number().int().meta({ description: 'Appointment records past the message period.' }),
};

export const purgeRunView = z.object({
  id: z.string(),
  startedAt: instant,
  finishedAt: instant.nullable().meta({ description: 'null while it runs, or if the process died.' }),
  trigger: z.enum(['schedule', 'manual']),
  totals: z.object({
    ...counts,
    clients: z.number().int().meta({ description: 'Clients whose retention was applied.' }),
    outbox: z.number().int(),
    audit: z.number().int(),
  }),
  clients: z
    .array(z.object({ clientId: z.string(), clientName: z.string(), ...counts }))
    .meta({ description: 'The clients where something was removed.' }),
  error: z.string().meta({ description: 'Why the run stopped; empty when it completed.' }),
});
export const purgeRunListView = z.object({ data: z.array(purgeRunView) });

export const recordingDeletionView = z.object({
  recordingSid: z.string(),
  clientId: z.string(),
  reason: z.enum(['erasure', 'retention']),
  status: z.enum(['pending', 'deleted']),
  requestedAt: instant,
  attempts: z.number().int(),
  nextAttemptAt: instant,
  lastError: z.string(),
  confirmedAt: instant.nullable(),
  note: z.string(),
});
export const recordingDeletionListView = z.object({ data: z.array(recordingDeletionView) });

export function toPurgeRunView(r: PurgeRun): z.infer<typeof purgeRunView> {
  return {
    ...r,
    startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
  };
}

export function toRecordingDeletionView(d: RecordingDeletion): z.infer<typeof recordingDeletionView> {
  return {
    recordingSid: d.sid,
    clientId: d.clientId,
    reason: d.reason,
    status: d.status,
    requestedAt: d.requestedAt.toISOString(),
    attempts: d.attempts,
    nextAttemptAt: d.nextAttemptAt.toISOString(),
    lastError: d.lastError,
    confirmedAt: d.confirmedAt?.toISOString() ?? null,
    note: d.note,
  };
}
