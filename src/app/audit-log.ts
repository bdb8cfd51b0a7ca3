/**
 * The access log, as an admin reads it: who did what, to which caller data, when — filtered by
 * person, client, caller number, kind of action and days, newest first, one page at a time.
 * The web page and the admin API read it here.
 */
import { z } from 'zod';
import { accessOf, type Actor } from '../domain/access';
import { calendarDateSchema } from '../domain/calendar';
import { InvalidInputError, NotFoundError } from '../domain/errors';
import { clientCountry, toE164, type CountryCode } from '../domain/phone';
import { addDays, startOfLocalDay } from '../domain/zoned-time';
import { listAuditPage, type AuditEvent, type AuditPosition } from '../store/audit';
import { listClients } from '../store/clients';
import { listUsers } from '../store/users';
import { callerKey } from './caller-key';

/** Every action the code records, by group; the pages name each one. */
export const ACTION_GROUPS = {
  /** Reads of caller data. */
  views: [
    'messages.list',
    'message.view',
    'recording.play',
    'messages.export',
    // the call log (src/app/call-log.ts)
    'calls.list',
    'call.view',
    'calls.export',
  ],
  /** Changes to messages, clients and users. */
  changes: [
    'message.claim',
    'message.assign',
    'message.handle',
    'message.reopen',
    'message.note',
    'message.update',
    'message.retry-delivery',
    'message.acknowledge',
    'client.create',
    'client.update',
    'client.activate',
    'client.deactivate',
    'client.restore',
    'client.weekly-report.send',
    'calendar.connect',
    'calendar.disconnect',
    'calendar.test',
    'user.create',
    'user.update',
    'user.restore',
    'retention.purge',
    'appointment.book',
    'appointment.move',
    'appointment.cancel',
  ],
  'sign-ins': ['login.success', 'login.failure', 'logout'],
  /** A caller's requests: a copy of their data, its erasure. */
  'caller-rights': ['caller.export', 'caller.erase'],
} as const;

export type ActionGroup = keyof typeof ACTION_GROUPS;
export type AuditAction = (typeof ACTION_GROUPS)[ActionGroup][number];
export const ACTION_GROUP_NAMES = Object.keys(ACTION_GROUPS) as ActionGroup[];
export const AUDIT_ACTIONS = Object.values(ACTION_GROUPS).flat() as AuditAction[];

/** Actors that are no user: the API token, a signed recording link. */
export const NON_USER_ACTORS = ['admin-api-token', 'recording-link'] as const;

/**
 * The days of the filter are the admins' days: Europe/Paris, the zone of the web list's filters
 * (users have a language, not a time zone).
 */
export const AUDIT_TIME_ZONE = 'Europe/Paris';

export const AUDIT_PAGE_SIZE = 50;

/** The filter's fields, validated by each edge (the API as they are, the page with blanks removed). */
export const auditLogFields = {
  user: z
    .union([z.string().regex(/^[0-9a-f]{24}$/, 'expected a user id'), z.enum(NON_USER_ACTORS)])
    .meta({ description: `A user's id, or ${NON_USER_ACTORS.join(' or ')}.` }),
  client: z.string().regex(/^[0-9a-f]{24}$/, 'expected a client id'),
  caller: z
    .string()
    .trim()
    .regex(/^\+?[\d\s.\-()]{4,30}$/, 'expected a phone number')
    .meta({
      description: 'A caller number, national (read in the client’s country, else France) or international.',
    }),
  action: z
    .enum([...ACTION_GROUP_NAMES, ...AUDIT_ACTIONS])
    .meta({ description: 'An action, or a group of them: views, changes, sign-ins, caller-rights.' }),
  from: calendarDateSchema.meta({ description: `First day (YYYY-MM-DD, ${AUDIT_TIME_ZONE}).` }),
  to: calendarDateSchema.meta({ description: `Last day, included (YYYY-MM-DD, ${AUDIT_TIME_ZONE}).` }),
  before: z
    .string()
    .regex(/^[A-Za-z0-9_-]{2,8000}$/, 'expected the `next` of a previous page')
    .meta({ description: 'The `next` cursor of the previous page: older entries.' }),
};

export type AuditLogQuery = { [K in keyof typeof auditLogFields]?: z.output<(typeof auditLogFields)[K]> };

/** Who acted, as people read it. */
export type AuditWho =
  | { kind: 'user'; id: string; name: string }
  | { kind: 'api-token' }
  | { kind: 'recording-link' }
  | { kind: 'sms'; number: string }
  | { kind: 'system' }
  | { kind: 'anonymous' };

export type AuditLogEntry = AuditEvent & {
  who: AuditWho;
  group: ActionGroup | null;
  clientName: string | null;
  /** The name of the client or user acted on, when the target is one. */
  targetName: string | null;
};

