/** "Nouveau rendez-vous": choose the type, search free slots, then book one for a caller. */
import type { AppointmentType } from '../../flow/profile';
import { errorSummary, hidden, input, type FormState } from '../admin/form-controls';
import { html, type SafeHtml } from '../html';
import { layout, type PageContext } from '../views/layout';
import { appointmentTexts } from './appointment-texts';
import type { CalendarClient } from './calendar-view';
import { slotChoices, slotSearch, type Slot } from './slot-fields';

export type BookingPage = {
  client: CalendarClient;
  types: AppointmentType[];
  type: AppointmentType | null;
  search: { date?: string | undefined; part?: string | undefined };
  slots: Slot[];
  form: FormState;
};

export function bookingPage(ctx: PageContext, page: BookingPage): string {
  const t = appointmentTexts(ctx.lang);
  const { client, type } = page;
  const title = `${t.newAppointment} · ${client.name}`;
  const back = html`<p class="back"><a href="/appointments?client=${client.id}">← ${t.back}</a></p>`;
  if (page.types.length === 0) {
    return layout(
      ctx,
      title,
      html`${back}
        <h1>${title}</h1>
        <p class="empty">${t.noTypes}</p>`,
      'page-appointments',
    );
  }
  const typeSelect = html`<div class="field">
    <label for="f-type">${t.type}</label>
    <select id="f-type" name="type">
      ${page.types.map((x) => html`<option value="${x.id}" ${x.id === type?.id ? html`selected` : ''}>${x.name} (${x.durationMinutes} min)</option>`)}
    </select>
  </div>`;
  const s = page.form;
  const bookForm: SafeHtml = type
    ? html`<form method="post" action="/appointments/new" class="card booking-form form-grid" novalidate>
        ${hidden('_csrf', ctx.csrf)} ${hidden('client', client.id)} ${hidden('type', type.id)}
        <p class="hint wide">${t.slotsHint}</p>
        ${slotChoices(page.slots, {
          lang: ctx.lang,
          timeZone: client.timezone,
          t,
          errors: s.errors,
          chosen: s.values.start,
          legend: `${t.freeSlots} · ${type.name}`,
        })}
        ${input(s, 'callerName', t.callerName, { attrs: html`required maxlength="100" autocomplete="off"` })}
        ${input(s, 'callerNumber', t.callerNumber, { type: 'tel', hint: t.callerNumberHint, attrs: html`required maxlength="40" autocomplete="off"` })}
        ${input(s, 'reason', t.reason, { cls: 'wide', hint: t.reasonHint, attrs: html`maxlength="500"` })}
        ${s.errors.type ? html`<p class="field-error wide">${s.errors.type.join(' ')}</p>` : ''}
        <div class="form-actions wide">
          <button type="submit" class="button primary">${t.book}</button>
          <a class="button subtle" href="/appointments?client=${client.id}">${t.abandon}</a>
        </div>
      </form>`
    : html``;
  const body = html`${back}
    <h1>${title}</h1>
    ${errorSummary(s.errors, t.fixErrors)}
    <h2 class="visually-hidden">${t.chooseType}</h2>
    ${slotSearch('/appointments/new', { client: client.id }, page.search, t, typeSelect)} ${bookForm}`;
  return layout(ctx, title, body, 'page-appointments');
}
