/** One call: its kind and duration, what it left (message, appointment), its timeline in words, the caller's other calls. */
import type { CallFile } from '../../app/call-log';
import { durationWords } from '../../domain/call-words';
import type { CallLogEntry } from '../../store/call-log';
import { formatPhone } from '../format';
import { html, queryString } from '../html';
import { layout, type PageContext } from '../views/layout';
import { callTimelineSection } from '../views/message-sections';
import { callerCell, followUpLinks, kindBadge } from './call-list-view';
import { callTexts, callTime } from './call-texts';

const DEFAULT_ZONE = 'Europe/Paris';

export function callPage(ctx: PageContext, file: CallFile): string {
  const t = callTexts(ctx.lang);
  const { call, client, others } = file;
  const zone = client?.timezone ?? DEFAULT_ZONE;
  const number = formatPhone(call.from, client?.country);
  const who = call.callerName || number;
  const at = (c: CallLogEntry) => callTime(c.startedAt, ctx.lang, zone);
  const left = call.messageId || call.appointmentId;
  const body = html`<p class="back"><a href="/calls">← ${t.back}</a></p>
    <article class="card call-file" aria-labelledby="h-call">
      <h1 id="h-call">${t.callTitle(who)}</h1>
      <p>${kindBadge(call, ctx.lang)}</p>
      <h2 class="visually-hidden">${t.details}</h2>
      <dl class="fields">
        <dt>${t.caller}</dt>
        <dd>${callerCell(call, t, client)}</dd>
        <dt>${t.client}</dt>
        <dd>${client?.name ?? '—'}</dd>
        <dt>${t.calledNumber}</dt>
        <dd>${formatPhone(call.to, client?.country)}</dd>
        <dt>${t.startedAt}</dt>
        <dd><time datetime="${call.startedAt.toISOString()}">${at(call)}</time></dd>
        <dt>${t.duration}</dt>
        <dd>${durationWords(call.durationSeconds, ctx.lang) || t.noDuration}</dd>
      </dl>
    </article>
    <section class="card" aria-labelledby="h-follow-up">
      <h2 id="h-follow-up">${t.followUp}</h2>
      ${left ? html`<p class="action-row">${followUpLinks(call, t)}</p>` : html`<p class="muted">${t.noFollowUp}</p>`}
    </section>
    ${callTimelineSection(ctx, call.steps, zone)}
    <section class="card" aria-labelledby="h-others">
      <h2 id="h-others">${t.otherCalls}</h2>
      ${
        others.length
          ? html`<ul class="timeline">
              ${others.map(
                (c) =>
                  html`<li>
                    <a href="/calls/${c.callSid}"
                      ><time datetime="${c.startedAt.toISOString()}">${at(c)}</time></a
                    >
                    ${kindBadge(c, ctx.lang)}
                  </li>`,
              )}
            </ul>`
          : html`<p class="muted">${t.noOtherCalls}</p>`
      }
      <p>
        <a href="/calls${queryString({ client: call.clientId, caller: call.from })}">${t.allOtherCalls}</a>
      </p>
    </section>`;
  return layout(ctx, t.callTitle(who), body, 'page-message page-call');
}

/** A call that does not exist, or that the person may not see: the same page. */
export function callNotFoundPage(ctx: PageContext): string {
  const t = callTexts(ctx.lang);
  const body = html`<section class="card error-card">
    <h1>${t.notFound}</h1>
    <p>${t.notFoundText}</p>
    <p><a href="/calls">${t.back}</a></p>
  </section>`;
  return layout(ctx, t.notFound, body, 'page-error');
}
