/**
 * Response shapes of the admin API: zod schemas (documentation, OpenAPI) and the mappers that
 * produce them from repository objects. Dates travel as ISO strings.
 */
import { z } from 'zod';
import { clientProfileSchema } from '../flow/profile';
import {
  DELIVERY_CHANNELS,
  DELIVERY_STATUSES,
  MESSAGE_STATUSES,
  RETRY_OUTCOMES,
  USER_ROLES,
} from '../domain/vocabulary';
import { LOCALES } from '../domain/vocabulary';
import { VIAS } from '../domain/access';
import type { Delivery, MessageWithDeliveries } from '../store/deliveries';
import type { SettingsVersion } from '../store/settings-versions';

const instant = z.iso.datetime();
const id = z.string().meta({ description: 'Object id (24 hex characters).' });

export const errorView = z.object({
  error: z.string(),
  details: z.array(z.object({ path: z.string(), message: z.string() })),
  alternatives: z
    .array(z.object({ start: z.iso.datetime(), end: z.iso.datetime(), local: z.string() }))
    .optional()
    .meta({ description: 'A 409 of a booking or a move: the next free slots of the same type.' }),
});

export const clientView = z.object({
  ...clientProfileSchema.shape,
  id,
  active: z
    .boolean()
    .meta({ description: 'False once deactivated: its numbers stay claimed but calls are refused.' }),
  createdAt: instant,
  updatedAt: instant,
});

export const clientListView = z.object({ data: z.array(clientView) });

export const userView = z.object({
  id,
  email: z.email(),
  name: z.string(),
  role: z.enum(USER_ROLES),
  clientIds: z.array(id),
  locale: z.enum(LOCALES),
  active: z.boolean(),
});

export const userListView = z.object({ data: z.array(userView) });

const deliveryView = z.object({
  key: z.string(),
  channel: z.enum(DELIVERY_CHANNELS),
  to: z.string(),
  status: z.enum(DELIVERY_STATUSES),
  attempts: z.number().int(),
  lastError: z.string().optional(),
  providerId: z.string().optional(),
  updatedAt: instant,
});

export const messageSummaryView = z.object({
  id,
  clientId: id,
  callSid: z.string(),
  caller: z.object({ name: z.string(), number: z.string() }),
  callbackNumber: z.string(),
  urgent: z.boolean(),
  status: z.enum(MESSAGE_STATUSES),
  summary: z.string(),
  assigneeId: id.nullable(),
  // notify: the client took the message by answering its SMS
  claimedBy: z
    .object({
      kind: z.literal('client'),
      label: z.string(),
      phone: z.string(),
      at: instant,
    })
    .nullable()
    .meta({
      description: 'The client took the message by answering its SMS ("OK", "OK 2"); null otherwise.',
    }),
  createdAt: instant,
  deliveries: z.array(deliveryView),
});

export const messageView = messageSummaryView.extend({
  reason: z.string(),
  transcription: z.string(),
  recording: z.object({ sid: z.string(), url: z.string(), durationSeconds: z.number() }).nullable(),
  handledAt: instant.nullable(),
  notes: z.array(
    z.object({ id, at: instant, authorId: id.nullable(), authorName: z.string(), text: z.string() }),
  ),
  updatedAt: instant,
});

export const messagePageView = z.object({
  data: z.array(messageSummaryView),
  nextCursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the next (older) page.' }),
});

export const routePreviewView = z.object({
  decision: z.record(z.string(), z.unknown()).meta({ description: 'The action the engine would take.' }),
  matchedRule: z
    .string()
    .nullable()
    .meta({ description: 'Name of the rule that decided; null for the default.' }),
  open: z.boolean(),
  reasons: z.array(z.string()),
  detail: z.record(z.string(), z.unknown()).optional().meta({
    description:
      'The engine preview: localTime, caller flags, atStart, afterMenu, transferTargets, greeting.',
  }),
  appointmentSlots: z
    .array(
      z.object({
        typeId: z.string(),
        typeName: z.string(),
        slots: z
          .array(z.object({ start: instant, end: instant, local: z.string() }))
          .nullable()
          .meta({ description: 'null: the calendar did not answer (the caller would leave a request).' }),
      }),
    )
    .optional()
    .meta({
      description:
        'Per appointment type, the free slots a caller asking for an appointment at `at` would be proposed.',
    }),
});

export function toMessageSummary(m: MessageWithDeliveries) {
  return {
    id: m.id,
    clientId: m.clientId,
    callSid: m.callSid,
    caller: { name: m.callerName, number: m.callerNumber },
    callbackNumber: m.callbackNumber,
    urgent: m.urgent,
    status: m.status,
    summary: m.summary,
    assigneeId: m.assigneeId,
    claimedBy: m.claimedBy,
    createdAt: m.createdAt,
    deliveries: m.deliveries.map(toDeliveryView),
  };
}

