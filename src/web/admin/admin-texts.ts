/** The admin pages' texts, chosen by the same language as the rest of the web pages. */
import type { Lang } from '../i18n';
import { adminEn } from './admin-texts-en';
import { adminFr, type AdminTexts } from './admin-texts-fr';

export type { AdminTexts };

export function adminTexts(lang: Lang): AdminTexts {
  return lang === 'en' ? adminEn : adminFr;
}
