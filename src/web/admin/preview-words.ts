/**
 * The route preview in the reader's words: why the engine decided (from the preview's `why`, never
 * its English `reason`), which setting made the client open or closed, and the local date in full.
 */
import type { OpenReason } from '../../flow/hours';
import type { MenuChoice, RuleAction } from '../../flow/profile';
import type { PreviewDecision, PreviewWhy, RoutePreview } from '../../flow/preview';
import type { BuiltInOutcome, PreviewHeard } from '../../flow/preview-why';
import type { Lang } from '../i18n';

const NNBSP = '\u202f';
const frQuote = (s: string) => `«${NNBSP}${s}${NNBSP}»`;
const enQuote = (s: string) => `“${s}”`;

type Words = {
  quote: (s: string) => string;
  colon: string;
  openReasons: Record<OpenReason, string>;
  decisions: Record<PreviewDecision, string>;
  actions: Record<RuleAction['type'], string>;
  choices: Record<MenuChoice, string>;
  transferTo: (names: string) => string;
  rule: (n: number, name: string) => string;
  noTargets: string;
  engine: (action: string) => string;
  blocked: string;
  vipOpen: string;
  closedMessage: string;
  closedMenu: string;
  vipNoTargets: string;
  openMenu: string;
  noRule: string;
  notReached: string;
  key: (digits: string) => string;
  speech: (text: string) => string;
  understood: Record<NonNullable<Extract<PreviewHeard, { by: 'speech' }>['understood']>, string>;
  asksFor: (name: string) => string;
  booking: string;
  noChoice: string;
  menuAgain: string;
  builtIn: (choice: string) => string;
  outcomes: Record<BuiltInOutcome, string>;
};

/** French words; a narrow no-break space (U+202F) before « : ; ». */
const fr: Words = {
  quote: frQuote,
  colon: `${NNBSP}: `,
  openReasons: {
    weekly: 'horaires de la semaine',
    closure: 'fermeture exceptionnelle',
    override: 'forçage ponctuel',
  },
  decisions: {
    reject: 'appel refusé',
    transfer: 'transfert',
    message: 'prise de message',
    menu: 'le menu',
    say: 'information dite',
    appointment: 'prise de rendez-vous',
  },
  actions: { transfer: 'transfert', message: 'prise de message', say: 'texte dit', reject: 'appel refusé' },
  choices: {
    urgent: frQuote('Urgence'),
    message: frQuote('Laisser un message'),
    hours: frQuote('Horaires'),
    address: frQuote('Adresse'),
  },
  transferTo: (names) => `transfert vers ${names}`,
  rule: (n, name) => `Règle ${n} ${frQuote(name)} appliquée`,
  noTargets: 'transfert demandé, mais aucun destinataire n’est enregistré, donc',
  engine: (action) => `${action} demandé, et l’assistante décide`,
  blocked: 'Numéro bloqué\u202f: l’appel est refusé sans répondre.',
  vipOpen: 'Appelant VIP pendant les horaires d’ouverture',
  closedMessage:
    'Fermé, et hors horaires l’assistante prend un message\u202f: elle dit quand le cabinet rouvre, puis prend le message.',
  closedMenu:
    'Aucune règle ne s’applique\u202f; fermé, seules les urgences sont transférées\u202f: le menu est proposé.',
  vipNoTargets:
    'Aucune règle ne s’applique\u202f; appelant VIP, mais aucun destinataire\u202f: le menu est proposé.',
  openMenu: 'Aucune règle ne s’applique\u202f; ouvert\u202f: le menu est proposé.',
  noRule: 'Aucune règle ne s’applique',
  notReached: 'Le menu n’est pas atteint\u202f: dès l’arrivée de l’appel,',
  key: (digits) => `Touche ${digits}`,
  speech: (text) => `Phrase ${frQuote(text)}`,
  understood: {
    booking: 'une demande de rendez-vous',
    appointment: 'une demande de rendez-vous, prise comme message (aucun type de rendez-vous)',
    content: 'une demande dite avec ses mots, prise comme message',
    person: 'une personne demandée par son nom',
  },
  asksFor: (name) => `, qui demande ${name}`,
  booking: 'prise de rendez-vous',
  noChoice: 'ne correspond à aucun choix du menu',
  menuAgain: 'le menu est proposé à nouveau',
  builtIn: (choice) => `Aucune règle ne s’applique\u202f; choix ${choice} au menu`,
  outcomes: {
    'open-transfer': 'ouvert, avec des destinataires\u202f: transfert',
    'closed-transfer': 'fermé, les urgences sont transférées\u202f: transfert',
    'no-targets-urgent': 'aucun destinataire\u202f: message urgent',
    'closed-urgent-message': 'fermé, et hors horaires l’assistante prend un message\u202f: message urgent',
    message: 'prise de message',
    hours: 'les horaires sont dits, puis le menu à nouveau',
    address: 'l’adresse est dite, puis le menu à nouveau',
    'no-address': 'aucune adresse enregistrée (l’assistante le dit), puis le menu à nouveau',
  },
};

