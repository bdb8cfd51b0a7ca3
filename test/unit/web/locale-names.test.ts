/** The client form names languages and voices for people; the stored values stay the codes. */
import { VOICES_BY_LOCALE } from '../../../src/flow/profile';
import { LOCALES } from '../../../src/domain/vocabulary';
import { localeOptions, voiceGroups, VOICES } from '../../../src/web/admin/locale-names';

describe('languages and voices by name', () => {
  it('when the form lists the languages, then each has its name in the page’s language and its code as value', () => {
    expect(localeOptions('fr')).toEqual([
      ['fr-FR', 'Français (France)'],
      ['en-US', 'Anglais (États-Unis)'],
    ]);
    expect(localeOptions('en')).toEqual([
      ['fr-FR', 'French (France)'],
      ['en-US', 'English (United States)'],
    ]);
  });

  it('when a voice is offered, then it is described, never shown by its identifier', () => {
    for (const locale of LOCALES) for (const v of VOICES_BY_LOCALE[locale]) expect(VOICES[v]).toBeDefined();
    const [french, english] = voiceGroups('fr');
    expect(french!.voices[0]).toEqual(['Polly.Lea-Neural', 'Léa — voix féminine, neuronale (français)']);
    expect(english!.voices[1]).toEqual([
      'Polly.Matthew-Neural',
      'Matthew — voix masculine, neuronale (anglais)',
    ]);
    expect(voiceGroups('en')[0]!.voices[1]).toEqual([
      'Polly.Remi-Neural',
      'Rémi — male voice, neural (French)',
    ]);
    for (const g of [...voiceGroups('fr'), ...voiceGroups('en')])
      for (const [, label] of g.voices) expect(label).not.toMatch(/Polly|Neural2|\b[a-z]{2}-[A-Z]{2}\b/);
  });
});
