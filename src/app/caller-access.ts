/**
 * A caller's right of access: for a phone number (and optionally one client), what the service
 * holds about them, per client and kind, and the export an admin hands over (a ZIP with
 * `data.json` and a readable `summary.html` in the caller's language). Every export is audited
 * with the number's fingerprint, never the number.
 */
import { strToU8, zipSync } from 'fflate';
import type { ActionSource } from '../domain/access';
import { InvalidInputError, NotFoundError } from '../domain/errors';
import { clientCountry, displayPhone, toE164, type CountryCode } from '../domain/phone';
import { namesPhone, phonePattern } from '../domain/phone-pattern';
import { findCallerData, type CallerData, type Selection } from '../store/caller-data';
import { audit } from './audit';
import { callerKey } from './caller-key';
import { getClient, listClients, type Client, type ClientsDeps } from './clients';
import type { CalendarBackend } from './calendar-port';
import type { RecordingLinkKey } from './recording-links';
import { renderCallerSummary } from './caller-summary';
import { exportDocument } from './caller-export-document';
import type { SummaryLang } from './caller-summary-texts';

/** One client's parked messages: a flow's message names its client, a fail-safe recording the number called. */
export type ParkedScope = { id: string; numbers: string[] };

/** The client of a scoped request, as the parked messages name it. */
export function parkedScopeOf(scope: { clientId?: string; clients: Client[] }): ParkedScope | undefined {
  const client = scope.clientId ? scope.clients.find((c) => c.id === scope.clientId) : undefined;
  return client ? { id: client.id, numbers: client.numbers } : undefined;
}

/** What Redis holds about a caller beyond MongoDB: live calls, parked messages, queued notifications. */
export type CallerTracesPort = {
  /** How many of these calls still have live state (state, answers, lock) in Redis. */
  liveCalls(callSids: string[]): Promise<number>;
  /** Calls in progress from `phone` (to one client, or any) that are not on record yet (their CallSids). */
  liveCallsFrom(phone: string, clientId?: string): Promise<string[]>;
  /** Removes the live state of these calls; returns how many had some. */
  forgetLiveCalls(callSids: string[]): Promise<number>;
  /** Parked messages (waiting for MongoDB) whose content names the number. */
  parkedNaming(pattern: RegExp, client?: ParkedScope): Promise<number>;
  /** Drops those parked messages; returns how many. */
  dropParkedNaming(pattern: RegExp, client?: ParkedScope): Promise<number>;
  /** Of these notification job ids, those BullMQ still holds. */
  queuedJobs(jobIds: string[]): Promise<string[]>;
  /** Removes these jobs (delayed, waiting, done or failed); returns how many were removed. */
  cancelJobs(jobIds: string[]): Promise<number>;
};

/** What the caller-rights use cases need from the outside world. */
export type CallerRightsDeps = {
  now: () => Date;
  /** Key of the numbers' fingerprints and of erasure confirmation tokens (`config().callerKeySecret`). */
  callerKeySecret: string;
  /** Base of the recording links in an export (`PUBLIC_BASE_URL`). */
  publicBaseUrl: string;
  recordingLinks: RecordingLinkKey;
  /** The client use cases (an erasure removes the number from VIP and blocked lists through them). */
  clients: ClientsDeps;
  traces: CallerTracesPort;
  /** The client's calendar: an erasure takes the caller's upcoming appointments out of it. */
  calendarOf?: (client: Client) => Promise<CalendarBackend>;
};

export type CallerRequest = { phone: string; clientId?: string };

/** A resolved request: the E.164 number, the scope, and the clients concerned. */
export type CallerScope = Selection & { clients: Client[]; country: CountryCode | undefined };

/**
 * Reads the number as written (national numbers in the client's country, else France) and the
 * optional client; a number that cannot be read is an InvalidInputError naming `phone`.
 */