const en: Words = {
  quote: enQuote,
  colon: ': ',
  openReasons: { weekly: 'weekly hours', closure: 'closure', override: 'one-off override' },
  decisions: {
    reject: 'call refused',
    transfer: 'transfer',
    message: 'message taking',
    menu: 'the menu',
    say: 'information said',
    appointment: 'appointment booking',
  },
  actions: { transfer: 'transfer', message: 'message taking', say: 'text said', reject: 'call refused' },
  choices: {
    urgent: enQuote('Urgent'),
    message: enQuote('Leave a message'),
    hours: enQuote('Opening hours'),
    address: enQuote('Address'),
  },
  transferTo: (names) => `transfer to ${names}`,
  rule: (n, name) => `Rule ${n} ${enQuote(name)} applied`,
  noTargets: 'transfer asked, but no transfer target is set, so',
  engine: (action) => `${action} asked, and the assistant decides`,
  blocked: 'Blocked number: the call is refused without answering.',
  vipOpen: 'VIP caller during opening hours',
  closedMessage:
    'Closed, and out of hours the assistant takes a message: it says when the office reopens, then takes the message.',
  closedMenu: 'No rule applies; closed, only urgent calls are transferred: the menu is offered.',
  vipNoTargets: 'No rule applies; VIP caller, but no transfer target: the menu is offered.',
  openMenu: 'No rule applies; open: the menu is offered.',
  noRule: 'No rule applies',
  notReached: 'The menu is not reached: from the start of the call,',
  key: (digits) => `Key ${digits}`,
  speech: (text) => `Sentence ${enQuote(text)}`,
  understood: {
    booking: 'an appointment request',
    appointment: 'an appointment request, taken as a message (no appointment types)',
    content: 'a request in the caller’s words, taken as a message',
    person: 'a person asked for by name',
  },
  asksFor: (name) => `, asking for ${name}`,
  booking: 'appointment booking',
  noChoice: 'is no menu choice',
  menuAgain: 'the menu is offered again',
  builtIn: (choice) => `No rule applies; ${choice} chosen at the menu`,
  outcomes: {
    'open-transfer': 'open, with transfer targets: transfer',
    'closed-transfer': 'closed, urgent calls are transferred: transfer',
    'no-targets-urgent': 'no transfer target: urgent message',
    'closed-urgent-message': 'closed, and out of hours the assistant takes a message: urgent message',
    message: 'message taking',
    hours: 'the opening hours are said, then the menu again',
    address: 'the address is said, then the menu again',
    'no-address': 'no address set (the assistant says so), then the menu again',
  },
};

const WORDS: Record<Lang, Words> = { fr, en };

const listOf = (names: string[], lang: Lang) =>
  new Intl.ListFormat(lang, { style: 'long', type: 'conjunction' }).format(names);

/** The decision in words; a transfer names its targets. */
function decided(w: Words, decision: PreviewDecision, p: RoutePreview, lang: Lang): string {
  if (decision === 'transfer' && p.transferTargets?.length)
    return w.transferTo(
      listOf(
        p.transferTargets.map((x) => x.name),
        lang,
      ),
    );
  return w.decisions[decision];
}

function heardWords(w: Words, h: PreviewHeard): string {
  if (h.by === 'key') return w.key(h.digits);
  const what = h.understood ? ` (${w.understood[h.understood]})` : '';
  return `${w.speech(h.text)}${what}${h.asksFor ? w.asksFor(h.asksFor) : ''}`;
}

const sentence = (s: string) => `${s.charAt(0).toLocaleUpperCase()}${s.slice(1)}.`;

/** Why the engine decided, in the page's language. */
export function whyWords(why: PreviewWhy, p: RoutePreview, lang: Lang): string {
  const w = WORDS[lang];
  const then = (decision: PreviewDecision) => decided(w, decision, p, lang);
  switch (why.code) {
    case 'blocked':
      return w.blocked;
    case 'rule': {
      const head = w.rule(why.rule.index + 1, why.rule.name);
      if (why.outcome === 'as-rule') return sentence(`${head}${w.colon}${then(why.decision)}`);
      if (why.outcome === 'no-targets')
        return sentence(`${head}${w.colon}${w.noTargets} ${then(why.decision)}`);
      return sentence(`${head}${w.colon}${w.engine(w.actions[why.action])}${w.colon}${then(why.decision)}`);
    }
    case 'vip-open':
      return sentence(`${w.vipOpen}${w.colon}${then('transfer')}`);
    case 'closed-message':
      return w.closedMessage;
    case 'closed-menu':
      return w.closedMenu;
    case 'vip-no-targets-menu':
      return w.vipNoTargets;
    case 'open-menu':
      return w.openMenu;
    case 'no-rule':
      return sentence(`${w.noRule}${w.colon}${then(why.decision)}`);
    case 'menu-not-reached':
      return sentence(`${w.notReached} ${then(why.decision)}`);
    case 'booking':
      return sentence(`${heardWords(w, why.heard)}${w.colon}${w.booking}`);
    case 'asks-for':
      return sentence(`${heardWords(w, why.heard)}${w.colon}${then(why.decision)}`);
    case 'no-choice':
      return sentence(
        `${heardWords(w, why.heard)} ${w.noChoice}${w.colon}${why.decision === 'menu' ? w.menuAgain : then(why.decision)}`,
      );
    case 'built-in':
      return sentence(`${w.builtIn(w.choices[why.choice])}${w.colon}${w.outcomes[why.outcome]}`);
  }
}

/** « horaires de la semaine », "closure"… */
export const openReasonWords = (reason: OpenReason, lang: Lang) => WORDS[lang].openReasons[reason];

/** « mercredi 2 décembre 2026 à 20:00 », "Wednesday, December 2, 2026 at 8:00 PM", in the client's zone. */
export function localDateTime(at: Date, timeZone: string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-US', {
    timeZone,
    dateStyle: 'full',
    timeStyle: 'short',
  }).format(at);
}
