/** `/admin/audit`: the access log, filtered by person, client, caller number, action and days. */
import { Router, type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import { auditLogChoices, auditLogFields, readAuditLog, type AuditLogQuery } from '../../app/audit-log';
import { InvalidInputError } from '../../domain/errors';
import { sourceOf } from '../auth';
import { pageContext } from '../page-context';
import { auditTexts, type AuditTexts } from './audit-texts';
import { auditPage, FILTER_FIELDS, type AuditForm } from './audit-view';

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

/** The message of a field's problem, in the page's language; `order` is the dates' order. */
function messageOf(a: AuditTexts, path: string, order = false): string {
  if (path === 'from' || path === 'to') return order ? a.errors.order : a.errors.date;
  return a.errors[path as keyof AuditTexts['errors']] ?? a.errors.date;
}

export function auditRoutes(pageStack: RequestHandler[], callerKeySecret: () => string): Router {
  const router = Router();

  router.get('/audit', ...pageStack, async (req: Request, res: Response) => {
    const ctx = pageContext(req, res);
    const a = auditTexts(ctx.lang);
    const raw = req.query as Record<string, unknown>;
    // What the admin typed is shown back as typed; a repeated or nested value is shown as nothing.
    const values = Object.fromEntries(
      [...FILTER_FIELDS, 'before'].map((f) => [f, typeof raw[f] === 'string' ? raw[f] : '']),
    );
    const form: AuditForm = { values, errors: {} };
    const choices = await auditLogChoices();
    const parsed = pageQuerySchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const path = String(issue.path[0] ?? 'before');
        form.errors[path] ??= messageOf(a, path);
      }
      return void res.status(400).send(auditPage(ctx, { form, ...choices, events: [], next: null }));
    }
    const { lang: _lang, ...query } = parsed.data;
    try {
      const page = await readAuditLog(
        { callerKeySecret: callerKeySecret() },
        sourceOf(req, res).actor,
        query as AuditLogQuery,
      );
      res.send(auditPage(ctx, { form, ...choices, ...page }));
    } catch (err) {
      if (!(err instanceof InvalidInputError)) throw err;
      for (const d of err.details) form.errors[d.path] ??= messageOf(a, d.path, d.path === 'to');
      res.status(400).send(auditPage(ctx, { form, ...choices, events: [], next: null }));
    }
  });

  return router;
}
