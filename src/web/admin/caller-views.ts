/** `/admin/callers`: the search form, what is held, the erasure preview and its result. */
import type { CallerHoldings } from '../../app/caller-access';
import type { ErasurePreview, ErasureResult } from '../../app/caller-erasure';
import type { Client } from '../../app/clients';
import { displayPhone } from '../../domain/phone';
import { html, type SafeHtml } from '../html';
import { localeTag } from '../i18n';
import type { PageContext } from '../views/layout';
import { adminLayout } from './admin-layout';
import { callerTexts } from './caller-texts';
import { errorSummary, hidden, input, select, type FormState } from './form-controls';

const KINDS = [
  'messages',
  'calls',
  'contacts',
  'appointments',
  'upcomingAppointments',
  'recordings',
  'transcriptions',
  'notes',
  'deliveries',
  'notifications',
  'digests',
  'auditEntries',
  'settingsVersions',
] as const;

export type CallerForm = {
  values: { phone?: string; clientId?: string; lang?: string };
  errors: FormState['errors'];
};

function searchForm(ctx: PageContext, clients: Client[], form: CallerForm): SafeHtml {
  const t = callerTexts(ctx.lang);
  const state: FormState = { values: form.values, errors: form.errors };
  const clientChoices: [string, string][] = [
    ['', t.allClients],
    ...clients.map((c): [string, string] => [c.id, c.name]),
  ];
  return html`${errorSummary(form.errors, t.unreadable)}
    <form method="post" action="/admin/callers" class="caller-search card" novalidate>
      ${hidden('_csrf', ctx.csrf)}
      ${input(state, 'phone', t.phone, { type: 'tel', hint: t.phoneHint, attrs: html`required autocomplete="off"` })}
      ${select(state, 'clientId', t.client, clientChoices)}
      ${select(state, 'lang', t.language, Object.entries(t.languages))}
      <div class="form-actions"><button type="submit" class="button primary">${t.search}</button></div>
    </form>`;
}

export function callerSearchPage(ctx: PageContext, clients: Client[], form: CallerForm): string {
  const t = callerTexts(ctx.lang);
  const body = html`<h1>${t.title}</h1>
    <p>${t.intro}</p>
    ${searchForm(ctx, clients, form)}`;
  return adminLayout(ctx, 'callers', t.title, body);
}

function holdingsTable(ctx: PageContext, h: CallerHoldings): SafeHtml {
  const t = callerTexts(ctx.lang);
  const kinds = KINDS.filter((k) => h.perClient.some((c) => c[k] > 0));
  return html`<table class="messages admin-table caller-holdings">
      <caption class="visually-hidden">
        ${t.held(displayPhone(h.phone))}
      </caption>
      <thead>
        <tr>
          <th scope="col">${t.kind}</th>
          ${h.perClient.map((c) => html`<th scope="col">${c.clientName}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${kinds.map(
          (k) =>
            html`<tr>
              <th scope="row">${t.kinds[k]}</th>
              ${h.perClient.map((c) => html`<td data-label="${c.clientName}">${c[k]}</td>`)}
            </tr>`,
        )}
      </tbody>
    </table>
    <ul>
      ${h.perClient.map((c) => html`${c.vip ? html`<li>${c.clientName} — ${t.vip}</li>` : ''}${c.blocked ? html`<li>${c.clientName} — ${t.blocked}</li>` : ''}${c.ownSetting ? html`<li>${c.clientName} — ${t.ownSetting}</li>` : ''}`)}
      ${h.live.calls ? html`<li>${t.live}${t.colon}${h.live.calls}</li>` : ''}
      ${h.live.parked ? html`<li>${t.parked}${t.colon}${h.live.parked}</li>` : ''}
      ${h.live.jobs ? html`<li>${t.jobs}${t.colon}${h.live.jobs}</li>` : ''}
    </ul>`;
}

function scopeFields(ctx: PageContext, phone: string, clientId: string | null): SafeHtml {
  return html`${hidden('_csrf', ctx.csrf)} ${hidden('phone', phone)} ${hidden('clientId', clientId ?? '')}`;
}

export function callerHoldingsPage(
  ctx: PageContext,
  clients: Client[],
  form: CallerForm,
  h: CallerHoldings,
): string {
  const t = callerTexts(ctx.lang);
  const shown = displayPhone(h.phone);
  const body = html`<h1>${t.title}</h1>
    ${searchForm(ctx, clients, form)}
    <h2>${t.held(shown)}</h2>
    ${h.empty && h.perClient.length === 0 ? html`<p class="empty">${t.nothing}</p>` : holdingsTable(ctx, h)}
    <div class="form-actions caller-actions">
      <form method="post" action="/admin/callers/export">
        ${scopeFields(ctx, h.phone, h.clientId)} ${hidden('lang', form.values.lang ?? 'fr')}
        <button type="submit" class="button primary">${t.exportZip}</button>
      </form>
      ${
        h.empty
          ? ''
          : html`<form method="post" action="/admin/callers/erasure/preview">
              ${scopeFields(ctx, h.phone, h.clientId)}
              <button type="submit" class="button danger">${t.erase}</button>
            </form>`
      }
    </div>`;
  return adminLayout(ctx, 'callers', t.title, body);
}

export function erasurePreviewPage(ctx: PageContext, p: ErasurePreview, notice?: string): string {
  const t = callerTexts(ctx.lang);
  const shown = displayPhone(p.phone);
  const expires = new Intl.DateTimeFormat(localeTag(ctx.lang), {
    timeStyle: 'short',
    timeZone: 'Europe/Paris',
  }).format(new Date(p.expiresAt));
  const lists = p.perClient.some((c) => c.vip || c.blocked);
  const body = html`<p class="back"><a href="/admin/callers">← ${t.back}</a></p>
    <h1>${t.previewTitle}</h1>
    ${notice ? html`<p class="flash flash-error" role="alert">${notice}</p>` : ''}
    ${
      p.empty
        ? html`<p class="empty">${t.nothingToErase}</p>`
        : html`<p>${t.previewIntro(shown)}</p>
            ${holdingsTable(ctx, p)}
            <dl class="erasure-plan">
              <dt>${t.deleted}</dt>
              <dd>${t.deletedItems}</dd>
              <dt>${t.anonymised}</dt>
              <dd>${t.anonymisedItems}</dd>
              <dt>${t.kept}</dt>
              <dd>${t.keptItems}</dd>
            </dl>
            ${lists ? html`<p>${t.listsChanged}</p>` : ''}
            <form method="post" action="/admin/callers/erasure">
              ${scopeFields(ctx, p.phone, p.clientId)} ${hidden('token', p.token)}
              <p class="hint">${t.expires(expires)}</p>
              <button type="submit" class="button danger">${t.confirm}</button>
            </form>`
    }`;
  return adminLayout(ctx, 'callers', t.previewTitle, body);
}

export function erasureDonePage(ctx: PageContext, result: ErasureResult): string {
  const t = callerTexts(ctx.lang);
  const rows = Object.entries(result).filter(([, n]) => n > 0);
  const body = html`<h1>${t.doneTitle}</h1>
    <p class="flash flash-ok" role="status">${t.done}</p>
    <table class="messages admin-table erasure-result">
      <tbody>
        ${rows.map(
          ([k, n]) =>
            html`<tr>
              <th scope="row">${t.results[k] ?? ''}</th>
              <td>${n}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    ${result.recordingDeletionsRequested ? html`<p class="hint">${t.recordingsNote}</p>` : ''}
    <p><a class="button" href="/admin/callers">${t.back}</a></p>`;
  return adminLayout(ctx, 'callers', t.doneTitle, body);
}
