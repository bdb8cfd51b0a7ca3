/**
 * `summary.html` of an access export: one self-contained page (no script, no outside resource) a
 * caller can read, in their language. Dates in each client's time zone; steps, outcomes, channels
 * and actions in words; never an internal id or field name.
 */
import { escapeHtml } from '../domain/html-escape';
import { displayPhone, type CountryCode } from '../domain/phone';
import type { CallerExportDocument } from './caller-export-document';
import type { Client } from './clients';
import { summaryTexts, type SummaryLang, type SummaryTexts } from './caller-summary-texts';

const esc = escapeHtml;

function when(iso: string | null, lang: SummaryLang, timeZone: string): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-US' : 'fr-FR', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone,
  }).format(new Date(iso));
}

function clock(iso: string | null, lang: SummaryLang, timeZone: string): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-US' : 'fr-FR', { timeStyle: 'medium', timeZone }).format(
    new Date(iso),
  );
}

const word = (table: Record<string, string>, key: string, fallback: string) => table[key] ?? fallback;

function stepWord(t: SummaryTexts, name: string): string {
  return word(t.stepWords, name, t.otherStep);
}

const STYLE = `body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b;line-height:1.5}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ccc}h3{font-size:1rem;margin-bottom:.25rem}
section.item{border:1px solid #ddd;border-radius:6px;padding:.5rem 1rem;margin:.75rem 0}dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}
dt{font-weight:600}dd{margin:0}.muted{color:#555}ul{padding-left:1.25rem}`;

