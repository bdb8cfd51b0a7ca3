/** The client form's values for a saved profile (edit page) or for a new client (the schema's defaults). */
import { clientProfileSchema, WEEKDAYS, type ClientProfile } from '../../flow/profile';
import { MAX_TARGETS, type AdviceMode, type GreetChoice } from './client-form';
import type { FormValues } from './form-values';
import { instantToLocal } from '../../domain/zoned-time';
import { appointmentsToForm } from './client-form-appointments';
import { rulesToForm } from './rules-form';

const on = (b: boolean) => (b ? 'on' : '');
const str = (n: number | undefined) => (n === undefined ? '' : String(n));

/** The defaults of a new client: the schema's own, with a placeholder name and number. */
export function newClientValues(): FormValues {
  const defaults = clientProfileSchema.parse({ name: '-', numbers: ['+33100000000'] });
  return { ...formFromProfile(defaults), name: '', numbers: '' };
}

const greetChoice = (greet: boolean | undefined): GreetChoice =>
  greet === undefined ? '' : greet ? 'yes' : 'no';

/** Unset and empty differ: unset says the sector's sentence, empty says nothing. */
const adviceMode = (advice: string | undefined): AdviceMode =>
  advice === undefined ? '' : advice.trim() ? 'custom' : 'none';

/** `lang`: the page's, for the day names of the appointment types' own hours. */
export function formFromProfile(p: ClientProfile, lang: 'fr' | 'en' = 'fr'): FormValues {
  const n = p.notifications;
  const v: FormValues = {
    name: p.name,
    numbers: p.numbers.join('\n'),
    locale: p.locale,
    voice: p.voice ?? '',
    sector: p.sector,
    spokenName: p.spokenName,
    greetKnownCallers: greetChoice(p.greetKnownCallers),
    vocabulary: p.vocabulary.join('\n'),
    emergencyAdviceMode: adviceMode(p.safety.emergencyAdvice),
    emergencyAdvice: p.safety.emergencyAdvice ?? '',
    greeting: p.greeting,
    timezone: p.timezone,
    address: p.address,
    closures: p.closures.map((c) => `${c.from}..${c.to} ${c.label}`.trim()).join('\n'),
    overrideMode: p.override?.mode ?? '',
    overrideUntil: p.override ? instantToLocal(new Date(p.override.until), p.timezone) : '',
    transferMode: p.transfer.mode,
    callerId: p.transfer.callerId,
    screening: on(p.transfer.screening),
    outOfHours: p.transfer.outOfHours,
    fallbackNumber: p.fallbackNumber ?? '',
    vipNumbers: p.vipNumbers.join('\n'),
    blockedNumbers: p.blockedNumbers.join('\n'),
    urgencyKeywords: p.urgencyKeywords.join('\n'),
    defaultAction: p.defaultAction.type,
    recording: p.messageTaking.recording,
    transcribe: on(p.messageTaking.transcribe),
    maxRecordingSeconds: str(p.messageTaking.maxRecordingSeconds),
    recordingNotice: on(p.consent.recordingNotice),
    messageDays: str(p.retention.messageDays),
    recordingDays: str(p.retention.recordingDays),
    transcriptionDays: str(p.retention.transcriptionDays),
    callDays: str(p.retention.callDays),
    smsEnabled: on(n.sms.enabled),
    smsTo: n.sms.to.join('\n'),
    emailEnabled: on(n.email.enabled),
    emailTo: n.email.to.join('\n'),
    webhookEnabled: on(n.webhook.enabled),
    webhookUrl: n.webhook.url ?? '',
    webhookSecret: n.webhook.secret ?? '',
    escalationEnabled: on(n.escalation.enabled),
    escalationDelay: str(n.escalation.delayMinutes),
    escalationResends: str(n.escalation.resends),
    backupName: n.escalation.backup?.name ?? '',
    backupNumber: n.escalation.backup?.number ?? '',
    digestEnabled: on(n.digest.enabled),
    digestTime: n.digest.localTime,
    weeklyEnabled: on(n.weeklyReport.enabled),
    weeklyWeekday: str(n.weeklyReport.weekday),
    weeklyTime: n.weeklyReport.localTime,
    weeklyTo: n.weeklyReport.to.join('\n'),
    maxCallSeconds: str(p.maxCallSeconds),
    ...appointmentsToForm(p.appointments, lang),
    ...rulesToForm(p.rules),
  };
  for (const day of WEEKDAYS)
    v[`hours_${day}`] = p.weeklyHours[day].map((r) => `${r.start}-${r.end}`).join(', ');
  p.transferTargets.slice(0, MAX_TARGETS).forEach((target, i) => {
    v[`target${i}_name`] = target.name;
    v[`target${i}_number`] = target.number;
    v[`target${i}_ring`] = String(target.ringSeconds);
  });
  return v;
}
