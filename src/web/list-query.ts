/** The list's query string, validated: only plain strings of known names, nothing else gets through. */
import { z } from 'zod';
import { LANGS } from './i18n';
import { MESSAGE_STATUSES } from '../domain/vocabulary';
import type { MessageFilter } from '../store/message-queries';
import { addDays, startOfLocalDay } from '../domain/zoned-time';
import { calendarDateSchema } from '../domain/calendar';
import { lineSchema } from '../domain/text';
import { DEFAULT_TIME_ZONE } from './format';
import { OPEN_STATUSES } from '../app/cockpit-reads';

const day = calendarDateSchema;
const blankToUndefined = (v: unknown) => (v === '' ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

/**
 * The list's views: "to do" (new and in progress, the default: what an assistant opens the list
 * for), one status, or everything.
 */
export const LIST_VIEWS = ['open', ...MESSAGE_STATUSES, 'all'] as const;
export type ListView = (typeof LIST_VIEWS)[number];

export const listQuerySchema = z
  .object({
    client: optional(z.string().regex(/^[0-9a-f]{24}$/i, 'expected a client id')),
    status: optional(z.enum(LIST_VIEWS)),
    urgency: optional(z.enum(['urgent', 'normal'])),
    from: optional(day),
    to: optional(day),
    q: optional(lineSchema().max(100, 'at most 100 characters')),
    before: optional(z.string().regex(/^[A-Za-z0-9_-]{1,80}$/, 'expected a page cursor')),
    lang: optional(z.enum(LANGS)),
  })
  .strict()
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: 'the start date is after the end date',
    path: ['to'],
  });

export type ListQuery = z.output<typeof listQuerySchema>;

/**
 * The view shown: the one asked for; else "to do", except for a search, which looks through every
 * message (a caller ringing back about last week's handled message must be found).
 */
export const viewOf = (q: Pick<ListQuery, 'status' | 'q'>): ListView => q.status ?? (q.q ? 'all' : 'open');

/** The statuses a view shows; none for "all". */
function statusesOf(view: ListView): MessageFilter['status'] {
  if (view === 'open') return OPEN_STATUSES;
  return view === 'all' ? undefined : view;
}

export function toFilter(q: ListQuery): MessageFilter {
  return {
    clientId: q.client,
    status: statusesOf(viewOf(q)),
    urgent: q.urgency === undefined ? undefined : q.urgency === 'urgent',
    from: q.from ? startOfLocalDay(q.from, DEFAULT_TIME_ZONE) : undefined,
    to: q.to ? startOfLocalDay(addDays(q.to, 1), DEFAULT_TIME_ZONE) : undefined,
    search: q.q || undefined,
  };
}

/** The filter part of the query, for links that keep it (pages, export, status tabs). */
export function filterParams(q: ListQuery): Record<string, string | undefined> {
  return { client: q.client, status: q.status, urgency: q.urgency, from: q.from, to: q.to, q: q.q };
}

export function hasFilter(q: ListQuery): boolean {
  return Object.values(filterParams(q)).some(Boolean) || Boolean(q.before);
}

/** A filter other than the view (client, urgency, dates, search): the phone layout unfolds them. */
export function hasNarrowing(q: ListQuery): boolean {
  return Boolean(q.client || q.urgency || q.from || q.to || q.q);
}

/** The filters of `/counts`: the list's, without view or page (the counts are of every view). */
export const countsQuerySchema = z
  .object({
    client: listQuerySchema.shape.client,
    urgency: listQuerySchema.shape.urgency,
    from: listQuerySchema.shape.from,
    to: listQuerySchema.shape.to,
    q: listQuerySchema.shape.q,
  })
  .strict();
