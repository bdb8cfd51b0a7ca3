/** Texts of the caller data pages (/admin/callers), French and English. */
import type { Lang } from '../i18n';

const NBSP = '\u00a0';

const fr = {
  title: 'Données des appelants',
  intro:
    'Pour une demande d’accès ou d’effacement d’un appelant' +
    NBSP +
    ': ce que le service détient au sujet de son numéro, l’export à lui remettre, et l’effacement.',
  phone: 'Numéro de l’appelant',
  phoneHint: 'Au format national (06 12 34 56 78) ou international (+33 6 12 34 56 78).',
  client: 'Client',
  allClients: 'Tous les clients',
  language: 'Langue de l’appelant',
  languages: { fr: 'Français', en: 'Anglais' } as Record<string, string>,
  search: 'Rechercher',
  colon: NBSP + ': ',
  unreadable: 'Le numéro n’a pas pu être lu.',
  phoneError:
    'Ce numéro n’a pas pu être lu' +
    NBSP +
    ': saisissez-le au format national (06 12 34 56 78) ou international (+33 6 12 34 56 78).',
  held: (n: string) => `Ce que le service détient au sujet du ${n}`,
  nothing: 'Le service ne détient rien au sujet de ce numéro.',
  kind: 'Nature',
  kinds: {
    messages: 'Messages',
    calls: 'Appels',
    contacts: 'Fiches contact',
    appointments: 'Rendez-vous',
    upcomingAppointments: 'dont à venir (retirés de l’agenda du client)',
    recordings: 'Enregistrements',
    transcriptions: 'Transcriptions',
    notes: 'Notes',
    deliveries: 'Suivi des notifications',
    notifications: 'Contenus des notifications',
    digests: 'Récapitulatifs qui le nomment',
    auditEntries: 'Entrées du journal d’accès',
    settingsVersions: 'Versions des réglages qui le nomment',
  } as Record<string, string>,
  vip: 'Dans la liste des appelants prioritaires',
  blocked: 'Dans la liste des appelants bloqués',
  ownSetting:
    'Ce numéro figure dans les réglages propres du client (numéro dédié, transfert, secours ou destinataire des notifications)' +
    NBSP +
    ': ce ne sont pas des données d’appelant, elles sont conservées.',
  live: 'Dans Redis' + NBSP + ': appels en cours ou récents',
  parked: 'Messages en attente d’enregistrement',
  jobs: 'Notifications en file d’attente',
  exportZip: 'Télécharger l’export (ZIP)',
  erase: 'Effacer les données…',
  previewTitle: 'Effacer les données de l’appelant',
  previewIntro: (n: string) =>
    `Voici ce que l’effacement fera pour le ${n}. Rien n’est effacé avant la confirmation.`,
  deleted: 'Supprimé',
  deletedItems:
    'messages avec leurs notes et transcriptions, suivi et contenus des notifications, fiches contact, enregistrements (supprimés chez Twilio aussi), notifications en attente, état des appels en cours',
  anonymised: 'Anonymisé',
  anonymisedItems:
    'les appels restent pour les statistiques du client (issue, heures, durée), sans le numéro ni le contenu des étapes' +
    NBSP +
    '; les récapitulatifs restent, le numéro et le nom y sont remplacés par «' +
    NBSP +
    '[effacé]' +
    NBSP +
    '»',
  kept: 'Conservé',
  keptItems:
    'le journal d’accès garde la trace des actions, sans le numéro' +
    NBSP +
    '; l’effacement lui-même y est consigné avec une empreinte du numéro, jamais le numéro',
  listsChanged:
    'Le numéro sera retiré des listes prioritaires et bloquées, comme une modification des réglages du client.',
  confirm: 'Confirmer l’effacement',
  expires: (at: string) => `Cette confirmation est valable jusqu’à ${at}.`,
  nothingToErase: 'Il ne reste rien à effacer pour ce numéro.',
  doneTitle: 'Effacement terminé',
  done: 'Les données de l’appelant ont été effacées.',
  results: {
    messages: 'Messages supprimés',
    deliveries: 'Entrées de suivi supprimées',
    notifications: 'Contenus de notifications supprimés',
    digestsRedacted: 'Récapitulatifs expurgés',
    contacts: 'Fiches contact supprimées',
    appointments: 'Rendez-vous supprimés',
    calendarEventsRemoved: 'Rendez-vous à venir retirés de l’agenda du client',
    callsAnonymised: 'Appels anonymisés',
    recordingDeletionsRequested: 'Enregistrements à supprimer chez Twilio',
    jobsCancelled: 'Notifications en attente annulées',
    liveCalls: 'États d’appel effacés dans Redis',
    parkedMessages: 'Messages en attente supprimés',
    auditEntriesScrubbed: 'Entrées du journal expurgées',
    clientsUpdated: 'Réglages de clients modifiés',
    settingsVersionsScrubbed: 'Versions de réglages expurgées',
  } as Record<string, string>,
  recordingsNote:
    'Les enregistrements sont supprimés chez Twilio en arrière-plan, avec de nouvelles tentatives jusqu’à confirmation.',
  tokenRefused:
    'La confirmation a expiré ou ne correspond pas à ce numéro' +
    NBSP +
    ': prévisualisez l’effacement à nouveau.',
  back: 'Nouvelle recherche',
  totalRow: 'Total',
};

