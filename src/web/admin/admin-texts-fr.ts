/** French texts of the admin pages (clients and users); English in admin-texts-en.ts. */
import { DAY_NAMES } from '../../flow/hours-text';
import { WEEKDAYS, type Weekday } from '../../flow/profile';
import type { Locale } from '../../domain/vocabulary';
import type { Lang } from '../i18n';
import { previewFr } from './preview-texts';
import { rulesFr } from './rules-texts';
import { appointmentFormFr } from './appointment-form-texts';

/** French quotation marks, kept on the same line as the words they quote. */
const quote = (text: string) => `«\u00a0${text}\u00a0»`;

export const adminFr = {
  /** The page's language, for what is said by code rather than by this table (validation issues). */
  lang: 'fr' as Lang,
  admin: 'Administration',
  clients: 'Clients',
  users: 'Utilisateurs',
  callerData: 'Données des appelants',
  auditLog: 'Journal d’accès',
  newClient: 'Nouveau client',
  editClient: 'Modifier le client',
  newUser: 'Nouvel utilisateur',
  editUser: 'Modifier l’utilisateur',
  save: 'Enregistrer',
  create: 'Créer',
  cancel: 'Annuler',
  edit: 'Modifier',
  active: 'Actif',
  inactive: 'Inactif',
  yes: 'Oui',
  no: 'Non',
  none: 'Aucun',
  noClients: 'Aucun client pour l’instant.',
  noUsers: 'Aucun utilisateur pour l’instant.',
  fixErrors: 'Le formulaire contient des erreurs\u202f; rien n’a été enregistré.',
  clientCreated: 'Client créé.',
  clientSaved: 'Client enregistré.',
  clientActivated: 'Service du client réactivé.',
  clientDeactivated:
    'Service du client désactivé\u202f: ses appels reçoivent le message «\u202fnuméro non attribué\u202f».',
  serviceHeading: 'Service',
  serviceOn: 'Actif\u202f: les appels vers ses numéros sont pris en charge.',
  serviceOff:
    'Désactivé\u202f: ses numéros restent réservés, les appels reçoivent le message «\u202fnuméro non attribué\u202f».',
  deactivateClient: 'Désactiver ce client',
  activateClient: 'Réactiver ce client',
  userCreated: 'Utilisateur créé.',
  userSaved: 'Utilisateur enregistré.',
  selfLockout:
    'Vous ne pouvez ni retirer vos propres droits d’administrateur ni désactiver votre propre compte.',
  webhookNotPublic: 'Le webhook doit viser une adresse publique (https en production).',
  webhookHostNotPublic: (host: string) =>
    `Le webhook doit viser une adresse publique\u202f: ${host} est une adresse de cette machine ou du réseau local.`,
  webhookNeedsHttps: 'Le webhook doit viser une adresse https en production.',
  numberTaken: 'Ce numéro est déjà attribué à un autre client.',
  emailTaken: 'Cette adresse e-mail est déjà utilisée.',
  fieldMessage: (label: string, message: string) => `${label}\u202f: ${message}`,
  quoted: (text: string) => `«\u202f${text}\u202f»`,
  line: (n: number) => `Ligne ${n}\u202f: `,
  range: (n: number) => `Plage ${n}`,
  rule: (n: number) => `Règle ${n}`,
  // client form
  identity: 'Identité',
  name: 'Nom',
  numbers: 'Numéros dédiés',
  onePerLine: 'Un par ligne, au format international (+33…).',
  locale: 'Langue',
  voice: 'Voix',
  greeting: 'Message d’accueil',
  greetingHint: 'Laissé vide, l’assistante salue avec le nom du client.',
  defaultVoice: 'Voix par défaut de la langue',
  voiceHint: 'Seules les voix de la langue choisie lui conviennent.',
  timezone: 'Fuseau horaire',
  address: 'Adresse',
  speech: 'Façon de parler',
  sector: 'Activité',
  sectors: { medical: 'Cabinet médical ou paramédical', other: 'Autre activité' },
  sectorHint:
    'Un cabinet médical a ses propres réglages par défaut\u202f: conseil en cas d’urgence, symptômes graves traités comme urgents, discrétion sur le nom des appelants.',
  spokenName: 'Nom du client dans une phrase',
  spokenNameHint:
    `Ce qui suit ${quote('vous êtes bien')}\u202f: par ex. ${quote('au cabinet Martin')}, ${quote('chez Plomberie Durand')}. ` +
    `Laissé vide\u202f: ${quote('chez')} suivi du nom (en anglais, le nom seul).`,
  greetKnownCallers: 'Nommer les appelants connus',
  greetChoices: { '': 'Selon l’activité (par défaut)', yes: 'Oui', no: 'Non' },
  greetHint:
    'Les saluer par leur nom. Par défaut oui, sauf pour un cabinet médical, où un même téléphone sert souvent à toute la famille.',
  vocabulary: 'Vocabulaire à reconnaître',
  vocabularyHint:
    'Un mot ou une expression par ligne, que les appelants risquent de prononcer\u202f: noms des praticiens, prestations… (2 à 60 caractères).',
  emergencyAdviceMode: 'Conseil en cas d’urgence',
  adviceModes: { '': 'Selon l’activité (par défaut)', custom: 'Phrase personnalisée', none: 'Aucune' },
  adviceModeHint: 'Dit hors horaires, avant tout enregistrement et après un message urgent.',
  emergencyAdvice: 'Phrase personnalisée',
  emergencyAdviceHint: (medicalDefault: string) =>
    `Par défaut, un cabinet médical dit ${quote(medicalDefault)}\u202f; une autre activité ne dit rien. ` +
    `Votre phrase la remplace si ${quote('Phrase personnalisée')} est choisi (300 caractères au plus).`,
  adviceMissing: `Écrivez la phrase, ou choisissez ${quote('Aucune')}.`,
  unknownChoice: 'Choix inconnu',
  hours: 'Horaires d’ouverture',
  hoursHint: 'Plages séparées par des virgules, par ex. 09:00-12:30, 14:00-18:30. Vide\u202f: fermé.',
  weekdays: weekdayLabels('fr-FR'),
  closures: 'Fermetures',
  closuresHint: 'Une par ligne\u202f: AAAA-MM-JJ..AAAA-MM-JJ libellé (dates incluses).',
  override: 'Forçage ponctuel',
  overrideNone: 'Aucun',
  overrideClosed: 'Fermé jusqu’au',
  overrideOpen: 'Ouvert jusqu’au',
  overrideUntil: 'Jusqu’au (heure locale)',
  transfers: 'Transferts',
  target: (n: number) => `Destinataire ${n}`,
  targetName: 'Nom',
  targetNumber: 'Numéro',
  ringSeconds: 'Sonnerie (s)',
  transferMode: 'Mode',
  modes: { hunt: 'L’un après l’autre', simultaneous: 'Tous en même temps' },
  callerId: 'Numéro présenté',
  callerIds: { caller: 'Celui de l’appelant', 'client-number': 'Le numéro du client' },
  screening: 'Annoncer l’appel et demander d’appuyer sur 1',
  outOfHours: 'Hors horaires',
  outOfHoursModes: { message: 'Prendre un message', 'urgent-only': 'Transférer les urgences' },
  fallbackNumber: 'Numéro de secours',
  callers: 'Appelants',
  vipNumbers: 'Numéros VIP',
  blockedNumbers: 'Numéros bloqués',
  urgencyKeywords: 'Mots d’urgence',
  urgencyHint: 'Un par ligne, en plus des mots d’urgence intégrés.',
  messageTaking: 'Prise de message',
  recording: 'Enregistrement vocal',
  recordingModes: { never: 'Jamais', fallback: 'Si l’appelant n’est pas compris', always: 'Toujours' },
  transcribe: 'Transcrire l’enregistrement',
  maxRecordingSeconds: 'Durée max. d’enregistrement (s)',
  recordingNotice: 'Annoncer que l’appel peut être enregistré',
  retention: 'Conservation',
  messageDays: 'Messages (jours)',
  recordingDays: 'Enregistrements (jours)',
  transcriptionDays: 'Transcriptions (jours)',
  callDays: 'Détails des appels (jours)',
  messageDaysHint: 'Le message, ses notes et le suivi de ses notifications. Par défaut 730 (2 ans).',
  recordingDaysHint: 'Effacés aussi chez Twilio. Par défaut 183 (6 mois).',
  transcriptionDaysHint: 'Le texte des messages vocaux\u00a0; le message reste. Par défaut 730.',
  callDaysHint: 'Numéros, étapes et durées des appels. Par défaut 730.',
  maxCallSeconds: 'Durée max. d’un appel (s)',
  notifications: 'Notifications',
  smsEnabled: 'SMS',
  smsTo: 'SMS à (un numéro par ligne)',
  emailEnabled: 'E-mail',
  emailTo: 'E-mail à (une adresse par ligne)',
  webhookEnabled: 'Webhook',
  webhookUrl: 'URL du webhook',
  webhookSecret: 'Secret du webhook (16 caractères min.)',
  escalationEnabled: 'Relance si personne ne traite le message',
  escalationDelay: 'Délai (min)',
  escalationResends: 'Relances',
  backupName: 'Personne de secours',
  backupNumber: 'Numéro de secours',
  digestEnabled: 'Récapitulatif quotidien',
  digestTime: 'Heure du récapitulatif',
  defaultAction: 'Sans réponse au menu',
  actions: { message: 'Prendre un message', transfer: 'Transférer', reject: 'Raccrocher' },
  rules: 'Règles de routage',
  badRange: 'Format attendu HH:MM-HH:MM',
  badClosure: 'Format attendu AAAA-MM-JJ..AAAA-MM-JJ libellé',
  badDateTime: 'Date et heure attendues',
  // list
  list: { name: 'Nom', numbers: 'Numéros', locale: 'Langue', status: 'État', email: 'E-mail', role: 'Rôle' },
  appointmentForm: appointmentFormFr,
  ...previewFr,
  ...rulesFr,
};

export type AdminTexts = typeof adminFr;

/** Weekday names as form labels: the engine's names, capitalised. */
export function weekdayLabels(locale: Locale): Record<Weekday, string> {
  const names = DAY_NAMES[locale];
  return Object.fromEntries(
    WEEKDAYS.map((d) => [d, names[d].charAt(0).toUpperCase() + names[d].slice(1)]),
  ) as Record<Weekday, string>;
}
