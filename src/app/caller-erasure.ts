/**
 * A caller's right to erasure, in two steps: a preview (what will be deleted, anonymised or kept,
 * and a confirmation token bound to the number, the scope and 15 minutes), then the erasure
 * itself once the token checks. Each write is idempotent and the order makes a run resumable: an
 * interrupted erasure is finished by the next, and a run after a complete one finds nothing.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ActionSource } from '../domain/access';
import { ConflictError } from '../domain/errors';
import { deleteAppointments } from '../store/appointments';
import { findCallerData, findSettingsVersions, type CallerData } from '../store/caller-data';
import {
  anonymiseCalls,
  deleteContacts,
  deleteMessagesAndTheirTraces,
  redactOutboxEntries,
  scrubAuditEntries,
  scrubSettingsVersions,
} from '../store/caller-erasure';
import { requestRecordingDeletions } from '../store/recording-deletions';
import { audit } from './audit';
import {
  holdingsOf,
  jobIdsOf,
  parkedScopeOf,
  resolveCaller,
  type CallerHoldings,
  type CallerRequest,
  type CallerRightsDeps,
  type CallerScope,
} from './caller-access';
import { profileOf, updateClient } from './clients';

/** How long a preview's confirmation stays valid. */
export const ERASURE_TOKEN_TTL_MS = 15 * 60_000;

const tokenKey = (secret: string) => createHmac('sha256', secret).update('caller-erasure-tokens').digest();

function tokenSignature(secret: string, phone: string, clientId: string | undefined, expires: number) {
  return createHmac('sha256', tokenKey(secret))
    .update(`erase:${phone}:${clientId ?? '*'}:${expires}`)
    .digest('base64url');
}

/** `<expiry in seconds>.<signature>`: the number is in the signature only, never in clear. */
export function erasureToken(secret: string, phone: string, clientId: string | undefined, now: Date): string {
  const expires = Math.floor((now.getTime() + ERASURE_TOKEN_TTL_MS) / 1000);
  return `${expires}.${tokenSignature(secret, phone, clientId, expires)}`;
}

export type TokenCheck = 'valid' | 'expired' | 'invalid';

export function checkErasureToken(
  secret: string,
  phone: string,
  clientId: string | undefined,
  token: string,
  now: Date,
): TokenCheck {
  const match = /^(\d{1,12})\.([\w-]{43})$/.exec(token);
  if (!match) return 'invalid';
  const expires = Number(match[1]);
  const expected = Buffer.from(tokenSignature(secret, phone, clientId, expires));
  const given = Buffer.from(match[2]!);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
  return expires * 1000 <= now.getTime() ? 'expired' : 'valid';
}

export type ErasurePreview = CallerHoldings & {
  token: string;
  expiresAt: string;
};

/** Step one: what the erasure would do, and the token that confirms it. */
export async function previewErasure(
  deps: CallerRightsDeps,
  request: CallerRequest,
): Promise<ErasurePreview> {
  const scope = await resolveCaller(deps, request);
  const data = await findCallerData(scope);
  const holdings = await holdingsOf(deps, scope, data);
  const now = deps.now();
  return {
    ...holdings,
    token: erasureToken(deps.callerKeySecret, scope.phone, scope.clientId, now),
    expiresAt: new Date(now.getTime() + ERASURE_TOKEN_TTL_MS).toISOString(),
  };
}

/**
 * The caller's upcoming appointments leave the client's calendar: the caller will not come, and
 * the event names them. A calendar that does not answer keeps its event (the record still goes),
 * which the count shows. Past events stay: they are the client's own record of who came.
 */
async function removeUpcomingFromCalendars(
  deps: CallerRightsDeps,
  clients: CallerScope['clients'],
  data: CallerData,
  now: Date,
): Promise<number> {
  let removed = 0;
  for (const a of data.appointments) {
    const client = clients.find((c) => c.id === a.clientId);
    if (a.status !== 'booked' || a.end <= now || !a.calendar.href || !client || !deps.calendarOf) continue;
    try {
      const calendar = await deps.calendarOf(client);
      await calendar.remove({ href: a.calendar.href });
      removed += 1;
    } catch {
      // Counted as not removed: the erasure's result says so.
    }
  }
  return removed;
}

export type ErasureResult = {
  messages: number;
  deliveries: number;
  notifications: number;
  digestsRedacted: number;
  contacts: number;
  callsAnonymised: number;
  recordingDeletionsRequested: number;
  jobsCancelled: number;
  liveCalls: number;
  parkedMessages: number;
  auditEntriesScrubbed: number;
  clientsUpdated: number;
  settingsVersionsScrubbed: number;
  /** Appointment records deleted. */
  appointments: number;
  /** Upcoming appointments taken out of the client's calendar (past ones are the client's record). */
  calendarEventsRemoved: number;
};

