/** Labelled form controls with their hint and errors (linked by aria-describedby), shared by the admin forms. */
import { html, type SafeHtml } from '../html';
import { SUMMARY, type FieldErrors } from './field-errors';
import type { FormValues } from './form-values';

/**
 * `labels`, when given, collects each rendered control's label by field name, in page order: the
 * error summary, rendered after the controls, names and links each field at fault.
 */
export type FormState = { values: FormValues; errors: FieldErrors; labels?: Record<string, string> };

/** The id of a field's control: `rules[0][name]` → `f-rules-0-name`. */
export const fieldId = (name: string) => `f-${name.replace(/\]\[|\[/g, '-').replace(/[^\w-]/g, '')}`;

const remember = (s: FormState, name: string, label: string) => {
  if (s.labels) s.labels[name] = label;
};

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
  const id = fieldId(name);
  remember(s, name, label);
  return html`<div class="field ${o.cls ?? ''} ${errs ? 'has-error' : ''}">
    <label for="${id}">${label}</label>
    <input
      id="${id}"
      name="${name}"
      type="${o.type ?? 'text'}"
      value="${s.values[name] ?? ''}"
      ${describedBy(id, o.hint, errs)}
      ${invalid(errs)}
      ${o.attrs ?? ''}
    />
    ${extras(id, o.hint, errs)}
  </div>`;
}

export function textarea(s: FormState, name: string, label: string, o: Options = {}): SafeHtml {
  const errs = s.errors[name];
  const id = fieldId(name);
  remember(s, name, label);
  return html`<div class="field ${o.cls ?? 'wide'} ${errs ? 'has-error' : ''}">
    <label for="${id}">${label}</label>
    <textarea
      id="${id}"
      name="${name}"
      rows="${o.rows ?? 3}"
      ${describedBy(id, o.hint, errs)}
      ${invalid(errs)}
      ${o.attrs ?? ''}
    >
${s.values[name] ?? ''}</textarea>
    ${extras(id, o.hint, errs)}
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
  const id = fieldId(name);
  remember(s, name, label);
  return html`<div class="field ${o.cls ?? ''} ${errs ? 'has-error' : ''}">
    <label for="${id}">${label}</label>
    <select id="${id}" name="${name}" ${describedBy(id, o.hint, errs)} ${invalid(errs)} ${o.attrs ?? ''}>
      ${options.map(([value, text]) => html`<option value="${value}" ${value === current ? html`selected` : ''}>${text}</option>`)}
    </select>
    ${extras(id, o.hint, errs)}
  </div>`;
}

/** A select whose options come in labelled groups (`<optgroup>`); `data-group` names each group for forms.js. */
export function groupedSelect(
  s: FormState,
  name: string,
  label: string,
  groups: { key: string; label: string; options: [string, string][] }[],
  o: Options & { empty?: string } = {},
): SafeHtml {
  const errs = s.errors[name];
  const current = s.values[name] ?? '';
  const id = fieldId(name);
  remember(s, name, label);
  const option = ([value, text]: [string, string], group = '') =>
    html`<option
      value="${value}"
      ${group ? html`data-group="${group}"` : ''}
      ${value === current ? html`selected` : ''}
    >
      ${text}
    </option>`;
  return html`<div class="field ${o.cls ?? ''} ${errs ? 'has-error' : ''}">
    <label for="${id}">${label}</label>
    <select id="${id}" name="${name}" ${describedBy(id, o.hint, errs)} ${invalid(errs)} ${o.attrs ?? ''}>
      ${o.empty !== undefined ? option(['', o.empty]) : ''}
      ${groups.map((g) => html`<optgroup label="${g.label}" data-group="${g.key}">${g.options.map((x) => option(x, g.key))}</optgroup>`)}
    </select>
    ${extras(id, o.hint, errs)}
  </div>`;
}

export function checkbox(s: FormState, name: string, label: string, cls = ''): SafeHtml {
  const errs = s.errors[name];
  const id = fieldId(name);
  remember(s, name, label);
  return html`<div class="field check ${cls} ${errs ? 'has-error' : ''}">
    <input
      id="${id}"
      name="${name}"
      type="checkbox"
      ${s.values[name] === 'on' ? html`checked` : ''}
      ${describedBy(id, undefined, errs)}
    />
    <label for="${id}">${label}</label>
    ${extras(id, undefined, errs)}
  </div>`;
}

export function fieldset(legend: string, body: SafeHtml, cls = ''): SafeHtml {
  return html`<fieldset class="card form-section ${cls}">
    <legend>${legend}</legend>
    <div class="form-grid">${body}</div>
  </fieldset>`;
}

/**
 * The summary at the top: the general message, then each error as a link to its field (named by its
 * label when `labels` has it, in page order), then the issues no field could take. It takes the focus
 * on load (forms.js), so a screen reader hears it first; `tabindex="-1"` lets it.
 */
export function errorSummary(
  errors: FieldErrors,
  headline: string,
  labels: Record<string, string> = {},
  named: (label: string, message: string) => string = (label, message) => `${label} — ${message}`,
): SafeHtml {
  if (Object.keys(errors).length === 0) return html``;
  const loose = errors[SUMMARY] ?? [];
  const fields = Object.keys(errors).filter((f) => f !== SUMMARY);
  const order = Object.keys(labels);
  const rank = (f: string) => (order.includes(f) ? order.indexOf(f) : order.length);
  fields.sort((a, b) => rank(a) - rank(b));
  const items = fields.map((f) => {
    const message = errors[f]!.join(' ');
    const label = labels[f];
    return html`<li><a href="#${fieldId(f)}">${label ? named(label, message) : message}</a></li>`;
  });
  return html`<div class="flash flash-error error-summary" role="alert" id="form-errors" tabindex="-1">
    <p>${headline}</p>
    ${
      items.length || loose.length
        ? html`<ul>
            ${items} ${loose.map((m) => html`<li>${m}</li>`)}
          </ul>`
        : ''
    }
  </div>`;
}

export const hidden = (name: string, value: string) =>
  html`<input type="hidden" name="${name}" value="${value}" />`;
