/**
 * The client page's calendar panel: the built-in book or the client's CalDAV calendar, with the
 * form to connect one, test it and disconnect it. The stored password is never put in the page:
 * its field stays empty and says « enregistré ».
 */
import type { CalendarConnectionView } from '../../app/calendar-connections';
import { formatDateTime } from '../format';
import { html, type SafeHtml } from '../html';
import type { Lang } from '../i18n';
import type { AdminTexts } from './admin-texts';
import { hidden, input, type FormState } from './form-controls';

export type CalendarPanelData = {
  clientId: string;
  connection: CalendarConnectionView;
  form: FormState;
  /** The answer of "Tester la connexion", shown in the panel. */
  check?: { ok: boolean; text: string } | undefined;
};

export function calendarPanel(t: AdminTexts, lang: Lang, csrf: string, d: CalendarPanelData): SafeHtml {
  const a = t.appointmentForm;
  const c = d.connection;
  const stored = c.kind === 'caldav' && c.passwordSet;
  const action = `/admin/clients/${d.clientId}/calendar`;
  const status =
    c.kind === 'caldav'
      ? html`<p><strong>${a.caldav}</strong></p>
          ${
            c.checkedAt
              ? html`<p class="${c.checkOk ? '' : 'field-error'}">
                  ${a.lastCheck(formatDateTime(c.checkedAt, lang), Boolean(c.checkOk))}
                </p>`
              : ''
          }`
      : html`<p>${a.builtin}</p>`;
  return html`<section class="card calendar-panel" id="calendar" aria-labelledby="h-calendar">
    <h2 id="h-calendar">${a.calendar}</h2>
    ${status}
    ${
      d.check
        ? html`<p class="flash ${d.check.ok ? 'flash-ok' : 'flash-error'}" role="status">${d.check.text}</p>`
        : ''
    }
    <form method="post" action="${action}#calendar" class="form-grid" novalidate>
      ${hidden('_csrf', csrf)}
      <p class="hint wide">${a.caldavHint}</p>
      ${input(d.form, 'url', a.url, { type: 'url', cls: 'wide', attrs: html`autocomplete="off" spellcheck="false"` })}
      ${input(d.form, 'username', a.username, { cls: 'wide', attrs: html`autocomplete="off"` })}
      ${input({ values: {}, errors: d.form.errors }, 'password', a.password, {
        type: 'password',
        cls: 'wide',
        hint: stored ? a.passwordHint : undefined,
        attrs: html`autocomplete="new-password" ${stored ? html`placeholder="${a.passwordStored}"` : ''}`,
      })}
      <div class="form-actions wide">
        <button type="submit" name="action" value="connect" class="button primary">${a.connect}</button>
        <button type="submit" name="action" value="test" class="button">${a.test}</button>
      </div>
    </form>
    ${
      c.kind === 'caldav'
        ? html`<form method="post" action="${action}/disconnect#calendar">
            ${hidden('_csrf', csrf)}
            <button type="submit" class="button subtle">${a.disconnect}</button>
          </form>`
        : ''
    }
  </section>`;
}

/** The form's values for a connection: its URL and user name, never the password. */
export function calendarFormValues(c: CalendarConnectionView): FormState {
  return { values: c.kind === 'caldav' ? { url: c.url, username: c.username } : {}, errors: {} };
}
