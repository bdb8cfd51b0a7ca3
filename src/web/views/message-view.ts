/** The message page: summary, details, transcription, recording, timeline, deliveries, notes, actions. */
import type { Delivery } from '../../store/deliveries';
import { type User } from '../../domain/users';
import type { AssignableUser } from '../../store/message-actions';
import type { CallStep } from '../../store/calls';
import type { Message } from '../../store/messages';
import { isE164Phone, type CountryCode } from '../../domain/phone';
import { formatDateTime, formatPhone, isForeignZone, timeWithZone } from '../format';
import { html, type SafeHtml } from '../html';
import { layout, type PageContext } from './layout';
import { callTimelineSection, deliveriesSection } from './message-sections';
import { clientClaimText, showsUrgent, statusBadge, urgentBadge } from './message-row';
import { cockpitTexts } from '../cockpit-texts';
import { cockpitButtons, cockpitParts } from './cockpit-parts';
import { isWithheld, phoneLink } from './phone-link';

export type MessagePageData = {
  message: Message;
  deliveries: Delivery[];
  timeline: CallStep[];
  users: AssignableUser[];
  client: { name: string; timezone: string; country?: CountryCode | undefined } | undefined;
  me: User;
};

export function messagePage(ctx: PageContext, d: MessagePageData): string {
  const { t } = ctx;
  const ct = cockpitTexts(ctx.lang);
  const m = d.message;
  const when = (date: Date) => formatDateTime(date, ctx.lang, d.client?.timezone);
  // A client in another zone than the assistants': its message's time says which clock it is.
  const zone = d.client?.timezone;
  const received =
    zone && isForeignZone(zone)
      ? timeWithZone(m.createdAt, zone, ctx.lang, true, { date: true })
      : when(m.createdAt);
  const who = m.callerName || t.unknownCaller;
  const callback = [m.callbackNumber, m.callerNumber].find((n) => n && !isWithheld(n) && isE164Phone(n));
  const phone = (number: string) => formatPhone(number, d.client?.country);
  const tel = (number: string) => phoneLink(number, d.client?.country, ct.withheld);
  const post = (action: string, inner: SafeHtml, cls = '') =>
    html`<form method="post" action="/messages/${m.id}/${action}" class="inline ${cls}">
      <input type="hidden" name="_csrf" value="${ctx.csrf}" />${inner}
    </form>`;
  const assignee = d.users.find((u) => u.id === m.assigneeId);

  const body = html`<div class="message-top">
      <p class="back"><a href="/">← ${t.back}</a></p>
      <span class="action-row">${cockpitButtons(ct)}</span>
    </div>
    ${cockpitParts(ct, { titleBase: '', urgentOpen: 0, countsUrl: '' })}
    <article class="message ${showsUrgent(m) ? 'is-urgent' : ''}" aria-labelledby="title">
      <header class="message-head">
        <div>
          <h1 id="title">${showsUrgent(m) ? urgentBadge(t) : ''} ${who}</h1>
          <p class="muted">
            ${d.client?.name ?? ''} ·
            <time datetime="${m.createdAt.toISOString()}">${received}</time> · ${statusBadge(t, m.status)}
            ${assignee ? html`· ${t.assignee} ${assignee.name}` : ''}
            ${!assignee && m.claimedBy ? html`· <span class="claimed-by-client">${clientClaimText(t, ctx.lang, m.claimedBy, d.client)}</span>` : ''}
          </p>
        </div>
        ${
          callback
            ? html`<a class="button primary callback" href="tel:${callback}"
                >☎ ${t.callBack} ${phone(callback)}</a
              >`
            : ''
        }
      </header>
      <section aria-labelledby="h-summary" class="card">
        <h2 id="h-summary">${t.summary}</h2>
        <p class="summary">${m.summary}</p>
        <dl class="fields">
          <dt>${t.caller}</dt>
          <dd>${who}</dd>
          <dt>${t.callerNumber}</dt>
          <dd>${tel(m.callerNumber)}</dd>
          <dt>${t.callbackNumber}</dt>
          <dd>${m.callbackNumber ? tel(m.callbackNumber) : '—'}</dd>
          <dt>${t.reason}</dt>
          <dd>${m.reason || '—'}</dd>
          <dt>${t.urgency}</dt>
          <dd>${m.urgent ? t.urgent : '—'}</dd>
        </dl>
      </section>
      <section aria-labelledby="h-actions" class="card actions-card">
        <h2 id="h-actions">${t.actions}</h2>
        <div class="action-row">
          ${
            m.assigneeId !== d.me.id
              ? post(
                  'claim',
                  html`<button class="button" data-shortcut="t" aria-keyshortcuts="t">${t.claim}</button>`,
                )
              : ''
          }
          ${
            m.status === 'handled'
              ? post('reopen', html`<button class="button">${t.reopen}</button>`)
              : post(
                  'handle',
                  html`<button class="button primary" data-shortcut="e" aria-keyshortcuts="e">
                    ✓ ${t.markHandled}
                  </button>`,
                )
          }
        </div>
        ${post(
          'assign',
          html`<label for="assigneeId">${t.assignTo}</label>
            <select id="assigneeId" name="assigneeId">
              <option value="">${t.nobody}</option>
              ${d.users.map((u) => html`<option value="${u.id}" ${u.id === m.assigneeId ? html`selected` : ''}>${u.name}</option>`)}
            </select>
            <button class="button">${t.assign}</button>`,
          'assign-form',
        )}
      </section>
      <section aria-labelledby="h-recording" class="card">
        <h2 id="h-recording">${t.recording}</h2>
        ${
          m.recording
            ? html`<audio
                controls
                preload="metadata"
                src="/messages/${m.id}/recording"
                aria-labelledby="h-recording"
              ></audio>`
            : html`<p class="muted">${t.noRecording}</p>`
        }
        <h2 id="h-transcription">${t.transcription}</h2>
        ${m.transcription ? html`<blockquote class="transcription">${m.transcription}</blockquote>` : html`<p class="muted">${t.noTranscription}</p>`}
      </section>
      <section aria-labelledby="h-notes" class="card">
        <h2 id="h-notes">${t.notes}</h2>
        ${
          m.notes.length
            ? html`<ol class="notes">
                ${m.notes.map(
                  (n) =>
                    html`<li>
                      <p>${n.text}</p>
                      <p class="muted">${n.authorName} · ${when(n.at)}</p>
                    </li>`,
                )}
              </ol>`
            : html`<p class="muted">${t.noNotes}</p>`
        }
        ${post(
          'note',
          html`<label for="note-text">${t.noteLabel}</label>
            <textarea id="note-text" name="text" rows="3" maxlength="2000" required></textarea>
            <button class="button">${t.addNote}</button>`,
          'note-form stack',
        )}
      </section>
      ${callTimelineSection(ctx, d.timeline, d.client?.timezone, m.callSid)}
      ${deliveriesSection(
        ctx,
        d.deliveries,
        when,
        d.me.role === 'admin'
          ? (key) =>
              post(
                'retry',
                html`<input type="hidden" name="key" value="${key}" /><button class="button small">
                    ${t.retryDelivery}
                  </button>`,
              )
          : undefined,
        d.client?.country,
      )}
    </article>`;
  return layout(ctx, who, body, 'page-message');
}
