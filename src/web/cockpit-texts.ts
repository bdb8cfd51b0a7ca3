/**
 * Texts of the assistants' cockpit (list tabs, quick and bulk actions, alerts, shortcuts), French
 * first. Kept beside texts-fr/en so that the cockpit's words change in one file.
 */
import type { Lang } from './i18n';
import type { BulkAction, BulkOutcome } from '../app/message-actions';

/** "de Marc", "d’Élodie": French elides "de" before a vowel sound (a mute h is left alone: ambiguous). */
export function deFr(name: string): string {
  return /^[aeiouyàâäéèêëîïôöùûüœæ]/i.test(name) ? `d’${name}` : `de ${name}`;
}

const NB = '\u202f'; // narrow no-break space, before « ; : ! ? » in French

const plural = (n: number, one: string, many: string) => (n > 1 ? many : one);

const fr = {
  views: { open: 'À traiter', new: 'Nouveaux', in_progress: 'En cours', handled: 'Traités', all: 'Tous' },
  viewsLabel: 'Vues des messages',
  filters: 'Filtres',
  unread: 'non lu',
  withheld: 'Numéro masqué',
  selectRow: (who: string) => `Sélectionner le message ${deFr(who)}`,
  selectAll: 'Tout sélectionner',
  take: 'Prendre',
  takeRow: (who: string) => `Prendre le message ${deFr(who)}`,
  handleShort: 'Traité',
  handleRow: (who: string) => `Marquer le message ${deFr(who)} comme traité`,
  openRow: (who: string) => `Ouvrir le message ${deFr(who)}`,
  actions: 'Actions',
  bulkLegend: 'Pour les messages sélectionnés',
  bulkTake: 'Prendre',
  bulkHandle: 'Marquer traités',
  bulkAssignTo: 'Attribuer à…',
  bulkAssign: 'Attribuer',
  bulkNobody: 'Personne (libérer)',
  bulkNoneSelected: `Aucun message sélectionné${NB}: cochez d’abord les messages voulus.`,
  bulkTooMany: (max: number) => `Au plus ${max} messages à la fois.`,
  selected: (n: number) => `${n} ${plural(n, 'message sélectionné', 'messages sélectionnés')}`,
  bulkResult: (action: BulkAction, o: BulkOutcome) => {
    const done = {
      claim: plural(o.done, 'pris', 'pris'),
      handle: plural(o.done, 'traité', 'traités'),
      assign: plural(o.done, 'attribué', 'attribués'),
    }[action];
    const parts = [`${o.done} ${plural(o.done, 'message', 'messages')} ${done}`];
    if (o.takenByOther)
      parts.push(`${o.takenByOther} déjà ${plural(o.takenByOther, 'pris', 'pris')} par quelqu’un d’autre`);
    if (o.alreadyHandled)
      parts.push(`${o.alreadyHandled} déjà ${plural(o.alreadyHandled, 'traité', 'traités')}`);
    if (o.refused) parts.push(`${o.refused} hors des clients de cette personne`);
    if (o.notFound) parts.push(`${o.notFound} introuvable${o.notFound > 1 ? 's' : ''}`);
    return `${parts.join(', ')}.`;
  },
  nextFlash: `Message traité. Message suivant${NB}:`,
  nothingLeft: 'Message traité. Plus rien à traiter.',
  enableAlerts: 'Activer les alertes',
  alertsOn: 'Alertes activées',
  alertsHelp: 'Son et notification du navigateur pour chaque message urgent.',
  alertsDenied: `Le navigateur refuse les notifications pour ce site${NB}; le son et le bandeau restent actifs.`,
  urgentArrived: (who: string) => `Message urgent ${deFr(who)}`,
  urgentNotificationTitle: 'Nouveau message urgent',
  openMessage: 'Ouvrir le message',
  dismiss: 'Fermer',
  shortcuts: 'Raccourcis clavier',
  shortcutsButton: 'Raccourcis',
  shortcutList: [
    ['j', 'Message suivant dans la liste'],
    ['k', 'Message précédent dans la liste'],
    ['Entrée / o', 'Ouvrir le message'],
    ['x', 'Sélectionner le message'],
    ['t', 'Prendre le message'],
    ['e', 'Marquer comme traité'],
    ['/', 'Aller à la recherche'],
    ['g puis l', 'Revenir à la liste'],
    ['?', 'Afficher cette aide'],
    ['Échap', 'Fermer cette aide'],
  ] as [string, string][],
  title: (urgent: number, page: string, app: string) => `${urgent > 0 ? `(${urgent}) ` : ''}${page} · ${app}`,
  nextMessage: 'Message suivant',
  /** A colon before a detail: French puts a narrow no-break space before it. */
  colon: `${NB}: `,
  selection: 'Sélection',
  pages: 'Pages',
  nextPage: 'Page suivante',
  firstPage: 'Première page',
};