export async function resolveCaller(deps: Pick<CallerRightsDeps, 'callerKeySecret'>, request: CallerRequest) {
  let scoped: Client | undefined;
  if (request.clientId) {
    try {
      scoped = await getClient(request.clientId);
    } catch (err) {
      if (err instanceof NotFoundError) {
        throw new InvalidInputError([{ path: 'clientId', message: 'no client with this id' }]);
      }
      throw err;
    }
  }
  const country = (scoped && clientCountry(scoped)) ?? 'FR';
  const phone = toE164(request.phone.trim(), country);
  if (!phone) {
    throw new InvalidInputError([
      {
        path: 'phone',
        message: `"${request.phone}" is not a phone number that can be read: give it in international form (+33 6 12 34 56 78) or as dialled in ${country}`,
      },
    ]);
  }
  const all = await listClients();
  const clients = scoped ? [scoped] : all;
  return {
    phone,
    pattern: phonePattern(phone),
    callerKey: callerKey(deps.callerKeySecret, phone),
    ...(scoped ? { clientId: scoped.id } : {}),
    clientIds: clients.map((c) => c.id),
    clients: all,
    country: clientCountry(scoped ?? all[0] ?? { numbers: [phone] }) ?? country,
  } satisfies CallerScope;
}

/** One client's share of what is held, per kind. */
export type ClientHoldings = {
  clientId: string;
  clientName: string;
  messages: number;
  calls: number;
  contacts: number;
  /** Appointments booked for the number; `upcomingAppointments` of them still to come. */
  appointments: number;
  upcomingAppointments: number;
  recordings: number;
  transcriptions: number;
  notes: number;
  deliveries: number;
  notifications: number;
  digests: number;
  auditEntries: number;
  /** The number is on the client's VIP list / blocked list. */
  vip: boolean;
  blocked: boolean;
  settingsVersions: number;
  /**
   * The number is one of the client's own settings (a dedicated number, a transfer target, the
   * fallback, a notification recipient): that is the client's data, not the caller's, and stays.
   */
  ownSetting: boolean;
};

export type CallerHoldings = {
  /** The number read, for the admin who asked (never stored). */
  phone: string;
  clientId: string | null;
  perClient: ClientHoldings[];
  /** What Redis holds: live calls, parked messages, queued notifications. */
  live: { calls: number; parked: number; jobs: number };
  /** Audit entries about the number: kept by an erasure (which scrubs the number from them). */
  auditEntries: number;
  empty: boolean;
};

/** The profile with its VIP and blocked lists left out: what names the number there is the client's own. */
function ownSettingsName(client: Client, scope: Pick<Selection, 'pattern'>): boolean {
  const { vipNumbers: _v, blockedNumbers: _b, ...rest } = client;
  return namesPhone(JSON.stringify(rest), scope.pattern);
}

/** The notification jobs of the messages: one per delivery key, and each message's planning job. */
export function jobIdsOf(data: CallerData): string[] {
  const ids: string[] = [];
  for (const m of data.messages) {
    ids.push(`followups-${m.id}`);
    for (const d of data.deliveries.get(m.id) ?? []) ids.push(d.key);
  }
  return ids;
}

