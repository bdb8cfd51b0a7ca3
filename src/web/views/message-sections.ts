/** The call-timeline and delivery-log sections of the message page. */
import { stepWords } from '../../domain/call-words';
import type { CallStep } from '../../store/calls';
import type { Delivery } from '../../store/deliveries';
import type { CountryCode } from '../../domain/phone';
import { formatPhone, formatTime } from '../format';
import { html, type SafeHtml } from '../html';
import type { PageContext } from './layout';

type When = (date: Date) => string;

/** A call's steps in words, each at its time in the client's zone (message and call pages). */
export function callTimelineSection(
  { t, lang }: PageContext,
  timeline: CallStep[],
  timeZone: string | undefined,
  callSid?: string,
): SafeHtml {
  return html`<section aria-labelledby="h-timeline" class="card">
    <h2 id="h-timeline">${t.timeline}</h2>
    ${timeline.length && callSid ? html`<p><a href="/calls/${callSid}">${t.openCall}</a></p>` : ''}
    ${
      timeline.length
        ? html`<ol class="timeline">
            ${timeline.map((s) => html`<li><time datetime="${s.at.toISOString()}">${formatTime(s.at, lang, timeZone)}</time> ${stepWords(s, lang)}</li>`)}
          </ol>`
        : html`<p class="muted">${t.noTimeline}</p>`
    }
  </section>`;
}

/**
 * `retry` renders the admin's "retry" form of a failed delivery; absent for assistants. `country`
 * (the client's) shows the numbers as everywhere else on its pages.
 */
export function deliveriesSection(
  { t }: PageContext,
  deliveries: Delivery[],
  when: When,
  retry?: (key: string) => SafeHtml,
  country?: CountryCode,
): SafeHtml {
  return html`<section aria-labelledby="h-deliveries" class="card">
    <h2 id="h-deliveries">${t.deliveries}</h2>
    ${
      deliveries.length
        ? html`<table class="deliveries">
            <thead>
              <tr>
                <th scope="col">${t.channel}</th>
                <th scope="col">${t.recipient}</th>
                <th scope="col">${t.status}</th>
                <th scope="col">${t.attempts}</th>
                <th scope="col">${t.updated}</th>
              </tr>
            </thead>
            <tbody>
              ${deliveries.map(
                (x) =>
                  html`<tr>
                    <td>${t.channelNames[x.channel] ?? x.channel}</td>
                    <td>
                      ${x.channel === 'sms' || x.channel === 'call' ? formatPhone(x.to, country) : x.to}
                    </td>
                    <td>
                      <span class="badge delivery-${x.status}">${t.deliveryStatus[x.status] ?? x.status}</span
                      >${x.lastError ? html` <span class="muted">${x.lastError}</span>` : ''}
                      ${retry && x.status === 'failed' ? retry(x.key) : ''}
                    </td>
                    <td>${x.attempts}</td>
                    <td>${when(x.updatedAt)}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
        : html`<p class="muted">${t.noDeliveries}</p>`
    }
  </section>`;
}
