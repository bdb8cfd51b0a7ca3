/** `/admin/clients/new` and `/admin/clients/:id`: the client form, and on the edit page the preview panel. */
import { html, type SafeHtml } from '../html';
import type { PageContext } from '../views/layout';
import { adminLayout } from './admin-layout';
import { adminTexts } from './admin-texts';
import {
  callersSection,
  hoursSection,
  identitySection,
  messageSection,
  notificationsSection,
  rulesSection,
  transferSection,
} from './client-form-sections';
import { speechSection } from './client-form-speech';
import { appointmentsSection } from './client-form-appointments';
import { errorSummary, hidden, type FormState } from './form-controls';
import { historyLink } from './history-view';

export type ClientFormPage = {
  /** Absent for a new client. */
  client?: { id: string; name: string; active: boolean };
  form: FormState;
  /** The edit page's "test this setup" panel. */
  preview?: SafeHtml;
  /** The edit page's calendar connection panel. */
  calendar?: SafeHtml;
  /** The edit page's « Dernière purge : … » line. */
  lastPurge?: SafeHtml;
};

export function clientFormPage(ctx: PageContext, page: ClientFormPage): string {
  const t = adminTexts(ctx.lang);
  const title = page.client ? `${t.editClient} · ${page.client.name}` : t.newClient;
  const action = page.client ? `/admin/clients/${page.client.id}` : '/admin/clients';
  const s: FormState = { ...page.form, labels: {} };
  // The sections first: they collect the labels the error summary names.
  const sections = html`${identitySection(s, t)} ${speechSection(s, t)} ${hoursSection(s, t)}
  ${transferSection(s, t)} ${callersSection(s, t)} ${rulesSection(s, t)} ${messageSection(s, t)}
  ${notificationsSection(s, t, page.client && `/admin/clients/${page.client.id}/weekly-report`)}
  ${appointmentsSection(s, t)}`;
  const body = html`<p class="back"><a href="/admin/clients">← ${t.clients}</a></p>
    <h1>${title}</h1>
    ${errorSummary(s.errors, t.fixErrors, s.labels, t.fieldMessage)}
    <div class="admin-columns ${page.preview ? 'with-aside' : ''}">
      <form method="post" action="${action}" class="client-form" novalidate>
        ${hidden('_csrf', ctx.csrf)}
        <button type="submit" class="default-submit" tabindex="-1" aria-hidden="true">
          ${page.client ? t.save : t.create}
        </button>
        ${sections}
        <div class="form-actions">
          <button type="submit" class="button primary">${page.client ? t.save : t.create}</button>
          <a class="button subtle" href="/admin/clients">${t.cancel}</a>
        </div>
      </form>
      <div class="admin-aside">
        ${page.preview ?? ''} ${page.calendar ?? ''}
        ${page.client ? activationPanel(ctx, page.client, t) : ''}
        ${page.client ? historyLink(ctx, `/admin/clients/${page.client.id}/history`) : ''}
        ${page.lastPurge ?? ''}
      </div>
    </div>`;
  return adminLayout(ctx, 'clients', title, body);
}

/** Switches the client's service off (calls get the "unknown number" answer) or back on. */
function activationPanel(
  ctx: PageContext,
  client: { id: string; active: boolean },
  t: ReturnType<typeof adminTexts>,
): SafeHtml {
  return html`<section class="card activation" aria-labelledby="h-activation">
    <h2 id="h-activation">${t.serviceHeading}</h2>
    <p>${client.active ? t.serviceOn : t.serviceOff}</p>
    <form method="post" action="/admin/clients/${client.id}/active">
      ${hidden('_csrf', ctx.csrf)} ${client.active ? '' : hidden('active', 'on')}
      <button type="submit" class="button ${client.active ? 'subtle' : 'primary'}">
        ${client.active ? t.deactivateClient : t.activateClient}
      </button>
    </form>
  </section>`;
}
