/** `/admin/audit`: the filter form and a page of the access log, in words. */
import { ACTION_GROUP_NAMES, ACTION_GROUPS, type AuditLogEntry, type AuditWho } from '../../app/audit-log';
import type { CountryCode } from '../../domain/phone';
import { formatDateTime, formatPhone } from '../format';
import { html, queryString, type SafeHtml } from '../html';
import type { PageContext } from '../views/layout';
import { adminLayout } from './admin-layout';
import { auditTexts, type AuditTexts } from './audit-texts';
import { input, select, type FormState } from './form-controls';

/** The form's values as typed (shown back as they were) and the problems of each field. */
export type AuditForm = { values: Record<string, string>; errors: Record<string, string> };

export type AuditPageData = {
  form: AuditForm;
  users: { id: string; name: string }[];
  clients: { id: string; name: string; country: CountryCode | undefined }[];
  events: AuditLogEntry[];
  next: string | null;
};

/** The filter fields, in form order: also the query string the pager keeps. */
export const FILTER_FIELDS = ['user', 'client', 'caller', 'action', 'from', 'to'] as const;

export function auditPage(ctx: PageContext, data: AuditPageData): string {
  const a = auditTexts(ctx.lang);
  const { values, errors } = data.form;
  const params = Object.fromEntries(FILTER_FIELDS.map((f) => [f, values[f]]));
  const filtered = FILTER_FIELDS.some((f) => values[f]);
  const countries = new Map(data.clients.map((c) => [c.id, c.country]));
  const errorList = Object.entries(errors);
  // The shared controls take a list of messages per field; the filters have one each.
  const form: FormState = { values, errors: Object.fromEntries(errorList.map(([f, m]) => [f, [m]])) };

  const body = html`<div class="list-head">
      <h1>${a.title}</h1>
      ${errorList.length ? '' : html`<a class="button" href="/admin/audit.csv${queryString(params)}" download>${a.exportCsv}</a>`}
    </div>
    <p class="hint">${a.intro}</p>
    ${
      errorList.length
        ? html`<div class="flash flash-error" role="alert" id="form-errors">
            <p>${a.formErrors}</p>
            <ul>
              ${errorList.map(([f, m]) => html`<li><a href="#f-${f}">${m}</a></li>`)}
            </ul>
          </div>`
        : ''
    }
    <form method="get" action="/admin/audit" class="filters audit-filters" role="search">
      ${select(form, 'user', a.user, [
        ['', a.anyone],
        ...data.users.map((u): [string, string] => [u.id, u.name]),
        ['admin-api-token', a.apiToken],
        ['recording-link', a.recordingLink],
      ])}
      ${select(form, 'client', a.client, [
        ['', a.allClients],
        ...data.clients.map((c): [string, string] => [c.id, c.name]),
      ])}
      ${input(form, 'caller', a.caller, { type: 'tel', attrs: html`placeholder="${a.callerPlaceholder}"` })}
      ${select(form, 'action', a.action, [
        ['', a.allActions],
        ...ACTION_GROUP_NAMES.map((g): [string, string] => [g, a.groups[g]]),
        ...ACTION_GROUP_NAMES.flatMap((g) =>
          ACTION_GROUPS[g].map((action): [string, string] => [
            action,
            `${a.groups[g]} · ${a.actions[action]}`,
          ]),
        ),
      ])}
      ${input(form, 'from', a.from, { type: 'date', cls: 'date' })}
      ${input(form, 'to', a.to, { type: 'date', cls: 'date' })}
      <div class="field actions">
        <button type="submit" class="button primary">${a.filter}</button>
        ${filtered ? html`<a href="/admin/audit" class="button subtle">${a.reset}</a>` : ''}
      </div>
    </form>
    ${errorList.length ? '' : table(ctx, a, data, countries)}
    ${
      data.events.length === 0 && errorList.length === 0
        ? html`<p class="empty">${data.next ? a.partialPage : a.empty}</p>`
        : ''
    }
    <nav class="pager" aria-label="pages">
      ${values.before ? html`<a href="/admin/audit${queryString(params)}">${a.newest}</a>` : ''}
      ${
        data.next
          ? html`<a href="/admin/audit${queryString({ ...params, before: data.next })}" rel="next"
              >${a.older} →</a
            >`
          : ''
      }
    </nav>`;
  return adminLayout(ctx, 'audit', a.title, body);
}

