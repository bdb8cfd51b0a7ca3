/** The parts the booking and moving forms share: the slot search (GET) and the free slots as radio buttons. */
import { dayText, clockText } from '../../domain/appointment-text';
import { localDate } from '../../domain/zoned-time';
import { html, type SafeHtml } from '../html';
import type { Lang } from '../i18n';
import type { FieldErrors } from '../admin/field-errors';
import type { AppointmentTexts } from './appointment-texts';
import { PARTS_OF_DAY } from './appointment-query';

export type Slot = { start: Date; end: Date };

function fieldError(id: string, errors: FieldErrors, name: string): SafeHtml {
  const errs = errors[name];
  return errs?.length ? html`<p class="field-error" id="${id}-error">${errs.join(' ')}</p>` : html``;
}

/**
 * The free slots, grouped by day, as one radio group: a legend names it and a wrong choice is
 * announced with it (aria-describedby on the group).
 */
export function slotChoices(
  slots: Slot[],
  o: {
    lang: Lang;
    timeZone: string;
    t: AppointmentTexts;
    errors: FieldErrors;
    chosen?: string | undefined;
    legend: string;
  },
): SafeHtml {
  const { lang, timeZone, t, errors } = o;
  const invalid = errors.start?.length;
  const days = new Map<string, Slot[]>();
  for (const s of slots) {
    const day = localDate(s.start, timeZone);
    days.set(day, [...(days.get(day) ?? []), s]);
  }
  return html`<fieldset
    class="field wide slot-choices ${invalid ? 'has-error' : ''}"
    ${invalid ? html`aria-describedby="f-start-error" aria-invalid="true"` : ''}
  >
    <legend>${o.legend}</legend>
    ${fieldError('f-start', errors, 'start')}
    ${
      slots.length === 0
        ? html`<p class="muted">${t.noSlots}</p>`
        : [...days.entries()].map(
            ([, list]) =>
              html`<div class="slot-day" role="group" aria-label="${dayText(list[0]!.start, lang, timeZone)}">
                <p class="slot-day-name">${dayText(list[0]!.start, lang, timeZone)}</p>
                ${list.map((s) => {
                  const value = s.start.toISOString();
                  const id = `slot-${value.replace(/[^0-9]/g, '')}`;
                  const checked = o.chosen === value;
                  return html`<span class="slot">
                    <input
                      type="radio"
                      name="start"
                      id="${id}"
                      value="${value}"
                      ${checked ? html`checked` : ''}
                      required
                    />
                    <label for="${id}">${clockText(s.start, lang, timeZone)}</label>
                  </span>`;
                })}
              </div>`,
          )
    }
  </fieldset>`;
}

/** The GET form that searches slots from a day and a part of the day (kept fields as hidden inputs). */
export function slotSearch(
  action: string,
  keep: Record<string, string | undefined>,
  values: { date?: string | undefined; part?: string | undefined },
  t: AppointmentTexts,
  extra: SafeHtml = html``,
): SafeHtml {
  return html`<form method="get" action="${action}" class="filters slot-search">
    ${Object.entries(keep).map(([k, v]) => (v ? html`<input type="hidden" name="${k}" value="${v}" />` : ''))}
    ${extra}
    <div class="field date">
      <label for="f-date">${t.searchFrom}</label>
      <input id="f-date" name="date" type="date" value="${values.date ?? ''}" />
    </div>
    <div class="field">
      <label for="f-part">${t.partOfDay}</label>
      <select id="f-part" name="part">
        ${['', ...PARTS_OF_DAY].map((p) => html`<option value="${p}" ${p === (values.part ?? '') ? html`selected` : ''}>${t.parts[p]}</option>`)}
      </select>
    </div>
    <div class="field actions"><button type="submit" class="button">${t.searchSlots}</button></div>
  </form>`;
}