export function toMessageView(m: MessageWithDeliveries) {
  const { reason, transcription, recording, handledAt, notes, updatedAt } = m;
  return { ...toMessageSummary(m), reason, transcription, recording, handledAt, notes, updatedAt };
}

function toDeliveryView(d: Delivery) {
  const { key, channel, to, status, attempts, lastError, providerId, updatedAt } = d;
  return { key, channel, to, status, attempts, lastError, providerId, updatedAt };
}

export const deliveryRetryView = z.object({
  outcome: z.enum(RETRY_OUTCOMES).meta({
    description:
      'retried or requeued: queued again (202). Already sent or being sent is a 409, an unknown key a 404, both as errors.',
  }),
  message: messageView,
});

const settingsChangeView = z.object({
  path: z.string().meta({ description: 'The unit that changed: `name`, `weeklyHours.mon`, `rules`…' }),
  kind: z.enum(['CREATE', 'REMOVE', 'CHANGE']),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
  secret: z
    .literal(true)
    .optional()
    .meta({ description: 'A secret changed (webhook secret, password): its values are never shown.' }),
});

export const settingsVersionView = z.object({
  version: z.number().int().min(1),
  at: instant,
  actor: z.object({ type: z.string(), id: z.string(), label: z.string() }),
  via: z.enum(VIAS).meta({ description: 'The edge the change came through.' }),
  ip: z.string(),
  action: z.string().meta({
    description:
      '`baseline` (the state before versions existed), `create`, `update`, `activate`, `deactivate`, `restore`.',
  }),
  restoredFrom: z.number().int().nullable(),
  snapshot: z
    .record(z.string(), z.unknown())
    .meta({ description: 'The whole settings after the change; secrets read as ********.' }),
  changes: z.array(settingsChangeView).meta({ description: 'The diff from the version before.' }),
});

export const settingsVersionListView = z.object({ data: z.array(settingsVersionView) });

export const settingsComparisonView = z.object({
  from: settingsVersionView,
  to: settingsVersionView,
  changes: z.array(settingsChangeView),
});

export function toVersionView(v: SettingsVersion) {
  const { subject: _subject, ...view } = v;
  return view;
}
const clientHoldingsView = z.object({
  clientId: id,
  clientName: z.string(),
  messages: z.number().int(),
  calls: z.number().int(),
  contacts: z.number().int(),
  appointments: z.number().int(),
  upcomingAppointments: z.number().int().meta({ description: 'Of the appointments, those still to come.' }),
  recordings: z.number().int(),
  transcriptions: z.number().int(),
  notes: z.number().int(),
  deliveries: z.number().int(),
  notifications: z.number().int(),
  digests: z.number().int(),
  auditEntries: z.number().int(),
  vip: z.boolean(),
  blocked: z.boolean(),
  settingsVersions: z.number().int(),
  ownSetting: z.boolean().meta({
    description:
      'The number is one of the client’s own settings (dedicated number, transfer target…): kept, not caller data.',
  }),
});

export const erasurePreviewView = z.object({
  phone: z.string().meta({ description: 'The number as read (E.164).' }),
  clientId: id.nullable(),
  perClient: z.array(clientHoldingsView),
  live: z.object({ calls: z.number().int(), parked: z.number().int(), jobs: z.number().int() }),
  auditEntries: z.number().int().meta({
    description: 'Audit entries about the number (kept by an erasure, which scrubs the number from them).',
  }),
  empty: z.boolean().meta({ description: 'Nothing left to erase.' }),
  token: z.string().meta({ description: 'Confirms this erasure (number and scope) for 15 minutes.' }),
  expiresAt: instant,
});

export const erasureResultView = z.object({
  messages: z.number().int(),
  deliveries: z.number().int(),
  notifications: z.number().int(),
  digestsRedacted: z.number().int(),
  contacts: z.number().int(),
  callsAnonymised: z.number().int(),
  recordingDeletionsRequested: z.number().int(),
  jobsCancelled: z.number().int(),
  liveCalls: z.number().int(),
  parkedMessages: z.number().int(),
  auditEntriesScrubbed: z.number().int(),
  clientsUpdated: z.number().int(),
  settingsVersionsScrubbed: z.number().int(),
  appointments: z.number().int().meta({ description: 'Appointment records deleted.' }),
  calendarEventsRemoved: z.number().int().meta({
    description:
      'Upcoming appointments taken out of the client’s calendar (past events are the client’s record).',
  }),
});

export const callerExportView = z.string().meta({
  description:
    'A ZIP file: data.json (everything held) and summary.html (readable, in the caller’s language).',
  format: 'binary',
});