function table(
  ctx: PageContext,
  a: AuditTexts,
  data: AuditPageData,
  countries: Map<string, CountryCode | undefined>,
): SafeHtml {
  return html`<table class="messages admin-table audit-log">
    <caption class="visually-hidden">
      ${a.title}
    </caption>
    <thead>
      <tr>
        <th scope="col">${a.at}</th>
        <th scope="col">${a.who}</th>
        <th scope="col">${a.what}</th>
        <th scope="col">${a.client}</th>
        <th scope="col">${a.target}</th>
        <th scope="col">${a.ip}</th>
      </tr>
    </thead>
    <tbody>
      ${data.events.map((e) => row(ctx, a, e, countries.get(e.clientId ?? '')))}
    </tbody>
  </table>`;
}

function row(ctx: PageContext, a: AuditTexts, e: AuditLogEntry, country: CountryCode | undefined): SafeHtml {
  const email = e.action === 'login.failure' && typeof e.detail?.email === 'string' ? e.detail.email : '';
  return html`<tr>
    <td data-label="${a.at}">
      <time datetime="${e.at.toISOString()}">${formatDateTime(e.at, ctx.lang)}</time>
    </td>
    <td data-label="${a.who}">${who(a, e.who, country)}</td>
    <td data-label="${a.what}">
      ${actionLabel(a, e.action)} ${email ? html`<span class="hint">(${a.triedEmail(email)})</span>` : ''}
    </td>
    <td data-label="${a.client}">
      ${e.clientId ? html`<a href="/admin/clients/${e.clientId}">${e.clientName ?? '—'}</a>` : '—'}
    </td>
    <td data-label="${a.target}">${target(a, e)}</td>
    <td data-label="${a.ip}">${e.ip || '—'}</td>
  </tr>`;
}

export function actionLabel(a: AuditTexts, action: string): string {
  return (a.actions as Record<string, string>)[action] ?? a.otherAction(action);
}

function who(a: AuditTexts, w: AuditWho, country: CountryCode | undefined): SafeHtml | string {
  return w.kind === 'user' ? html`<a href="/admin/users/${w.id}">${w.name}</a>` : whoName(a, w, country);
}

/** Who acted, in words: a user's name, else what stands for them (never an internal id). */
export function whoName(a: AuditTexts, w: AuditWho, country: CountryCode | undefined): string {
  switch (w.kind) {
    case 'user':
      return w.name;
    case 'api-token':
      return a.apiToken;
    case 'recording-link':
      return a.recordingLink;
    case 'sms':
      return a.smsFrom(formatPhone(w.number, country));
    case 'system':
      return a.system;
    default:
      return a.anonymous;
  }
}

function target(a: AuditTexts, e: AuditLogEntry): SafeHtml | string {
  const t = e.target;
  if (!t) return '—';
  if (t.type === 'message') return html`<a href="/messages/${t.id}">${a.message}</a>`;
  if (t.type === 'client') return html`<a href="/admin/clients/${t.id}">${e.targetName ?? a.client}</a>`;
  if (t.type === 'user') return html`<a href="/admin/users/${t.id}">${e.targetName ?? a.user}</a>`;
  if (t.type === 'appointment') return html`<a href="/appointments/${t.id}">${a.appointment}</a>`;
  if (t.type === 'call') return html`<a href="/calls/${t.id}">${a.call}</a>`;
  return '—';
}
