/**
 * The reports page: the period form (no script), the period in words with its neighbours, the
 * figure tiles, the three charts (server-drawn SVG, each with its numbers as CSV), the top
 * reasons and the per-client and per-assistant tables.
 */
import type { Report } from '../../app/reports';
import { shiftDay, daysBetween } from '../../domain/report-figures';
import { chartSvg, chartTitle, REPORT_CHARTS } from '../../infra/report-charts';
import { DEFAULT_TIME_ZONE, formatClock } from '../format';
import { html, queryString, SafeHtml } from '../html';
import { localeTag, type Lang } from '../i18n';
import { layout, type PageContext } from '../views/layout';
import { reportParams, type ReportPageQuery } from './report-query';
import { assistantTable, clientTable } from './report-tables';
import { reportTexts } from './report-texts';
import { reportTiles } from './report-tiles';
import { periodWords } from './report-words';

const capitalized = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The query of the period before or after, keeping the client, the threshold and the sort. */
function neighbour(report: Report, query: ReportPageQuery, step: -1 | 1): string {
  const base = { ...reportParams(query), sort: query.sort, dir: query.dir };
  const { period, previousPeriod } = report;
  if (period.kind !== 'custom') {
    const date = step < 0 ? previousPeriod.from : shiftDay(period.to, 1);
    return `/reports${queryString({ ...base, date })}`;
  }
  const length = daysBetween(period.from, period.to).length;
  const from = step < 0 ? previousPeriod.from : shiftDay(period.to, 1);
  return `/reports${queryString({ ...base, from, to: shiftDay(from, length - 1) })}`;
}

function reportForm(report: Report, query: ReportPageQuery, lang: Lang): SafeHtml {
  const t = reportTexts(lang);
  const selected = (yes: boolean) => (yes ? html`selected` : '');
  const custom = query.period === 'custom';
  return html`<form method="get" action="/reports" class="filters report-form" aria-label="${t.form}">
    <div class="field">
      <label for="client">${t.client}</label>
      <select id="client" name="client">
        <option value="">${t.allClients}</option>
        ${report.clients.map(
          (c) => html`<option value="${c.id}" ${selected(query.client === c.id)}>${c.name}</option>`,
        )}
      </select>
    </div>
    <div class="field">
      <label for="period">${t.period}</label>
      <select id="period" name="period">
        ${(['day', 'week', 'month', 'custom'] as const).map(
          (p) => html`<option value="${p}" ${selected(query.period === p)}>${t.periods[p]}</option>`,
        )}
      </select>
    </div>
    <div class="field date">
      <label for="date">${t.date}</label>
      <input id="date" name="date" type="date" value="${custom ? '' : (query.date ?? report.today)}" />
    </div>
    <div class="field date">
      <label for="from">${t.from}</label>
      <input id="from" name="from" type="date" value="${custom ? report.period.from : ''}" />
    </div>
    <div class="field date">
      <label for="to">${t.to}</label>
      <input id="to" name="to" type="date" value="${custom ? report.period.to : ''}" />
    </div>
    <div class="field narrow">
      <label for="olderThanDays">${t.olderThanDays}</label>
      <input
        id="olderThanDays"
        name="olderThanDays"
        type="number"
        inputmode="numeric"
        min="1"
        max="90"
        value="${query.olderThanDays}"
      />
    </div>
    ${query.sort ? html`<input type="hidden" name="sort" value="${query.sort}" />` : ''}
    ${query.dir ? html`<input type="hidden" name="dir" value="${query.dir}" />` : ''}
    <div class="field actions">
      <button type="submit" class="button primary">${t.show}</button>
    </div>
  </form>`;
}

function charts(report: Report, query: ReportPageQuery, lang: Lang): SafeHtml {
  const t = reportTexts(lang);
  const locale = localeTag(lang);
  const params = queryString(reportParams(query));
  return html`<section class="report-charts" aria-labelledby="charts-title">
    <h2 id="charts-title" class="visually-hidden">${t.charts}</h2>
    ${REPORT_CHARTS.map(
      (chart) =>
        html`<figure class="chart" id="chart-${chart}">
          <figcaption id="chart-${chart}-title">${chartTitle(chart, locale)}</figcaption>
          <div class="chart-svg">${new SafeHtml(chartSvg(chart, report.figures, locale))}</div>
          <p>
            <a href="/reports/${chart}.csv${params}" aria-describedby="chart-${chart}-title" download
              >${t.chartCsv}</a
            >
          </p>
        </figure>`,
    )}
  </section>`;
}

function reasons(report: Report, lang: Lang): SafeHtml {
  const t = reportTexts(lang);
  const top = report.figures.topReasons;
  return html`<section aria-labelledby="reasons-title">
    <h2 id="reasons-title">${t.reasons}</h2>
    ${
      top.length
        ? html`<ol class="reasons">
            ${top.map(
              (r) => html`<li><span class="word">${r.word}</span>${t.colon}${t.reasonCount(r.count)}</li>`,
            )}
          </ol>`
        : html`<p class="muted">${t.noReasons}</p>`
    }
  </section>`;
}

export function reportPage(ctx: PageContext, report: Report, query: ReportPageQuery): string {
  const lang = ctx.lang;
  const t = reportTexts(lang);
  const zone = report.client?.timezone ?? DEFAULT_TIME_ZONE;
  const builtAt = report.builtAt ? t.builtAt(formatClock(report.builtAt, lang, zone)) : t.notBuilt;
  const next = shiftDay(report.period.to, 1) <= report.today ? neighbour(report, query, 1) : null;
  const who = report.client?.name ?? t.allClients;
  const body = html`<div class="list-head">
      <h1>${t.title}</h1>
    </div>
    ${reportForm(report, query, lang)}
    <div class="report-period">
      <p class="period-words"><strong>${capitalized(periodWords(report.period, lang))}</strong> · ${who}</p>
      <nav class="pager" aria-label="${t.periodNav}">
        <a href="${neighbour(report, query, -1)}" rel="prev"
          ><span aria-hidden="true">← </span>${t.previousPeriod}</a
        >
        ${next ? html`<a href="${next}" rel="next">${t.nextPeriod}<span aria-hidden="true"> →</span></a>` : ''}
      </nav>
    </div>
    <p class="muted built-at">${builtAt}</p>
    ${reportTiles(report, lang)} ${charts(report, query, lang)} ${reasons(report, lang)}
    ${clientTable(report, query, lang)}
    ${ctx.user?.role === 'admin' ? assistantTable(report.assistants, query, lang) : ''}`;
  return layout(ctx, t.title, body, 'page-reports');
}
