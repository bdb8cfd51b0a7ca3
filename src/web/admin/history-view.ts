/**
 * `/admin/{clients|users}/:id/history`: the versions newest first (who, when, through which edge,
 * what changed, readable), the comparison of two versions, and the restore confirmation.
 */
import type { SettingsChange, SettingsVersion } from '../../app/settings-history';
import { formatDateTime } from '../format';
import { html, type SafeHtml } from '../html';
import type { PageContext } from '../views/layout';
import { adminLayout } from './admin-layout';
import { adminTexts } from './admin-texts';
import { errorSummary, hidden, select, type FormState } from './form-controls';
import { historyTexts, type HistoryTexts } from './history-texts';
import {
  changeSummary,
  readableChanges,
  type DiffContext,
  type ReadableChange,
} from './settings-changes-text';

/** Whose history: a client (its zone) or a user, by the name people know them by. */
export type HistorySubject = { kind: 'clients' | 'users'; id: string; name: string; diff: DiffContext };

export type HistoryPage = {
  subject: HistorySubject;
  versions: SettingsVersion[];
  compareForm: FormState;
  comparison?: { from: number; to: number; changes: SettingsChange[] };
};

const section = (s: HistorySubject) => (s.kind === 'clients' ? 'clients' : 'users');
const historyUrl = (s: HistorySubject) => `/admin/${s.kind}/${s.id}/history`;

function who(v: SettingsVersion, h: HistoryTexts): string {
  if (v.actor.type === 'system') return h.systemActor;
  if (v.actor.type === 'api-token') return h.apiToken;
  return v.actor.label;
}

/** "par ada@… · page d’administration · 10.0.0.1 · restauration de la version 2". */
function origin(v: SettingsVersion, h: HistoryTexts): string {
  const bySystem = v.actor.type === 'system' && v.via === 'system';
  return [
    `${h.by} ${who(v, h)}`,
    bySystem ? '' : (h.via[v.via] ?? h.via.system),
    v.ip,
    v.restoredFrom ? h.restoredFrom(v.restoredFrom) : '',
  ]
    .filter(Boolean)
    .join(' · ');
}

function changesTable(rows: ReadableChange[], h: HistoryTexts, caption: string): SafeHtml {
  const cell = (text: string, kind: 'before' | 'after', row: ReadableChange) => {
    const label = kind === 'before' ? h.before : h.after;
    if (kind === 'before' && row.kind === 'added')
      return html`<td class="diff-none" data-label="${label}">${h.added}</td>`;
    if (kind === 'after' && row.kind === 'removed')
      return html`<td class="diff-none" data-label="${label}">${h.removed}</td>`;
    return html`<td class="diff-${kind}" data-label="${label}">${text || h.unset}</td>`;
  };
  return html`<table class="admin-table diff-table">
    <caption class="visually-hidden">
      ${caption}
    </caption>
    <thead>
      <tr>
        <th scope="col">${h.setting}</th>
        <th scope="col">${h.before}</th>
        <th scope="col">${h.after}</th>
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (r) =>
          html`<tr class="diff-${r.kind}">
            <th scope="row">${r.label}</th>
            ${cell(r.before, 'before', r)} ${cell(r.after, 'after', r)}
          </tr>`,
      )}
    </tbody>
  </table>`;
}

function versionCard(ctx: PageContext, page: HistoryPage, v: SettingsVersion, latest: number): SafeHtml {
  const h = historyTexts(ctx.lang);
  const s = page.subject;
  const rows = readableChanges(v.changes, s.diff);
  const summary =
    v.action === 'baseline' || v.action === 'create' ? h.startingPoint : changeSummary(v.changes, s.diff);
  const action = h.actions[v.action] ?? v.action;
  return html`<article class="card version" id="v${v.version}" aria-labelledby="v${v.version}-title">
    <header class="version-head">
      <h2 id="v${v.version}-title">
        ${h.version(v.version)} · ${formatDateTime(v.at, ctx.lang, s.diff.timeZone)} · ${action}
      </h2>
      <p class="version-meta">${origin(v, h)}</p>
      <p class="version-summary">${summary}</p>
    </header>
    ${rows.length > 0 ? changesTable(rows, h, h.version(v.version)) : ''}
    ${
      v.version < latest
        ? html`<p class="version-actions">
            <a class="button subtle" href="${historyUrl(s)}/${v.version}/restore">${h.restore}</a>
          </p>`
        : ''
    }
  </article>`;
}

