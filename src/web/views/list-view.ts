/** The message list: status tabs with counts, filters, the table, keyset pages, live updates. */
import { MESSAGE_STATUSES, type MessageStatus } from '../../domain/vocabulary';
import type { Message } from '../../store/messages';
import { html, queryString } from '../html';
import { filterParams, hasFilter, type ListQuery } from '../list-query';
import { layout, type PageContext } from './layout';
import { messageRow, type RowContext } from './message-row';

export type ListData = {
  query: ListQuery;
  messages: Message[];
  /** The cursor of the next (older) page. */
  next: string | null;
  counts: Record<MessageStatus, number> & { total: number };
  clients: { id: string; name: string }[];
  rows: RowContext;
};

export function listPage(ctx: PageContext, data: ListData): string {
  const { t } = ctx;
  const q = data.query;
  const params = filterParams(q);
  const tab = (status: MessageStatus | undefined, label: string, n: number) =>
    html`<a
      href="/${queryString({ ...params, status })}"
      class="tab"
      ${q.status === status ? html`aria-current="page"` : ''}
    >
      ${label} <span class="count">${n}</span></a
    >`;
  const selected = (a: string | undefined, b: string) => (a === b ? html`selected` : '');
  const live = hasFilter(q) ? 'banner' : 'insert';

  const body = html`<div class="list-head">
      <h1>${t.messages}</h1>
      <span class="action-row">
        <a class="button" href="/appointments${queryString({ client: q.client })}">${t.appointmentsLink}</a>
        <a class="button" href="/export.csv${queryString(params)}" download>${t.exportCsv}</a>
      </span>
    </div>
    <nav class="tabs" aria-label="${t.status}">
      ${tab(undefined, t.all, data.counts.total)}
      ${MESSAGE_STATUSES.map((s) => tab(s, t.statusNames[s], data.counts[s]))}
    </nav>
    <form method="get" action="/" class="filters" role="search">
      ${q.status ? html`<input type="hidden" name="status" value="${q.status}" />` : ''}
      <div class="field grow">
        <label for="q">${t.search}</label>
        <input
          id="q"
          name="q"
          type="search"
          value="${q.q ?? ''}"
          placeholder="${t.searchHint}"
          maxlength="100"
        />
      </div>
      ${
        data.clients.length > 1
          ? html`<div class="field">
              <label for="client">${t.client}</label>
              <select id="client" name="client">
                <option value="">${t.allClients}</option>
                ${data.clients.map((c) => html`<option value="${c.id}" ${selected(q.client, c.id)}>${c.name}</option>`)}
              </select>
            </div>`
          : ''
      }
      <div class="field">
        <label for="urgency">${t.urgency}</label>
        <select id="urgency" name="urgency">
          <option value="">${t.all}</option>
          <option value="urgent" ${selected(q.urgency, 'urgent')}>${t.urgentOnly}</option>
          <option value="normal" ${selected(q.urgency, 'normal')}>${t.notUrgent}</option>
        </select>
      </div>
      <div class="field date">
        <label for="from">${t.from}</label><input id="from" name="from" type="date" value="${q.from ?? ''}" />
      </div>
      <div class="field date">
        <label for="to">${t.to}</label><input id="to" name="to" type="date" value="${q.to ?? ''}" />
      </div>
      <div class="field actions">
        <button type="submit" class="button primary">${t.filter}</button>
        ${hasFilter(q) ? html`<a href="/" class="button subtle">${t.reset}</a>` : ''}
      </div>
    </form>
    <div id="live-banner" class="flash flash-info" hidden>
      ${t.newArrived} <a href="${'/' + queryString(params)}">${t.refresh}</a>
    </div>
    <div id="live-status" class="visually-hidden" role="status" aria-live="polite"></div>
    <table class="messages" data-live="${live}" data-new-text="${t.liveNew('')}">
      <caption class="visually-hidden">
        ${t.messages} — ${t.count(data.counts.total)}
      </caption>
      <thead>
        <tr>
          <th scope="col">${t.received}</th>
          <th scope="col">${t.caller}</th>
          <th scope="col">${t.reason}</th>
          <th scope="col">${t.client}</th>
          <th scope="col">${t.status}</th>
          <th scope="col">${t.assignee}</th>
        </tr>
      </thead>
      <tbody>
        ${data.messages.map((m) => messageRow(m, data.rows))}
      </tbody>
    </table>
    ${data.messages.length === 0 ? html`<p class="empty">${t.noMessages}</p>` : ''}
    <nav class="pager" aria-label="pages">
      ${q.before ? html`<a href="/${queryString(params)}">${t.newest}</a>` : ''}
      ${data.next ? html`<a href="/${queryString({ ...params, before: data.next })}" rel="next">${t.older} →</a>` : ''}
    </nav>`;
  return layout(ctx, t.messages, body, 'page-list');
}
