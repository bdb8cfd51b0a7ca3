/**
 * The call log pages' texts, French (default) and English. French typography: a narrow no-break
 * space (U+202F) before « : ; ! ? », curly apostrophes. The kinds of call and the timeline are
 * worded by src/domain/call-words.ts.
 */
import type { Outcome } from '../../flow';
import type { Lang } from '../i18n';

const NB = '\u202f';

const fr = {
  calls: 'Journal des appels',
  callsLog: 'Appels reçus',
  exportCsv: 'Exporter (CSV)',
  all: 'Tous',
  outcomeFilter: 'Issue de l’appel',
  outcomes: {
    transferred: 'Transférés',
    message: 'Messages',
    appointment: 'Rendez-vous',
    information: 'Renseignements',
    abandoned: 'Raccrochés',
    rejected: 'Refusés',
    failed: 'Échecs',
  } satisfies Record<Outcome, string>,
  filters: 'Filtres',
  client: 'Client',
  allClients: 'Tous les clients',
  from: 'Du',
  to: 'Au',
  callerNumber: 'Numéro de l’appelant',
  callerNumberHint: 'Par exemple 06 12 34 56 78',
  filter: 'Filtrer',
  reset: 'Effacer',
  time: 'Heure',
  caller: 'Appelant',
  kind: 'Type d’appel',
  duration: 'Durée',
  next: 'Suite',
  viewMessage: 'Voir le message',
  viewAppointment: 'Voir le rendez-vous',
  viewCall: (who: string, at: string) => `Voir l’appel de ${who} du ${at}`,
  noTrace: 'Aucun message',
  unknownCaller: 'Numéro masqué',
  count: (n: number) => (n === 0 ? 'aucun appel' : n === 1 ? '1 appel' : `${n} appels`),
  timeZoneNote: 'Heures dans le fuseau de chaque client.',
  noCalls: 'Aucun appel ne correspond à ces filtres.',
  noCallsYet: 'Aucun appel enregistré pour l’instant.',
  older: 'Appels plus anciens',
  newest: 'Revenir aux plus récents',
  pages: 'Pages du journal',
  // the call page
  call: 'Appel',
  callTitle: (who: string) => `Appel de ${who}`,
  back: 'Retour au journal des appels',
  details: 'Détails de l’appel',
  startedAt: 'Début',
  calledNumber: 'Numéro appelé',
  status: 'Issue',
  noDuration: 'Inconnue',
  callerCall: (number: string) => `Appeler le ${number}`,
  followUp: 'Ce que l’appel a laissé',
  noFollowUp: 'Cet appel n’a laissé ni message ni rendez-vous.',
  otherCalls: 'Autres appels de ce numéro',
  noOtherCalls: 'Aucun autre appel de ce numéro.',
  allOtherCalls: 'Tous les appels de ce numéro',
  notFound: 'Appel introuvable',
  notFoundText: 'Cet appel n’existe pas ou vous n’y avez pas accès.',
  colon: `${NB}: `,
};

export type CallTexts = typeof fr;

const en: CallTexts = {
  calls: 'Call log',
  callsLog: 'Calls received',
  exportCsv: 'Export (CSV)',
  all: 'All',
  outcomeFilter: 'Call outcome',
  outcomes: {
    transferred: 'Transferred',
    message: 'Messages',
    appointment: 'Appointments',
    information: 'Information',
    abandoned: 'Hung up',
    rejected: 'Rejected',
    failed: 'Failed',
  },
  filters: 'Filters',
  client: 'Client',
  allClients: 'All clients',
  from: 'From',
  to: 'To',
  callerNumber: 'Caller’s number',
  callerNumberHint: 'For example 06 12 34 56 78',
  filter: 'Filter',
  reset: 'Clear',
  time: 'Time',
  caller: 'Caller',
  kind: 'Kind of call',
  duration: 'Duration',
  next: 'Follow-up',
  viewMessage: 'View the message',
  viewAppointment: 'View the appointment',
  viewCall: (who: string, at: string) => `View the call from ${who} on ${at}`,
  noTrace: 'No message',
  unknownCaller: 'Withheld number',
  count: (n: number) => (n === 0 ? 'no calls' : n === 1 ? '1 call' : `${n} calls`),
  timeZoneNote: 'Times in each client’s time zone.',
  noCalls: 'No call matches these filters.',
  noCallsYet: 'No call recorded yet.',
  older: 'Older calls',
  newest: 'Back to the newest',
  pages: 'Call log pages',
  call: 'Call',
  callTitle: (who: string) => `Call from ${who}`,
  back: 'Back to the call log',
  details: 'Call details',
  startedAt: 'Started',
  calledNumber: 'Number called',
  status: 'Outcome',
  noDuration: 'Unknown',
  callerCall: (number: string) => `Call ${number}`,
  followUp: 'What the call left',
  noFollowUp: 'This call left no message and no appointment.',
  otherCalls: 'Other calls from this number',
  noOtherCalls: 'No other call from this number.',
  allOtherCalls: 'All calls from this number',
  notFound: 'Call not found',
  notFoundText: 'This call does not exist or you may not see it.',
  colon: ': ',
};

const TABLES: Record<Lang, CallTexts> = { fr, en };

export function callTexts(lang: Lang): CallTexts {
  return TABLES[lang];
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * A call's date and time in its client's zone: day-first in French, month-first in English
 * (`en-US`), as English readers expect of a numeric date.
 */
export function callTime(date: Date, lang: Lang, timeZone: string): string {
  const key = `${lang}|${timeZone}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(lang === 'en' ? 'en-US' : 'fr-FR', {
      dateStyle: 'short',
      timeStyle: 'short',
      timeZone,
    });
    formatters.set(key, f);
  }
  return f.format(date);
}
