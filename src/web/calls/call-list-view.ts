/** The call log page: outcome chips with counts, filters, the table of calls in words, keyset pages. */
import type { CallLogPage } from '../../app/call-log';
import { callKind, type KindTone } from '../../domain/call-kind';
import { durationWords, kindWords, urgentWord } from '../../domain/call-words';
import type { Outcome } from '../../flow';
import type { CallLogEntry } from '../../store/call-log';
import { formatPhone } from '../format';
import { html, queryString, type SafeHtml } from '../html';
import type { Lang } from '../i18n';
import { layout, type PageContext } from '../views/layout';
import { callFilterOf, hasCallFilter, type CallsQuery } from './call-query';
import { callTexts, callTime, type CallTexts } from './call-texts';

/** Badge looks shared with the message list (no stylesheet of its own): green, blue, amber, grey, red. */
const TONE_LOOK: Record<KindTone, string> = {
  ok: 'status-handled',
  info: 'status-new',
  missed: 'status-in_progress',
  muted: 'delivery-pending',
  error: 'delivery-failed',
};

const DEFAULT_ZONE = 'Europe/Paris';

/** The chips, what matters most first; an outcome with no call of the filter shows no chip (unless chosen). */
const CHIP_ORDER: readonly Outcome[] = [
  'transferred',
  'message',
  'appointment',
  'abandoned',
  'rejected',
  'information',
  'failed',
];

type ClientInfo = CallLogPage['clients'][number];

export function kindBadge(call: Pick<CallLogEntry, 'outcome' | 'status' | 'steps'>, lang: Lang): SafeHtml {
  const { kind, place, tone, urgent } = callKind(call);
  const mark = tone === 'missed' ? html`<span aria-hidden="true">⚠ </span>` : '';
  const urgentBadge = urgent
    ? html`<span class="badge urgent"><span aria-hidden="true">⚠</span> ${urgentWord(lang)}</span> `
    : '';
  return html`${urgentBadge}<span class="badge kind-${tone} ${TONE_LOOK[tone]}"
      >${mark}${kindWords(kind, lang, place)}</span
    >`;
}

/** The caller as people read them: a name when one is known, and the number to call back. */
export function callerCell(c: CallLogEntry, t: CallTexts, client: ClientInfo | undefined): SafeHtml {
  const number = formatPhone(c.from, client?.country);
  const dialable = /^\+\d{6,15}$/.test(c.from);
  const link = dialable
    ? html`<a class="nowrap" href="tel:${c.from}" aria-label="${t.callerCall(number)}">${number}</a>`
    : html`<span class="muted">${t.unknownCaller}</span>`;
  return c.callerName ? html`<strong>${c.callerName}</strong> ${link}` : link;
}

export function followUpLinks(c: CallLogEntry, t: CallTexts): SafeHtml {
  const links = [
    c.messageId ? html`<a href="/messages/${c.messageId}">${t.viewMessage}</a>` : '',
    c.appointmentId ? html`<a href="/appointments/${c.appointmentId}">${t.viewAppointment}</a>` : '',
  ].filter(Boolean);
  return links.length ? html`${links}` : html`<span class="muted">${t.noTrace}</span>`;
}

function callRow(
  c: CallLogEntry,
  ctx: PageContext,
  t: CallTexts,
  clients: Map<string, ClientInfo>,
): SafeHtml {
  const client = clients.get(c.clientId);
  const at = callTime(c.startedAt, ctx.lang, client?.timezone ?? DEFAULT_ZONE);
  const who = c.callerName || formatPhone(c.from, client?.country);
  const { tone, urgent } = callKind(c);
  return html`<tr class="call kind-${tone} ${urgent ? 'is-urgent' : ''}" data-sid="${c.callSid}">
    <td data-label="${t.time}">
      <a href="/calls/${c.callSid}" aria-label="${t.viewCall(who, at)}"
        ><time datetime="${c.startedAt.toISOString()}">${at}</time></a
      >
    </td>
    <td data-label="${t.caller}" class="caller">${callerCell(c, t, client)}</td>
    <td data-label="${t.client}">${client?.name ?? '—'}</td>
    <td data-label="${t.kind}">${kindBadge(c, ctx.lang)}</td>
    <td data-label="${t.duration}" class="nowrap">${durationWords(c.durationSeconds, ctx.lang) || '—'}</td>
    <td data-label="${t.next}">${followUpLinks(c, t)}</td>
  </tr>`;
}

