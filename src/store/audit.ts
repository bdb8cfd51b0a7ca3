/** The audit log: who did what to which caller data, and when. Append-only. */
import { Types } from 'mongoose';
import { oid } from './filters';
import { AuditEventModel, MessageModel, type AuditEventRecord } from './models';

export type AuditActor = {
  type: 'user' | 'anonymous' | 'system' | 'api-token';
  id?: string;
  label?: string;
};

export type AuditEntry = {
  actor: AuditActor;
  /** A closed vocabulary, e.g. `message.view`, `message.handle`, `login.failure`. */
  action: string;
  target?: { type: string; id: string } | null;
  clientId?: string | null;
  ip?: string;
  detail?: Record<string, unknown> | null;
  /** The keyed fingerprint of the caller's number the entry is about (src/app/caller-key.ts). */
  callerKey?: string;
};

export async function recordAudit(entry: AuditEntry, now: Date = new Date()): Promise<void> {
  await AuditEventModel.create({
    at: now,
    actor: entry.actor,
    action: entry.action,
    target: entry.target ?? null,
    clientId: entry.clientId && Types.ObjectId.isValid(entry.clientId) ? entry.clientId : null,
    ip: entry.ip ?? '',
    detail: entry.detail ?? null,
    callerKey: entry.callerKey ?? '',
  });
}

/** The latest 500 events of one record or of one kind, newest first (each filter has its index). */
export async function listAuditEvents(filter: { action?: string; targetId?: string } = {}) {
  const query = filter.targetId
    ? { 'target.id': filter.targetId }
    : filter.action
      ? { action: filter.action }
      : {};
  const events = await AuditEventModel.find(query).sort({ at: -1 }).limit(500).lean();
  // A record's history is short: its events of one kind are picked here rather than indexed.
  return filter.targetId && filter.action ? events.filter((e) => e.action === filter.action) : events;
}

/** An entry of the log as the use cases read it: plain values, ids as strings. */
export type AuditEvent = {
  id: string;
  at: Date;
  actor: AuditActor;
  action: string;
  target: { type: string; id: string } | null;
  clientId: string | null;
  ip: string;
  detail: Record<string, unknown> | null;
};

/** Filters of the access log; each given one must hold. */
export type AuditFilter = {
  actorId?: string;
  clientId?: string;
  /** One of these actions. */
  actions?: readonly string[];
  /** Entries at or after `from`, strictly before `to`. */
  from?: Date;
  to?: Date;
  /**
   * One caller: entries carrying their fingerprint, and entries whose target is one of their
   * messages (found by `callerNumber`, an E.164 number).
   */
  caller?: { key: string; number: string };
};

/**
 * Keyset position of the newest-first walk: entries at or before `at`, except `ids` (those of the
 * same instant already shown). The indexes end with `at` alone, so ties are broken here, not by `_id`.
 */
export type AuditPosition = { at: Date; ids: string[] };

/** How many of a caller's messages their filter follows (the newest; a caller rarely has more). */
const CALLER_MESSAGES = 500;
/**
 * How many entries one page reads from an index at most when filters other than the index's own
 * must be checked here: a page may then show fewer rows, and its cursor goes on from where it stopped.
 */
const SCAN_BUDGET = 1000;

type Source = Record<string, unknown>;

/**
 * A page of the log, newest first. One index walk per source, chosen by selectivity: the caller's
 * fingerprint and their messages' ids (two walks, merged), else the person, else the client, else
 * the actions, else time alone; every walk bounded by `at` and by a limit, the other filters checked
 * on what it read.
 */
