/**
 * The per-client table (sortable by links, no script: `?sort=…&dir=…`, the sorted header says
 * `aria-sort`) and, for admins, the per-assistant table. Each scrolls in its own box on a phone.
 */
import type { AssistantReport, ClientReport, Report } from '../../app/reports';
import { shiftDay } from '../../domain/report-figures';
import { html, queryString, type SafeHtml } from '../html';
import type { Lang } from '../i18n';
import { reportParams, type ClientSort, type ReportPageQuery, type SortDir } from './report-query';
import { reportTexts } from './report-texts';
import { countText, durationText } from './report-words';

const SORT_VALUE: Record<ClientSort, (c: ClientReport) => number> = {
  calls: (c) => c.figures.calls.total,
  messages: (c) => c.figures.messages.total,
  open: (c) => c.figures.messages.open,
  overdue: (c) => c.figures.openOlder,
  // No handled message sorts after every duration, whichever the direction.
  handle: (c) => c.figures.messages.medianHandleSeconds ?? Number.NaN,
};

/** The clients in the asked order (ties and no sort: the visible clients' order, by name). */
export function sortClients(rows: readonly ClientReport[], sort?: ClientSort, dir: SortDir = 'desc') {
  if (!sort) return [...rows];
  const value = SORT_VALUE[sort];
  const sign = dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const [x, y] = [value(a), value(b)];
    if (Number.isNaN(x) || Number.isNaN(y)) return Number(Number.isNaN(x)) - Number(Number.isNaN(y));
    return sign * (x - y);
  });
}

/** The message list's open messages of a client taken in the period and old enough to be overdue. */
export function overdueHref(report: Report, clientId: string, olderThanDays: number): string {
  const lastOld = shiftDay(report.today, -olderThanDays);
  const to = lastOld < report.period.to ? lastOld : report.period.to;
  return `/${queryString({ client: clientId, status: 'open', from: report.period.from, to })}`;
}

export function clientTable(report: Report, query: ReportPageQuery, lang: Lang): SafeHtml {
  const t = reportTexts(lang);
  const params = reportParams(query);
  const n = (v: number) => countText(v, lang);
  const header = (col: ClientSort, label: string) => {
    const sorted = query.sort === col;
    const dir = query.sort === col ? (query.dir ?? 'desc') : undefined;
    const next: SortDir = dir === 'desc' ? 'asc' : 'desc';
    const href = `/reports${queryString({ ...params, sort: col, dir: next })}`;
    const aria = dir === 'asc' ? 'ascending' : 'descending';
    return html`<th scope="col" class="num" ${sorted ? html`aria-sort="${aria}"` : ''}>
      <a href="${href}"
        >${label}${sorted ? html`<span aria-hidden="true"> ${dir === 'asc' ? '↑' : '↓'}</span>` : ''}</a
      >
    </th>`;
  };
  const rows = sortClients(report.perClient, query.sort, query.dir).map((c) => {
    const f = c.figures;
    const overdue = f.openOlder
      ? html`<a
          href="${overdueHref(report, c.id, query.olderThanDays)}"
          aria-label="${t.overdueLink(f.openOlder, c.name)}"
          >${n(f.openOlder)}</a
        >`
      : n(0);
    return html`<tr>
      <th scope="row">${c.name}</th>
      <td class="num">${n(f.calls.total)}</td>
      <td class="num">${n(f.messages.total)}</td>
      <td class="num">${n(f.messages.open)}</td>
      <td class="num">${overdue}</td>
      <td class="num">${durationText(f.messages.medianHandleSeconds, lang) || t.none}</td>
      <td class="num">${n(f.urgent.unacknowledged)}</td>
    </tr>`;
  });
  return html`<section aria-labelledby="per-client">
    <div class="section-head">
      <h2 id="per-client">${t.perClient}</h2>
      <a href="/reports/clients.csv${queryString(params)}" download>${t.clientsCsv}</a>
    </div>
    <div class="table-scroll" tabindex="0" role="region" aria-labelledby="per-client-caption">
      <table class="report-table">
        <caption id="per-client-caption" class="visually-hidden">
          ${t.perClientCaption}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t.client}</th>
            ${header('calls', t.calls)} ${header('messages', t.messages)} ${header('open', t.open)}
            ${header('overdue', t.overdue)} ${header('handle', t.medianHandle)}
            <th scope="col" class="num">${t.urgentOpen}</th>
          </tr>
        </thead>
        <tbody>
          ${rows}
        </tbody>
      </table>
    </div>
  </section>`;
}

export function assistantTable(
  assistants: readonly AssistantReport[],
  query: ReportPageQuery,
  lang: Lang,
): SafeHtml {
  const t = reportTexts(lang);
  const n = (v: number) => countText(v, lang);
  const body = assistants.length
    ? html`<div class="table-scroll" tabindex="0" role="region" aria-labelledby="per-assistant-caption">
        <table class="report-table">
          <caption id="per-assistant-caption" class="visually-hidden">
            ${t.perAssistantCaption}
          </caption>
          <thead>
            <tr>
              <th scope="col">${t.assistant}</th>
              <th scope="col" class="num">${t.claimed}</th>
              <th scope="col" class="num">${t.handled}</th>
              <th scope="col" class="num">${t.medianHandle}</th>
              <th scope="col" class="num">${t.open}</th>
              <th scope="col" class="num">${t.overdue}</th>
            </tr>
          </thead>
          <tbody>
            ${assistants.map(
              (a) =>
                html`<tr>
                  <th scope="row">${a.name || t.unnamed}</th>
                  <td class="num">${n(a.claimed)}</td>
                  <td class="num">${n(a.handled)}</td>
                  <td class="num">${durationText(a.medianHandleSeconds, lang) || t.none}</td>
                  <td class="num">${n(a.open)}</td>
                  <td class="num">${n(a.openOlder)}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>`
    : html`<p class="muted">${t.noAssistants}</p>`;
  return html`<section aria-labelledby="per-assistant">
    <div class="section-head">
      <h2 id="per-assistant">${t.perAssistant}</h2>
      <a href="/reports/assistants.csv${queryString(reportParams(query))}" download>${t.assistantsCsv}</a>
    </div>
    ${body}
  </section>`;
}
