/** One row of the message list; also sent over server-sent events for live insertion. */
import type { CountryCode } from '../../domain/phone';
import type { Message } from '../../store/messages';
import { formatClock, formatDateTime, formatPhone } from '../format';
import { html, type SafeHtml } from '../html';
import type { Lang, Texts } from '../i18n';

export type RowContext = {
  lang: Lang;
  t: Texts;
  /** A client's country shows its callers' numbers in national form. */
  clients: Map<string, { name: string; timezone: string; country?: CountryCode | undefined }>;
  names: Map<string, string>;
};

export function statusBadge(t: Texts, status: Message['status']): SafeHtml {
  return html`<span class="badge status-${status}">${t.statusNames[status]}</span>`;
}

export function urgentBadge(t: Texts): SafeHtml {
  return html`<span class="badge urgent"><span aria-hidden="true">⚠</span> ${t.urgent}</span>`;
}

/** The client's claim by SMS, as people read it: "Pris en charge par le client (SMS de 06… à 14 h 05)". */
export function clientClaimText(
  t: Texts,
  lang: Lang,
  claim: NonNullable<Message['claimedBy']>,
  client: { timezone: string; country?: CountryCode | undefined } | undefined,
): string {
  // Neither the number nor the time splits across two lines.
  const phone = (claim.phone ? formatPhone(claim.phone, client?.country) : claim.label).replace(
    / /g,
    '\u00a0',
  );
  return t.claimedByClient(phone, formatClock(claim.at, lang, client?.timezone));
}

function assigneeCell(
  m: Message,
  ctx: RowContext,
  client: { timezone: string; country?: CountryCode | undefined } | undefined,
): SafeHtml {
  if (m.assigneeId) return html`${ctx.names.get(m.assigneeId) ?? '—'}`;
  if (m.claimedBy)
    return html`<span class="claimed-by-client"
      >${clientClaimText(ctx.t, ctx.lang, m.claimedBy, client)}</span
    >`;
  return html`<span class="muted">${ctx.t.nobody}</span>`;
}

export function messageRow(m: Message, ctx: RowContext): SafeHtml {
  const { t } = ctx;
  const client = ctx.clients.get(m.clientId);
  const who = m.callerName || t.unknownCaller;
  return html`<tr id="m-${m.id}" class="${m.urgent ? 'is-urgent' : ''} is-${m.status}" data-id="${m.id}">
    <td data-label="${t.received}">
      <time datetime="${m.createdAt.toISOString()}"
        >${formatDateTime(m.createdAt, ctx.lang, client?.timezone)}</time
      >
    </td>
    <td data-label="${t.caller}" class="caller">
      ${m.urgent ? urgentBadge(t) : ''}
      <a href="/messages/${m.id}">${who}</a>
      <span class="muted nowrap">${formatPhone(m.callerNumber, client?.country)}</span>
    </td>
    <td data-label="${t.reason}" class="reason">${m.reason || m.summary}</td>
    <td data-label="${t.client}">${client?.name ?? '—'}</td>
    <td data-label="${t.status}">${statusBadge(t, m.status)}</td>
    <td data-label="${t.assignee}">${assigneeCell(m, ctx, client)}</td>
  </tr>`;
}