export async function holdingsOf(
  deps: Pick<CallerRightsDeps, 'traces' | 'now'>,
  scope: CallerScope,
  data: CallerData,
): Promise<CallerHoldings> {
  const inScope = scope.clients.filter((c) => !scope.clientId || c.id === scope.clientId);
  const now = deps.now();
  const perClient: ClientHoldings[] = [];
  for (const client of inScope) {
    const messages = data.messages.filter((m) => m.clientId === client.id);
    const appointments = data.appointments.filter((a) => a.clientId === client.id);
    const ids = new Set(messages.map((m) => m.id));
    const holdings: ClientHoldings = {
      clientId: client.id,
      clientName: client.name,
      messages: messages.length,
      calls: data.calls.filter((c) => c.clientId === client.id).length,
      contacts: data.contacts.filter((c) => c.clientId === client.id).length,
      appointments: appointments.length,
      upcomingAppointments: appointments.filter((a) => a.status === 'booked' && a.end > now).length,
      recordings: messages.filter((m) => m.recording).length,
      transcriptions: messages.filter((m) => m.transcription).length,
      notes: messages.reduce((n, m) => n + m.notes.length, 0),
      deliveries: messages.reduce((n, m) => n + (data.deliveries.get(m.id)?.length ?? 0), 0),
      notifications: data.outbox.filter((o) => o.kind === 'message' && ids.has(o.messageId)).length,
      digests: data.outbox.filter((o) => o.kind === 'digest' && o.clientId === client.id).length,
      auditEntries: data.audit.filter((a) => a.clientId === client.id).length,
      vip: client.vipNumbers.includes(scope.phone),
      blocked: client.blockedNumbers.includes(scope.phone),
      settingsVersions: data.settingsVersions.filter((v) => v.subjectId === client.id).length,
      ownSetting: ownSettingsName(client, scope),
    };
    // Audit entries stay after an erasure (without the number): alone, they do not make a client hold data.
    const { clientId: _i, clientName: _n, auditEntries: _a, ...counts } = holdings;
    if (Object.values(counts).some((v) => v === true || (typeof v === 'number' && v > 0)))
      perClient.push(holdings);
  }
  const callSids = data.calls.map((c) => c.callSid);
  const [liveOnRecord, liveFrom, parked, jobs] = await Promise.all([
    deps.traces.liveCalls(callSids),
    deps.traces.liveCallsFrom(scope.phone, scope.clientId),
    deps.traces.parkedNaming(scope.pattern, parkedScopeOf(scope)),
    deps.traces.queuedJobs(jobIdsOf(data)),
  ]);
  const live = {
    calls: liveOnRecord + liveFrom.filter((sid) => !callSids.includes(sid)).length,
    parked,
    jobs: jobs.length,
  };
  const auditEntries = data.audit.length;
  const erasable = perClient.some(
    (c) =>
      c.messages + c.calls + c.contacts + c.appointments + c.digests + c.settingsVersions > 0 ||
      c.vip ||
      c.blocked,
  );
  return {
    phone: scope.phone,
    clientId: scope.clientId ?? null,
    perClient,
    live,
    auditEntries,
    empty: !erasable && live.calls + live.parked + live.jobs === 0,
  };
}

/** What the service holds about the number, per client and kind (the admin page's first answer). */
export async function lookUpCaller(deps: CallerRightsDeps, request: CallerRequest) {
  const scope = await resolveCaller(deps, request);
  const data = await findCallerData(scope);
  return { scope, data, holdings: await holdingsOf(deps, scope, data) };
}

// ---------------------------------------------------------------------------------------------
// The export.

/** The ZIP an admin hands to the caller; audited `caller.export` with the fingerprint and counts. */
export async function exportCallerData(
  deps: CallerRightsDeps,
  source: ActionSource,
  request: CallerRequest & { lang?: SummaryLang },
): Promise<{ zip: Uint8Array; fileName: string; counts: Record<string, number> }> {
  const lang = request.lang ?? 'fr';
  const scope = await resolveCaller(deps, request);
  const data = await findCallerData(scope);
  const doc = exportDocument(deps, scope, data, lang);
  const summary = renderCallerSummary(doc, scope.clients, lang, scope.country);
  const zip = zipSync({
    'data.json': strToU8(`${JSON.stringify(doc, null, 2)}\n`),
    'summary.html': strToU8(summary),
  });
  const counts = {
    messages: doc.messages.length,
    calls: doc.calls.length,
    contacts: doc.contacts.length,
    recordings: doc.messages.filter((m) => m.recording).length,
    notifications: doc.messages.reduce((n, m) => n + m.notifications.length, 0),
    deliveries: doc.messages.reduce((n, m) => n + m.deliveryLog.length, 0),
    digests: doc.digests.length,
    auditEntries: doc.audit.length,
  };
  await audit(
    source,
    {
      action: 'caller.export',
      clientId: scope.clientId ?? null,
      callerKey: scope.callerKey,
      detail: { ...counts, lang },
    },
    deps.now(),
  );
  const day = deps.now().toISOString().slice(0, 10);
  return { zip, fileName: `caller-data-${day}.zip`, counts };
}

/** How a number reads for people in the country of the clients concerned. */
export const readablePhone = (scope: CallerScope) => displayPhone(scope.phone, scope.country);
