/**
 * A call in words people read, French and English: its kind ("Transféré, répondu"), each step of
 * its timeline ("Accueil : cabinet fermé"), its duration ("2 min 05 s"). The engine's step names
 * and details are internal: they never reach the page, an unknown one reads as a generic step.
 */
import { callKind, placeOfStep, type CallKind, type HangupPlace, type StepLike } from './call-kind';

export type WordsLang = 'fr' | 'en';

/** U+202F, the narrow no-break space French puts before « : ; ! ? ». */
const NB = '\u202f';

type StepTable = Record<string, string>;

type Words = {
  kinds: Record<CallKind, string>;
  hungUp: Record<HangupPlace, string>;
  /** What a step is about, for "Nom : pas de réponse après 3 essais". */
  topics: StepTable;
  /** Entering a step with no detail. */
  entered: StepTable;
  colon: string;
  open: string;
  closed: string;
  vip: string;
  blocked: string;
  ruleRejected: string;
  rejected: string;
  transfer: string;
  urgentTransfer: string;
  urgent: string;
  dial: Record<string, string>;
  dialOther: string;
  noInput: (n: number) => string;
  notUnderstood: (n: number) => string;
  silent: string;
  done: Record<string, string>;
  hangupAt: (place: string) => string;
  places: Record<HangupPlace, string>;
  timeout: (seconds: string) => string;
  calendar: Record<string, string>;
  calendarOther: string;
  slotsOffered: (n: number) => string;
  slotChosen: string;
  stateLost: string;
  unknown: string;
  minutes: (m: number, s: string) => string;
  seconds: (s: number) => string;
};

const FR: Words = {
  kinds: {
    transferred: 'Transféré, répondu',
    'transfer-message': 'Transfert sans réponse, message pris',
    message: 'Message pris',
    'appointment-booked': 'Rendez-vous pris',
    'appointment-moved': 'Rendez-vous déplacé',
    'appointment-cancelled': 'Rendez-vous annulé',
    appointment: 'Rendez-vous',
    information: 'Renseignement seul',
    abandoned: 'Raccroché',
    silent: 'Appelant silencieux',
    blocked: 'Numéro bloqué',
    rejected: 'Refusé par une règle',
    failed: 'Échec de l’appel',
    'in-progress': 'En cours',
  },
  hungUp: {
    greeting: 'Raccroché pendant l’accueil',
    menu: 'Raccroché pendant le menu',
    transfer: 'Raccroché pendant le transfert',
    message: 'Raccroché pendant le message',
    appointment: 'Raccroché pendant la prise de rendez-vous',
    end: 'Raccroché',
  },
  topics: {
    menu: 'Menu',
    transfer: 'Transfert',
    name: 'Nom',
    reason: 'Motif',
    'callback-number': 'Numéro de rappel',
    urgency: 'Urgence',
    recording: 'Message vocal',
    confirm: 'Relecture',
    'appointment-type': 'Type de rendez-vous',
    'appointment-existing': 'Rendez-vous existant',
    'appointment-calendar': 'Agenda',
    'appointment-slots': 'Choix du créneau',
    'appointment-name': 'Nom',
    'appointment-number': 'Numéro',
    'appointment-confirm': 'Confirmation du rendez-vous',
    'appointment-cancel': 'Annulation du rendez-vous',
  },
  entered: {
    menu: 'Menu proposé',
    transfer: 'Transfert vers le cabinet',
    name: 'Nom demandé',
    reason: 'Motif demandé',
    'callback-number': 'Numéro de rappel demandé',
    urgency: 'Urgence demandée',
    recording: 'Message vocal proposé',
    confirm: 'Relecture du message',
    'appointment-type': 'Type de rendez-vous demandé',
    'appointment-existing': 'Rendez-vous existant proposé',
    'appointment-calendar': 'Recherche dans l’agenda',
    'appointment-slots': 'Créneaux proposés',
    'appointment-name': 'Nom demandé',
    'appointment-number': 'Numéro demandé',
    'appointment-confirm': 'Confirmation du rendez-vous demandée',
    'appointment-cancel': 'Annulation du rendez-vous demandée',
  },
  colon: `${NB}: `,
  open: `Accueil${NB}: cabinet ouvert`,
  closed: `Accueil${NB}: cabinet fermé`,
  vip: ', appelant prioritaire',
  blocked: `Appel refusé${NB}: numéro bloqué`,
  ruleRejected: `Appel refusé${NB}: règle d’accueil`,
  rejected: 'Appel refusé',
  transfer: 'Transfert vers le cabinet',
  urgentTransfer: 'Transfert urgent vers le cabinet',
  urgent: 'Urgent',
  dial: {
    'no-answer': 'pas de réponse',
    busy: 'occupé',
    failed: 'échec de l’appel',
    canceled: 'annulé',
    completed: 'répondu sans accepter l’appel',
    answered: 'répondu sans accepter l’appel',
  },
  dialOther: 'non abouti',
  noInput: (n) => `pas de réponse après ${n} essais`,
  notUnderstood: (n) => `pas compris après ${n} essais`,
  silent: 'aucun son, message vocal proposé',
  done: {
    transferred: 'Appel transféré, répondu',
    message: 'Message enregistré',
    appointment: 'Rendez-vous traité',
    information: 'Renseignement donné, fin de l’appel',
    abandoned: 'Fin de l’appel',
    rejected: 'Appel refusé',
    failed: 'Échec de l’appel',
  },
  hangupAt: (place) => `L’appelant a raccroché ${place}`,
  places: {
    greeting: 'pendant l’accueil',
    menu: 'pendant le menu',
    transfer: 'pendant le transfert',
    message: 'pendant le message',
    appointment: 'pendant la prise de rendez-vous',
    end: 'à la fin de l’appel',
  },
  timeout: (s) => `Appel coupé${NB}: durée maximale atteinte (${s})`,
  calendar: {
    booked: 'Rendez-vous réservé',
    moved: 'Rendez-vous déplacé',
    cancelled: 'Rendez-vous annulé',
    next: 'Rendez-vous à venir trouvé',
    none: 'Aucun rendez-vous à venir',
    unavailable: 'Agenda indisponible',
  },
  calendarOther: 'Agenda consulté',
  slotsOffered: (n) => (n <= 1 ? `${n} créneau proposé` : `${n} créneaux proposés`),
  slotChosen: 'Créneau choisi',
  stateLost: 'Suivi de l’appel perdu avant la fin',
  unknown: 'Étape de l’appel',
  minutes: (m, s) => `${m}${NB}min ${s}${NB}s`,
  seconds: (s) => `${s}${NB}s`,
};

