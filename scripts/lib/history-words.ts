/**
 * What the generated history is made of: callers' names, the reasons people really give a medical
 * practice's receptionist, and the steps the flow engine records for each kind of call (names and
 * details as src/flow writes them, read back by src/domain/call-kind.ts).
 */

export const FIRST_NAMES = [
  'Jeanne',
  'Marc',
  'Sophie',
  'Lucas',
  'Hélène',
  'Paul',
  'Camille',
  'Nathalie',
  'Thomas',
  'Isabelle',
  'Julien',
  'Françoise',
  'Antoine',
  'Élodie',
  'Michel',
  'Chloé',
  'Bernard',
  'Sandrine',
  'Mathieu',
  'Léa',
] as const;

export const LAST_NAMES = [
  'Dupont',
  'Lefèvre',
  'Bernard',
  'Moreau',
  'Garnier',
  'Martin',
  'Petit',
  'Roux',
  'Fournier',
  'Girard',
  'Bonnet',
  'Lambert',
  'Fontaine',
  'Chevalier',
  'Rousseau',
  'Blanc',
  'Guérin',
  'Muller',
  'Henry',
  'Perrin',
] as const;

/** Reasons with how often they come, for messages that are not urgent. */
export const REASONS: readonly [reason: string, weight: number][] = [
  ['Renouvellement d’ordonnance', 10],
  ['Prise de rendez-vous pour une consultation', 9],
  ['Résultats d’analyses de sang', 7],
  ['Demande de certificat médical pour le sport', 5],
  ['Question sur une facture', 4],
  ['Demande de devis pour des soins', 3],
  ['Annuler le rendez-vous de jeudi', 4],
  ['Déplacer mon rendez-vous à la semaine prochaine', 4],
  ['Arrêt de travail à prolonger', 3],
  ['Résultats de radio à transmettre au docteur', 3],
  ['Renouvellement du traitement pour la tension', 3],
  ['Question sur un vaccin avant un voyage', 2],
  ['Demande de rappel du docteur Martin', 3],
  ['Courrier pour un spécialiste', 2],
  ['Facture de la mutuelle non remboursée', 2],
];

/** Reasons of urgent messages. */
export const URGENT_REASONS: readonly [reason: string, weight: number][] = [
  ['Forte fièvre chez mon fils depuis hier soir', 4],
  ['Douleur thoracique depuis ce matin', 2],
  ['Réaction allergique après un médicament', 2],
  ['Chute de ma mère, douleur à la hanche', 2],
  ['Douleurs abdominales très fortes', 2],
];

/** A step: name, detail, seconds after the call's start. */
export type StepScript = [name: string, detail: string, afterSeconds: number][];

/** How each generated kind of call ends, with its steps (`open` is the start step's detail). */
export const HISTORY_KINDS = [
  'message',
  'transfer-message',
  'transferred',
  'urgent-transfer',
  'appointment-booked',
  'appointment-moved',
  'appointment-cancelled',
  'information',
  'hung-up-greeting',
  'hung-up-menu',
  'hung-up-message',
  'silent',
  'blocked',
  'failed',
] as const;
export type HistoryKind = (typeof HISTORY_KINDS)[number];

/** The engine's outcome of each kind (what `recordCall` stores). */
export const OUTCOME_OF: Record<HistoryKind, string> = {
  message: 'message',
  'transfer-message': 'message',
  transferred: 'transferred',
  'urgent-transfer': 'transferred',
  'appointment-booked': 'appointment',
  'appointment-moved': 'appointment',
  'appointment-cancelled': 'appointment',
  information: 'information',
  'hung-up-greeting': 'abandoned',
  'hung-up-menu': 'abandoned',
  'hung-up-message': 'abandoned',
  silent: 'abandoned',
  blocked: 'rejected',
  failed: 'failed',
};

const MESSAGE_TAKING: StepScript = [
  ['name', '', 8],
  ['reason', '', 18],
  ['callback-number', '', 38],
  ['urgency', '', 50],
  ['confirm', '', 58],
  ['done', 'message', 72],
];

