/**
 * `data.json` of an access export: everything selected about a caller, dates in ISO 8601,
 * recordings as signed links served by this service (never Twilio's own URL), notification
 * contents and their delivery log with each message.
 */
import type { CallerData } from '../store/caller-data';
import type { Client } from './clients';
import { recordingLink, type RecordingLinkKey } from './recording-links';
import type { SummaryLang } from './caller-summary-texts';

type ExportDeps = { now: () => Date; publicBaseUrl: string; recordingLinks: RecordingLinkKey };
type ExportScope = { phone: string; clientId?: string; clients: Client[] };

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** `data.json`: everything selected, dates in ISO 8601, recordings as links served by this service. */
export function exportDocument(deps: ExportDeps, scope: ExportScope, data: CallerData, lang: SummaryLang) {
  const clients = new Map(scope.clients.map((c) => [c.id, c]));
  const nameOf = (id: string) => clients.get(id)?.name ?? '';
  const concerned = [
    ...new Set([
      ...data.messages.map((m) => m.clientId),
      ...data.calls.map((c) => c.clientId),
      ...data.contacts.map((c) => c.clientId),
      ...data.appointments.map((a) => a.clientId),
      ...scope.clients
        .filter((c) => c.vipNumbers.includes(scope.phone) || c.blockedNumbers.includes(scope.phone))
        .map((c) => c.id),
    ]),
  ].filter((id) => !scope.clientId || id === scope.clientId);
  return {
    generatedAt: deps.now().toISOString(),
    phone: scope.phone,
    language: lang,
    scope: scope.clientId ? { clientId: scope.clientId, clientName: nameOf(scope.clientId) } : 'all-clients',
    holders: concerned.map((id) => {
      const c = clients.get(id)!;
      return {
        clientId: id,
        name: c.name,
        timezone: c.timezone,
        locale: c.locale,
        retentionDays: c.retention,
      };
    }),
    calls: data.calls.map((c) => ({
      callSid: c.callSid,
      clientId: c.clientId,
      clientName: nameOf(c.clientId),
      from: c.from,
      to: c.to,
      status: c.status,
      outcome: c.outcome,
      startedAt: iso(c.startedAt),
      endedAt: iso(c.endedAt),
      durationSeconds: c.durationSeconds,
      steps: c.steps.map((s) => ({ at: iso(s.at), name: s.name, detail: s.detail })),
    })),
    messages: data.messages.map((m) => ({
      id: m.id,
      clientId: m.clientId,
      clientName: nameOf(m.clientId),
      callSid: m.callSid,
      receivedAt: iso(m.createdAt),
      callerName: m.callerName,
      callerNumber: m.callerNumber,
      callbackNumber: m.callbackNumber,
      reason: m.reason,
      urgent: m.urgent,
      summary: m.summary,
      transcription: m.transcription,
      status: m.status,
      handledAt: iso(m.handledAt),
      notes: m.notes.map((n) => ({ at: iso(n.at), author: n.authorName, text: n.text })),
      recording: m.recording
        ? {
            durationSeconds: m.recording.durationSeconds,
            link: recordingLink(deps.publicBaseUrl, m, deps.recordingLinks),
          }
        : null,
      deliveryLog: (data.deliveries.get(m.id) ?? []).map((d) => ({
        channel: d.channel,
        purpose: d.purpose,
        to: d.to,
        status: d.status,
        attempts: d.attempts,
        createdAt: iso(d.createdAt),
        updatedAt: iso(d.updatedAt),
      })),
      notifications: data.outbox
        .filter((o) => o.messageId === m.id)
        .map((o) => ({
          channel: o.channel,
          to: o.to,
          subject: o.subject,
          body: o.body,
          createdAt: iso(o.createdAt),
        })),
    })),
    digests: data.outbox
      .filter((o) => o.kind === 'digest')
      .map((o) => ({
        clientId: o.clientId,
        clientName: nameOf(o.clientId),
        channel: o.channel,
        to: o.to,
        subject: o.subject,
        body: o.body,
        createdAt: iso(o.createdAt),
      })),
    appointments: data.appointments.map((a) => ({
      clientId: a.clientId,
      clientName: nameOf(a.clientId),
      type: a.typeName,
      start: iso(a.start),
      end: iso(a.end),
      status: a.status,
      callerName: a.callerName,
      callerNumber: a.callerNumber,
      reason: a.reason,
      bookedVia: a.bookedVia,
      callSid: a.callSid || null,
      bookedAt: iso(a.createdAt),
      cancelledAt: iso(a.cancelledAt),
      reminderAt: iso(a.reminderAt),
      remindedAt: iso(a.remindedAt),
      changes: a.history.map((h) => ({
        at: iso(h.at),
        action: h.action,
        previousStart: iso(h.previousStart),
      })),
    })),
    contacts: data.contacts.map((c) => ({
      clientId: c.clientId,
      clientName: nameOf(c.clientId),
      name: c.name,
      calls: c.calls,
      lastCallAt: iso(c.lastCallAt),
      vip: c.vip,
      blocked: c.blocked,
    })),
    clientSettings: concerned.map((id) => ({
      clientId: id,
      clientName: nameOf(id),
      vip: clients.get(id)!.vipNumbers.includes(scope.phone),
      blocked: clients.get(id)!.blockedNumbers.includes(scope.phone),
    })),
    settingsHistory: data.settingsVersions.map((v) => ({
      clientId: v.subjectId,
      clientName: nameOf(v.subjectId),
      version: v.version,
      at: iso(v.at),
      action: v.action,
    })),
    audit: data.audit.map((a) => ({
      at: iso(a.at),
      action: a.action,
      // Who acted, by kind: the team's own accounts (their emails) are not the caller's data.
      actor: { type: a.actor.type },
      clientId: a.clientId,
      target: a.target,
    })),
  };
}

export type CallerExportDocument = ReturnType<typeof exportDocument>;
