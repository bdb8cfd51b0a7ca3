/** The "test this setup" panel: a GET form over the saved profile, and the engine's answer. */
import type { CountryCode } from '../../domain/phone';
import type { RoutePreview } from '../../flow/preview';
import type { OfferedSlots } from '../../app/offered-slots';
import { formatPhone } from '../format';
import { html, type SafeHtml } from '../html';
import type { AdminTexts } from './admin-texts';
import { input, type FormState } from './form-controls';
import { localDateTime, openReasonWords, whyWords } from './preview-words';

/** Where and when the call is previewed: the client's zone, to say the local date in full. */
/** The moment tested, on the client's clock; its country shows the numbers as its pages do. */
export type PreviewWhen = { at: Date; timeZone: string; country?: CountryCode | undefined };

function decisionBlock(t: AdminTexts, title: string, d: RoutePreview['atStart'], p: RoutePreview) {
  return html`<dt>${title}</dt>
    <dd>
      <strong class="decision decision-${d.decision}">${t.decisions[d.decision]}</strong><br />
      ${t.fieldMessage(t.matchedRule, '')}${d.rule ? t.quoted(d.rule.name) : t.noRule}<br />
      <span class="muted">${t.fieldMessage(t.why, whyWords(d.why, p, t.lang))}</span>
    </dd>`;
}

function result(t: AdminTexts, p: RoutePreview, when?: PreviewWhen): SafeHtml {
  return html`<div class="preview-result" role="status" aria-live="polite">
    <h3>${t.fieldMessage(t.decision, t.decisions[(p.afterMenu ?? p.atStart).decision])}</h3>
    <dl class="fields">
      <dt>${t.localTime}</dt>
      <dd>${when ? localDateTime(when.at, when.timeZone, t.lang) : p.localTime}</dd>
      <dt>${t.list.status}</dt>
      <dd>
        <span class="badge ${p.open ? 'status-handled' : 'delivery-cancelled'}"
          >${p.open ? t.openNow : t.closedNow}</span
        >
        <span class="muted">(${openReasonWords(p.openReason, t.lang)})</span>
      </dd>
      ${decisionBlock(t, t.atStart, p.atStart, p)}
      ${p.afterMenu ? decisionBlock(t, t.afterMenu, p.afterMenu, p) : ''}
      <dt>${t.heardGreeting}</dt>
      <dd>${p.greeting ? t.quoted(p.greeting) : '—'}</dd>
      ${
        p.transferTargets
          ? html`<dt>${t.targets}</dt>
              <dd>
                <ol class="targets">
                  ${p.transferTargets.map((x) => html`<li>${x.name} · ${formatPhone(x.number, when?.country)} · ${x.ringSeconds} s</li>`)}
                </ol>
              </dd>`
          : ''
      }
    </dl>
  </div>`;
}

/** Per appointment type, the slots a caller asking for an appointment then would be proposed. */
function offeredSlots(t: AdminTexts, slots: OfferedSlots[]): SafeHtml {
  const a = t.appointmentForm;
  return html`<h3>${a.offeredSlots}</h3>
    <dl class="fields offered-slots">
      ${slots.map(
        (s) =>
          html`<dt>${s.typeName}</dt>
            <dd>
              ${
                s.slots === null
                  ? html`<span class="field-error">${a.calendarDown}</span>`
                  : s.slots.length
                    ? html`<ul>
                        ${s.slots.map((x) => html`<li><time datetime="${x.start.toISOString()}">${x.local}</time></li>`)}
                      </ul>`
                    : html`<span class="muted">${a.noOfferedSlots}</span>`
              }
            </dd>`,
      )}
    </dl>`;
}

export function previewPanel(
  t: AdminTexts,
  clientId: string,
  state: FormState,
  preview: RoutePreview | null,
  slots?: OfferedSlots[],
  when?: PreviewWhen,
): SafeHtml {
  return html`<aside class="card preview-panel" id="preview" aria-labelledby="h-preview">
    <h2 id="h-preview">${t.preview}</h2>
    <p class="hint">${t.previewHint}</p>
    <form method="get" action="/admin/clients/${clientId}/preview#preview" class="form-grid">
      ${input(state, 'from', t.previewFrom, { type: 'tel', cls: 'wide', attrs: html`required` })}
      ${input(state, 'at', t.previewAt, { type: 'datetime-local', cls: 'wide', attrs: html`required` })}
      ${input(state, 'digits', t.previewDigits, { cls: 'wide', attrs: html`inputmode="numeric" maxlength="10"` })}
      ${input(state, 'speech', t.previewSpeech, { cls: 'wide', attrs: html`maxlength="200"` })}
      <div class="field wide"><button type="submit" class="button primary">${t.runPreview}</button></div>
    </form>
    ${preview ? result(t, preview, when) : ''} ${slots?.length ? offeredSlots(t, slots) : ''}
  </aside>`;
}