const shifted = (steps: StepScript, by: number): StepScript => steps.map(([n, d, s]) => [n, d, s + by]);

/** The steps of a call of this kind; `open` the start's detail, `slot` an appointment's ISO start. */
export function stepsOf(kind: HistoryKind, start: string, slot: string, ref: string): StepScript {
  const head: StepScript = [
    ['start', start, 0],
    ['menu', '', 0],
  ];
  switch (kind) {
    case 'message':
      return [...head, ...MESSAGE_TAKING];
    case 'transfer-message':
      return [
        ...head,
        ['transfer', '', 6],
        ['transfer', 'no-answer, not bridged', 26],
        ...shifted(MESSAGE_TAKING, 26),
      ];
    case 'transferred':
      return [...head, ['transfer', '', 6], ['done', 'transferred', 18]];
    case 'urgent-transfer':
      return [...head, ['transfer', 'urgent', 5], ['done', 'transferred', 15]];
    case 'appointment-booked':
      return [
        ...head,
        ['appointment-calendar', 'find-slots consultation', 9],
        ['appointment-slots', '8 free, 2 offered', 10],
        ['appointment-name', `chose ${slot}`, 35],
        ['calendar', `booked consultation at ${slot} (${ref})`, 70],
        ['done', 'appointment', 70],
      ];
    case 'appointment-moved':
      return [
        ...head,
        ['appointment-calendar', 'next-appointment', 9],
        ['appointment-existing', '', 10],
        ['appointment-slots', '6 free, 2 offered', 25],
        ['calendar', `moved consultation to ${slot} (${ref})`, 60],
        ['done', 'appointment', 60],
      ];
    case 'appointment-cancelled':
      return [
        ...head,
        ['appointment-calendar', 'next-appointment', 9],
        ['appointment-cancel', '', 10],
        ['calendar', `cancelled consultation at ${slot} (${ref})`, 30],
        ['done', 'appointment', 30],
      ];
    case 'information':
      return [...head, ['done', 'information', 40]];
    case 'hung-up-greeting':
      return [...head, ['hangup', 'caller hung up at menu', 5]];
    case 'hung-up-menu':
      return [...head, ['hangup', 'caller hung up at menu', 24]];
    case 'hung-up-message':
      return [...head, ['name', '', 8], ['reason', '', 18], ['hangup', 'caller hung up at reason', 30]];
    case 'silent':
      return [
        ...head,
        ['menu', 'gave up after 3 tries (no-input)', 30],
        ['name', '', 30],
        ['hangup', 'caller hung up at name', 40],
      ];
    case 'blocked':
      return [['rejected', 'blocked number', 0]];
    case 'failed':
      return [['state-lost', 'live call state lost before its end', 0]];
  }
}

/** Kinds and their weights while the client is open, and while it is closed. */
export const KIND_WEIGHTS: Record<'open' | 'closed', readonly [HistoryKind, number][]> = {
  open: [
    ['message', 26],
    ['transfer-message', 8],
    ['transferred', 20],
    ['urgent-transfer', 2],
    ['appointment-booked', 14],
    ['appointment-moved', 3],
    ['appointment-cancelled', 2],
    ['information', 8],
    ['hung-up-greeting', 4],
    ['hung-up-menu', 5],
    ['hung-up-message', 3],
    ['silent', 2],
    ['blocked', 1.5],
    ['failed', 1],
  ],
  // After hours only urgent calls are put through (the demo's `outOfHours: 'urgent-only'`).
  closed: [
    ['message', 40],
    ['urgent-transfer', 6],
    ['appointment-booked', 10],
    ['appointment-cancelled', 2],
    ['information', 18],
    ['hung-up-greeting', 8],
    ['hung-up-menu', 8],
    ['hung-up-message', 3],
    ['silent', 3],
    ['blocked', 1.5],
    ['failed', 1],
  ],
};
