/**
 * How the receptionist speaks of and for one client: its name in a sentence, the emergency advice
 * it must give, whether it greets known callers by name. Each setting is optional in the profile;
 * the defaults follow the client's sector and country, resolved here once.
 */
import { countryOf, type CountryCode } from '../domain/phone';
import type { Locale } from '../domain/vocabulary';
import type { ClientProfile } from './profile';

/** "au cabinet Martin" / "chez Plomberie Durand": what follows "vous êtes bien" (or "you have reached"). */
export function spokenClientName(profile: ClientProfile, locale: Locale): string {
  const custom = profile.spokenName.trim();
  if (custom) return custom;
  return locale === 'fr-FR' ? `chez ${profile.name}` : profile.name;
}

/** The emergency numbers a caller in `country` dials, as said in `locale`. */
function emergencyNumbers(country: CountryCode | undefined, locale: Locale): string {
  const or = locale === 'fr-FR' ? 'ou' : 'or';
  switch (country) {
    case 'FR':
      return locale === 'fr-FR' ? 'le 15 ou le 112' : `15 ${or} 112`;
    case 'US':
    case 'CA':
      return locale === 'fr-FR' ? 'le 911' : '911';
    case 'GB':
      return locale === 'fr-FR' ? 'le 999 ou le 112' : `999 ${or} 112`;
    default:
      return locale === 'fr-FR' ? 'le 112' : '112';
  }
}

/**
 * The sentence said when closed, before any recording and after an urgent message; undefined when
 * the client says none (the default outside the medical sector).
 */
export function emergencyAdvice(profile: ClientProfile, locale: Locale): string | undefined {
  const custom = profile.safety.emergencyAdvice;
  if (custom !== undefined) return custom.trim() || undefined;
  if (profile.sector !== 'medical') return undefined;
  const numbers = emergencyNumbers(countryOf(profile.numbers[0] ?? ''), locale);
  return locale === 'fr-FR'
    ? `En cas d'urgence vitale, raccrochez et composez ${numbers}.`
    : `If this is a life-threatening emergency, hang up and dial ${numbers}.`;
}

/** Greet a known caller by name: off by default for a medical client, where phones are often shared. */
export function greetsKnownCallers(profile: ClientProfile): boolean {
  return profile.greetKnownCallers ?? profile.sector !== 'medical';
}

/**
 * Words that make a call to a medical practice urgent without the caller saying "urgent": what a
 * medical secretary is trained to hear (French first; English callers phone French practices too).
 */
const MEDICAL_URGENCY_WORDS = [
  'douleur à la poitrine',
  'douleur dans la poitrine',
  'douleur thoracique',
  'mal à la poitrine',
  'malaise',
  'a fait un malaise',
  'ne respire plus',
  'respire mal',
  'du mal à respirer',
  'étouffe',
  'inconscient',
  'inconsciente',
  'perdu connaissance',
  'perte de connaissance',
  "s'est évanoui",
  "s'est évanouie",
  'saigne beaucoup',
  'hémorragie',
  'convulsions',
  'convulse',
  'forte fièvre',
  'avc',
  'paralysé',
  'paralysée',
  'chest pain',
  "can't breathe",
  'cannot breathe',
  'not breathing',
  'unconscious',
  'passed out',
  'fainted',
  'bleeding heavily',
  'seizure',
  'stroke',
  'high fever',
];

/** The client's own urgency words, and for a medical client the symptoms that always are urgent. */
export function urgencyKeywordsOf(profile: ClientProfile): readonly string[] {
  return profile.sector === 'medical'
    ? [...profile.urgencyKeywords, ...MEDICAL_URGENCY_WORDS]
    : profile.urgencyKeywords;
}
