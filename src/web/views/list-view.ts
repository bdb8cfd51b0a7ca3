/** The message list: view tabs with live counts, filters, quick and bulk actions, keyset pages, live updates. */
import type { CockpitCounts } from '../../app/cockpit-reads';
import type { Message } from '../../store/messages';
import { cockpitTexts } from '../cockpit-texts';
import { html, queryString } from '../html';
import {
  filterParams,
  hasFilter,
  hasNarrowing,
  LIST_VIEWS,
  viewOf,
  type ListQuery,
  type ListView,
} from '../list-query';
import { cockpitButtons, cockpitParts } from './cockpit-parts';
import { layout, type PageContext } from './layout';
import { messageRow, type RowContext } from './message-row';

export type ListData = {
  query: ListQuery;
  messages: Message[];
  /** The cursor of the next page (in the view's order). */
  next: string | null;
  counts: CockpitCounts;
  clients: { id: string; name: string }[];
  rows: RowContext;
  /** Who the bulk bar may assign to. */
  assignees: { id: string; name: string }[];
  /** At most this many messages per bulk action. */
  bulkMax: number;
};

const COUNT_OF: Record<ListView, keyof CockpitCounts> = {
  open: 'open',
  new: 'new',
  in_progress: 'in_progress',
  handled: 'handled',
  all: 'total',
};

/**
 * How the script treats a new message: in the "to do" queue by urgency, on top of a newest-first
 * view, or only a banner when filters or a later page make its place unknown.
 */
function liveMode(q: ListQuery): string {
  const view = viewOf(q);
  if (hasNarrowing(q) || q.before) return 'banner';
  if (view === 'open') return 'queue';
  return view === 'new' || view === 'all' ? 'insert' : 'none';
}

export function listPage(ctx: PageContext, data: ListData): string {
  const { t } = ctx;
  const ct = cockpitTexts(ctx.lang);
  const q = data.query;
  const view = viewOf(q);
  const params = filterParams(q);
  const narrowing = { ...params, status: undefined };
  const tab = (v: ListView) =>
    html`<a
      href="/${queryString({ ...narrowing, status: v === 'open' && !q.q ? undefined : v })}"
      class="tab"
      ${view === v ? html`aria-current="page"` : ''}
    >
      ${ct.views[v]} <span class="count" data-count="${COUNT_OF[v]}">${data.counts[COUNT_OF[v]]}</span></a
    >`;
  const selected = (a: string | undefined, b: string) => (a === b ? html`selected` : '');
  const here = '/' + queryString({ ...params, before: q.before });
  const statuses = { open: 'new in_progress', all: 'new in_progress handled' }[view as string] ?? view;

  const body = html`<div class="list-head">
      <h1>${t.messages}</h1>
      <span class="action-row">
        ${cockpitButtons(ct)}
        <a class="button" href="/export.csv${queryString(params)}" download>${t.exportCsv}</a>
      </span>
    </div>
    ${cockpitParts(ct, {
      titleBase: `${t.messages} · ${t.appName}`,
      urgentOpen: data.counts.urgentOpen,
      countsUrl: `/counts${queryString(narrowing)}`,
    })}
    <nav class="tabs" aria-label="${ct.viewsLabel}">${LIST_VIEWS.map(tab)}</nav>
    <details class="filter-fold" ${hasNarrowing(q) ? html`open` : ''}>
      <summary>${ct.filters}</summary>
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
            aria-keyshortcuts="/"
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
          <label for="from">${t.from}</label
          ><input id="from" name="from" type="date" value="${q.from ?? ''}" />
        </div>
        <div class="field date">
          <label for="to">${t.to}</label><input id="to" name="to" type="date" value="${q.to ?? ''}" />
        </div>
        <div class="field actions">
          <button type="submit" class="button primary">${t.filter}</button>
          ${hasFilter(q) ? html`<a href="/" class="button subtle">${t.reset}</a>` : ''}
        </div>
      </form>
    </details>
    <div id="live-banner" class="flash flash-info" hidden>
      ${t.newArrived} <a href="${here}">${t.refresh}</a>
    </div>
    <div id="live-status" class="visually-hidden" role="status" aria-live="polite"></div>
    <form id="bulk" method="post" action="/messages/bulk" class="bulk-bar" data-max="${data.bulkMax}">
      <input type="hidden" name="_csrf" value="${ctx.csrf}" />
      <input type="hidden" name="back" value="${here}" />
      <fieldset>
        <legend>${ct.bulkLegend} <span id="bulk-count" class="muted" aria-live="polite"></span></legend>
        <button type="submit" name="action" value="claim" class="button small">${ct.bulkTake}</button>
        <button type="submit" name="action" value="handle" class="button small">✓ ${ct.bulkHandle}</button>
        <span class="bulk-assign">
          <label for="bulk-assignee">${ct.bulkAssignTo}</label>
          <select id="bulk-assignee" name="assigneeId">
            <option value="">${ct.bulkNobody}</option>
            ${data.assignees.map((u) => html`<option value="${u.id}">${u.name}</option>`)}
          </select>
          <button type="submit" name="action" value="assign" class="button small">${ct.bulkAssign}</button>
        </span>
      </fieldset>
    </form>
    <table
      class="messages ${data.clients.length > 1 ? '' : 'one-client'}"
      data-live="${liveMode(q)}"
      data-statuses="${statuses}"
      data-has-next="${data.next ? 'yes' : 'no'}"
      data-new-text="${t.liveNew('')}"
      data-back="${here}"
    >
      <caption class="visually-hidden">
        ${t.messages} — ${ct.views[view]} — ${t.count(data.counts[COUNT_OF[view]])}
      </caption>
      <thead>
        <tr>
          <th scope="col" class="select">
            <span class="visually-hidden">${ct.selection}</span>
            <input type="checkbox" id="select-all" aria-label="${ct.selectAll}" hidden />
          </th>
          <th scope="col">${t.received}</th>
          <th scope="col">${t.caller}</th>
          <th scope="col">${t.reason}</th>
          <th scope="col" class="client">${t.client}</th>
          <th scope="col">${t.status}</th>
          <th scope="col">${t.assignee}</th>
          <th scope="col"><span class="visually-hidden">${ct.actions}</span></th>
        </tr>
      </thead>
      <tbody>
        ${data.messages.map((m) => messageRow(m, data.rows))}
      </tbody>
    </table>
    ${data.messages.length === 0 ? html`<p class="empty">${t.noMessages}</p>` : ''}
    <nav class="pager" aria-label="${ct.pages}">
      ${q.before ? html`<a href="/${queryString(params)}">${view === 'open' ? ct.firstPage : t.newest}</a>` : ''}
      ${
        data.next
          ? html`<a href="/${queryString({ ...params, before: data.next })}" rel="next"
              >${view === 'open' ? ct.nextPage : t.older} →</a
            >`
          : ''
      }
    </nav>`;
  const title = data.counts.urgentOpen > 0 ? `(${data.counts.urgentOpen}) ${t.messages}` : t.messages;
  return layout(ctx, title, body, 'page-list');
}
