/**
 * The figure tiles: one number per tile said in words with its comparison to the period before,
 * and the details beneath it as a description list.
 */
import type { Report } from '../../app/reports';
import { REPORT_OUTCOMES } from '../../domain/report-day';
import { MESSAGE_STATUSES } from '../../domain/vocabulary';
import { html, type SafeHtml } from '../html';
import type { Lang } from '../i18n';
import { reportTexts } from './report-texts';
import { comparisonWords, countText, durationText, type Trend } from './report-words';

const ARROW: Record<Trend, string> = { up: '▲', down: '▼', same: '＝', none: '' };

type Detail = [label: string, value: string];

function tile(
  id: string,
  title: string,
  headline: string,
  comparison: { text: string; trend: Trend },
  details: Detail[],
): SafeHtml {
  return html`<section class="tile" aria-labelledby="tile-${id}">
    <h3 id="tile-${id}">${title}</h3>
    <p class="headline">
      <span class="figure">${headline}</span>${
        comparison.text
          ? html`<span class="visually-hidden">, </span
              ><span class="trend trend-${comparison.trend}"
                ><span aria-hidden="true">${ARROW[comparison.trend]} </span>${comparison.text}</span
              >`
          : ''
      }
    </p>
    <dl>
      ${details.map(
        ([label, value]) =>
          html`<div>
            <dt>${label}</dt>
            <dd>${value}</dd>
          </div>`,
      )}
    </dl>
  </section>`;
}

export function reportTiles(report: Report, lang: Lang): SafeHtml {
  const t = reportTexts(lang);
  const { figures: now, previous: before } = report;
  const kind = report.period.kind;
  const n = (value: number) => countText(value, lang);
  const d = (seconds: number | null) => durationText(seconds, lang) || t.none;
  const compare = (a: number, b: number) => comparisonWords(a, b, kind, lang);
  const tiles = [
    tile('calls', t.calls, t.callCount(now.calls.total), compare(now.calls.total, before.calls.total), [
      [t.answered, n(now.calls.answered)],
      ...REPORT_OUTCOMES.map((o): Detail => [t.outcomes[o], n(now.calls.byOutcome[o])]),
      [t.afterHours, n(now.calls.afterHours)],
    ]),
    tile(
      'urgent',
      t.urgent,
      t.urgentCalls(now.calls.urgentTransfers),
      compare(now.calls.urgentTransfers, before.calls.urgentTransfers),
      [
        [t.urgentMessages, n(now.urgent.messages)],
        [t.medianAck, d(now.urgent.medianAckSeconds)],
        [t.urgentUnacknowledged, n(now.urgent.unacknowledged)],
      ],
    ),
    tile(
      'messages',
      t.messages,
      t.messageCount(now.messages.total),
      compare(now.messages.total, before.messages.total),
      [
        ...MESSAGE_STATUSES.map((s): Detail => [t.statuses[s], n(now.messages.byStatus[s])]),
        [t.medianClaim, d(now.messages.medianClaimSeconds)],
        [t.medianHandle, d(now.messages.medianHandleSeconds)],
      ],
    ),
    tile(
      'notifications',
      t.notifications,
      t.sentCount(now.deliveries.sent),
      compare(now.deliveries.sent, before.deliveries.sent),
      [
        [t.failed, n(now.deliveries.failed)],
        [t.retried, n(now.deliveries.retried)],
        [t.pending, n(now.deliveries.pending)],
      ],
    ),
    tile(
      'callers',
      t.callers,
      t.callerCount(now.callers.distinct),
      compare(now.callers.distinct, before.callers.distinct),
      [[t.repeatCallers, n(now.callers.repeat)]],
    ),
  ];
  return html`<section class="report-tiles" aria-labelledby="figures-title">
    <h2 id="figures-title">${t.figures}</h2>
    <div class="tiles">${tiles}</div>
  </section>`;
}
