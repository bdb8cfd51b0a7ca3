/**
 * The callers' languages and the receptionist's voices by their names, in the page's language:
 * « Français (France) », « Léa — voix féminine, neuronale (français) ». The stored values
 * (`fr-FR`, `Polly.Lea-Neural`) never reach the page's words.
 */
import { VOICES_BY_LOCALE } from '../../flow/profile';
import { LOCALES, type Locale } from '../../domain/vocabulary';
import type { Lang } from '../i18n';

const capitalise = (s: string) => s.charAt(0).toLocaleUpperCase() + s.slice(1);

/** `fr-FR` → « Français (France) » / "French (France)", by Intl. */
export function localeName(locale: string, lang: Lang): string {
  try {
    return capitalise(
      new Intl.DisplayNames([lang], { type: 'language', languageDisplay: 'standard' }).of(locale) ?? locale,
    );
  } catch {
    return locale;
  }
}

/** The language alone, lower-case in French: `fr-FR` → « français » / "French". */
function languageName(locale: string, lang: Lang): string {
  const name = new Intl.DisplayNames([lang], { type: 'language' }).of(locale.split('-')[0]!) ?? locale;
  return lang === 'en' ? capitalise(name) : name;
}

type Voice = { name: string; gender: 'female' | 'male'; kind: 'neural' | 'standard' };

/** Every voice of `VOICES_BY_LOCALE`, described (a unit test checks none is missing). */
export const VOICES: Record<string, Voice> = {
  'Polly.Lea-Neural': { name: 'Léa', gender: 'female', kind: 'neural' },
  'Polly.Remi-Neural': { name: 'Rémi', gender: 'male', kind: 'neural' },
  'Polly.Lea': { name: 'Léa', gender: 'female', kind: 'standard' },
  'Polly.Celine': { name: 'Céline', gender: 'female', kind: 'standard' },
  'Polly.Mathieu': { name: 'Mathieu', gender: 'male', kind: 'standard' },
  'Google.fr-FR-Neural2-A': { name: 'Google A', gender: 'female', kind: 'neural' },
  'Google.fr-FR-Neural2-B': { name: 'Google B', gender: 'male', kind: 'neural' },
  'Google.fr-FR-Wavenet-A': { name: 'Google WaveNet A', gender: 'female', kind: 'neural' },
  'Polly.Joanna-Neural': { name: 'Joanna', gender: 'female', kind: 'neural' },
  'Polly.Matthew-Neural': { name: 'Matthew', gender: 'male', kind: 'neural' },
  'Polly.Joanna': { name: 'Joanna', gender: 'female', kind: 'standard' },
  'Google.en-US-Neural2-C': { name: 'Google C', gender: 'female', kind: 'neural' },
  'Google.en-US-Neural2-D': { name: 'Google D', gender: 'male', kind: 'neural' },
};

const WORDS = {
  fr: {
    female: 'voix féminine',
    male: 'voix masculine',
    neural: 'neuronale',
    standard: 'standard',
  },
  en: { female: 'female voice', male: 'male voice', neural: 'neural', standard: 'standard' },
} as const;

/** « Léa — voix féminine, neuronale (français) »; an unknown voice keeps its id. */
export function voiceName(voice: string, locale: Locale, lang: Lang): string {
  const v = VOICES[voice];
  if (!v) return voice;
  const w = WORDS[lang];
  return `${v.name} — ${w[v.gender]}, ${w[v.kind]} (${languageName(locale, lang)})`;
}

/** The locale select's options. */
export const localeOptions = (lang: Lang): [string, string][] => LOCALES.map((l) => [l, localeName(l, lang)]);

/** The voices, one group per language. */
export function voiceGroups(lang: Lang): { locale: Locale; label: string; voices: [string, string][] }[] {
  return LOCALES.map((locale) => ({
    locale,
    label: localeName(locale, lang),
    voices: VOICES_BY_LOCALE[locale].map((v): [string, string] => [v, voiceName(v, locale, lang)]),
  }));
}
