/**
 * The words of the readable settings diff: each setting's label (the admin form's where it has
 * one), the section it belongs to, and the words of values (units, rules, yes/no), in French and
 * English.
 */
import type { Lang } from '../i18n';
import { adminTexts } from './admin-texts';
import { historyTexts } from './history-texts';

/** French quotation marks, kept on the same line as the words they quote. */
const quoteFr = (text: string) => `«\u00a0${text}\u00a0»`;
const quoteEn = (text: string) => `“${text}”`;

/** The words of the readable diff: field labels and values, in the page's language. */
export function diffWords(lang: Lang) {
  const a = adminTexts(lang);
  const isFr = lang === 'fr';
  return {
    a,
    h: historyTexts(lang),
    labels: {
      name: a.name,
      numbers: a.numbers,
      locale: a.locale,
      voice: a.voice,
      sector: a.sector,
      spokenName: a.spokenName,
      greetKnownCallers: a.greetKnownCallers,
      vocabulary: a.vocabulary,
      'safety.emergencyAdvice': a.emergencyAdviceMode,
      greeting: a.greeting,
      timezone: a.timezone,
      weeklyHours: a.hours,
      closures: a.closures,
      override: a.override,
      address: a.address,
      transferTargets: a.transfers,
      'transfer.mode': `${a.transfers} · ${a.transferMode}`,
      'transfer.callerId': a.callerId,
      'transfer.screening': a.screening,
      'transfer.outOfHours': a.outOfHours,
      fallbackNumber: a.fallbackNumber,
      vipNumbers: a.vipNumbers,
      blockedNumbers: a.blockedNumbers,
      urgencyKeywords: a.urgencyKeywords,
      rules: a.rules,
      defaultAction: a.defaultAction,
      'messageTaking.recording': a.recording,
      'messageTaking.transcribe': a.transcribe,
      'messageTaking.maxRecordingSeconds': a.maxRecordingSeconds,
      'consent.recordingNotice': a.recordingNotice,
      'retention.messageDays': `${a.retention} · messages`,
      'retention.recordingDays': `${a.retention} · ${isFr ? 'enregistrements' : 'recordings'}`,
      'retention.transcriptionDays': `${a.retention} · transcriptions`,
      'retention.callDays': `${a.retention} · ${isFr ? 'détails des appels' : 'call details'}`,
      'notifications.sms.enabled': isFr ? 'Notifications par SMS' : 'SMS notifications',
      'notifications.sms.to': isFr ? 'Destinataires des SMS' : 'SMS recipients',
      'notifications.email.enabled': isFr ? 'Notifications par e-mail' : 'Email notifications',
      'notifications.email.to': isFr ? 'Destinataires des e-mails' : 'Email recipients',
      'notifications.webhook.enabled': a.webhookEnabled,
      'notifications.webhook.url': a.webhookUrl,
      'notifications.webhook.secret': isFr ? 'Secret du webhook' : 'Webhook secret',
      'notifications.escalation.enabled': a.escalationEnabled,
      'notifications.escalation.delayMinutes': `${isFr ? 'Relance' : 'Reminder'} · ${a.escalationDelay}`,
      'notifications.escalation.resends': a.escalationResends,
      'notifications.escalation.backup': a.backupName,
      'notifications.digest.enabled': a.digestEnabled,
      'notifications.digest.localTime': a.digestTime,
      'notifications.weeklyReport.enabled': a.weeklyEnabled,
      'notifications.weeklyReport.weekday': a.weeklyWeekday,
      'notifications.weeklyReport.localTime': a.weeklyTime,
      'notifications.weeklyReport.to': a.weeklyTo,
      maxCallSeconds: a.maxCallSeconds,
      'appointments.types': isFr ? 'Types de rendez-vous' : 'Appointment types',
      'appointments.reminderHoursBefore': a.appointmentForm.reminder,
      'appointments.callerChanges': isFr
        ? 'Déplacement et annulation par les appelants'
        : 'Callers may move or cancel',
      active: a.serviceHeading,
      role: a.role,
      clientIds: a.assignedClients,
      password: isFr ? 'Mot de passe' : 'Password',
    } as Record<string, string>,
    /** The form section each top-level setting belongs to, for a version's one-line summary. */
    sections: {
      name: a.identity,
      numbers: a.identity,
      locale: a.identity,
      voice: a.identity,
      greeting: a.identity,
      timezone: a.identity,
      address: a.identity,
      sector: a.speech,
      spokenName: a.speech,
      greetKnownCallers: a.speech,
      vocabulary: a.speech,
      safety: a.speech,
      weeklyHours: a.hours,
      closures: a.hours,
      override: a.hours,
      transferTargets: a.transfers,
      transfer: a.transfers,
      fallbackNumber: a.transfers,
      vipNumbers: a.callers,
      blockedNumbers: a.callers,
      urgencyKeywords: a.callers,
      rules: a.rules,
      defaultAction: a.rules,
      messageTaking: a.messageTaking,
      consent: a.messageTaking,
      maxCallSeconds: a.messageTaking,
      retention: a.retention,
      notifications: a.notifications,
      appointments: a.appointmentForm.section,
      active: a.serviceHeading,
    } as Record<string, string>,
    other: isFr ? 'Autre réglage' : 'Other setting',
    closed: isFr ? 'fermé' : 'closed',
    seconds: (n: number) => `${n}\u00a0s`,
    minutes: (n: number) => `${n}\u00a0min`,
    days: (n: number) => (isFr ? `${n}\u00a0jour${n > 1 ? 's' : ''}` : `${n} day${n === 1 ? '' : 's'}`),
    inService: isFr ? 'En service' : 'In service',
    outOfService: isFr ? 'Désactivé' : 'Switched off',
    accountActive: isFr ? 'Compte actif' : 'Account active',
    accountInactive: isFr ? 'Compte désactivé' : 'Account switched off',
    deletedClient: isFr ? 'client supprimé' : 'deleted client',
    until: (mode: 'open' | 'closed', when: string) =>
      `${mode === 'closed' ? a.overrideClosed : a.overrideOpen} ${when}`,
    ...(isFr ? RULE_WORDS_FR : RULE_WORDS_EN),
  };
}

