import { DEMO_CLIENT } from '../../../scripts/lib/seed';
import { clientProfileSchema, type ClientProfileInput } from '../../../src/flow/profile';
import { adminTexts } from '../../../src/web/admin/admin-texts';
import { formFromProfile, newClientValues } from '../../../src/web/admin/client-form-fill';
import { medicalDefaultAdvice } from '../../../src/web/admin/client-form-speech';
import { validateClientForm } from '../../../src/web/admin/client-save';

const t = adminTexts('fr');
const profile = (changes: Partial<ClientProfileInput> = {}) =>
  clientProfileSchema.parse({ ...DEMO_CLIENT, ...changes });

/** The profile the form describes once filled from `p` and posted back unchanged. */
function roundTrip(p: ReturnType<typeof profile>) {
  const checked = validateClientForm(formFromProfile(p), t);
  if ('errors' in checked) throw new Error(JSON.stringify(checked.errors));
  return checked.profile;
}

describe('client form ⇄ profile: how the receptionist speaks', () => {
  it('when the demo medical practice is filled in and posted back, then the whole profile comes back unchanged', () => {
    const demo = profile();
    expect(roundTrip(demo)).toEqual(demo);
  });

  it.each<[string, Partial<ClientProfileInput>, Record<string, string>]>([
    [
      'unset greeting and advice',
      { greetKnownCallers: undefined, safety: {} },
      { greetKnownCallers: '', emergencyAdviceMode: '', emergencyAdvice: '' },
    ],
    ['greeting on', { greetKnownCallers: true }, { greetKnownCallers: 'yes' }],
    ['greeting off (not unset)', { greetKnownCallers: false }, { greetKnownCallers: 'no' }],
    [
      'an empty advice (nothing said, not unset)',
      { safety: { emergencyAdvice: '' } },
      { emergencyAdviceMode: 'none', emergencyAdvice: '' },
    ],
    [
      'a custom advice',
      { safety: { emergencyAdvice: 'Urgence : composez le 15.\nSinon, laissez un message.' } },
      {
        emergencyAdviceMode: 'custom',
        emergencyAdvice: 'Urgence : composez le 15.\nSinon, laissez un message.',
      },
    ],
    [
      'another sector, no spoken name, no vocabulary',
      { sector: 'other', spokenName: '', vocabulary: [] },
      { sector: 'other', spokenName: '', vocabulary: '' },
    ],
    [
      'a medical practice with its spoken name and vocabulary',
      { sector: 'medical', spokenName: 'au cabinet Martin', vocabulary: ['docteur Martin', 'vaccin'] },
      { sector: 'medical', spokenName: 'au cabinet Martin', vocabulary: 'docteur Martin\nvaccin' },
    ],
  ])('when the profile has %s, then the form shows it and saving gives it back', (_what, changes, shown) => {
    const p = profile(changes);
    expect(formFromProfile(p)).toMatchObject(shown);
    const back = roundTrip(p);
    expect(back).toEqual(p);
    expect(back.greetKnownCallers).toBe(p.greetKnownCallers);
    expect(back.safety).toStrictEqual(p.safety);
  });

  it('when a new client is opened, then the speech settings show the defaults', () => {
    expect(newClientValues()).toMatchObject({
      sector: 'other',
      spokenName: '',
      greetKnownCallers: '',
      vocabulary: '',
      emergencyAdviceMode: '',
      emergencyAdvice: '',
    });
  });

  it('when "default" or "none" is chosen with a sentence still typed, then the sentence is not kept', () => {
    const values = { ...formFromProfile(profile()), emergencyAdvice: 'Reste du texte' };
    const unset = validateClientForm({ ...values, emergencyAdviceMode: '' }, t);
    const none = validateClientForm({ ...values, emergencyAdviceMode: 'none' }, t);
    expect('profile' in unset && unset.profile.safety).toEqual({});
    expect('profile' in none && none.profile.safety).toEqual({ emergencyAdvice: '' });
  });

  it.each<[string, Record<string, string>, string, RegExp]>([
    ['an unknown sector', { sector: 'dentaire' }, 'sector', /^Choix inconnu\.$/],
    ['a spoken name of 101 characters', { spokenName: 'x'.repeat(101) }, 'spokenName', /100/],
    [
      'an unknown greeting choice',
      { greetKnownCallers: 'peut-être' },
      'greetKnownCallers',
      /^Choix inconnu\.$/,
    ],
    [
      'a one-letter word on line 2',
      { vocabulary: 'ordonnance\nx' },
      'vocabulary',
      /^Ligne 2\u202f: 2 caractères au minimum\.$/,
    ],
    [
      'a custom advice left empty',
      { emergencyAdviceMode: 'custom', emergencyAdvice: '  ' },
      'emergencyAdvice',
      /^Écrivez la phrase, ou choisissez «\u00a0Aucune\u00a0»\.$/,
    ],
    [
      'a custom advice of 301 characters',
      { emergencyAdviceMode: 'custom', emergencyAdvice: 'x'.repeat(301) },
      'emergencyAdvice',
      /300/,
    ],
    ['an unknown advice mode', { emergencyAdviceMode: 'toujours' }, 'emergencyAdviceMode', /^Choix inconnu$/],
  ])('when the form has %s, then the error is on that field alone', (_what, changes, field, message) => {
    const result = validateClientForm({ ...formFromProfile(profile()), ...changes }, t);
    expect('errors' in result && Object.keys(result.errors)).toEqual([field]);
    expect('errors' in result && result.errors[field]!.join(' ')).toMatch(message);
  });

  it.each([
    ['+33180000001', 'fr-FR', "En cas d'urgence vitale, raccrochez et composez le 15 ou le 112."],
    ['+16502530000', 'en-US', 'If this is a life-threatening emergency, hang up and dial 911.'],
    ['', 'fr-FR', "En cas d'urgence vitale, raccrochez et composez le 15 ou le 112."],
    ['0612 pas un numéro', 'xx', "En cas d'urgence vitale, raccrochez et composez le 15 ou le 112."],
  ])(
    'when the numbers are %j in %s, then the hint quotes the medical default for that country',
    (numbers, locale, said) => {
      expect(medicalDefaultAdvice({ numbers, locale })).toBe(said);
    },
  );
});
