/** One row of the message list; also sent over server-sent events for live insertion. */
import type { CountryCode } from '../../domain/phone';
import type { Message } from '../../store/messages';
import type { CockpitTexts } from '../cockpit-texts';
import {
  formatClock,
  formatDateTime,
  formatPhone,
  isForeignZone,
  timeWithZone,
  zonesDiffer,
} from '../format';
import { html, type SafeHtml } from '../html';
import type { Lang, Texts } from '../i18n';
import { phoneLink } from './phone-link';

export type RowContext = {
  lang: Lang;
  t: Texts;
  ct: CockpitTexts;
  /** A client's country shows its callers' numbers in national form. */
  clients: Map<string, { name: string; timezone: string; country?: CountryCode | undefined }>;
  names: Map<string, string>;
  /** The messages this user has not opened yet. */
  unread: Set<string>;
  /** The signed-in user's id: "take" is offered only for what is not theirs already. */
  me: string;
  csrf: string;
  /** Where the row's quick actions come back to (the list with its view and filters). */
  back: string;
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

/** Urgency matters while someone still has to act: a handled urgent message is an ordinary row. */
export const showsUrgent = (m: Pick<Message, 'urgent' | 'status'>) => m.urgent && m.status !== 'handled';

function assigneeCell(
  m: Message,
  ctx: RowContext,
  client: { timezone: string; country?: CountryCode | undefined } | undefined,
): SafeHtml {
  const { t } = ctx;
  const who = m.assigneeId
    ? html`${ctx.names.get(m.assigneeId) ?? '—'}`
    : m.claimedBy
      ? html`<span class="claimed-by-client">${clientClaimText(t, ctx.lang, m.claimedBy, client)}</span>`
      : html`<span class="muted">${t.nobody}</span>`;
  const empty = !m.assigneeId && !m.claimedBy;
  return html`<td data-label="${t.assignee}" class="assignee ${empty ? 'is-empty' : ''}">${who}</td>`;
}

/** Take and mark handled, as small forms: they work without script and come back to the list. */
function quickActions(m: Message, ctx: RowContext, who: string): SafeHtml {
  const { ct } = ctx;
  const form = (action: string, label: string, text: string, cls: string) =>
    html`<form method="post" action="/messages/${m.id}/${action}" class="inline quick">
      <input type="hidden" name="_csrf" value="${ctx.csrf}" />
      <input type="hidden" name="back" value="${ctx.back}" />
      <button type="submit" class="button small ${cls}" aria-label="${label}" data-quick="${action}">
        ${text}
      </button>
    </form>`;
  if (m.status === 'handled') return html``;
  return html`${m.assigneeId || m.claimedBy ? '' : form('claim', ct.takeRow(who), ct.take, '')}
  ${form('handle', ct.handleRow(who), `✓ ${ct.handleShort}`, 'primary')}`;
}

/**
 * When the message came, on its client's clock; the zone is named when the user's clients live on
 * different clocks (or the client's is not the assistants'), so "14:05" is never ambiguous.
 */
function receivedAt(m: Message, ctx: RowContext, zone: string | undefined): string {
  if (!zone) return formatDateTime(m.createdAt, ctx.lang);
  const showZone = isForeignZone(zone) || zonesDiffer([...ctx.clients.values()]);
  return showZone
    ? timeWithZone(m.createdAt, zone, ctx.lang, true, { date: true })
    : formatDateTime(m.createdAt, ctx.lang, zone);
}

export function messageRow(m: Message, ctx: RowContext): SafeHtml {
  const { t, ct } = ctx;
  const client = ctx.clients.get(m.clientId);
  const who = m.callerName || t.unknownCaller;
  const unread = ctx.unread.has(m.id);
  const reason = m.reason || m.summary;
  const classes = [showsUrgent(m) ? 'is-urgent' : '', unread ? 'is-unread' : '', `is-${m.status}`];
  return html`<tr id="m-${m.id}" class="${classes.join(' ').trim()}" data-id="${m.id}">
    <td class="select">
      <input type="checkbox" name="ids" value="${m.id}" form="bulk" aria-label="${ct.selectRow(who)}" />
    </td>
    <td data-label="${t.received}" class="received">
      <time datetime="${m.createdAt.toISOString()}">${receivedAt(m, ctx, client?.timezone)}</time>
    </td>
    <td data-label="${t.caller}" class="caller">
      ${showsUrgent(m) ? urgentBadge(t) : ''}
      <a class="open-link" href="/messages/${m.id}"
        >${unread ? html`<span class="unread-dot" aria-hidden="true"></span>` : ''}${who}${
          unread ? html`<span class="visually-hidden"> (${ct.unread})</span>` : ''
        }</a
      >
      <span class="nowrap number">${phoneLink(m.callerNumber, client?.country, ct.withheld)}</span>
    </td>
    <td data-label="${t.reason}" class="reason ${reason ? '' : 'is-empty'}">${reason}</td>
    <td data-label="${t.client}" class="client">${client?.name ?? '—'}</td>
    <td data-label="${t.status}" class="status">${statusBadge(t, m.status)}</td>
    ${assigneeCell(m, ctx, client)}
    <td class="row-actions">${quickActions(m, ctx, who)}</td>
  </tr>`;
}