const EN: Words = {
  kinds: {
    transferred: 'Transferred, answered',
    'transfer-message': 'Transfer not answered, message taken',
    message: 'Message taken',
    'appointment-booked': 'Appointment booked',
    'appointment-moved': 'Appointment moved',
    'appointment-cancelled': 'Appointment cancelled',
    appointment: 'Appointment',
    information: 'Information only',
    abandoned: 'Hung up',
    silent: 'Silent caller',
    blocked: 'Blocked number',
    rejected: 'Rejected by a rule',
    failed: 'Call failed',
    'in-progress': 'In progress',
  },
  hungUp: {
    greeting: 'Hung up during the greeting',
    menu: 'Hung up during the menu',
    transfer: 'Hung up during the transfer',
    message: 'Hung up during the message',
    appointment: 'Hung up while booking',
    end: 'Hung up',
  },
  topics: {
    menu: 'Menu',
    transfer: 'Transfer',
    name: 'Name',
    reason: 'Reason',
    'callback-number': 'Callback number',
    urgency: 'Urgency',
    recording: 'Voice message',
    confirm: 'Read-back',
    'appointment-type': 'Appointment type',
    'appointment-existing': 'Existing appointment',
    'appointment-calendar': 'Calendar',
    'appointment-slots': 'Slot choice',
    'appointment-name': 'Name',
    'appointment-number': 'Number',
    'appointment-confirm': 'Appointment confirmation',
    'appointment-cancel': 'Appointment cancellation',
  },
  entered: {
    menu: 'Menu offered',
    transfer: 'Transfer to the office',
    name: 'Name asked',
    reason: 'Reason asked',
    'callback-number': 'Callback number asked',
    urgency: 'Urgency asked',
    recording: 'Voice message offered',
    confirm: 'Message read back',
    'appointment-type': 'Appointment type asked',
    'appointment-existing': 'Existing appointment offered',
    'appointment-calendar': 'Calendar searched',
    'appointment-slots': 'Slots offered',
    'appointment-name': 'Name asked',
    'appointment-number': 'Number asked',
    'appointment-confirm': 'Appointment confirmation asked',
    'appointment-cancel': 'Appointment cancellation asked',
  },
  colon: ': ',
  open: 'Greeting: office open',
  closed: 'Greeting: office closed',
  vip: ', priority caller',
  blocked: 'Call rejected: blocked number',
  ruleRejected: 'Call rejected: routing rule',
  rejected: 'Call rejected',
  transfer: 'Transfer to the office',
  urgentTransfer: 'Urgent transfer to the office',
  urgent: 'Urgent',
  dial: {
    'no-answer': 'no answer',
    busy: 'busy',
    failed: 'call failed',
    canceled: 'cancelled',
    completed: 'answered without accepting the call',
    answered: 'answered without accepting the call',
  },
  dialOther: 'not connected',
  noInput: (n) => `no answer after ${n} tries`,
  notUnderstood: (n) => `not understood after ${n} tries`,
  silent: 'no sound, voice message offered',
  done: {
    transferred: 'Call transferred, answered',
    message: 'Message recorded',
    appointment: 'Appointment handled',
    information: 'Information given, end of call',
    abandoned: 'End of call',
    rejected: 'Call rejected',
    failed: 'Call failed',
  },
  hangupAt: (place) => `The caller hung up ${place}`,
  places: {
    greeting: 'during the greeting',
    menu: 'during the menu',
    transfer: 'during the transfer',
    message: 'during the message',
    appointment: 'while booking',
    end: 'at the end of the call',
  },
  timeout: (s) => `Call cut off: maximum length reached (${s})`,
  calendar: {
    booked: 'Appointment booked',
    moved: 'Appointment moved',
    cancelled: 'Appointment cancelled',
    next: 'Upcoming appointment found',
    none: 'No upcoming appointment',
    unavailable: 'Calendar unavailable',
  },
  calendarOther: 'Calendar checked',
  slotsOffered: (n) => (n === 1 ? '1 slot offered' : `${n} slots offered`),
  slotChosen: 'Slot chosen',
  stateLost: 'Call tracking lost before the end',
  unknown: 'Call step',
  minutes: (m, s) => `${m} min ${s} s`,
  seconds: (s) => `${s} s`,
};

