/** The client form's "how the receptionist speaks" section: sector, spoken name, greeting, vocabulary, emergency advice. */
import { emergencyAdvice } from '../../flow/client-speech';
import { clientProfileSchema, SECTORS } from '../../flow/profile';
import { e164PhoneSchema } from '../../domain/phone';
import { LOCALES } from '../../domain/vocabulary';
import { html, type SafeHtml } from '../html';
import type { AdminTexts } from './admin-texts';
import { ADVICE_MODES, GREET_CHOICES, type GreetChoice } from './client-form';
import { fieldset, input, select, textarea, type FormState } from './form-controls';
import { lines, type FormValues } from './form-values';

/** A French number stands in until the form has a valid one: the sentence names the country's numbers. */
const PLACEHOLDER_NUMBER = '+33100000000';

/** What a medical client with these numbers and language hears by default, to show as a hint. */
export function medicalDefaultAdvice(v: FormValues): string {
  const number = lines(v.numbers).find((n) => e164PhoneSchema.safeParse(n).success) ?? PLACEHOLDER_NUMBER;
  const locale = LOCALES.find((l) => l === v.locale) ?? 'fr-FR';
  const profile = clientProfileSchema.parse({ name: '-', numbers: [number], locale, sector: 'medical' });
  return emergencyAdvice(profile, locale) ?? '';
}

export function speechSection(s: FormState, t: AdminTexts): SafeHtml {
  const sectors = SECTORS.map((v): [string, string] => [v, t.sectors[v]]);
  const greet = Object.keys(GREET_CHOICES).map((c): [string, string] => [
    c,
    t.greetChoices[c as GreetChoice],
  ]);
  const advice = ADVICE_MODES.map((m): [string, string] => [m, t.adviceModes[m]]);
  return fieldset(
    t.speech,
    html`${select(s, 'sector', t.sector, sectors, { hint: t.sectorHint, cls: 'double' })}
    ${select(s, 'greetKnownCallers', t.greetKnownCallers, greet, { hint: t.greetHint })}
    ${input(s, 'spokenName', t.spokenName, { hint: t.spokenNameHint, cls: 'wide', attrs: html`maxlength="100"` })}
    ${textarea(s, 'vocabulary', t.vocabulary, { hint: t.vocabularyHint, rows: 3 })}
    ${select(s, 'emergencyAdviceMode', t.emergencyAdviceMode, advice, { hint: t.adviceModeHint })}
    ${textarea(s, 'emergencyAdvice', t.emergencyAdvice, {
      hint: t.emergencyAdviceHint(medicalDefaultAdvice(s.values)),
      rows: 2,
      cls: 'double',
      attrs: html`maxlength="300"`,
    })}`,
  );
}
