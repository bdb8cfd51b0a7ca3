/** `/admin/users`: the list, and the form to create or edit a user with their client assignments. */
import type { Client } from '../../app/clients';
import { type User } from '../../domain/users';
import { html } from '../html';
import type { PageContext } from '../views/layout';
import { adminLayout } from './admin-layout';
import { adminTexts, type AdminTexts } from './admin-texts';
import { checkbox, errorSummary, fieldset, hidden, input, select, type FormState } from './form-controls';
import { historyLink } from './history-view';

export function userListPage(ctx: PageContext, users: User[], clients: Client[]): string {
  const a = adminTexts(ctx.lang);
  const names = new Map(clients.map((c) => [c.id, c.name]));
  const row = (u: User) =>
    html`<tr class="${u.active ? '' : 'is-inactive'}">
      <td data-label="${a.list.name}"><a href="/admin/users/${u.id}">${u.name}</a></td>
      <td data-label="${a.list.email}">${u.email}</td>
      <td data-label="${a.list.role}">${a.roles[u.role]}</td>
      <td data-label="${a.assignedClients}">
        ${u.clientIds.map((id) => names.get(id) ?? id).join(', ') || '—'}
      </td>
      <td data-label="${a.list.status}">
        <span class="badge ${u.active ? 'status-handled' : 'delivery-cancelled'}"
          >${u.active ? a.active : a.inactive}</span
        >
      </td>
    </tr>`;
  const body = html`<div class="list-head">
      <h1>${a.users}</h1>
      <a class="button primary" href="/admin/users/new">+ ${a.newUser}</a>
    </div>
    <table class="messages admin-table">
      <caption class="visually-hidden">
        ${a.users}
      </caption>
      <thead>
        <tr>
          <th scope="col">${a.list.name}</th>
          <th scope="col">${a.list.email}</th>
          <th scope="col">${a.list.role}</th>
          <th scope="col">${a.assignedClients}</th>
          <th scope="col">${a.list.status}</th>
        </tr>
      </thead>
      <tbody>
        ${users.map(row)}
      </tbody>
    </table>
    ${users.length === 0 ? html`<p class="empty">${a.noUsers}</p>` : ''}`;
  return adminLayout(ctx, 'users', a.users, body);
}

function clientChoices(t: AdminTexts, clients: Client[], chosen: string[], errors: string[] | undefined) {
  return html`<fieldset class="card form-section ${errors ? 'has-error' : ''}" id="f-clientIds">
    <legend>${t.assignedClients}</legend>
    ${errors ? html`<p class="field-error" id="f-clientIds-error">${errors.join(' ')}</p>` : ''}
    <div class="check-list">
      ${clients.map(
        (c) =>
          html`<div class="field check">
            <input
              type="checkbox"
              id="client-${c.id}"
              name="clientIds"
              value="${c.id}"
              ${chosen.includes(c.id) ? html`checked` : ''}
            />
            <label for="client-${c.id}">${c.name}</label>
          </div>`,
      )}
    </div>
  </fieldset>`;
}

export type UserFormPage = { user?: User; form: FormState; clientIds: string[]; clients: Client[] };

export function userFormPage(ctx: PageContext, page: UserFormPage): string {
  const t = adminTexts(ctx.lang);
  const title = page.user ? `${t.editUser} · ${page.user.name}` : t.newUser;
  const roles: [string, string][] = [
    ['assistant', t.roles.assistant],
    ['admin', t.roles.admin],
  ];
  const pwd = html`autocomplete="new-password" minlength="12"`;
  const s: FormState = { ...page.form, labels: {} };
  // The form first: it collects the labels the error summary names.
  const form = html`<form
    method="post"
    action="${page.user ? `/admin/users/${page.user.id}` : '/admin/users'}"
    class="user-form"
    novalidate
  >
    ${hidden('_csrf', ctx.csrf)}
    ${fieldset(
      t.identity,
      html`${page.user ? html`<p class="wide"><strong>${page.user.email}</strong></p>` : input(s, 'email', t.list.email, { type: 'email', attrs: html`required autocomplete="off"` })}
      ${input(s, 'name', t.name, { attrs: html`required` })} ${select(s, 'role', t.role, roles)}
      ${select(s, 'locale', t.userLocale, Object.entries(t.locales))}
      ${input(s, 'password', page.user ? t.newPassword : ctx.t.password, { type: 'password', hint: t.passwordHint, attrs: pwd })}
      ${page.user ? checkbox(s, 'active', t.accountActive) : ''}`,
    )}
    ${clientChoices(t, page.clients, page.clientIds, s.errors.clientIds)}
    <div class="form-actions">
      <button type="submit" class="button primary">${page.user ? t.save : t.create}</button>
      <a class="button subtle" href="/admin/users">${t.cancel}</a>
    </div>
  </form>`;
  const body = html`<p class="back"><a href="/admin/users">← ${t.users}</a></p>
    <h1>${title}</h1>
    ${errorSummary(s.errors, t.fixErrors, s.labels, t.fieldMessage)} ${form}
    ${page.user ? historyLink(ctx, `/admin/users/${page.user.id}/history`) : ''}`;
  return adminLayout(ctx, 'users', title, body);
}
