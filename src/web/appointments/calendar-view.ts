/**
 * The appointments page: one client's day or week in its timezone, with the way to the previous
 * and next day or week, today, and another client. On a phone the week's days stack in a list.
 */
import { dayText, timeRangeText } from '../../domain/appointment-text';
import type { CountryCode } from '../../domain/phone';
import { addDays, localDate } from '../../domain/zoned-time';
import type { Appointment } from '../../store/appointments';
import { formatPhone } from '../format';
import { html, queryString, type SafeHtml } from '../html';
import type { Lang } from '../i18n';
import { layout, type PageContext } from '../views/layout';
import { appointmentTexts, type AppointmentTexts } from './appointment-texts';

export type CalendarClient = { id: string; name: string; timezone: string; country: CountryCode | undefined };

export type CalendarPage = {
  clients: CalendarClient[];
  client: CalendarClient | null;
  view: 'day' | 'week';
  date: string;
  days: string[];
  today: string;
  appointments: Appointment[];
};

const noon = (day: string) => new Date(`${day}T12:00:00Z`);

export function statusBadge(t: AppointmentTexts, status: string): SafeHtml {
  const cls = status === 'cancelled' ? 'delivery-cancelled' : 'status-handled';
  return html`<span class="badge ${cls}">${t.status[status] ?? status}</span>`;
}

function appointmentItem(a: Appointment, client: CalendarClient, lang: Lang, t: AppointmentTexts): SafeHtml {
  const number = formatPhone(a.callerNumber, client.country);
  return html`<li class="appointment is-${a.status}">
    <p class="appointment-time">
      <time datetime="${a.start.toISOString()}">${timeRangeText(a.start, a.end, lang, client.timezone)}</time>
      ${statusBadge(t, a.status)}
    </p>
    <p class="appointment-who">
      <a href="/appointments/${encodeURIComponent(a.id)}">${a.callerName || number}</a>
      · <a class="nowrap" href="tel:${a.callerNumber}" aria-label="${t.call(number)}">${number}</a>
    </p>
    <p class="appointment-type">
      ${a.typeName}${a.reason ? html` · <span class="muted">${a.reason}</span>` : ''}
    </p>
    <p class="muted small">${t.bookedVia[a.bookedVia] ?? a.bookedVia}</p>
  </li>`;
}

function dayBlock(
  day: string,
  list: Appointment[],
  page: CalendarPage,
  client: CalendarClient,
  ctx: PageContext,
  t: AppointmentTexts,
): SafeHtml {
  const heading = dayText(noon(day), ctx.lang, 'UTC');
  return html`<section
    class="calendar-day ${day === page.today ? 'is-today' : ''}"
    aria-labelledby="d-${day}"
  >
    <h2 id="d-${day}">
      <a href="/appointments${queryString({ client: client.id, view: 'day', date: day })}">${heading}</a>
      ${day === page.today ? html`<span class="badge status-new">${t.today}</span>` : ''}
    </h2>
    ${
      list.length
        ? html`<ol class="appointments">
            ${list.map((a) => appointmentItem(a, client, ctx.lang, t))}
          </ol>`
        : html`<p class="muted empty-day">${t.noAppointmentsDay}</p>`
    }
  </section>`;
}

function navigation(page: CalendarPage, client: CalendarClient, t: AppointmentTexts): SafeHtml {
  const step = page.view === 'day' ? 1 : 7;
  const link = (date: string, view = page.view) =>
    `/appointments${queryString({ client: client.id, view, date })}`;
  const [prev, next] = page.view === 'day' ? [t.previousDay, t.nextDay] : [t.previousWeek, t.nextWeek];
  const current = (v: 'day' | 'week') => (page.view === v ? html`aria-current="page"` : '');
  return html`<nav class="calendar-nav" aria-label="${t.appointments}">
    <a class="button" href="${link(addDays(page.date, -step))}" rel="prev">← ${prev}</a>
    <a class="button subtle" href="${link(page.today)}">${t.today}</a>
    <a class="button" href="${link(addDays(page.date, step))}" rel="next">${next} →</a>
    <span class="tabs view-tabs">
      <a class="tab" href="${link(page.date, 'day')}" ${current('day')}>${t.day}</a>
      <a class="tab" href="${link(page.date, 'week')}" ${current('week')}>${t.week}</a>
    </span>
  </nav>`;
}

function clientPicker(page: CalendarPage, t: AppointmentTexts): SafeHtml {
  if (page.clients.length < 2) return html``;
  return html`<form method="get" action="/appointments" class="filters client-picker">
    <input type="hidden" name="view" value="${page.view}" />
    <input type="hidden" name="date" value="${page.date}" />
    <div class="field">
      <label for="client">${t.client}</label>
      <select id="client" name="client">
        ${page.clients.map((c) => html`<option value="${c.id}" ${c.id === page.client?.id ? html`selected` : ''}>${c.name}</option>`)}
      </select>
    </div>
    <div class="field actions"><button type="submit" class="button">${t.show}</button></div>
  </form>`;
}

export function calendarPage(ctx: PageContext, page: CalendarPage): string {
  const t = appointmentTexts(ctx.lang);
  const client = page.client;
  if (!client) {
    return layout(
      ctx,
      t.appointments,
      html`<h1>${t.appointments}</h1>
        <p class="empty">${t.noClients}</p>`,
    );
  }
  const byDay = new Map(page.days.map((d) => [d, [] as Appointment[]]));
  for (const a of page.appointments) byDay.get(localDate(a.start, client.timezone))?.push(a);
  const first = page.days[0]!;
  const last = page.days[page.days.length - 1]!;
  const title =
    page.view === 'day'
      ? dayText(noon(first), ctx.lang, 'UTC', true)
      : t.weekOf(dayText(noon(first), ctx.lang, 'UTC'), dayText(noon(last), ctx.lang, 'UTC', true));
  const booked = page.appointments.filter((a) => a.status === 'booked').length;
  const body = html`<div class="list-head">
      <h1>${t.appointments} · ${client.name}</h1>
      <a
        class="button primary"
        href="/appointments/new${queryString({ client: client.id, date: page.date >= page.today ? page.date : page.today })}"
        >+ ${t.newAppointment}</a
      >
    </div>
    ${clientPicker(page, t)} ${navigation(page, client, t)}
    <p class="calendar-title"><strong>${title}</strong> · ${t.count(booked)}</p>
    <p class="muted small">${t.timeZoneNote(client.timezone)}</p>
    <div class="calendar calendar-view-${page.view}">
      ${page.days.map((d) => dayBlock(d, byDay.get(d) ?? [], page, client, ctx, t))}
    </div>`;
  return layout(ctx, `${t.appointments} · ${client.name}`, body, 'page-appointments');
}