export type CockpitTexts = typeof fr;

const en: CockpitTexts = {
  views: { open: 'To do', new: 'New', in_progress: 'In progress', handled: 'Handled', all: 'All' },
  viewsLabel: 'Message views',
  filters: 'Filters',
  unread: 'unread',
  withheld: 'Withheld number',
  selectRow: (who) => `Select the message from ${who}`,
  selectAll: 'Select all',
  take: 'Take',
  takeRow: (who) => `Take the message from ${who}`,
  handleShort: 'Done',
  handleRow: (who) => `Mark the message from ${who} as handled`,
  openRow: (who) => `Open the message from ${who}`,
  actions: 'Actions',
  bulkLegend: 'For the selected messages',
  bulkTake: 'Take',
  bulkHandle: 'Mark handled',
  bulkAssignTo: 'Assign to…',
  bulkAssign: 'Assign',
  bulkNobody: 'Nobody (release)',
  bulkNoneSelected: 'No message selected: tick the messages first.',
  bulkTooMany: (max) => `At most ${max} messages at a time.`,
  selected: (n) => `${n} ${plural(n, 'message selected', 'messages selected')}`,
  bulkResult: (action, o) => {
    const done = { claim: 'taken', handle: 'handled', assign: 'assigned' }[action];
    const parts = [`${o.done} ${plural(o.done, 'message', 'messages')} ${done}`];
    if (o.takenByOther) parts.push(`${o.takenByOther} already taken by someone else`);
    if (o.alreadyHandled) parts.push(`${o.alreadyHandled} already handled`);
    if (o.refused) parts.push(`${o.refused} outside that person’s clients`);
    if (o.notFound) parts.push(`${o.notFound} not found`);
    return `${parts.join(', ')}.`;
  },
  nextFlash: 'Message handled. Next message:',
  nothingLeft: 'Message handled. Nothing left to do.',
  enableAlerts: 'Turn on alerts',
  alertsOn: 'Alerts on',
  alertsHelp: 'A sound and a browser notification for each urgent message.',
  alertsDenied: 'The browser blocks notifications for this site; the sound and the banner stay on.',
  urgentArrived: (who) => `Urgent message from ${who}`,
  urgentNotificationTitle: 'New urgent message',
  openMessage: 'Open the message',
  dismiss: 'Close',
  shortcuts: 'Keyboard shortcuts',
  shortcutsButton: 'Shortcuts',
  shortcutList: [
    ['j', 'Next message in the list'],
    ['k', 'Previous message in the list'],
    ['Enter / o', 'Open the message'],
    ['x', 'Select the message'],
    ['t', 'Take the message'],
    ['e', 'Mark as handled'],
    ['/', 'Go to search'],
    ['g then l', 'Back to the list'],
    ['?', 'Show this help'],
    ['Esc', 'Close this help'],
  ],
  title: fr.title,
  nextMessage: 'Next message',
  colon: ': ',
  selection: 'Selection',
  pages: 'Pages',
  nextPage: 'Next page',
  firstPage: 'First page',
};

export function cockpitTexts(lang: Lang): CockpitTexts {
  return lang === 'en' ? en : fr;
}
