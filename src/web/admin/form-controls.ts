/** Labelled form controls with their hint and errors (linked by aria-describedby), shared by the admin forms. */
import { html, type SafeHtml } from '../html';
import { SUMMARY, type FieldErrors } from './field-errors';
import type { FormValues } from './form-values';

export type FormState = { values: FormValues; errors: FieldErrors };

type Options = { hint?: string; type?: string; cls?: string; attrs?: SafeHtml; rows?: number };

function describedBy(id: string, hint: string | undefined, errs: string[] | undefined): SafeHtml {
  const ids = [hint ? `${id}-hint` : '', errs?.length ? `${id}-error` : ''].filter(Boolean).join(' ');
  return ids ? html`aria-describedby="${ids}"` : html``;
}

function extras(id: string, hint: string | undefined, errs: string[] | undefined): SafeHtml {
  return html`${hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : ''}
  ${errs?.length ? html`<p class="field-error" id="${id}-error">${errs.join(' ')}</p>` : ''}`;
}

const invalid = (errs: string[] | undefined) => (errs?.length ? html`aria-invalid="true"` : html``);

export function input(s: FormState, name: string, label: string, o: Options = {}): SafeHtml {
  const errs = s.errors[name];
  return html`<div class="field ${o.cls ?? ''} ${errs ? 'has-error' : ''}">
    <label for="f-${name}">${label}</label>
    <input
      id="f-${name}"
      name="${name}"
      type="${o.type ?? 'text'}"
      value="${s.values[name] ?? ''}"
      ${describedBy(`f-${name}`, o.hint, errs)}
      ${invalid(errs)}
      ${o.attrs ?? ''}
    />
    ${extras(`f-${name}`, o.hint, errs)}
  </div>`;
}

export function textarea(s: FormState, name: string, label: string, o: Options = {}): SafeHtml {
  const errs = s.errors[name];
  return html`<div class="field ${o.cls ?? 'wide'} ${errs ? 'has-error' : ''}">
    <label for="f-${name}">${label}</label>
    <textarea
      id="f-${name}"
      name="${name}"
      rows="${o.rows ?? 3}"
      ${describedBy(`f-${name}`, o.hint, errs)}
      ${invalid(errs)}
      ${o.attrs ?? ''}
    >
${s.values[name] ?? ''}</textarea>
    ${extras(`f-${name}`, o.hint, errs)}
  </div>`;
}

export function select(
  s: FormState,
  name: string,
  label: string,
  options: [string, string][],
  o: Options = {},
): SafeHtml {
  const errs = s.errors[name];
  const current = s.values[name] ?? '';
  return html`<div class="field ${o.cls ?? ''} ${errs ? 'has-error' : ''}">
    <label for="f-${name}">${label}</label>
    <select id="f-${name}" name="${name}" ${describedBy(`f-${name}`, o.hint, errs)} ${invalid(errs)}>
      ${options.map(([value, text]) => html`<option value="${value}" ${value === current ? html`selected` : ''}>${text}</option>`)}
    </select>
    ${extras(`f-${name}`, o.hint, errs)}
  </div>`;
}

export function checkbox(s: FormState, name: string, label: string): SafeHtml {
  const errs = s.errors[name];
  return html`<div class="field check ${errs ? 'has-error' : ''}">
    <input
      id="f-${name}"
      name="${name}"
      type="checkbox"
      ${s.values[name] === 'on' ? html`checked` : ''}
      ${describedBy(`f-${name}`, undefined, errs)}
    />
    <label for="f-${name}">${label}</label>
    ${extras(`f-${name}`, undefined, errs)}
  </div>`;
}

export function fieldset(legend: string, body: SafeHtml, cls = ''): SafeHtml {
  return html`<fieldset class="card form-section ${cls}">
    <legend>${legend}</legend>
    <div class="form-grid">${body}</div>
  </fieldset>`;
}

/** The summary at the top: the general message and the issues no field could take. */
export function errorSummary(errors: FieldErrors, headline: string): SafeHtml {
  if (Object.keys(errors).length === 0) return html``;
  const loose = errors[SUMMARY] ?? [];
  return html`<div class="flash flash-error" role="alert" id="form-errors">
    <p>${headline}</p>
    ${
      loose.length
        ? html`<ul>
            ${loose.map((m) => html`<li>${m}</li>`)}
          </ul>`
        : ''
    }
  </div>`;
}

export const hidden = (name: string, value: string) =>
  html`<input type="hidden" name="${name}" value="${value}" />`;
