/** Texts of `/admin/retention` and of the retention lines elsewhere in the admin pages. */
import type { Lang } from '../i18n';

/** French: non-breaking spaces before the high punctuation, curly apostrophes. */
const fr = {
  title: 'Conservation des données',
  intro:
    'Chaque nuit, la purge supprime ce que chaque client ne conserve plus, compté en jours de son calendrier, et demande à Twilio d’effacer les enregistrements concernés.',
  lastRun: 'Dernière purge',
  lastPurge: 'Dernière purge\u00a0:',
  never: 'La purge n’a pas encore tourné.',
  running: 'en cours',
  failed: (error: string) => `Interrompue\u00a0: ${error}`,
  completed: 'Terminée',
  triggers: { schedule: 'planifiée', manual: 'lancée par un administrateur' },
  runAt: (when: string, trigger: string) => `${when} (${trigger})`,
  nothingAtClients: 'Rien à supprimer chez les clients.',
  nothingHere: 'rien à supprimer pour ce client',
  runNow: 'Lancer la purge maintenant',
  runNowHint: 'Applique tout de suite les durées ci-dessous\u00a0; le résultat s’affiche ici.',
  ranOk: 'Purge terminée.',
  ranFailed: 'La purge s’est interrompue\u00a0; le détail est ci-dessous.',
  recentRuns: 'Purges récentes',
  started: 'Début',
  trigger: 'Déclenchement',
  state: 'État',
  removed: 'Supprimé',
  client: 'Client',
  messages: 'Messages',
  calls: 'Appels',
  recordings: 'Enregistrements',
  transcriptions: 'Transcriptions',
  contacts: 'Fiches contact',
  appointments: 'Rendez-vous',
  logEntries: 'Entrées de journal',
  total: 'Total',
  serviceLogs: (outbox: number, audit: number) =>
    `Notifications non envoyées\u00a0: ${outbox}\u00a0; journal d’accès\u00a0: ${audit}`,
  twilio: 'Suppressions chez Twilio',
  twilioPending: (n: number) =>
    n === 0
      ? 'Aucun enregistrement en attente de suppression chez Twilio.'
      : `${n === 1 ? 'Un enregistrement' : `${n} enregistrements`} en attente de suppression chez Twilio\u00a0; nouvel essai automatique jusqu’à confirmation.`,
  reason: 'Motif',
  reasons: { erasure: 'Effacement demandé', retention: 'Durée de conservation' },
  requestedAt: 'Demandée le',
  attempts: 'Essais',
  nextAttempt: 'Prochain essai',
  lastError: 'Dernière erreur',
  settings: 'Durées par client (en jours)',
  timezone: 'Fuseau horaire',
  edit: 'Modifier',
  serviceRetention: 'Journaux du service',
  serviceRetentionText: (outbox: number, audit: number) =>
    `Notifications non envoyées (file d’envoi)\u00a0: ${outbox}\u00a0jours\u00a0; journal d’accès\u00a0: ${audit}\u00a0jours. Réglés par OUTBOX_RETENTION_DAYS et AUDIT_RETENTION_DAYS.`,
  contactsRule:
    'Une fiche contact est supprimée quand le dernier appel date de plus longtemps que les messages et les détails d’appel.',
  unknownClient: 'Client supprimé',
};

export type RetentionTexts = typeof fr;

const en: RetentionTexts = {
  title: 'Data retention',
  intro:
    'Every night, the purge deletes what each client no longer keeps, counted in days of its own calendar, and asks Twilio to delete the recordings concerned.',
  lastRun: 'Last purge',
  lastPurge: 'Last purge:',
  never: 'The purge has not run yet.',
  running: 'running',
  failed: (error) => `Stopped: ${error}`,
  completed: 'Completed',
  triggers: { schedule: 'scheduled', manual: 'started by an admin' },
  runAt: (when, trigger) => `${when} (${trigger})`,
  nothingAtClients: 'Nothing to delete at any client.',
  nothingHere: 'nothing to delete for this client',
  runNow: 'Run the purge now',
  runNowHint: 'Applies the periods below right away; the result shows here.',
  ranOk: 'Purge completed.',
  ranFailed: 'The purge stopped; the details are below.',
  recentRuns: 'Recent purges',
  started: 'Started',
  trigger: 'Trigger',
  state: 'State',
  removed: 'Removed',
  client: 'Client',
  messages: 'Messages',
  calls: 'Calls',
  recordings: 'Recordings',
  transcriptions: 'Transcriptions',
  contacts: 'Contact cards',
  appointments: 'Appointments',
  logEntries: 'Log entries',
  total: 'Total',
  serviceLogs: (outbox, audit) => `Unsent notifications: ${outbox}; access log: ${audit}`,
  twilio: 'Deletions at Twilio',
  twilioPending: (n) =>
    n === 0
      ? 'No recording waiting to be deleted at Twilio.'
      : `${n === 1 ? 'One recording' : `${n} recordings`} waiting to be deleted at Twilio; retried automatically until confirmed.`,
  reason: 'Reason',
  reasons: { erasure: 'Erasure request', retention: 'Retention period' },
  requestedAt: 'Requested',
  attempts: 'Attempts',
  nextAttempt: 'Next attempt',
  lastError: 'Last error',
  settings: 'Periods per client (days)',
  timezone: 'Time zone',
  edit: 'Edit',
  serviceRetention: 'Service logs',
  serviceRetentionText: (outbox, audit) =>
    `Unsent notifications (outbox): ${outbox} days; access log: ${audit} days. Set by OUTBOX_RETENTION_DAYS and AUDIT_RETENTION_DAYS.`,
  contactsRule:
    'A contact card is deleted once its last call is older than both the messages and the call details.',
  unknownClient: 'Deleted client',
};

export function retentionTexts(lang: Lang): RetentionTexts {
  return lang === 'en' ? en : fr;
}
