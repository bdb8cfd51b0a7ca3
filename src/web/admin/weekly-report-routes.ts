/**
 * The weekly report from the admin's side: `GET /admin/clients/:id/weekly-report` (the preview
 * page), `GET …/weekly-report/email` (the email's HTML, its charts as `data:` images, framed by the
 * page) and `POST …/weekly-report/send` (« Envoyer maintenant »: once per week, like the schedule).
 */
import { Router, type Request, type RequestHandler, type Response } from 'express';
import { getClient } from '../../app/clients';
import { auditWeeklyReportSend } from '../../app/weekly-report';
import { buildWeeklyReport, sendWeeklyReport, type WeeklyReportDeps } from '../../notify/weekly-report-send';
import { weekRange } from '../../notify/weekly-report-texts';
import { sourceOf } from '../auth';
import { csrfProtection } from '../csrf';
import { pageContext, pageLang, setFlash } from '../page-context';
import { weeklyReportPageTexts } from './weekly-report-page-texts';
import { weeklyReportPage } from './weekly-report-view';

type IdRequest = Request<{ id: string }>;

/**
 * The email's own document: inline styles (the email's) and `data:` images only, no script, and
 * framed by this site's pages alone — the site's stricter policy would strip its styles.
 */
const EMAIL_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; base-uri 'none'; form-action 'none'";

/** The HTML with each `cid:` image inlined as a `data:` URI, as the mail reader would show it. */
function inlineImages(email: Awaited<ReturnType<typeof buildWeeklyReport>>): string {
  let out = email.html;
  for (const i of email.images) {
    const data = `data:${i.contentType};base64,${Buffer.from(i.content).toString('base64')}`;
    out = out.split(`cid:${i.cid}`).join(data);
  }
  return out;
}

export function weeklyReportRoutes(pageStack: RequestHandler[], deps: WeeklyReportDeps): Router {
  const router = Router();
  const postStack = [...pageStack, csrfProtection as RequestHandler];

  router.get('/clients/:id/weekly-report', ...pageStack, async (req: IdRequest, res: Response) => {
    const client = await getClient(req.params.id);
    const report = await buildWeeklyReport(client.id, new Date(), deps);
    const ctx = pageContext(req, res);
    const locale = ctx.lang === 'en' ? 'en-US' : 'fr-FR';
    res.send(
      weeklyReportPage(ctx, {
        client: { id: client.id, name: client.name },
        week: weekRange(report.week, report.weekTo, locale),
        subject: report.subject,
        to: report.to,
      }),
    );
  });

  router.get('/clients/:id/weekly-report/email', ...pageStack, async (req: IdRequest, res: Response) => {
    const client = await getClient(req.params.id);
    const report = await buildWeeklyReport(client.id, new Date(), deps);
    res.setHeader('Content-Security-Policy', EMAIL_CSP);
    res.setHeader('X-Frame-Options', 'SAMEORIGIN');
    res.type('html').send(inlineImages(report));
  });

  router.post('/clients/:id/weekly-report/send', ...postStack, async (req: IdRequest, res: Response) => {
    const client = await getClient(req.params.id);
    const t = weeklyReportPageTexts(pageLang(req, res));
    const outcome = await sendWeeklyReport(client.id, new Date(), deps).catch((err: Error) => {
      deps.logger.warn(`weekly report of ${client.id} not sent: ${err.message}`);
      return null;
    });
    if (!outcome) {
      setFlash(req, 'error', t.cannotSend);
      return void res.redirect(303, `/admin/clients/${client.id}/weekly-report`);
    }
    await auditWeeklyReportSend(sourceOf(req, res), client.id, {
      week: outcome.week,
      outcome: outcome.status,
      recipients: outcome.to.length,
    });
    if (outcome.status === 'sent') setFlash(req, 'ok', t.sent(outcome.to.join(', ')));
    else setFlash(req, 'error', outcome.status === 'no-recipient' ? t.noRecipient : t.alreadySent);
    res.redirect(303, `/admin/clients/${client.id}/weekly-report`);
  });

  return router;
}