export function renderCallerSummary(
  doc: CallerExportDocument,
  clients: Client[],
  lang: SummaryLang,
  country: CountryCode | undefined,
): string {
  const t = summaryTexts(lang);
  const byId = new Map(clients.map((c) => [c.id, c]));
  const zone = (clientId: string | null) => (clientId && byId.get(clientId)?.timezone) || 'Europe/Paris';
  const phone = (n: string) => esc(displayPhone(n, country));
  const generated = when(doc.generatedAt, lang, zone(doc.holders[0]?.clientId ?? null));
  const parts: string[] = [
    `<h1>${esc(t.title)}</h1>`,
    `<p>${esc(t.intro(displayPhone(doc.phone, country), generated))}</p>`,
  ];

  const nothing =
    doc.calls.length +
      doc.messages.length +
      doc.contacts.length +
      doc.appointments.length +
      doc.digests.length +
      doc.holders.length ===
    0;
  if (nothing) parts.push(`<p>${esc(t.nothing)}</p>`);

  if (doc.holders.length > 0) {
    parts.push(`<h2>${esc(t.holders)}</h2><p>${esc(t.holdersIntro)}</p><ul>`);
    for (const h of doc.holders) parts.push(`<li>${esc(h.name)}</li>`);
    parts.push('</ul>');
  }

  if (doc.calls.length > 0) {
    parts.push(`<h2>${esc(t.calls)}</h2>`);
    for (const c of doc.calls) {
      const steps = c.steps.map(
        (s) => `<li>${esc(clock(s.at, lang, zone(c.clientId)))} — ${esc(stepWord(t, s.name))}</li>`,
      );
      parts.push(`<section class="item"><h3>${esc(c.clientName)} — ${esc(when(c.startedAt, lang, zone(c.clientId)))}</h3><dl>
<dt>${esc(t.outcome)}</dt><dd>${esc(word(t.outcomes, c.outcome, t.otherOutcome))}</dd>
${c.durationSeconds != null ? `<dt>${esc(t.duration)}</dt><dd>${esc(t.seconds(c.durationSeconds))}</dd>` : ''}
</dl>${steps.length ? `<p class="muted">${esc(t.steps)}</p><ul>${steps.join('')}</ul>` : ''}</section>`);
    }
  }

  if (doc.messages.length > 0) {
    parts.push(`<h2>${esc(t.messages)}</h2>`);
    for (const m of doc.messages) {
      const tz = zone(m.clientId);
      const notes = m.notes.map(
        (n) => `<li>${esc(when(n.at, lang, tz))} — ${esc(n.author)}${esc(t.colon)}${esc(n.text)}</li>`,
      );
      const sent = m.deliveryLog.map(
        (d) =>
          `<li>${esc(when(d.updatedAt, lang, tz))} — ${esc(word(t.channels, d.channel, d.channel))} — ${esc(word(t.deliveryStatus, d.status, d.status))}</li>`,
      );
      parts.push(`<section class="item"><h3>${esc(m.clientName)} — ${esc(t.received)} ${esc(when(m.receivedAt, lang, tz))}</h3><dl>
<dt>${esc(t.name)}</dt><dd>${esc(m.callerName || '—')}</dd>
<dt>${esc(t.reason)}</dt><dd>${esc(m.reason || m.summary)}</dd>
<dt>${esc(t.callback)}</dt><dd>${m.callbackNumber ? phone(m.callbackNumber) : '—'}</dd>
<dt>${esc(t.urgent)}</dt><dd>${esc(m.urgent ? t.yes : t.no)}</dd>
<dt>${esc(t.status)}</dt><dd>${esc(word(t.messageStatus, m.status, m.status))}</dd>
${m.transcription ? `<dt>${esc(t.transcription)}</dt><dd>${esc(m.transcription)}</dd>` : ''}
${m.recording?.link ? `<dt>${esc(t.recording)}</dt><dd><a href="${esc(m.recording.link)}">${esc(t.listen(m.recording.durationSeconds))}</a> <span class="muted">${esc(t.recordingNote)}</span></dd>` : ''}
</dl>${notes.length ? `<p class="muted">${esc(t.notes)}</p><ul>${notes.join('')}</ul>` : ''}
<p class="muted">${esc(t.notifications)}</p>${sent.length ? `<ul>${sent.join('')}</ul>` : `<p>${esc(t.noNotifications)}</p>`}</section>`);
    }
  }

  if (doc.appointments.length > 0) {
    parts.push(`<h2>${esc(t.appointments)}</h2><ul>`);
    for (const a of doc.appointments) {
      const status = word(t.appointmentStatus, a.status, a.status);
      parts.push(
        `<li>${esc(a.clientName)} — ${esc(t.appointmentLine(a.type, when(a.start, lang, zone(a.clientId)), status))}</li>`,
      );
    }
    parts.push('</ul>');
  }

  if (doc.digests.length > 0) {
    parts.push(`<h2>${esc(t.notifications)}</h2><ul>`);
    for (const d of doc.digests) {
      parts.push(
        `<li>${esc(d.clientName)} — ${esc(t.digest)} — ${esc(word(t.channels, d.channel, d.channel))} — ${esc(when(d.createdAt, lang, zone(d.clientId)))}</li>`,
      );
    }
    parts.push('</ul>');
  }

  const lists = doc.contacts.length > 0 || doc.clientSettings.some((s) => s.vip || s.blocked);
  if (lists) {
    parts.push(`<h2>${esc(t.contacts)}</h2>`);
    for (const c of doc.contacts) {
      parts.push(
        `<section class="item"><h3>${esc(c.clientName)}</h3><p>${esc(t.knownAs(c.name))}<br>${esc(t.callCount(c.calls))}</p></section>`,
      );
    }
    for (const s of doc.clientSettings.filter((x) => x.vip || x.blocked)) {
      parts.push(`<p>${esc(s.clientName)}${esc(t.colon)}${esc(s.vip ? t.vip : t.blocked)}</p>`);
    }
  }

  parts.push(`<h2>${esc(t.audit)}</h2>`);
  if (doc.audit.length === 0) parts.push(`<p>${esc(t.noAudit)}</p>`);
  else {
    parts.push('<ul>');
    for (const a of doc.audit) {
      const who = word(t.actorTypes, a.actor.type, t.actorTypes.system!);
      parts.push(
        `<li>${esc(when(a.at, lang, zone(a.clientId)))} — ${esc(word(t.actions, a.action, t.otherAction))} ${esc(t.by)} ${esc(who)}</li>`,
      );
    }
    parts.push('</ul>');
  }

  if (doc.holders.length > 0) {
    parts.push(`<h2>${esc(t.retention)}</h2><ul>`);
    for (const h of doc.holders) parts.push(`<li>${esc(t.retentionLine(h.name, h.retentionDays))}</li>`);
    parts.push('</ul>');
  }
  parts.push(`<p class="muted">${esc(t.contentsNote)}</p>`);

  return `<!doctype html>
<html lang="${t.htmlLang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(t.title)}</title><style>${STYLE}</style></head>
<body>${parts.join('\n')}</body></html>
`;
}
