/**
 * The routing-rules builder: one fieldset per rule (name, conditions, action), then one blank block
 * for a new rule. Without JavaScript each button submits the form with `_rules=up:2`… (nothing is
 * saved, the page comes back rearranged); forms.js does the same in the page and announces it.
 */
import { WEEKDAYS } from '../../flow/profile';
import { html, type SafeHtml } from '../html';
import type { AdminTexts } from './admin-texts';
import { checkbox, fieldId, input, select, textarea, type FormState } from './form-controls';
import { blankBlock, dayField, ruleBlocks, ruleField, RULES_OP } from './rules-form';

/** Times as typed text: a time input cannot hold 24:00, the end of a day. */
const hhmm = (example: string) =>
  html`inputmode="numeric" maxlength="5" placeholder="${example}" autocomplete="off"`;

const choices = (any: string, table: Record<string, string>): [string, string][] => [
  ['', any],
  ...Object.entries(table),
];

function daysGroup(s: FormState, t: AdminTexts, i: number): SafeHtml {
  const name = ruleField(i, 'days');
  const errs = s.errors[name];
  const id = fieldId(name);
  if (s.labels) s.labels[name] = `${t.ruleN(i + 1)} · ${t.ruleDays}`;
  return html`<fieldset
    class="rule-days wide ${errs ? 'has-error' : ''}"
    id="${id}"
    tabindex="-1"
    ${errs ? html`aria-describedby="${id}-error"` : ''}
  >
    <legend>${t.ruleDays}</legend>
    ${WEEKDAYS.map((d) => checkbox(s, dayField(i, d), t.weekdays[d]))}
    ${errs ? html`<p class="field-error" id="${id}-error">${errs.join(' ')}</p>` : ''}
  </fieldset>`;
}

function tools(t: AdminTexts, i: number, last: boolean): SafeHtml {
  const button = (op: string, text: string, disabled: boolean) =>
    html`<button
      type="submit"
      class="button subtle small"
      name="${RULES_OP}"
      value="${op}:${i}"
      data-rule-op="${op}"
      ${disabled ? html`disabled` : ''}
    >
      ${text}
    </button>`;
  return html`<div class="rule-tools wide" role="group" aria-label="${t.ruleN(i + 1)}">
    ${button('up', t.moveUp, i === 0)} ${button('down', t.moveDown, last)}
    ${button('remove', t.removeRule, false)}
  </div>`;
}

/** One rule's block; `blank` for the trailing "new rule" block (and the script's template). */
export function ruleBlock(s: FormState, t: AdminTexts, i: number, last: boolean, blank: boolean): SafeHtml {
  const f = (part: string) => ruleField(i, part);
  const n = t.ruleN(i + 1);
  const controls = html`${input(s, f('name'), t.ruleName, { cls: 'wide', attrs: html`maxlength="60"` })}
    <fieldset class="rule-when wide">
      <legend>${t.conditions}</legend>
      <div class="form-grid">
        ${select(s, f('open'), t.ruleOpen, choices(t.any, t.openChoices))}
        ${select(s, f('caller'), t.ruleCaller, choices(t.any, t.callerChoices))}
        ${select(s, f('menuChoice'), t.ruleMenu, choices(t.any, t.menuChoices))}
        ${select(s, f('urgentSpeech'), t.ruleSpeech, choices(t.any, t.speechChoices))}
        <fieldset class="rule-window wide">
          <legend>${t.ruleWindow}</legend>
          <p class="hint">${t.ruleWindowHint}</p>
          <div class="form-grid">
            ${input(s, f('start'), t.ruleStart, { attrs: hhmm('09:00') })}
            ${input(s, f('end'), t.ruleEnd, { attrs: hhmm('12:30') })} ${daysGroup(s, t, i)}
          </div>
        </fieldset>
      </div>
    </fieldset>
    ${select(s, f('action'), t.ruleAction, Object.entries(t.actionChoices), { attrs: html`data-rule-action` })}
    ${textarea(s, f('text'), t.ruleText, { hint: t.ruleTextHint, rows: 2, cls: 'double rule-say', attrs: html`maxlength="500"` })}
    ${checkbox(s, f('thenMenu'), t.ruleThenMenu, 'rule-then-menu')}`;
  // The summary names each field with its rule.
  if (s.labels) {
    for (const part of ['name', 'open', 'caller', 'menuChoice', 'urgentSpeech', 'action', 'text'])
      if (s.labels[f(part)]) s.labels[f(part)] = `${n} · ${s.labels[f(part)]}`;
    s.labels[f('start')] = `${n} · ${t.ruleWindow} · ${t.ruleStart}`;
    s.labels[f('end')] = `${n} · ${t.ruleWindow} · ${t.ruleEnd}`;
  }
  return html`<fieldset class="rule wide" data-rule="${i}" ${blank ? html`data-new-rule` : ''}>
    <legend>${blank ? t.newRule : n}</legend>
    <div class="form-grid">${controls} ${blank ? '' : tools(t, i, last)}</div>
  </fieldset>`;
}

export function rulesSection(s: FormState, t: AdminTexts): SafeHtml {
  const blocks = ruleBlocks(s.values);
  const trailingBlank = blocks.length > 0 && blankBlock(s.values, blocks[blocks.length - 1]!);
  const shown = trailingBlank ? blocks.slice(0, -1) : blocks;
  const newIndex = shown.length ? shown[shown.length - 1]! + 1 : 0;
  // The blank block's "then offer the menu" starts ticked, as the API's default.
  const blank: FormState = { ...s, values: { ...s.values, [ruleField(newIndex, 'thenMenu')]: 'on' } };
  const template: FormState = { values: { [ruleField(0, 'thenMenu')]: 'on' }, errors: {} };
  return html`<fieldset
    class="card form-section rules-builder"
    id="rules"
    data-announce-up="${t.announce.up}"
    data-announce-down="${t.announce.down}"
    data-announce-removed="${t.announce.removed}"
    data-announce-added="${t.announce.added}"
    data-rule-label="${t.ruleN(0).replace('0', '{n}')}"
    data-new-label="${t.newRule}"
  >
    <legend>${t.rules}</legend>
    <p class="hint">${t.rulesHint}</p>
    <div class="rule-list">
      ${shown.map((i, k) => ruleBlock(s, t, i, k === shown.length - 1, false))}
      ${ruleBlock(blank, t, newIndex, true, true)}
    </div>
    <p>
      <button type="submit" class="button subtle" name="${RULES_OP}" value="add" data-rule-op="add">
        ${t.addRule}
      </button>
    </p>
    <p class="visually-hidden" aria-live="polite" data-rule-status></p>
    <template data-rule-template>${ruleBlock(template, t, 0, true, false)}</template>
  </fieldset>`;
}
