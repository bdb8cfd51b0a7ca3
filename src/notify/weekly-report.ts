/**
 * The weekly report email, pure: last week's figures against the week before, the three charts as
 * inline PNG images (`cid:`), the open items with their links and the link to the full report.
 * A text part for every mail reader, and a simple HTML part (one column, inline styles, images at
 * 100% width) that reads on a phone.
 */
import type { WeeklyReportData } from '../app/weekly-report';
import type { ReportFigures } from '../domain/report-figures';
import { chartPng, chartTitle, REPORT_CHARTS, type ReportChart } from '../infra/report-charts';
import type { Message } from '../store/messages';
import type { EmailAttachment } from './channels/email';
import { appointmentWhenShort } from './appointment-texts';
import { messageUrl, nationalPhone } from './render';
import { change, duration, rowValue, WEEKLY_ROWS, WEEKLY_WORDS, weekRange } from './weekly-report-texts';

export type WeeklyReportInput = Pick<
  WeeklyReportData,
  'week' | 'figures' | 'previous' | 'open' | 'openTotal' | 'reportUrl'
> & {
  client: Pick<WeeklyReportData['client'], 'id' | 'name' | 'locale' | 'timezone' | 'numbers'>;
  publicBaseUrl: string;
};

export type WeeklyReportEmail = {
  subject: string;
  text: string;
  html: string;
  /** The charts, each referenced by the HTML as `cid:<cid>`. */
  images: (EmailAttachment & { cid: string; alt: string })[];
};

/** Renders a chart; the real one by default, a stand-in in tests that need none. */
export type ChartRenderer = (chart: ReportChart, figures: ReportFigures, locale: 'fr-FR' | 'en-US') => Buffer;

