/**
 * Validation issues in the page's language. The schemas speak English (the API's contract); the web
 * forms say each issue again in French or English: the project's own messages through one table
 * (matched on the schema's English message), zod's generic ones by issue code and parameters, and
 * zod's own locale as the last resort for a code this table does not know.
 */
import { z } from 'zod';
import type { Lang } from './i18n';
import { localeTag } from './i18n';
import { localeName } from './admin/locale-names';

const NNBSP = '\u202f';

/** What the web forms need of an issue (a finalized zod issue, or a detail built the same way). */
export type IssueLike = z.core.$ZodIssue;

type Own = { fr: string; en: string };
type OwnMatch = { re: RegExp; text: (m: RegExpExecArray, lang: Lang) => string };

/** The schemas' own English messages, said again for people. Keyed by the exact message. */
const OWN: Record<string, Own> = {
  'expected a phone number, such as 06 12 34 56 78 or +33612345678': {
    fr: 'Écrivez un numéro de téléphone, par exemple 06 12 34 56 78 ou +33612345678.',
    en: 'Enter a phone number, such as 06 12 34 56 78 or +33612345678.',
  },
  'expected a page cursor': {
    fr: 'Ce lien de page n’est plus valable. Revenez à la première page.',
    en: 'This page link is no longer valid. Go back to the first page.',
  },
  'unknown page cursor': {
    fr: 'Ce lien de page n’est plus valable. Revenez à la première page.',
    en: 'This page link is no longer valid. Go back to the first page.',
  },
  'unknown cursor': {
    fr: 'Ce lien de page n’est plus valable. Revenez à la première page.',
    en: 'This page link is no longer valid. Go back to the first page.',
  },
  'the start date is after the end date': {
    fr: 'La date de début est après la date de fin.',
    en: 'The start date is after the end date.',
  },
  'expected a time of day as HH:MM (00:00 to 24:00)': {
    fr: `Heure attendue au format HH:MM (de 00:00 à 24:00).`,
    en: 'Enter a time of day as HH:MM (00:00 to 24:00).',
  },
  'start must be before end': {
    fr: 'Le début doit précéder la fin.',
    en: 'The start must come before the end.',
  },
  'to must not be before from': {
    fr: 'La date de fin ne peut pas précéder la date de début.',
    en: 'The end date cannot come before the start date.',
  },
  'an enabled webhook needs a url and a secret of at least 16 characters': {
    fr: 'Un webhook activé demande une URL et un secret d’au moins 16 caractères.',
    en: 'An enabled webhook needs a URL and a secret of at least 16 characters.',
  },
  'expected a short identifier: lower-case letters, digits and dashes': {
    fr: `Identifiant court attendu${NNBSP}: lettres minuscules, chiffres et tirets.`,
    en: 'Enter a short identifier: lower-case letters, digits and dashes.',
  },
  'appointment type ids must not repeat': {
    fr: 'Deux types de rendez-vous portent le même identifiant.',
    en: 'Two appointment types have the same identifier.',
  },
  'numbers must not repeat': {
    fr: 'Un même numéro est saisi deux fois.',
    en: 'The same number is entered twice.',
  },
  'unknown time zone': { fr: 'Fuseau horaire inconnu.', en: 'Unknown time zone.' },
  'expected an IANA time zone such as Europe/Paris (Area/Location; UTC, EST or Etc/… ignore daylight saving)':
    {
      fr: `Fuseau horaire attendu sous la forme Zone/Lieu, par ex. Europe/Paris (UTC, EST ou Etc/… ignorent l’heure d’été).`,
      en: 'Enter a time zone as Area/Location, such as Europe/Paris (UTC, EST or Etc/… ignore daylight saving time).',
    },
  'expected a calendar date as YYYY-MM-DD': {
    fr: 'Date attendue au format AAAA-MM-JJ.',
    en: 'Enter a date as YYYY-MM-DD.',
  },
  'no such day in the calendar': {
    fr: 'Ce jour n’existe pas dans le calendrier.',
    en: 'This day does not exist in the calendar.',
  },
  'at least 12 characters': { fr: '12 caractères au minimum.', en: 'At least 12 characters.' },
  'expected a client id': { fr: 'Client inconnu.', en: 'Unknown client.' },
  // the reports' period (src/app/reports.ts)
  'a custom period needs from and to': {
    fr: 'Une période personnalisée demande un premier et un dernier jour.',
    en: 'A custom period needs a first and a last day.',
  },
  'the last day comes before the first': {
    fr: 'Le dernier jour vient avant le premier.',
    en: 'The last day comes before the first.',
  },
  'period too long': { fr: 'Cette période est trop longue.', en: 'This period is too long.' },
};

