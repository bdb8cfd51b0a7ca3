/**
 * The words of a caller's readable summary (summary.html in an access export), in the caller's
 * language: French by default, English. Closed tables with a fallback, so no internal key ever
 * reaches the page.
 */
export const SUMMARY_LANGS = ['fr', 'en'] as const;
export type SummaryLang = (typeof SUMMARY_LANGS)[number];

const NBSP = '\u00a0';

export const summaryFr = {
  htmlLang: 'fr',
  colon: `${NBSP}: `,
  title: 'Vos données détenues par le service d’accueil téléphonique',
  intro: (number: string, at: string) =>
    `Voici tout ce que le service conserve au sujet du numéro ${number}, à la date du ${at}.`,
  holders: 'Qui détient ces données',
  holdersIntro:
    'Le service d’accueil téléphonique répond aux appels pour le compte des organisations suivantes, qui sont responsables de vos données' +
    NBSP +
    ':',
  nothing: 'Le service ne détient aucune donnée au sujet de ce numéro.',
  calls: 'Vos appels',
  messages: 'Vos messages',
  contacts: 'Ce que chaque organisation retient de vous',
  knownAs: (name: string) => `Nom retenu${NBSP}: ${name || '—'}`,
  callCount: (n: number) => `Nombre d’appels${NBSP}: ${n}`,
  vip: 'Vous figurez parmi les appelants prioritaires.',
  blocked: 'Vos appels sont refusés.',
  received: 'Reçu le',
  on: 'le',
  outcome: 'Issue',
  duration: 'Durée',
  seconds: (n: number) => `${n}${NBSP}s`,
  steps: 'Déroulé',
  name: 'Nom donné',
  reason: 'Motif',
  callback: 'Numéro de rappel',
  urgent: 'Urgent',
  yes: 'oui',
  no: 'non',
  transcription: 'Transcription du message vocal',
  recording: 'Enregistrement',
  listen: (seconds: number) => `Écouter (${seconds}${NBSP}s)`,
  recordingNote: 'Le lien fonctionne pendant une durée limitée.',
  notes: 'Notes de l’équipe',
  notifications: 'Notifications envoyées à l’équipe',
  noNotifications: 'Aucune notification.',
  status: 'Suivi',
  audit: 'Ce que dit le journal d’accès',
  noAudit: 'Aucune consultation ni action enregistrée.',
  settingsLists: 'Réglages qui vous nomment',
  retention: 'Combien de temps ces données sont conservées',
  retentionLine: (client: string, r: Retention) =>
    `${client}${NBSP}: messages, notes et notifications ${r.messageDays}${NBSP}jours${NBSP}; enregistrements ${r.recordingDays}${NBSP}jours${NBSP}; transcriptions ${r.transcriptionDays}${NBSP}jours${NBSP}; détails des appels ${r.callDays}${NBSP}jours.`,
  contentsNote:
    'Le fichier data.json joint contient les mêmes informations sous une forme lisible par un ordinateur.',
  outcomes: {
    transferred: 'transféré à l’équipe',
    message: 'message pris',
    information: 'renseignement donné',
    rejected: 'appel refusé',
    failed: 'échec technique',
    abandoned: 'raccroché avant la fin',
    'in-progress': 'en cours',
  } as Record<string, string>,
  otherOutcome: 'autre',
  stepWords: {
    start: 'accueil',
    menu: 'menu',
    transfer: 'transfert vers l’équipe',
    name: 'nom demandé',
    reason: 'motif demandé',
    'callback-number': 'numéro de rappel demandé',
    urgency: 'urgence demandée',
    recording: 'message vocal',
    confirm: 'confirmation',
    done: 'fin de la prise de message',
    rejected: 'appel refusé',
    timeout: 'sans réponse',
    hangup: 'raccroché',
  } as Record<string, string>,
  otherStep: 'étape',
  channels: { sms: 'SMS', email: 'e-mail', webhook: 'webhook', call: 'appel' } as Record<string, string>,
  deliveryStatus: {
    pending: 'en attente',
    sent: 'envoyée',
    failed: 'échec',
    cancelled: 'annulée',
  } as Record<string, string>,
  messageStatus: { new: 'nouveau', in_progress: 'en cours de traitement', handled: 'traité' } as Record<
    string,
    string
  >,
  actions: {
    'message.view': 'message consulté',
    'message.claim': 'message pris en charge',
    'message.assign': 'message attribué',
    'message.handle': 'message traité',
    'message.reopen': 'message rouvert',
    'message.note': 'note ajoutée',
    'message.update': 'message modifié',
    'message.acknowledge': 'message acquitté',
    'message.retry-delivery': 'notification renvoyée',
    'recording.play': 'enregistrement écouté',
    'caller.export': 'export de vos données',
    'caller.erase': 'effacement de vos données',
  } as Record<string, string>,
  otherAction: 'autre action',
  by: 'par',
  actorTypes: {
    user: 'un membre de l’équipe',
    'api-token': 'un outil d’administration',
    system: 'le service',
  } as Record<string, string>,
  digest: 'récapitulatif quotidien',
};

