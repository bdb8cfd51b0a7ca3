/** The access log page's texts, in French and English: every recorded action in words. */
import type { ActionGroup, AuditAction } from '../../app/audit-log';
import type { Lang } from '../i18n';

/** Non-breaking space: French puts one before : ; ? ! and inside « ». */
const NB = '\u00a0';

export type AuditTexts = {
  title: string;
  intro: string;
  user: string;
  anyone: string;
  apiToken: string;
  recordingLink: string;
  system: string;
  anonymous: string;
  smsFrom: (number: string) => string;
  client: string;
  allClients: string;
  caller: string;
  callerPlaceholder: string;
  action: string;
  allActions: string;
  from: string;
  to: string;
  filter: string;
  reset: string;
  at: string;
  who: string;
  what: string;
  target: string;
  ip: string;
  message: string;
  appointment: string;
  call: string;
  older: string;
  newest: string;
  empty: string;
  partialPage: string;
  formErrors: string;
  exportCsv: string;
  csvColumns: string[];
  errors: {
    user: string;
    client: string;
    caller: string;
    action: string;
    date: string;
    order: string;
    before: string;
  };
  groups: Record<ActionGroup, string>;
  actions: Record<AuditAction, string>;
  otherAction: (key: string) => string;
  triedEmail: (email: string) => string;
};

const fr: AuditTexts = {
  title: 'Journal d’accès',
  intro:
    'Qui a consulté ou modifié quoi, et quand. Les exports et effacements des données d’un appelant ne gardent pas son numéro, mais une empreinte\u00a0: cherchez par numéro, au format national ou international, pour les retrouver.',
  user: 'Personne',
  anyone: 'Tout le monde',
  apiToken: 'jeton d’API',
  recordingLink: 'lien d’écoute signé',
  system: 'système',
  anonymous: 'personne non connectée',
  smsFrom: (number) => `SMS du ${number}`,
  client: 'Client',
  allClients: 'Tous les clients',
  caller: 'Numéro de l’appelant',
  callerPlaceholder: '06 12 34 56 78',
  action: 'Action',
  allActions: 'Toutes les actions',
  from: 'Du',
  to: 'Au',
  filter: 'Filtrer',
  reset: 'Effacer les filtres',
  at: 'Date et heure',
  who: 'Qui',
  what: 'Quoi',
  target: 'Sur',
  ip: 'Adresse IP',
  message: 'le message',
  appointment: 'le rendez-vous',
  call: 'l’appel',
  older: 'Entrées plus anciennes',
  newest: 'Les plus récentes',
  empty: 'Aucune entrée ne correspond à ces filtres.',
  partialPage: `La recherche continue sur la page suivante${NB}: cliquez sur «${NB}Entrées plus anciennes${NB}».`,
  formErrors: `Vérifiez les filtres${NB}:`,
  exportCsv: 'Exporter en CSV',
  csvColumns: ['Date et heure (Paris)', 'Qui', 'Quoi', 'Client', 'Sur', 'Lien', 'Adresse IP'],
  errors: {
    user: 'Choisissez une personne dans la liste.',
    client: 'Choisissez un client dans la liste.',
    caller: `Saisissez un numéro de téléphone valide, par exemple 06${NB}12${NB}34${NB}56${NB}78 ou +33${NB}6${NB}12${NB}34${NB}56${NB}78.`,
    action: 'Choisissez une action dans la liste.',
    date: 'Saisissez une date valide.',
    order: 'La date de fin précède la date de début.',
    before: 'Ce lien de page n’est plus valable. Relancez la recherche.',
  },
  groups: {
    views: 'Consultations',
    changes: 'Modifications',
    'sign-ins': 'Connexions',
    'caller-rights': 'Droits des appelants',
  },
  actions: {
    'messages.list': 'A consulté la liste des messages',
    'message.view': 'A ouvert un message',
    'recording.play': 'A écouté un enregistrement',
    'messages.export': 'A exporté des messages (CSV)',
    'calls.list': 'A consulté le journal des appels',
    'call.view': 'A ouvert un appel',
    'calls.export': 'A exporté le journal des appels (CSV)',
    'message.claim': 'A pris un message en charge',
    'message.assign': 'A attribué un message',
    'message.handle': 'A marqué un message comme traité',
    'message.reopen': 'A rouvert un message',
    'message.note': 'A ajouté une note à un message',
    'message.update': 'A modifié un message',
    'message.retry-delivery': 'A relancé l’envoi d’une notification',
    'message.acknowledge': 'A accusé réception d’un message par SMS',
    'client.create': 'A créé un client',
    'client.update': 'A modifié les réglages d’un client',
    'client.activate': 'A réactivé un client',
    'client.deactivate': 'A désactivé un client',
    'client.restore': 'A restauré une version des réglages d’un client',
    'client.weekly-report.send': 'A envoyé le rapport hebdomadaire d’un client',
    'calendar.connect': 'A connecté l’agenda d’un client',
    'calendar.disconnect': 'A déconnecté l’agenda d’un client',
    'calendar.test': 'A testé la connexion à l’agenda d’un client',
    'user.create': 'A créé un utilisateur',
    'user.update': 'A modifié un utilisateur',
    'user.restore': 'A restauré une version des droits d’un utilisateur',
    'retention.purge': 'A purgé les données dont la durée de conservation était passée',
    'appointment.book': 'A pris un rendez-vous',
    'appointment.move': 'A déplacé un rendez-vous',
    'appointment.cancel': 'A annulé un rendez-vous',
    'login.success': 'Connexion réussie',
    'login.failure': 'Échec de connexion',
    logout: 'Déconnexion',
    'caller.export': 'A exporté les données d’un appelant',
    'caller.erase': 'A effacé les données d’un appelant',
  },
  otherAction: () => 'Autre action',
  triedEmail: (email) => `adresse saisie${NB}: ${email}`,
};

