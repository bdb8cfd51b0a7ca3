/**
 * `/admin/clients/:id/weekly-report`: the email as the client would see it, framed (the email's
 * inline styles need a CSP of their own, which only its own document can have), its subject and
 * recipients, and « Envoyer maintenant ».
 */
import { html } from '../html';
import type { PageContext } from '../views/layout';
import { adminLayout } from './admin-layout';
import { hidden } from './form-controls';
import { weeklyReportPageTexts } from './weekly-report-page-texts';

export type WeeklyReportPage = {
  client: { id: string; name: string };
  /** « du 23 au 29 novembre » / "November 23–29". */
  week: string;
  subject: string;
  to: string[];
};

export function weeklyReportPage(ctx: PageContext, page: WeeklyReportPage): string {
  const t = weeklyReportPageTexts(ctx.lang);
  const base = `/admin/clients/${page.client.id}`;
  const title = `${t.title} · ${page.client.name}`;
  const body = html`<p class="back"><a href="${base}">← ${t.back}</a></p>
    <h1>${title}</h1>
    <p>${t.intro(page.week)}</p>
    <dl class="weekly-report-meta">
      <dt>${t.subject}</dt>
      <dd>${page.subject}</dd>
      <dt>${t.recipients}</dt>
      <dd>${page.to.length ? page.to.join(', ') : t.noRecipient}</dd>
    </dl>
    ${
      page.to.length
        ? html`<form method="post" action="${base}/weekly-report/send">
            ${hidden('_csrf', ctx.csrf)}
            <button type="submit" class="button primary">${t.sendNow}</button>
          </form>`
        : ''
    }
    <iframe
      class="weekly-report-frame"
      src="${base}/weekly-report/email"
      title="${t.frameTitle}"
      sandbox="allow-popups allow-popups-to-escape-sandbox"
      width="100%"
      height="1400"
    ></iframe>`;
  return adminLayout(ctx, 'clients', title, body);
}