/** The schemas' messages that carry a value. */
const OWN_PATTERNS: OwnMatch[] = [
  {
    re: /^a period covers at most (\d+) days$/,
    text: (m, lang) =>
      lang === 'fr' ? `Une période couvre au plus ${m[1]} jours.` : `A period covers at most ${m[1]} days.`,
  },
  {
    re: /^not a valid phone number: (.+)$/,
    text: (m, lang) =>
      lang === 'fr'
        ? `${m[1]} n’est pas un numéro de téléphone valide.`
        : `${m[1]} is not a valid phone number.`,
  },
  {
    re: /^expected an E\.164 phone number, without spaces or punctuation: (\+\d+)$/,
    text: (m, lang) =>
      lang === 'fr'
        ? `Écrivez le numéro sans espaces ni ponctuation${NNBSP}: ${m[1]}.`
        : `Write the number without spaces or punctuation: ${m[1]}.`,
  },
  {
    re: /^(\+\d+) is not a valid phone number$/,
    text: (m, lang) =>
      lang === 'fr'
        ? `${m[1]} n’est pas un numéro de téléphone valide.`
        : `${m[1]} is not a valid phone number.`,
  },
  {
    re: /^expected an E\.164 phone number such as (\+\d+)$/,
    text: (m, lang) =>
      lang === 'fr'
        ? `Numéro au format international attendu, par ex. ${m[1]}.`
        : `Enter the number in international format, such as ${m[1]}.`,
  },
  {
    re: /^voice \S+ does not speak (\S+); use one of .*$/,
    text: (m, lang) =>
      lang === 'fr'
        ? `Cette voix ne parle pas la langue choisie (${localeName(m[1]!, lang)})${NNBSP}: choisissez-en une qui la parle.`
        : `This voice does not speak the chosen language (${localeName(m[1]!, lang)}): choose one that does.`,
  },
];

const count = (n: number | bigint, lang: Lang) => new Intl.NumberFormat(localeTag(lang)).format(n);

type Sized = { origin?: string; minimum?: number | bigint; maximum?: number | bigint; inclusive?: boolean };

function tooSmall(i: Sized, lang: Lang): string {
  const n = Number(i.minimum ?? 0);
  const fr = lang === 'fr';
  switch (i.origin) {
    case 'string':
      if (n <= 1) return fr ? 'Ce champ est obligatoire.' : 'This field is required.';
      return fr ? `${count(n, lang)} caractères au minimum.` : `At least ${count(n, lang)} characters.`;
    case 'array':
    case 'set':
      return fr ? `Indiquez-en au moins ${count(n, lang)}.` : `Enter at least ${count(n, lang)}.`;
    default:
      if (i.inclusive === false)
        return fr ? `Plus de ${count(n, lang)} attendu.` : `More than ${count(n, lang)} expected.`;
      return fr ? `${count(n, lang)} au minimum.` : `At least ${count(n, lang)}.`;
  }
}

function tooBig(i: Sized, lang: Lang): string {
  const n = Number(i.maximum ?? 0);
  const fr = lang === 'fr';
  switch (i.origin) {
    case 'string':
      return fr ? `${count(n, lang)} caractères au maximum.` : `At most ${count(n, lang)} characters.`;
    case 'array':
    case 'set':
      return fr ? `${count(n, lang)} au plus.` : `At most ${count(n, lang)}.`;
    default:
      if (i.inclusive === false)
        return fr ? `Moins de ${count(n, lang)} attendu.` : `Less than ${count(n, lang)} expected.`;
      return fr ? `${count(n, lang)} au maximum.` : `At most ${count(n, lang)}.`;
  }
}

const FORMATS: Record<string, Own> = {
  email: { fr: 'Adresse e-mail invalide.', en: 'Invalid email address.' },
  url: {
    fr: 'Adresse web attendue (http:// ou https://).',
    en: 'Enter a web address (http:// or https://).',
  },
  datetime: { fr: 'Date et heure attendues.', en: 'Enter a date and time.' },
  date: { fr: 'Date attendue.', en: 'Enter a date.' },
  time: { fr: 'Heure attendue.', en: 'Enter a time.' },
};

const TYPES: Record<string, Own> = {
  number: { fr: 'Nombre attendu.', en: 'Enter a number.' },
  int: { fr: 'Nombre entier attendu.', en: 'Enter a whole number.' },
  boolean: { fr: 'Choix inconnu.', en: 'Unknown choice.' },
  string: { fr: 'Texte attendu.', en: 'Enter some text.' },
};

const GENERIC: Own = { fr: 'Valeur invalide.', en: 'Invalid value.' };
const CHOICE: Own = { fr: 'Choix inconnu.', en: 'Unknown choice.' };

function own(message: string, lang: Lang): string | undefined {
  const exact = OWN[message];
  if (exact) return exact[lang];
  for (const p of OWN_PATTERNS) {
    const m = p.re.exec(message);
    if (m) return p.text(m, lang);
  }
  return undefined;
}

/** The zod locale's sentence, for a code this file does not know. */
function zodLocale(issue: IssueLike, lang: Lang): string {
  const { localeError } = lang === 'fr' ? z.locales.fr() : z.locales.en();
  const said = localeError(issue as Parameters<typeof localeError>[0]);
  const text = typeof said === 'string' ? said : said?.message;
  return text ?? GENERIC[lang];
}

/** The issue in words of the page's language; never the schema's English. */
export function issueText(issue: IssueLike, lang: Lang): string {
  const mine = own(issue.message, lang);
  if (mine) return mine;
  switch (issue.code) {
    case 'invalid_type':
      return (TYPES[issue.expected] ?? GENERIC)[lang];
    case 'too_small':
      return tooSmall(issue, lang);
    case 'too_big':
      return tooBig(issue, lang);
    case 'invalid_format':
      return (FORMATS[issue.format] ?? GENERIC)[lang];
    case 'invalid_value':
    case 'invalid_union':
      return CHOICE[lang];
    case 'not_multiple_of':
      return TYPES.int![lang];
    case 'custom':
      return GENERIC[lang];
    default:
      return zodLocale(issue, lang);
  }
}