function compareForm(ctx: PageContext, page: HistoryPage, h: HistoryTexts): SafeHtml {
  const options: [string, string][] = page.versions.map((v) => [String(v.version), h.version(v.version)]);
  const result = page.comparison;
  const rows = result ? readableChanges(result.changes, page.subject.diff) : [];
  return html`<section class="card compare" aria-labelledby="h-compare">
    <h2 id="h-compare">${h.compare}</h2>
    <form method="get" action="${historyUrl(page.subject)}" class="compare-form" novalidate>
      ${select(page.compareForm, 'from', h.compareFrom, options)}
      ${select(page.compareForm, 'to', h.compareTo, options)}
      <div class="form-actions">
        <button type="submit" class="button primary">${h.compareButton}</button>
      </div>
    </form>
    ${
      result
        ? html`<div class="comparison" id="comparison">
            <h3>${h.comparison(result.from, result.to)}</h3>
            ${
              rows.length > 0
                ? changesTable(rows, h, h.comparison(result.from, result.to))
                : html`<p>${h.noDifference}</p>`
            }
          </div>`
        : ''
    }
  </section>`;
}

export function historyPage(ctx: PageContext, page: HistoryPage): string {
  const a = adminTexts(ctx.lang);
  const h = historyTexts(ctx.lang);
  const s = page.subject;
  const title = h.historyOf(s.name);
  const latest = page.versions[0]?.version ?? 0;
  const back = s.kind === 'clients' ? a.editClient : a.editUser;
  const body = html`<p class="back"><a href="/admin/${s.kind}/${s.id}">← ${back} · ${s.name}</a></p>
    <h1>${title}</h1>
    ${errorSummary(page.compareForm.errors, h.badVersion)}
    ${page.versions.length > 1 ? compareForm(ctx, page, h) : ''}
    ${page.versions.length === 0 ? html`<p class="empty">${h.noVersions}</p>` : ''}
    ${page.versions.map((v) => versionCard(ctx, page, v, latest))}`;
  return adminLayout(ctx, section(s), title, body);
}

export type RestorePage = {
  subject: HistorySubject;
  version: number;
  /** From the current version to the one to restore: what the restore would change. */
  changes: SettingsChange[];
  /** Why the last attempt was refused, as sentences. */
  refusal?: string[];
};

export function restorePage(ctx: PageContext, page: RestorePage): string {
  const h = historyTexts(ctx.lang);
  const s = page.subject;
  const title = h.restoreTitle(page.version);
  const rows = readableChanges(page.changes, s.diff);
  const body = html`<p class="back"><a href="${historyUrl(s)}">← ${h.back}</a></p>
    <h1>${title}</h1>
    ${
      page.refusal
        ? html`<div class="flash flash-error" role="alert" id="restore-errors">
            <p>${h.restoreRefused}</p>
            <ul>
              ${page.refusal.map((m) => html`<li>${m}</li>`)}
            </ul>
          </div>`
        : ''
    }
    <section class="card restore" aria-labelledby="h-restore">
      <h2 id="h-restore">${h.version(page.version)}</h2>
      <p>${h.restoreIntro}</p>
      <p>${s.kind === 'clients' ? h.restoreKeepsActive : h.restoreKeepsPassword}</p>
      ${rows.length > 0 ? changesTable(rows, h, title) : html`<p>${h.restoreNothing}</p>`}
      <form method="post" action="${historyUrl(s)}/${page.version}/restore">
        ${hidden('_csrf', ctx.csrf)}
        <div class="form-actions">
          <button type="submit" class="button primary">${h.restoreConfirm}</button>
          <a class="button subtle" href="${historyUrl(s)}">${adminTexts(ctx.lang).cancel}</a>
        </div>
      </form>
    </section>`;
  return adminLayout(ctx, section(s), title, body);
}

/** The edit pages' way to their history. */
export function historyLink(ctx: PageContext, href: string): SafeHtml {
  const h = historyTexts(ctx.lang);
  return html`<section class="card history-link" aria-labelledby="h-history">
    <h2 id="h-history">${h.history}</h2>
    <p><a href="${href}">${h.historyLink}</a></p>
  </section>`;
}