export type AuditLogPage = { events: AuditLogEntry[]; next: string | null };

/** A page of the log for an admin; anyone else is told there is no such thing. */
export async function readAuditLog(
  deps: { callerKeySecret: string },
  actor: Actor,
  query: AuditLogQuery,
  /** The people and clients to name entries with, when the edge already has them. */
  directory?: AuditDirectory,
): Promise<AuditLogPage> {
  if (!accessOf(actor).all) throw new NotFoundError('no such page');
  const { users, clients } = directory ?? (await auditLogChoices());
  const before = query.before ? decodePosition(query.before) : undefined;
  if (before === null) throw new InvalidInputError([{ path: 'before', message: 'unknown cursor' }]);
  if (query.from && query.to && query.from > query.to) {
    throw new InvalidInputError([{ path: 'to', message: 'the last day is before the first day' }]);
  }
  const client = query.client ? clients.find((c) => c.id === query.client) : undefined;
  if (query.client && !client) throw new InvalidInputError([{ path: 'client', message: 'no such client' }]);
  const caller = query.caller ? callerNumber(query.caller, client?.country) : undefined;
  const actions = query.action
    ? query.action in ACTION_GROUPS
      ? ACTION_GROUPS[query.action as ActionGroup]
      : [query.action]
    : undefined;

  const { events, next } = await listAuditPage(
    {
      actorId: query.user,
      clientId: query.client,
      actions,
      from: query.from ? startOfLocalDay(query.from, AUDIT_TIME_ZONE) : undefined,
      to: query.to ? startOfLocalDay(addDays(query.to, 1), AUDIT_TIME_ZONE) : undefined,
      caller: caller ? { key: callerKey(deps.callerKeySecret, caller), number: caller } : undefined,
    },
    { limit: AUDIT_PAGE_SIZE, before },
  );
  const userNames = new Map(users.map((u) => [u.id, u.name]));
  const clientNames = new Map(clients.map((c) => [c.id, c.name]));
  const targetName = (t: AuditEvent['target']) =>
    (t?.type === 'client' ? clientNames.get(t.id) : t?.type === 'user' ? userNames.get(t.id) : undefined) ??
    null;
  return {
    events: events.map((e) => ({
      ...e,
      who: whoOf(e, userNames),
      group: groupOf(e.action),
      clientName: (e.clientId && clientNames.get(e.clientId)) || null,
      targetName: targetName(e.target),
    })),
    next: next ? encodePosition(next) : null,
  };
}

export type AuditDirectory = {
  users: { id: string; name: string }[];
  clients: { id: string; name: string; country: CountryCode | undefined }[];
};

/** The people and clients an admin may filter by, by name. */
export async function auditLogChoices(): Promise<AuditDirectory> {
  const [users, clients] = await Promise.all([listUsers(), listClients()]);
  return {
    users: users.map((u) => ({ id: u.id, name: u.name })).sort((a, b) => a.name.localeCompare(b.name)),
    clients: clients
      .map((c) => ({ id: c.id, name: c.name, country: clientCountry(c) }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}

export function groupOf(action: string): ActionGroup | null {
  return ACTION_GROUP_NAMES.find((g) => (ACTION_GROUPS[g] as readonly string[]).includes(action)) ?? null;
}

/** A number as an admin types it: national numbers are read in the client's country, else France's. */
function callerNumber(text: string, country: CountryCode | undefined): string {
  const number = toE164(text, country ?? 'FR');
  if (!number) throw new InvalidInputError([{ path: 'caller', message: 'not a valid phone number' }]);
  return number;
}

function whoOf(e: AuditEvent, names: Map<string, string>): AuditWho {
  const { type, id = '', label = '' } = e.actor;
  if (type === 'user') return { kind: 'user', id, name: names.get(id) || label || '—' };
  if (type === 'api-token') return { kind: 'api-token' };
  if (type === 'system' && id === 'recording-link') return { kind: 'recording-link' };
  if (type === 'system' && label.startsWith('sms:')) return { kind: 'sms', number: label.slice(4) };
  return type === 'system' ? { kind: 'system' } : { kind: 'anonymous' };
}

/** The page cursor: base64url of `<ms>.<id>.<id>…` (the instant, the ids already shown at it). */
export function encodePosition(p: AuditPosition): string {
  return Buffer.from([String(p.at.getTime()), ...p.ids].join('.')).toString('base64url');
}

function decodePosition(text: string): AuditPosition | null {
  const [ms, ...ids] = Buffer.from(text, 'base64url').toString('utf8').split('.');
  if (!ms || !/^\d{1,15}$/.test(ms) || ids.length > 200 || !ids.every((id) => /^[0-9a-f]{24}$/.test(id))) {
    return null;
  }
  return { at: new Date(Number(ms)), ids };
}