const WORDS: Record<WordsLang, Words> = { fr: FR, en: EN };

/** "2 min 05 s", "45 s"; empty when Twilio did not say. */
export function durationWords(seconds: number | undefined, lang: WordsLang): string {
  if (seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '';
  const w = WORDS[lang];
  const s = Math.round(seconds);
  if (s < 60) return w.seconds(s);
  return w.minutes(Math.floor(s / 60), String(s % 60).padStart(2, '0'));
}

/** The kind of a call in words: "Transféré, répondu", "Raccroché pendant le menu". */
export function kindWords(kind: CallKind, lang: WordsLang, place?: HangupPlace): string {
  const w = WORDS[lang];
  return kind === 'abandoned' && place ? w.hungUp[place] : w.kinds[kind];
}

/** "Urgent", for the badge beside an urgent call's kind. */
export const urgentWord = (lang: WordsLang): string => WORDS[lang].urgent;

/** A call record's kind in words, derived and worded in one call. */
export function callKindWords(
  call: { outcome: string; status: string; steps: readonly StepLike[] },
  lang: WordsLang,
): string {
  const { kind, place } = callKind(call);
  return kindWords(kind, lang, place);
}

function calendarWords(detail: string, w: Words): string {
  const verb = /^(booked|moved|cancelled) /.exec(detail)?.[1];
  if (verb) return w.calendar[verb]!;
  if (detail.startsWith('next appointment ')) return w.calendar.next!;
  if (detail === 'no next appointment') return w.calendar.none!;
  if (detail === 'unavailable') return w.calendar.unavailable!;
  return w.calendarOther;
}

/** One step of a call's timeline as a short sentence. */
export function stepWords(step: StepLike, lang: WordsLang): string {
  const w = WORDS[lang];
  const { name, detail } = step;
  const topic = w.topics[name];
  const gaveUp = /^gave up after (\d+) tries \((no-input|not-understood)\)$/.exec(detail);
  if (gaveUp && topic) {
    const n = Number(gaveUp[1]);
    return topic + w.colon + (gaveUp[2] === 'no-input' ? w.noInput(n) : w.notUnderstood(n));
  }
  if (/^silent caller/.test(detail) && topic) return topic + w.colon + w.silent;
  switch (name) {
    case 'start':
      return (detail.startsWith('closed') ? w.closed : w.open) + (detail.includes('vip') ? w.vip : '');
    case 'rejected':
      return detail === 'blocked number'
        ? w.blocked
        : detail === 'routing rule'
          ? w.ruleRejected
          : w.rejected;
    case 'transfer': {
      const status = /^([a-z-]+), not bridged$/.exec(detail)?.[1];
      if (detail === 'urgent') return w.urgentTransfer;
      if (!status) return w.transfer;
      return w.transfer + w.colon + (w.dial[status] ?? w.dialOther);
    }
    case 'done':
      return w.done[detail] ?? w.done.abandoned!;
    case 'hangup': {
      const at = /^caller hung up at ([a-z-]+)$/.exec(detail)?.[1];
      return w.hangupAt(w.places[at ? placeOfStep(at) : 'end']);
    }
    case 'timeout': {
      const s = /^after (\d+) s$/.exec(detail)?.[1];
      return w.timeout(durationWords(s ? Number(s) : 0, lang));
    }
    case 'calendar':
      return calendarWords(detail, w);
    case 'state-lost':
      return w.stateLost;
    case 'appointment-slots': {
      const offered = /(\d+) offered$/.exec(detail)?.[1];
      if (offered) return w.slotsOffered(Number(offered));
      break;
    }
  }
  if (/^chose /.test(detail)) return w.slotChosen;
  return w.entered[name] ?? w.unknown;
}

/** A whole timeline in words, in the order it happened. */
export function timelineWords<T extends StepLike>(
  steps: readonly T[],
  lang: WordsLang,
): (T & { words: string })[] {
  return steps.map((s) => ({ ...s, words: stepWords(s, lang) }));
}