const en: AuditTexts = {
  title: 'Access log',
  intro:
    'Who read or changed what, and when. Exports and erasures of a caller’s data keep a fingerprint of their number, not the number: search by number, national or international, to find them.',
  user: 'Person',
  anyone: 'Everyone',
  apiToken: 'API token',
  recordingLink: 'signed recording link',
  system: 'system',
  anonymous: 'not signed in',
  smsFrom: (number) => `SMS from ${number}`,
  client: 'Client',
  allClients: 'All clients',
  caller: 'Caller number',
  callerPlaceholder: '06 12 34 56 78',
  action: 'Action',
  allActions: 'All actions',
  from: 'From',
  to: 'To',
  filter: 'Filter',
  reset: 'Clear filters',
  at: 'Date and time',
  who: 'Who',
  what: 'What',
  target: 'On',
  ip: 'IP address',
  message: 'the message',
  appointment: 'the appointment',
  call: 'the call',
  older: 'Older entries',
  newest: 'Newest',
  empty: 'No entry matches these filters.',
  partialPage: 'The search goes on on the next page: select “Older entries”.',
  formErrors: 'Check the filters:',
  exportCsv: 'Export as CSV',
  csvColumns: ['Date and time (Paris)', 'Who', 'What', 'Client', 'On', 'Link', 'IP address'],
  errors: {
    user: 'Choose a person from the list.',
    client: 'Choose a client from the list.',
    caller: 'Enter a valid phone number, such as 06 12 34 56 78 or +33 6 12 34 56 78.',
    action: 'Choose an action from the list.',
    date: 'Enter a valid date.',
    order: 'The end date is before the start date.',
    before: 'This page link is no longer valid. Search again.',
  },
  groups: {
    views: 'Views',
    changes: 'Changes',
    'sign-ins': 'Sign-ins',
    'caller-rights': 'Callers’ rights',
  },
  actions: {
    'messages.list': 'Viewed the message list',
    'message.view': 'Opened a message',
    'recording.play': 'Played a recording',
    'messages.export': 'Exported messages (CSV)',
    'calls.list': 'Viewed the call log',
    'call.view': 'Opened a call',
    'calls.export': 'Exported the call log (CSV)',
    'message.claim': 'Claimed a message',
    'message.assign': 'Assigned a message',
    'message.handle': 'Marked a message as handled',
    'message.reopen': 'Reopened a message',
    'message.note': 'Added a note to a message',
    'message.update': 'Changed a message',
    'message.retry-delivery': 'Retried a notification',
    'message.acknowledge': 'Acknowledged a message by SMS',
    'client.create': 'Created a client',
    'client.update': 'Changed a client’s settings',
    'client.activate': 'Reactivated a client',
    'client.deactivate': 'Deactivated a client',
    'client.restore': 'Restored an earlier version of a client’s settings',
    'client.weekly-report.send': 'Sent a client’s weekly report',
    'calendar.connect': 'Connected a client’s calendar',
    'calendar.disconnect': 'Disconnected a client’s calendar',
    'calendar.test': 'Tested the connection to a client’s calendar',
    'user.create': 'Created a user',
    'user.update': 'Changed a user',
    'user.restore': 'Restored an earlier version of a user’s access',
    'retention.purge': 'Purged the data past its retention period',
    'appointment.book': 'Booked an appointment',
    'appointment.move': 'Moved an appointment',
    'appointment.cancel': 'Cancelled an appointment',
    'login.success': 'Signed in',
    'login.failure': 'Failed sign-in',
    logout: 'Signed out',
    'caller.export': 'Exported a caller’s data',
    'caller.erase': 'Erased a caller’s data',
  },
  otherAction: () => 'Other action',
  triedEmail: (email) => `email entered: ${email}`,
};

export function auditTexts(lang: Lang): AuditTexts {
  return lang === 'en' ? en : fr;
}
