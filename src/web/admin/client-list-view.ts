/** `/admin/clients`: every client with its numbers, language and state. */
import type { Client } from '../../app/clients';
import { clientCountry } from '../../domain/phone';
import { formatPhone } from '../format';
import { localeName } from './locale-names';
import { html } from '../html';
import type { PageContext } from '../views/layout';
import { adminLayout } from './admin-layout';
import { adminTexts } from './admin-texts';

export function clientListPage(ctx: PageContext, clients: Client[]): string {
  const a = adminTexts(ctx.lang);
  const row = (c: Client) =>
    html`<tr class="${c.active ? '' : 'is-inactive'}">
      <td data-label="${a.list.name}"><a href="/admin/clients/${c.id}">${c.name}</a></td>
      <td data-label="${a.list.numbers}">
        ${c.numbers.map((n) => html`<span class="nowrap">${formatPhone(n, clientCountry(c))}</span> `)}
      </td>
      <td data-label="${a.list.locale}">${localeName(c.locale, ctx.lang)}</td>
      <td data-label="${a.list.status}">
        <span class="badge ${c.active ? 'status-handled' : 'delivery-cancelled'}"
          >${c.active ? a.active : a.inactive}</span
        >
      </td>
    </tr>`;
  const body = html`<div class="list-head">
      <h1>${a.clients}</h1>
      <a class="button primary" href="/admin/clients/new">+ ${a.newClient}</a>
    </div>
    <table class="messages admin-table">
      <caption class="visually-hidden">
        ${a.clients}
      </caption>
      <thead>
        <tr>
          <th scope="col">${a.list.name}</th>
          <th scope="col">${a.list.numbers}</th>
          <th scope="col">${a.list.locale}</th>
          <th scope="col">${a.list.status}</th>
        </tr>
      </thead>
      <tbody>
        ${clients.map(row)}
      </tbody>
    </table>
    ${clients.length === 0 ? html`<p class="empty">${a.noClients}</p>` : ''}`;
  return adminLayout(ctx, 'clients', a.clients, body);
}
