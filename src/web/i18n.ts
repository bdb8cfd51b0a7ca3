/** The web pages' texts: one table per language (texts-fr.ts, texts-en.ts), French first. */
import { en } from './texts-en';
import { fr, type Texts } from './texts-fr';

export type { Texts };
/** The pages' languages (short tags of the product's locales). */
export const LANGS = ['fr', 'en'] as const;
export type Lang = (typeof LANGS)[number];

const TABLES: Record<Lang, Texts> = { fr, en };

export function texts(lang: Lang): Texts {
  return TABLES[lang];
}

export function langOfLocale(locale: string | undefined): Lang {
  return locale?.startsWith('en') ? 'en' : 'fr';
}

/** BCP 47 tag for dates and numbers: the product's locales (fr-FR, en-US), never a third convention. */
export const localeTag = (lang: Lang) => (lang === 'en' ? 'en-US' : 'fr-FR');