export function callListPage(ctx: PageContext, query: CallsQuery, page: CallLogPage): string {
  const t = callTexts(ctx.lang);
  const filter = callFilterOf(query);
  const params: Record<string, string | undefined> = { ...filter };
  const clients = new Map(page.clients.map((c) => [c.id, c]));
  const chip = (outcome: Outcome | undefined, label: string, n: number) =>
    html`<a
      href="/calls${queryString({ ...params, outcome })}"
      class="tab"
      ${query.outcome === outcome ? html`aria-current="page"` : ''}
    >
      ${label} <span class="count">${n}</span></a
    >`;
  const selected = (a: string | undefined, b: string) => (a === b ? html`selected` : '');
  const body = html`<div class="list-head">
      <h1>${t.calls}</h1>
      <span class="action-row">
        <a class="button" href="/calls.csv${queryString(params)}" download>${t.exportCsv}</a>
      </span>
    </div>
    <nav class="tabs" aria-label="${t.outcomeFilter}">
      ${chip(undefined, t.all, page.counts.total)}
      ${CHIP_ORDER.filter((o) => page.counts[o] > 0 || query.outcome === o).map((o) =>
        chip(o, t.outcomes[o], page.counts[o]),
      )}
    </nav>
    <form method="get" action="/calls" class="filters" role="search" aria-label="${t.filters}">
      ${query.outcome ? html`<input type="hidden" name="outcome" value="${query.outcome}" />` : ''}
      ${
        page.clients.length > 1
          ? html`<div class="field">
              <label for="client">${t.client}</label>
              <select id="client" name="client">
                <option value="">${t.allClients}</option>
                ${page.clients.map((c) => html`<option value="${c.id}" ${selected(query.client, c.id)}>${c.name}</option>`)}
              </select>
            </div>`
          : ''
      }
      <div class="field grow">
        <label for="caller">${t.callerNumber}</label>
        <input
          id="caller"
          name="caller"
          type="tel"
          autocomplete="off"
          value="${query.caller ?? ''}"
          placeholder="${t.callerNumberHint}"
          maxlength="40"
        />
      </div>
      <div class="field date">
        <label for="from">${t.from}</label
        ><input id="from" name="from" type="date" value="${query.from ?? ''}" />
      </div>
      <div class="field date">
        <label for="to">${t.to}</label><input id="to" name="to" type="date" value="${query.to ?? ''}" />
      </div>
      <div class="field actions">
        <button type="submit" class="button primary">${t.filter}</button>
        ${hasCallFilter(query) ? html`<a href="/calls" class="button subtle">${t.reset}</a>` : ''}
      </div>
    </form>
    <p class="muted">${t.timeZoneNote}</p>
    <table class="messages calls">
      <caption class="visually-hidden">
        ${t.callsLog} — ${t.count(query.outcome ? page.counts[query.outcome] : page.counts.total)}
      </caption>
      <thead>
        <tr>
          <th scope="col">${t.time}</th>
          <th scope="col">${t.caller}</th>
          <th scope="col">${t.client}</th>
          <th scope="col">${t.kind}</th>
          <th scope="col">${t.duration}</th>
          <th scope="col">${t.next}</th>
        </tr>
      </thead>
      <tbody>
        ${page.calls.map((c) => callRow(c, ctx, t, clients))}
      </tbody>
    </table>
    ${page.calls.length === 0 ? html`<p class="empty">${hasCallFilter(query) ? t.noCalls : t.noCallsYet}</p>` : ''}
    <nav class="pager" aria-label="${t.pages}">
      ${query.before ? html`<a href="/calls${queryString(params)}">${t.newest}</a>` : ''}
      ${page.nextCursor ? html`<a href="/calls${queryString({ ...params, before: page.nextCursor })}" rel="next">${t.older} →</a>` : ''}
    </nav>`;
  return layout(ctx, t.calls, body, 'page-list page-calls');
}
