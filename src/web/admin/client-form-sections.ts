/** The sections of the client form, one fieldset each. */
import { WEEKDAYS } from '../../flow/profile';
import { html, type SafeHtml } from '../html';
import type { AdminTexts } from './admin-texts';
import { MAX_TARGETS } from './client-form';
export { rulesSection } from './rules-builder';
import { checkbox, fieldset, groupedSelect, input, select, textarea, type FormState } from './form-controls';
import { localeOptions, voiceGroups } from './locale-names';

const entries = (o: Record<string, string>): [string, string][] => Object.entries(o);

export function identitySection(s: FormState, t: AdminTexts): SafeHtml {
  return fieldset(
    t.identity,
    html`${input(s, 'name', t.name, { attrs: html`required maxlength="80"` })}
    ${textarea(s, 'numbers', t.numbers, { hint: t.onePerLine, rows: 2 })}
    ${select(s, 'locale', t.locale, localeOptions(t.lang), { attrs: html`data-voice-filter="f-voice"` })}
    ${groupedSelect(
      s,
      'voice',
      t.voice,
      voiceGroups(t.lang).map((g) => ({ key: g.locale, label: g.label, options: g.voices })),
      { empty: t.defaultVoice, hint: t.voiceHint },
    )}
    ${input(s, 'timezone', t.timezone)} ${input(s, 'address', t.address, { cls: 'wide' })}
    ${textarea(s, 'greeting', t.greeting, { hint: t.greetingHint, rows: 2 })}`,
  );
}

export function hoursSection(s: FormState, t: AdminTexts): SafeHtml {
  return fieldset(
    t.hours,
    html`<p class="hint wide">${t.hoursHint}</p>
      ${WEEKDAYS.map((d) => input(s, `hours_${d}`, t.weekdays[d], { cls: 'half', attrs: html`placeholder="09:00-12:30, 14:00-18:30"` }))}
      ${textarea(s, 'closures', t.closures, { hint: t.closuresHint, rows: 2 })}
      ${select(s, 'overrideMode', t.override, [
        ['', t.overrideNone],
        ['closed', t.overrideClosed],
        ['open', t.overrideOpen],
      ])}
      ${input(s, 'overrideUntil', t.overrideUntil, { type: 'datetime-local' })}`,
  );
}

export function transferSection(s: FormState, t: AdminTexts): SafeHtml {
  const row = (i: number) =>
    html`<div class="target-row wide" role="group" aria-label="${t.target(i + 1)}">
      ${input(s, `target${i}_name`, `${t.target(i + 1)} · ${t.targetName}`)}
      ${input(s, `target${i}_number`, t.targetNumber, { type: 'tel' })}
      ${input(s, `target${i}_ring`, t.ringSeconds, { type: 'number', cls: 'narrow', attrs: html`min="5" max="60"` })}
    </div>`;
  return fieldset(
    t.transfers,
    html`${Array.from({ length: MAX_TARGETS }, (_, i) => row(i))}
    ${select(s, 'transferMode', t.transferMode, entries(t.modes))}
    ${select(s, 'callerId', t.callerId, entries(t.callerIds))}
    ${select(s, 'outOfHours', t.outOfHours, entries(t.outOfHoursModes))}
    ${input(s, 'fallbackNumber', t.fallbackNumber, { type: 'tel' })} ${checkbox(s, 'screening', t.screening)}`,
  );
}

export function callersSection(s: FormState, t: AdminTexts): SafeHtml {
  return fieldset(
    t.callers,
    html`${textarea(s, 'vipNumbers', t.vipNumbers, { hint: t.onePerLine, cls: 'third' })}
    ${textarea(s, 'blockedNumbers', t.blockedNumbers, { hint: t.onePerLine, cls: 'third' })}
    ${textarea(s, 'urgencyKeywords', t.urgencyKeywords, { hint: t.urgencyHint, cls: 'third' })}`,
  );
}

export function messageSection(s: FormState, t: AdminTexts): SafeHtml {
  const n = html`type="number"`;
  return fieldset(
    `${t.messageTaking} · ${t.retention}`,
    html`${select(s, 'recording', t.recording, entries(t.recordingModes))}
    ${input(s, 'maxRecordingSeconds', t.maxRecordingSeconds, { attrs: n })}
    ${select(s, 'defaultAction', t.defaultAction, entries(t.actions))}
    ${input(s, 'maxCallSeconds', t.maxCallSeconds, { attrs: n })}
    ${input(s, 'messageDays', t.messageDays, { attrs: n, hint: t.messageDaysHint })}
    ${input(s, 'recordingDays', t.recordingDays, { attrs: n, hint: t.recordingDaysHint })}
    ${input(s, 'transcriptionDays', t.transcriptionDays, { attrs: n, hint: t.transcriptionDaysHint })}
    ${input(s, 'callDays', t.callDays, { attrs: n, hint: t.callDaysHint })}
    ${checkbox(s, 'transcribe', t.transcribe)} ${checkbox(s, 'recordingNotice', t.recordingNotice)}`,
  );
}

/** `weeklyPreview`: the edit page's link to the weekly report as the client would receive it. */
export function notificationsSection(s: FormState, t: AdminTexts, weeklyPreview?: string): SafeHtml {
  return fieldset(
    t.notifications,
    html`${checkbox(s, 'smsEnabled', t.smsEnabled)} ${textarea(s, 'smsTo', t.smsTo, { rows: 2 })}
    ${checkbox(s, 'emailEnabled', t.emailEnabled)} ${textarea(s, 'emailTo', t.emailTo, { rows: 2 })}
    ${checkbox(s, 'webhookEnabled', t.webhookEnabled)}
    ${input(s, 'webhookUrl', t.webhookUrl, { type: 'url' })}
    ${input(s, 'webhookSecret', t.webhookSecret, { attrs: html`autocomplete="off"` })}
    ${checkbox(s, 'escalationEnabled', t.escalationEnabled)}
    ${input(s, 'escalationDelay', t.escalationDelay, { type: 'number', cls: 'narrow' })}
    ${input(s, 'escalationResends', t.escalationResends, { type: 'number', cls: 'narrow' })}
    ${input(s, 'backupName', t.backupName)} ${input(s, 'backupNumber', t.backupNumber, { type: 'tel' })}
    ${checkbox(s, 'digestEnabled', t.digestEnabled)}
    ${input(s, 'digestTime', t.digestTime, { type: 'time', cls: 'narrow' })}
    ${checkbox(s, 'weeklyEnabled', t.weeklyEnabled)}
    ${select(s, 'weeklyWeekday', t.weeklyWeekday, Object.entries(t.weeklyDays), { cls: 'narrow' })}
    ${input(s, 'weeklyTime', t.weeklyTime, { type: 'time', cls: 'narrow' })}
    ${textarea(s, 'weeklyTo', t.weeklyTo, { rows: 2, hint: t.weeklyToHint })}
    ${weeklyPreview ? html`<p class="field"><a href="${weeklyPreview}">${t.weeklyPreviewLink}</a></p>` : ''}`,
  );
}
