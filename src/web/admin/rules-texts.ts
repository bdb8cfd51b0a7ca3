/** Words of the routing-rules builder, in French and English. */
const NNBSP = '\u202f';
const q = (s: string) => `«${NNBSP}${s}${NNBSP}»`;

export const rulesFr = {
  rulesHint:
    `Les règles sont essayées dans l’ordre${NNBSP}: la première dont toutes les conditions sont remplies décide. ` +
    `Une condition laissée sur ${q('Peu importe')} ne compte pas. Sans règle, le comportement par défaut s’applique.`,
  ruleN: (n: number) => `Règle ${n}`,
  newRule: 'Nouvelle règle (laissée vide, elle est ignorée)',
  ruleName: 'Nom de la règle',
  conditions: 'Conditions (toutes doivent être remplies)',
  any: 'Peu importe',
  ruleOpen: 'Horaires',
  openChoices: { open: 'Pendant les horaires d’ouverture', closed: 'En dehors des horaires d’ouverture' },
  ruleCaller: 'Appelant',
  callerChoices: {
    vip: 'Un appelant VIP',
    blocked: 'Un appelant bloqué',
    known: 'Un appelant déjà connu',
    unknown: 'Un appelant inconnu',
  },
  ruleMenu: 'Choix au menu',
  menuChoices: {
    urgent: 'Urgence',
    message: 'Laisser un message',
    hours: 'Connaître les horaires',
    address: 'Connaître l’adresse',
  },
  ruleSpeech: 'Urgence dite par l’appelant',
  speechChoices: { yes: 'L’appelant dit que c’est urgent', no: 'L’appelant ne dit pas que c’est urgent' },
  ruleWindow: 'Plage horaire (heure locale du client)',
  ruleWindowHint: 'Au format HH:MM, de 00:00 à 24:00. Des jours cochés sans heures valent toute la journée.',
  ruleStart: 'De',
  ruleEnd: 'À',
  ruleDays: `Jours (aucun coché${NNBSP}: tous les jours)`,
  ruleAction: 'Alors',
  actionChoices: {
    transfer: 'Transférer aux destinataires du transfert',
    message: 'Prendre un message',
    say: 'Dire un texte',
    reject: 'Raccrocher (refuser l’appel)',
  },
  ruleText: 'Texte dit à l’appelant',
  ruleTextHint: `Seulement pour ${q('Dire un texte')} (500 caractères au plus).`,
  ruleThenMenu: 'Puis proposer le menu',
  moveUp: 'Monter',
  moveDown: 'Descendre',
  removeRule: 'Supprimer',
  addRule: 'Ajouter une règle',
  /** Read out by the live region after a change made with JavaScript. */
  announce: {
    up: 'Règle déplacée vers le haut, maintenant règle {n}.',
    down: 'Règle déplacée vers le bas, maintenant règle {n}.',
    removed: 'Règle supprimée. Il reste {n} bloc(s) de règle.',
    added: 'Règle {n} ajoutée.',
  },
};

export const rulesEn: typeof rulesFr = {
  rulesHint:
    'Rules are tried in order: the first whose conditions all hold decides. A condition left on “Any” does not count. ' +
    'When no rule matches, the default behaviour applies.',
  ruleN: (n) => `Rule ${n}`,
  newRule: 'New rule (ignored when left blank)',
  ruleName: 'Rule name',
  conditions: 'Conditions (all must hold)',
  any: 'Any',
  ruleOpen: 'Opening hours',
  openChoices: { open: 'During opening hours', closed: 'Outside opening hours' },
  ruleCaller: 'Caller',
  callerChoices: {
    vip: 'A VIP caller',
    blocked: 'A blocked caller',
    known: 'A caller already known',
    unknown: 'An unknown caller',
  },
  ruleMenu: 'Menu choice',
  menuChoices: {
    urgent: 'Urgent',
    message: 'Leave a message',
    hours: 'Opening hours',
    address: 'Address',
  },
  ruleSpeech: 'Urgency said by the caller',
  speechChoices: { yes: 'The caller says it is urgent', no: 'The caller does not say it is urgent' },
  ruleWindow: 'Time window (client’s local time)',
  ruleWindowHint: 'As HH:MM, from 00:00 to 24:00. Days ticked without times mean the whole day.',
  ruleStart: 'From',
  ruleEnd: 'To',
  ruleDays: 'Days (none ticked: every day)',
  ruleAction: 'Then',
  actionChoices: {
    transfer: 'Transfer to the transfer targets',
    message: 'Take a message',
    say: 'Say a text',
    reject: 'Hang up (refuse the call)',
  },
  ruleText: 'Text said to the caller',
  ruleTextHint: 'Only for “Say a text” (at most 500 characters).',
  ruleThenMenu: 'Then offer the menu',
  moveUp: 'Move up',
  moveDown: 'Move down',
  removeRule: 'Remove',
  addRule: 'Add a rule',
  announce: {
    up: 'Rule moved up, now rule {n}.',
    down: 'Rule moved down, now rule {n}.',
    removed: 'Rule removed. {n} rule block(s) left.',
    added: 'Rule {n} added.',
  },
};