export type CallerTexts = typeof fr;

const en: CallerTexts = {
  title: 'Caller data',
  intro:
    'For a caller’s access or erasure request: what the service holds about their number, the export to hand them, and the erasure.',
  phone: 'Caller’s number',
  phoneHint: 'National (06 12 34 56 78) or international (+33 6 12 34 56 78) format.',
  client: 'Client',
  allClients: 'All clients',
  language: 'Caller’s language',
  languages: { fr: 'French', en: 'English' },
  search: 'Search',
  colon: ': ',
  unreadable: 'The number could not be read.',
  phoneError:
    'This number could not be read: type it in national (06 12 34 56 78) or international (+33 6 12 34 56 78) format.',
  held: (n) => `What the service holds about ${n}`,
  nothing: 'The service holds nothing about this number.',
  kind: 'Kind',
  kinds: {
    messages: 'Messages',
    calls: 'Calls',
    contacts: 'Contact cards',
    appointments: 'Appointments',
    upcomingAppointments: 'of which upcoming (taken out of the client’s calendar)',
    recordings: 'Recordings',
    transcriptions: 'Transcriptions',
    notes: 'Notes',
    deliveries: 'Notification log',
    notifications: 'Notification contents',
    digests: 'Digests naming them',
    auditEntries: 'Access log entries',
    settingsVersions: 'Settings versions naming them',
  },
  vip: 'On the priority callers list',
  blocked: 'On the blocked callers list',
  ownSetting:
    'This number is one of the client’s own settings (dedicated number, transfer, fallback or notification recipient): that is not caller data and is kept.',
  live: 'In Redis: calls in progress or recent',
  parked: 'Messages waiting to be stored',
  jobs: 'Queued notifications',
  exportZip: 'Download the export (ZIP)',
  erase: 'Erase the data…',
  previewTitle: 'Erase the caller’s data',
  previewIntro: (n) => `This is what the erasure will do for ${n}. Nothing is erased until you confirm.`,
  deleted: 'Deleted',
  deletedItems:
    'messages with their notes and transcriptions, notification log and contents, contact cards, recordings (deleted at Twilio too), queued notifications, live call state',
  anonymised: 'Anonymised',
  anonymisedItems:
    'calls stay for the client’s statistics (outcome, times, duration) without the number or what was said; digests stay with the number and name replaced by “[effacé]”',
  kept: 'Kept',
  keptItems:
    'the access log keeps who did what, without the number; the erasure itself is logged with a fingerprint of the number, never the number',
  listsChanged:
    'The number will be removed from the priority and blocked lists, as a change of the client’s settings.',
  confirm: 'Confirm the erasure',
  expires: (at) => `This confirmation is valid until ${at}.`,
  nothingToErase: 'Nothing is left to erase for this number.',
  doneTitle: 'Erasure complete',
  done: 'The caller’s data has been erased.',
  results: {
    messages: 'Messages deleted',
    deliveries: 'Notification log entries deleted',
    notifications: 'Notification contents deleted',
    digestsRedacted: 'Digests redacted',
    contacts: 'Contact cards deleted',
    appointments: 'Appointments deleted',
    calendarEventsRemoved: 'Upcoming appointments taken out of the client’s calendar',
    callsAnonymised: 'Calls anonymised',
    recordingDeletionsRequested: 'Recordings to delete at Twilio',
    jobsCancelled: 'Queued notifications cancelled',
    liveCalls: 'Call states removed from Redis',
    parkedMessages: 'Waiting messages removed',
    auditEntriesScrubbed: 'Access log entries scrubbed',
    clientsUpdated: 'Client settings changed',
    settingsVersionsScrubbed: 'Settings versions scrubbed',
  },
  recordingsNote: 'Recordings are deleted at Twilio in the background, retried until confirmed.',
  tokenRefused: 'The confirmation has expired or does not match this number: preview the erasure again.',
  back: 'New search',
  totalRow: 'Total',
};

export const callerTexts = (lang: Lang): CallerTexts => (lang === 'en' ? en : fr);