export type Retention = {
  messageDays: number;
  recordingDays: number;
  transcriptionDays: number;
  callDays: number;
};
export type SummaryTexts = typeof summaryFr;

export const summaryEn: SummaryTexts = {
  htmlLang: 'en',
  colon: ': ',
  title: 'Your data held by the telephone answering service',
  intro: (number, at) => `This is everything the service holds about the number ${number}, as of ${at}.`,
  holders: 'Who holds this data',
  holdersIntro:
    'The telephone answering service takes calls on behalf of these organisations, who are responsible for your data:',
  nothing: 'The service holds no data about this number.',
  calls: 'Your calls',
  messages: 'Your messages',
  contacts: 'What each organisation remembers about you',
  knownAs: (name) => `Name kept: ${name || '—'}`,
  callCount: (n) => `Number of calls: ${n}`,
  vip: 'You are one of the priority callers.',
  blocked: 'Your calls are refused.',
  received: 'Received on',
  on: 'on',
  outcome: 'Outcome',
  duration: 'Duration',
  seconds: (n) => `${n} s`,
  steps: 'What happened',
  name: 'Name given',
  reason: 'Reason',
  callback: 'Callback number',
  urgent: 'Urgent',
  yes: 'yes',
  no: 'no',
  transcription: 'Transcription of the voice message',
  recording: 'Recording',
  listen: (seconds) => `Listen (${seconds} s)`,
  recordingNote: 'The link works for a limited time.',
  notes: 'Team notes',
  notifications: 'Notifications sent to the team',
  noNotifications: 'No notifications.',
  status: 'Follow-up',
  audit: 'What the access log says',
  noAudit: 'No views or actions recorded.',
  settingsLists: 'Settings that name you',
  retention: 'How long this data is kept',
  retentionLine: (client, r) =>
    `${client}: messages, notes and notifications ${r.messageDays} days; recordings ${r.recordingDays} days; transcriptions ${r.transcriptionDays} days; call details ${r.callDays} days.`,
  contentsNote: 'The attached data.json file holds the same information in a machine-readable form.',
  outcomes: {
    transferred: 'transferred to the team',
    message: 'message taken',
    information: 'information given',
    rejected: 'call refused',
    failed: 'technical failure',
    abandoned: 'hung up before the end',
    'in-progress': 'in progress',
  },
  otherOutcome: 'other',
  stepWords: {
    start: 'greeting',
    menu: 'menu',
    transfer: 'transfer to the team',
    name: 'name asked',
    reason: 'reason asked',
    'callback-number': 'callback number asked',
    urgency: 'urgency asked',
    recording: 'voice message',
    confirm: 'confirmation',
    done: 'message complete',
    rejected: 'call refused',
    timeout: 'no answer',
    hangup: 'hung up',
  },
  otherStep: 'step',
  channels: { sms: 'text message', email: 'email', webhook: 'webhook', call: 'phone call' },
  deliveryStatus: { pending: 'pending', sent: 'sent', failed: 'failed', cancelled: 'cancelled' },
  messageStatus: { new: 'new', in_progress: 'being handled', handled: 'handled' },
  actions: {
    'message.view': 'message viewed',
    'message.claim': 'message taken in hand',
    'message.assign': 'message assigned',
    'message.handle': 'message handled',
    'message.reopen': 'message reopened',
    'message.note': 'note added',
    'message.update': 'message changed',
    'message.acknowledge': 'message acknowledged',
    'message.retry-delivery': 'notification sent again',
    'recording.play': 'recording played',
    'caller.export': 'export of your data',
    'caller.erase': 'erasure of your data',
  },
  otherAction: 'other action',
  by: 'by',
  actorTypes: { user: 'a team member', 'api-token': 'an administration tool', system: 'the service' },
  digest: 'daily summary',
};

export const summaryTexts = (lang: SummaryLang): SummaryTexts => (lang === 'en' ? summaryEn : summaryFr);