const CHART_WIDTH = 568;
const CHART_HEIGHT = 260;
export const chartCid = (chart: ReportChart) => `weekly-${chart}@report`;

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function composeWeeklyReport(
  input: WeeklyReportInput,
  png: ChartRenderer = (chart, figures, locale) =>
    chartPng(chart, figures, locale, { width: CHART_WIDTH * 2, height: CHART_HEIGHT * 2 }),
): WeeklyReportEmail {
  const { client, figures, previous } = input;
  const locale = client.locale;
  const w = WEEKLY_WORDS[locale];
  const heading = w.yourWeek(weekRange(input.week.from, input.week.to, locale));
  const counts = `${w.calls(figures.calls.total)}, ${w.messages(figures.messages.total)}`;
  const subject = `${heading}${w.colon} ${counts}`;
  const rows = WEEKLY_ROWS.map((r) => {
    const isDuration = 'duration' in r && r.duration;
    const now = r.value(figures);
    const before = r.value(previous);
    return {
      label: w.rows[r.id],
      now: rowValue(now, isDuration, locale),
      before: rowValue(before, isDuration, locale),
      change: change(now, before, locale),
    };
  });
  const reasons = figures.topReasons
    .slice(0, 5)
    .map((r) => `${r.word} (${r.count})`)
    .join(', ');
  const items = input.open.map((m) => openItem(m, input));
  const openHeading = w.open(input.openTotal, items.length);

  const text = [
    subject,
    '',
    ...rows.map(
      (r) =>
        `- ${r.label}${w.colon} ${r.now} (${w.previousShort}${w.colon} ${r.before}${r.change ? `, ${r.change}` : ''})`,
    ),
    ...(reasons ? ['', `${w.topReasons}${w.colon} ${reasons}`] : []),
    '',
    openHeading,
    ...(items.length
      ? items.map(
          (i) => `- ${i.urgent ? '[Urgent] ' : ''}${i.when} – ${i.who}${w.colon} ${i.reason} — ${i.url}`,
        )
      : [w.nothingOpen]),
    '',
    `${w.fullReport}${w.colon} ${input.reportUrl}`,
  ].join('\n');

  const images = REPORT_CHARTS.map((chart) => ({
    cid: chartCid(chart),
    filename: `${chart}.png`,
    contentType: 'image/png',
    content: png(chart, figures, locale),
    alt: chartAlt(chart, figures, locale),
  }));

  const cell = 'padding:6px 4px;border-bottom:1px solid #e5e7eb;';
  const num = `${cell}text-align:right;white-space:nowrap;`;
  const h2 = 'font-size:17px;margin:24px 0 8px;';
  const html = `<!doctype html>
<html lang="${locale.slice(0, 2)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(subject)}</title></head>
<body style="margin:0;padding:0;background:#f3f4f6;">
<div style="max-width:600px;margin:0 auto;padding:16px;background:#ffffff;font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.4;color:#1f2937;">
<h1 style="font-size:20px;margin:0 0 4px;">${esc(heading)}</h1>
<p style="margin:0 0 16px;color:#4b5563;">${esc(client.name)} — ${esc(counts)}</p>
<table role="presentation" style="width:100%;border-collapse:collapse;font-size:14px;">
<tr><th style="${cell}text-align:left;"></th><th style="${num}">${esc(w.thisWeek)}</th><th style="${num}">${esc(w.previousWeek)}</th><th style="${num}">${esc(w.change)}</th></tr>
${rows.map((r) => `<tr><td style="${cell}">${esc(r.label)}</td><td style="${num}font-weight:bold;">${esc(r.now)}</td><td style="${num}color:#4b5563;">${esc(r.before)}</td><td style="${num}">${esc(r.change)}</td></tr>`).join('\n')}
</table>
${reasons ? `<p style="margin:16px 0 0;">${esc(w.topReasons)}${esc(w.colon)} ${esc(reasons)}</p>` : ''}
${images
  .map(
    (i) =>
      `<h2 style="${h2}">${esc(
        chartTitle(
          REPORT_CHARTS.find((c) => chartCid(c) === i.cid)!,
          locale,
        ),
      )}</h2>\n<img src="cid:${i.cid}" alt="${esc(i.alt)}" width="${CHART_WIDTH}" style="display:block;width:100%;max-width:${CHART_WIDTH}px;height:auto;border:0;">`,
  )
  .join('\n')}
<h2 style="${h2}">${esc(openHeading)}</h2>
${
  items.length
    ? `<ul style="padding-left:18px;margin:0;">${items
        .map(
          (i) =>
            `<li style="margin:0 0 8px;">${i.urgent ? '<strong style="color:#b91c1c;">[Urgent]</strong> ' : ''}${esc(i.when)} – ${esc(i.who)}${esc(w.colon)} ${esc(i.reason)} — <a href="${esc(i.url)}" style="color:#1d4ed8;">${esc(w.seeMessage)}</a></li>`,
        )
        .join('\n')}</ul>`
    : `<p style="margin:0;">${esc(w.nothingOpen)}</p>`
}
<p style="margin:24px 0 8px;"><a href="${esc(input.reportUrl)}" style="display:inline-block;padding:10px 16px;background:#1d4ed8;color:#ffffff;text-decoration:none;border-radius:4px;">${esc(w.seeFullReport)}</a></p>
</div>
</body></html>`;
  return { subject, text, html, images };
}

function openItem(m: Message, input: WeeklyReportInput) {
  const { client } = input;
  const w = WEEKLY_WORDS[client.locale];
  const name = m.callerName.trim();
  const number = nationalPhone(m.callbackNumber || m.callerNumber, client);
  const who = name ? (number ? `${name} (${number})` : name) : number || w.unknownCaller;
  return {
    urgent: m.urgent,
    when: appointmentWhenShort(m.createdAt, client.locale, client.timezone),
    who,
    reason: m.reason.trim() || w.noReason,
    url: messageUrl(input.publicBaseUrl, m.id),
  };
}

/** What a chart shows, for people who do not see it: its title and the gist of its numbers. */
function chartAlt(chart: ReportChart, f: ReportFigures, locale: 'fr-FR' | 'en-US'): string {
  const w = WEEKLY_WORDS[locale];
  const title = chartTitle(chart, locale);
  if (chart === 'calls') {
    const days = f.perDay.map((d, i) => `${w.days[i % 7]} ${d.total}`).join(', ');
    return `${title}${w.colon} ${days}`;
  }
  if (chart === 'hours') {
    let best = { day: 0, hour: 0, n: 0 };
    f.heatmap.forEach((hours, day) =>
      hours.forEach((n, hour) => {
        if (n > best.n) best = { day, hour, n };
      }),
    );
    return `${title}${w.colon} ${best.n ? w.busiest(w.days[best.day]!, best.hour) : w.noCalls}`;
  }
  return `${title}${w.colon} ${w.medianHandle(duration(f.messages.medianHandleSeconds, locale))}`;
}