/**
 * Step two: checks the token, then erases. A wrong or expired token is a ConflictError naming
 * `token` (the edges answer 409), and nothing is touched.
 */
export async function eraseCaller(
  deps: CallerRightsDeps,
  source: ActionSource,
  request: CallerRequest & { token: string },
): Promise<ErasureResult> {
  const scope = await resolveCaller(deps, request);
  const check = checkErasureToken(
    deps.callerKeySecret,
    scope.phone,
    scope.clientId,
    request.token,
    deps.now(),
  );
  if (check !== 'valid') {
    throw new ConflictError(`confirmation ${check}`, [
      {
        path: 'token',
        message:
          check === 'expired'
            ? 'the confirmation has expired: preview the erasure again'
            : 'the confirmation does not match this number and scope: preview the erasure again',
      },
    ]);
  }
  const data = await findCallerData(scope);
  const result: ErasureResult = {
    messages: 0,
    deliveries: 0,
    notifications: 0,
    digestsRedacted: 0,
    contacts: 0,
    callsAnonymised: 0,
    recordingDeletionsRequested: 0,
    jobsCancelled: 0,
    liveCalls: 0,
    parkedMessages: 0,
    auditEntriesScrubbed: 0,
    clientsUpdated: 0,
    settingsVersionsScrubbed: 0,
    appointments: 0,
    calendarEventsRemoved: 0,
  };
  const now = deps.now();

  // First what only the messages lead to: once they are deleted, their recordings and jobs are unknown.
  const recordings = data.messages.flatMap((m) =>
    m.recording ? [{ sid: m.recording.sid, clientId: m.clientId }] : [],
  );
  await requestRecordingDeletions(recordings, 'erasure', now);
  result.recordingDeletionsRequested = recordings.length;
  result.jobsCancelled = await deps.traces.cancelJobs(jobIdsOf(data));

  const callSids = [
    ...new Set([...data.calls.map((c) => c.callSid), ...data.messages.map((m) => m.callSid)]),
  ];
  const liveFrom = await deps.traces.liveCallsFrom(scope.phone, scope.clientId);
  result.liveCalls = await deps.traces.forgetLiveCalls([...new Set([...callSids, ...liveFrom])]);
  result.parkedMessages = await deps.traces.dropParkedNaming(scope.pattern, parkedScopeOf(scope));

  // The clients' lists through their use case, so the change is audited and versioned like any
  // other, in the name of the admin who confirmed the erasure and as an erasure.
  for (const client of scope.clients) {
    if (scope.clientId && client.id !== scope.clientId) continue;
    if (!client.vipNumbers.includes(scope.phone) && !client.blockedNumbers.includes(scope.phone)) continue;
    const profile = profileOf(client);
    await updateClient(deps.clients, source, client.id, {
      why: 'erasure',
      profile: {
        ...profile,
        vipNumbers: profile.vipNumbers.filter((n) => n !== scope.phone),
        blockedNumbers: profile.blockedNumbers.filter((n) => n !== scope.phone),
      },
    });
    result.clientsUpdated += 1;
  }

  result.auditEntriesScrubbed = await scrubAuditEntries(data.audit, scope.phone, scope.pattern);
  const names = [
    ...new Set(
      [...data.messages.map((m) => m.callerName), ...data.contacts.map((c) => c.name)].filter(Boolean),
    ),
  ];
  const digests = data.outbox.filter((o) => o.kind === 'digest');
  result.digestsRedacted = await redactOutboxEntries(digests, scope.pattern, names);
  result.calendarEventsRemoved = await removeUpcomingFromCalendars(deps, scope.clients, data, now);
  // Without its record, a pending reminder finds nothing to send.
  result.appointments = await deleteAppointments(data.appointments.map((a) => a.id));
  const deleted = await deleteMessagesAndTheirTraces(data.messages.map((m) => m.id));
  result.messages = deleted.messages;
  result.deliveries = deleted.deliveries;
  result.notifications = deleted.outbox;
  result.contacts = await deleteContacts(data.contacts.map((c) => c.id));
  result.callsAnonymised = await anonymiseCalls(data.calls, scope.phone, scope.pattern);
  // Read again: the list changes above wrote new versions of the settings.
  const versions = await findSettingsVersions(scope);
  result.settingsVersionsScrubbed = await scrubSettingsVersions(versions, scope.phone, scope.pattern);

  await audit(
    source,
    {
      action: 'caller.erase',
      clientId: scope.clientId ?? null,
      callerKey: scope.callerKey,
      detail: { ...result },
    },
    deps.now(),
  );
  return result;
}
