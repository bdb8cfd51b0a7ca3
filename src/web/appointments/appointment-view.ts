/** One appointment: who, when, what, how it was booked, its call's message, its history; move it or cancel it. */
import { slotText } from '../../domain/appointment-text';
import { localDate } from '../../domain/zoned-time';
import type { Appointment } from '../../store/appointments';
import { errorSummary, hidden, type FormState } from '../admin/form-controls';
import { formatDateTime, formatPhone } from '../format';
import { html, queryString } from '../html';
import { layout, type PageContext } from '../views/layout';
import { appointmentTexts } from './appointment-texts';
import type { CalendarClient } from './calendar-view';
import { statusBadge } from './calendar-view';
import { slotChoices, slotSearch, type Slot } from './slot-fields';

export type AppointmentPage = {
  appointment: Appointment;
  client: CalendarClient;
  /** The message the appointment's call left, if any. */
  messageId: string | null;
  /** Free slots to move it to (booked appointments only). */
  slots: Slot[];
  search: { date?: string | undefined; part?: string | undefined };
  form: FormState;
};

export function appointmentPage(ctx: PageContext, page: AppointmentPage): string {
  const t = appointmentTexts(ctx.lang);
  const { appointment: a, client } = page;
  const when = slotText(a.start, ctx.lang, client.timezone);
  const number = formatPhone(a.callerNumber, client.country);
  const who = a.callerName || number;
  const day = localDate(a.start, client.timezone);
  const back = `/appointments${queryString({ client: client.id, view: 'day', date: day })}`;
  const body = html`<p class="back"><a href="${back}">← ${t.back}</a></p>
    <article class="appointment-page" aria-labelledby="title">
      <header class="message-head">
        <div>
          <h1 id="title">${who} · ${a.typeName}</h1>
          <p class="muted">
            ${client.name} · <time datetime="${a.start.toISOString()}">${when}</time> ·
            ${statusBadge(t, a.status)}
          </p>
        </div>
        <a class="button primary callback" href="tel:${a.callerNumber}">☎ ${t.call(number)}</a>
      </header>
      ${errorSummary(page.form.errors, t.fixErrors)}
      <section class="card" aria-labelledby="h-details">
        <h2 id="h-details">${t.details}</h2>
        <dl class="fields">
          <dt>${t.when}</dt>
          <dd>${when} · ${t.minutes(Math.round((a.end.getTime() - a.start.getTime()) / 60_000))}</dd>
          <dt>${t.type}</dt>
          <dd>${a.typeName}</dd>
          <dt>${t.caller}</dt>
          <dd>
            ${a.callerName || '—'} · <a href="tel:${a.callerNumber}">${number}</a> ·
            <a href="/${queryString({ client: client.id, q: a.callerNumber })}">${t.callerMessages}</a>
          </dd>
          <dt>${t.reason}</dt>
          <dd>${a.reason || '—'}</dd>
          <dt>${t.origin}</dt>
          <dd>
            ${t.bookedVia[a.bookedVia] ?? a.bookedVia}
            ${page.messageId ? html` · <a href="/messages/${page.messageId}">${t.callMessage}</a>` : ''}
          </dd>
        </dl>
      </section>
      ${a.status === 'booked' ? moveSection(ctx, page) : html`<p class="flash flash-info">${t.alreadyCancelled}</p>`}
      ${
        a.status === 'booked'
          ? html`<p>
              <a class="button danger" href="/appointments/${encodeURIComponent(a.id)}/cancel">${t.cancel}</a>
            </p>`
          : ''
      }
      <section class="card" aria-labelledby="h-history">
        <h2 id="h-history">${t.history}</h2>
        <ol class="timeline">
          ${a.history.map(
            (h) =>
              html`<li>
                <time datetime="${h.at.toISOString()}"
                  >${formatDateTime(h.at, ctx.lang, client.timezone)}</time
                >
                ${t.historyActions[h.action] ?? h.action} · ${h.by === 'caller' ? t.byCaller : h.by}
                ${h.previousStart ? html`<span class="muted">(${t.previousStart(slotText(h.previousStart, ctx.lang, client.timezone))})</span>` : ''}
              </li>`,
          )}
        </ol>
      </section>
    </article>`;
  return layout(ctx, `${who} · ${t.appointments}`, body, 'page-appointments');
}

function moveSection(ctx: PageContext, page: AppointmentPage) {
  const t = appointmentTexts(ctx.lang);
  const { appointment: a, client } = page;
  const path = `/appointments/${encodeURIComponent(a.id)}`;
  return html`<section class="card" aria-labelledby="h-move">
    <h2 id="h-move">${t.moveTitle}</h2>
    ${slotSearch(`${path}#h-move`, {}, page.search, t)}
    <form method="post" action="${path}/move" class="form-grid" novalidate>
      ${hidden('_csrf', ctx.csrf)}
      ${slotChoices(page.slots, {
        lang: ctx.lang,
        timeZone: client.timezone,
        t,
        errors: page.form.errors,
        chosen: page.form.values.start,
        legend: t.moveTo,
      })}
      <div class="form-actions wide"><button type="submit" class="button primary">${t.move}</button></div>
    </form>
  </section>`;
}

/** The confirmation step of a cancellation. */
export function cancelPage(ctx: PageContext, a: Appointment, client: CalendarClient): string {
  const t = appointmentTexts(ctx.lang);
  const who = a.callerName || formatPhone(a.callerNumber, client.country);
  const path = `/appointments/${encodeURIComponent(a.id)}`;
  const body = html`<section class="card confirm-card" aria-labelledby="h-cancel">
    <h1 id="h-cancel">${t.cancelTitle}</h1>
    <p>${t.cancelText(who, slotText(a.start, ctx.lang, client.timezone))}</p>
    <form method="post" action="${path}/cancel" class="action-row">
      ${hidden('_csrf', ctx.csrf)}
      <button type="submit" class="button danger">${t.confirmCancel}</button>
      <a class="button subtle" href="${path}">${t.keep}</a>
    </form>
  </section>`;
  return layout(ctx, t.cancelTitle, body, 'page-appointments');
}
