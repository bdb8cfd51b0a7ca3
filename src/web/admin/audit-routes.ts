/**
 * `/admin/audit`: the access log, filtered by person, client, caller number, action and days;
 * `/admin/audit.csv`: the same entries as CSV, in the page's words.
 */
import { Router, type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import {
  AUDIT_TIME_ZONE,
  auditLogChoices,
  auditLogFields,
  readAuditLog,
  type AuditDirectory,
  type AuditLogQuery,
} from '../../app/audit-log';
import { InvalidInputError } from '../../domain/errors';
import { sourceOf } from '../auth';
import { CSV_CONTENT_TYPE, csvRow, csvStart } from '../csv';
import { spreadsheetDateTime } from '../format';
import { pageContext } from '../page-context';
import type { PageContext } from '../views/layout';
import { auditTexts, type AuditTexts } from './audit-texts';
import { actionLabel, auditPage, FILTER_FIELDS, whoName, type AuditForm } from './audit-view';

const blank = (v: unknown) => (v === '' ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blank, schema.optional());

/** The page's query string: the API's fields, blanks meaning "any" (an empty form field). */
const pageQuerySchema = z.object({
  user: optional(auditLogFields.user),
  client: optional(auditLogFields.client),
  caller: optional(auditLogFields.caller),
  action: optional(auditLogFields.action),
  from: optional(auditLogFields.from),
  to: optional(auditLogFields.to),
  before: optional(auditLogFields.before),
  lang: z.unknown().optional(),
});

/** At most this many pages (of 50) go into one CSV: a download, not a dump of the whole log. */
const CSV_PAGES = 100;

/** The message of a field's problem, in the page's language; `order` is the dates' order. */
function messageOf(a: AuditTexts, path: string, order = false): string {
  if (path === 'from' || path === 'to') return order ? a.errors.order : a.errors.date;
  return a.errors[path as keyof AuditTexts['errors']] ?? a.errors.date;
}

type Parsed = { ctx: PageContext; a: AuditTexts; form: AuditForm; query: AuditLogQuery | null };

/** The filters as typed (shown back as typed) and, when they are valid, as the use case takes them. */
function parseFilters(req: Request, res: Response): Parsed {
  const ctx = pageContext(req, res);
  const a = auditTexts(ctx.lang);
  const raw = req.query as Record<string, unknown>;
  // A repeated or nested value is shown back as nothing (and fails the schema).
  const values = Object.fromEntries(
    [...FILTER_FIELDS, 'before'].map((f) => [f, typeof raw[f] === 'string' ? raw[f] : '']),
  );
  const form: AuditForm = { values, errors: {} };
  const parsed = pageQuerySchema.safeParse(raw);
  if (parsed.success) {
    const { lang: _lang, ...query } = parsed.data;
    return { ctx, a, form, query };
  }
  for (const issue of parsed.error.issues) {
    const path = String(issue.path[0] ?? 'before');
    form.errors[path] ??= messageOf(a, path);
  }
  return { ctx, a, form, query: null };
}

/** Where the record acted on is read in the service (the page's link), for the CSV's readers. */
function targetPath(t: { type: string; id: string }): string {
  if (t.type === 'message') return `/messages/${t.id}`;
  return t.type === 'client' || t.type === 'user' ? `/admin/${t.type}s/${t.id}` : '';
}

export function auditRoutes(pageStack: RequestHandler[], callerKeySecret: () => string): Router {
  const router = Router();

  /** A page of the log, or the form with the reasons (400) when a filter is wrong. */
  async function read(req: Request, res: Response, p: Parsed, query: AuditLogQuery, dir: AuditDirectory) {
    try {
      const deps = { callerKeySecret: callerKeySecret() };
      return await readAuditLog(deps, sourceOf(req, res).actor, query, dir);
    } catch (err) {
      if (!(err instanceof InvalidInputError)) throw err;
      for (const d of err.details) p.form.errors[d.path] ??= messageOf(p.a, d.path, d.path === 'to');
      return null;
    }
  }

  async function refuse(res: Response, p: Parsed, dir: AuditDirectory) {
    const page = { form: p.form, ...dir, events: [], next: null };
    res.status(400).send(auditPage(p.ctx, page));
  }

  router.get('/audit', ...pageStack, async (req: Request, res: Response) => {
    const p = parseFilters(req, res);
    const dir = await auditLogChoices();
    const page = p.query && (await read(req, res, p, p.query, dir));
    if (!page) return refuse(res, p, dir);
    res.send(auditPage(p.ctx, { form: p.form, ...dir, ...page }));
  });

  router.get('/audit.csv', ...pageStack, async (req: Request, res: Response) => {
    const p = parseFilters(req, res);
    const dir = await auditLogChoices();
    const first = p.query && (await read(req, res, p, { ...p.query, before: undefined }, dir));
    if (!p.query || !first) return refuse(res, p, dir);
    const { clients } = dir;
    const countries = new Map(clients.map((c) => [c.id, c.country]));
    const day = new Date().toISOString().slice(0, 10);
    const lang = p.ctx.lang;
    res.setHeader('Content-Type', CSV_CONTENT_TYPE);
    res.setHeader('Content-Disposition', `attachment; filename="access-log-${day}.csv"`);
    res.write(csvStart(lang, p.a.csvColumns));
    let page = first;
    for (let n = 1; ; n++) {
      for (const e of page.events) {
        const cells = [
          spreadsheetDateTime(e.at, lang, AUDIT_TIME_ZONE),
          whoName(p.a, e.who, countries.get(e.clientId ?? '')),
          actionLabel(p.a, e.action),
          e.clientName ?? '',
          e.target ? (e.targetName ?? (e.target.type === 'message' ? p.a.message : '')) : '',
          e.target ? targetPath(e.target) : '',
          e.ip,
        ];
        res.write(csvRow(lang, cells));
      }
      if (!page.next || n >= CSV_PAGES) break;
      const more = await read(req, res, p, { ...p.query, before: page.next }, dir);
      if (!more) break;
      page = more;
    }
    res.end();
  });

  return router;
}
