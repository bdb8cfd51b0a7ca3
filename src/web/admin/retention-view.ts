/** `/admin/retention`: the purge's last run and recent runs, Twilio deletions, each client's periods. */
import type { ClientPurge, PurgeRun, RetentionOverview } from '../../app/retention';
import { formatDateTime } from '../format';
import { html, type SafeHtml } from '../html';
import type { Lang } from '../i18n';
import type { PageContext } from '../views/layout';
import { adminLayout } from './admin-layout';
import { hidden } from './form-controls';
import { retentionTexts, type RetentionTexts } from './retention-texts';

const KINDS = ['messages', 'calls', 'recordings', 'transcriptions', 'contacts', 'appointments'] as const;

function when(run: PurgeRun, t: RetentionTexts, lang: Lang): string {
  return t.runAt(formatDateTime(run.startedAt, lang), t.triggers[run.trigger]);
}

function state(run: PurgeRun, t: RetentionTexts): string {
  if (run.error) return t.failed(run.error);
  return run.finishedAt ? t.completed : t.running;
}

/** What a run removed, per client, with the service logs' line under it. */
function runDetail(run: PurgeRun, t: RetentionTexts): SafeHtml {
  const row = (c: ClientPurge) =>
    html`<tr>
      <td data-label="${t.client}">${c.clientName || t.unknownClient}</td>
      ${KINDS.map((k) => html`<td data-label="${t[k]}">${c[k]}</td>`)}
    </tr>`;
  const table = html`<table class="messages admin-table retention-removed">
    <caption class="visually-hidden">
      ${t.removed}
    </caption>
    <thead>
      <tr>
        <th scope="col">${t.client}</th>
        ${KINDS.map((k) => html`<th scope="col">${t[k]}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${run.clients.map(row)}
    </tbody>
    <tfoot>
      <tr>
        <th scope="row">${t.total}</th>
        ${KINDS.map((k) => html`<td data-label="${t[k]}">${run.totals[k]}</td>`)}
      </tr>
    </tfoot>
  </table>`;
  return html`${run.clients.length > 0 ? table : html`<p>${t.nothingAtClients}</p>`}
    <p>${t.serviceLogs(run.totals.outbox, run.totals.audit)}</p>`;
}

function lastRunSection(ctx: PageContext, last: PurgeRun | undefined, t: RetentionTexts): SafeHtml {
  return html`<section class="card retention-last" aria-labelledby="h-last-run">
    <h2 id="h-last-run">${t.lastRun}</h2>
    ${
      last
        ? html`<p>
              <strong>${when(last, t, ctx.lang)}</strong> ·
              <span class="${last.error ? 'field-error' : ''}">${state(last, t)}</span>
            </p>
            ${runDetail(last, t)}`
        : html`<p class="empty">${t.never}</p>`
    }
    <form method="post" action="/admin/retention/run">
      ${hidden('_csrf', ctx.csrf)}
      <button type="submit" class="button primary">${t.runNow}</button>
      <p class="hint">${t.runNowHint}</p>
    </form>
  </section>`;
}

function recentRunsSection(ctx: PageContext, runs: PurgeRun[], t: RetentionTexts): SafeHtml {
  if (runs.length === 0) return html``;
  const removed = (r: PurgeRun) =>
    [
      ...KINDS.map((k) => `${t[k]} ${r.totals[k]}`),
      `${t.logEntries} ${r.totals.outbox + r.totals.audit}`,
    ].join(' · ');
  return html`<section class="card" aria-labelledby="h-runs">
    <h2 id="h-runs">${t.recentRuns}</h2>
    <table class="messages admin-table">
      <thead>
        <tr>
          <th scope="col">${t.started}</th>
          <th scope="col">${t.trigger}</th>
          <th scope="col">${t.state}</th>
          <th scope="col">${t.removed}</th>
        </tr>
      </thead>
      <tbody>
        ${runs.map(
          (r) =>
            html`<tr>
              <td data-label="${t.started}">${formatDateTime(r.startedAt, ctx.lang)}</td>
              <td data-label="${t.trigger}">${t.triggers[r.trigger]}</td>
              <td data-label="${t.state}">${state(r, t)}</td>
              <td data-label="${t.removed}">${removed(r)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </section>`;
}

function twilioSection(ctx: PageContext, o: RetentionOverview, t: RetentionTexts): SafeHtml {
  const names = new Map(o.clients.map((c) => [c.clientId, c.name]));
  return html`<section class="card" aria-labelledby="h-twilio">
    <h2 id="h-twilio">${t.twilio}</h2>
    <p>${t.twilioPending(o.pendingCount)}</p>
    ${
      o.pending.length > 0
        ? html`<table class="messages admin-table retention-deletions">
            <thead>
              <tr>
                <th scope="col">${t.client}</th>
                <th scope="col">${t.reason}</th>
                <th scope="col">${t.requestedAt}</th>
                <th scope="col">${t.attempts}</th>
                <th scope="col">${t.nextAttempt}</th>
                <th scope="col">${t.lastError}</th>
              </tr>
            </thead>
            <tbody>
              ${o.pending.map(
                (d) =>
                  html`<tr>
                    <td data-label="${t.client}">${names.get(d.clientId) ?? t.unknownClient}</td>
                    <td data-label="${t.reason}">${t.reasons[d.reason]}</td>
                    <td data-label="${t.requestedAt}">${formatDateTime(d.requestedAt, ctx.lang)}</td>
                    <td data-label="${t.attempts}">${d.attempts}</td>
                    <td data-label="${t.nextAttempt}">${formatDateTime(d.nextAttemptAt, ctx.lang)}</td>
                    <td data-label="${t.lastError}">${d.lastError}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
        : ''
    }
  </section>`;
}

function settingsSection(o: RetentionOverview, t: RetentionTexts, service: ServiceDays): SafeHtml {
  const columns = ['messageDays', 'recordingDays', 'transcriptionDays', 'callDays'] as const;
  const labels = {
    messageDays: t.messages,
    recordingDays: t.recordings,
    transcriptionDays: t.transcriptions,
    callDays: t.calls,
  };
  return html`<section class="card" aria-labelledby="h-settings">
      <h2 id="h-settings">${t.settings}</h2>
      <table class="messages admin-table retention-settings">
        <thead>
          <tr>
            <th scope="col">${t.client}</th>
            ${columns.map((k) => html`<th scope="col">${labels[k]}</th>`)}
            <th scope="col">${t.timezone}</th>
            <th scope="col"><span class="visually-hidden">${t.edit}</span></th>
          </tr>
        </thead>
        <tbody>
          ${o.clients.map(
            (c) =>
              html`<tr>
                <td data-label="${t.client}">${c.name}</td>
                ${columns.map((k) => html`<td data-label="${labels[k]}">${c[k]}</td>`)}
                <td data-label="${t.timezone}">${c.timezone}</td>
                <td><a href="/admin/clients/${c.clientId}#f-messageDays">${t.edit}</a></td>
              </tr>`,
          )}
        </tbody>
      </table>
      <p class="hint">${t.contactsRule}</p>
    </section>
    <section class="card" aria-labelledby="h-service">
      <h2 id="h-service">${t.serviceRetention}</h2>
      <p>${t.serviceRetentionText(service.outboxDays, service.auditDays)}</p>
    </section>`;
}

export type ServiceDays = { outboxDays: number; auditDays: number };

export function retentionPage(ctx: PageContext, o: RetentionOverview, service: ServiceDays): string {
  const t = retentionTexts(ctx.lang);
  const body = html`<h1>${t.title}</h1>
    <p>${t.intro}</p>
    ${lastRunSection(ctx, o.runs[0], t)} ${recentRunsSection(ctx, o.runs.slice(1), t)}
    ${twilioSection(ctx, o, t)} ${settingsSection(o, t, service)}`;
  return adminLayout(ctx, 'retention', t.title, body);
}

/** « Dernière purge : … » on a client's page: when, and what it removed at this client. */
export function lastPurgeLine(lang: Lang, run: PurgeRun | undefined, clientId: string): SafeHtml {
  const t = retentionTexts(lang);
  if (!run) return html`<p class="retention-last-line">${t.lastPurge} ${t.never}</p>`;
  const mine = run.clients.find((c) => c.clientId === clientId);
  const what = mine
    ? KINDS.filter((k) => mine[k] > 0)
        .map((k) => `${t[k]} ${mine[k]}`)
        .join(' · ')
    : t.nothingHere;
  return html`<p class="retention-last-line">
    ${t.lastPurge} ${when(run, t, lang)}${run.error ? ` · ${t.failed(run.error)}` : ''} — ${what} (<a
      href="/admin/retention"
      >${t.title.toLowerCase()}</a
    >)
  </p>`;
}