export type DiffWords = ReturnType<typeof diffWords>;

const RULE_WORDS_FR = {
  rule: (name: string) => `Règle ${quoteFr(name)}`,
  target: (name: string) => `Destinataire ${quoteFr(name)}`,
  ifThen: (conditions: string, action: string) =>
    conditions ? `Si ${conditions}\u00a0: ${action}` : `Toujours\u00a0: ${action}`,
  open: { true: 'ouvert', false: 'fermé' },
  callers: {
    vip: 'appelant VIP',
    blocked: 'appelant bloqué',
    known: 'appelant connu',
    unknown: 'appelant inconnu',
  },
  menuChoice: (choice: string) => `choix ${quoteFr(choice)} au menu`,
  menuChoices: { urgent: 'urgence', message: 'message', hours: 'horaires', address: 'adresse' },
  urgentSpeech: { true: 'urgence entendue', false: 'aucune urgence entendue' },
  everyDay: 'tous les jours',
  fromTo: (from: string, to: string) => `de ${from} à ${to}`,
  ruleActions: { transfer: 'transférer', message: 'prendre un message', reject: 'raccrocher' },
  say: (text: string, thenMenu: boolean) => `dire ${quoteFr(text)}${thenMenu ? ', puis le menu' : ''}`,
  and: 'et',
};

const RULE_WORDS_EN: typeof RULE_WORDS_FR = {
  rule: (name) => `Rule ${quoteEn(name)}`,
  target: (name) => `Recipient ${quoteEn(name)}`,
  ifThen: (conditions, action) => (conditions ? `If ${conditions}: ${action}` : `Always: ${action}`),
  open: { true: 'open', false: 'closed' },
  callers: { vip: 'VIP caller', blocked: 'blocked caller', known: 'known caller', unknown: 'unknown caller' },
  menuChoice: (choice) => `menu choice ${quoteEn(choice)}`,
  menuChoices: { urgent: 'urgent', message: 'message', hours: 'hours', address: 'address' },
  urgentSpeech: { true: 'urgency heard', false: 'no urgency heard' },
  everyDay: 'every day',
  fromTo: (from, to) => `from ${from} to ${to}`,
  ruleActions: { transfer: 'transfer', message: 'take a message', reject: 'hang up' },
  say: (text, thenMenu) => `say ${quoteEn(text)}${thenMenu ? ', then the menu' : ''}`,
  and: 'and',
};