export async function listAuditPage(
  filter: AuditFilter,
  page: {
    limit: number;
    before?: AuditPosition;
    /** Entries one walk reads at most when other filters are checked here. @defaultValue SCAN_BUDGET */
    scan?: number;
  },
): Promise<{ events: AuditEvent[]; next: AuditPosition | null }> {
  const sources = await sourcesOf(filter);
  const residual = residualOf(filter);
  const seen = new Set(page.before?.ids ?? []);
  const size = residual ? (page.scan ?? SCAN_BUDGET) : page.limit + 1 + seen.size;
  const at = {
    ...(filter.from ? { $gte: filter.from } : {}),
    ...(filter.to ? { $lt: filter.to } : {}),
    ...(page.before ? { $lte: page.before.at } : {}),
  };
  const walks = await Promise.all(
    sources.map((source) =>
      AuditEventModel.find(Object.keys(at).length ? { ...source, at } : source)
        .sort({ at: -1 })
        .limit(size)
        .lean(),
    ),
  );
  // A walk that filled its limit stopped at its oldest instant: it read everything newer, but
  // maybe not all of that instant, so nothing older (from any walk) is shown before it goes on.
  const frontier = Math.max(
    -Infinity,
    ...walks.filter((docs) => docs.length === size).map((docs) => docs[docs.length - 1]!.at.getTime()),
  );
  const byId = new Map<string, AuditEvent>();
  for (const doc of walks.flat()) {
    const event = toAuditEvent(doc);
    if (event.at.getTime() < frontier || seen.has(event.id)) continue;
    if (!residual || residual(event)) byId.set(event.id, event);
  }
  const matches = [...byId.values()].sort(
    (a, b) => b.at.getTime() - a.at.getTime() || b.id.localeCompare(a.id),
  );
  const events = matches.slice(0, page.limit);
  const last = events[events.length - 1];
  if (matches.length > page.limit && last)
    return { events, next: positionAfter(events, last.at, page.before) };
  if (frontier > -Infinity) {
    const stuck = events.length === 0 && page.before?.at.getTime() === frontier;
    // More entries of one instant than a walk reads, none matching: step past that instant.
    if (stuck) return { events, next: { at: new Date(frontier - 1), ids: [] } };
    return { events, next: positionAfter(events, new Date(frontier), page.before) };
  }
  return { events, next: null };
}

/** The position after `events` at instant `at`: the ids already shown at that instant are skipped. */
function positionAfter(events: AuditEvent[], at: Date, before?: AuditPosition): AuditPosition {
  const shown = events.filter((e) => e.at.getTime() === at.getTime()).map((e) => e.id);
  const carried = before && before.at.getTime() === at.getTime() ? before.ids : [];
  return { at, ids: [...new Set([...carried, ...shown])] };
}

async function sourcesOf(filter: AuditFilter): Promise<Source[]> {
  if (filter.caller) {
    const messages = await MessageModel.find({ callerNumber: filter.caller.number })
      .sort({ createdAt: -1 })
      .limit(CALLER_MESSAGES)
      .select({ _id: 1 })
      .lean();
    const ids = messages.map((m) => String(m._id));
    return [
      { callerKey: filter.caller.key },
      ...(ids.length ? [{ 'target.id': ids.length === 1 ? ids[0] : { $in: ids } }] : []),
    ];
  }
  if (filter.actorId) return [{ 'actor.id': filter.actorId }];
  if (filter.clientId) return [{ clientId: oid(filter.clientId) }];
  if (filter.actions?.length) {
    return [{ action: filter.actions.length === 1 ? filter.actions[0] : { $in: [...filter.actions] } }];
  }
  return [{}];
}

/** The filters the chosen walk does not apply itself, as a check of each entry read; none: null. */
function residualOf(filter: AuditFilter): ((e: AuditEvent) => boolean) | null {
  const checks: ((e: AuditEvent) => boolean)[] = [];
  const walked = filter.caller ? 'caller' : filter.actorId ? 'actor' : filter.clientId ? 'client' : 'action';
  if (filter.actorId && walked !== 'actor') checks.push((e) => e.actor.id === filter.actorId);
  if (filter.clientId && walked !== 'client') checks.push((e) => e.clientId === filter.clientId);
  const actions = filter.actions;
  if (actions?.length && walked !== 'action') checks.push((e) => actions.includes(e.action));
  return checks.length ? (e) => checks.every((check) => check(e)) : null;
}

function toAuditEvent(doc: Record<string, unknown> & { _id: unknown }): AuditEvent {
  const d = doc as unknown as AuditEventRecord;
  const target = d.target as { type?: string | null; id?: string | null } | null | undefined;
  return {
    id: String(d._id),
    at: d.at,
    actor: {
      type: d.actor.type as AuditActor['type'],
      ...(d.actor.id ? { id: d.actor.id } : {}),
      ...(d.actor.label ? { label: d.actor.label } : {}),
    },
    action: d.action,
    target: target?.type && target.id ? { type: target.type, id: target.id } : null,
    clientId: d.clientId ? String(d.clientId) : null,
    ip: d.ip ?? '',
    detail: (d.detail as Record<string, unknown> | null) ?? null,
  };
}
