import { foldText, phoneSearchForms, searchPattern, searchTextOf } from '../../../src/domain/search-text';

const MESSAGE = {
  callerName: 'Élodie Lœuvre-Martin',
  callerNumber: '+33612345602',
  callbackNumber: '+14155550100',
  reason: 'Fièvre depuis hier',
  summary: 'Rappeler au 06 12 34 56 02, c’est urgent.',
  transcription: '',
};

const finds = (input: string) => {
  const pattern = searchPattern(input, 'FR');
  return pattern !== null && new RegExp(pattern).test(searchTextOf(MESSAGE));
};

describe('search folding', () => {
  it.each([
    ['Élodie', 'elodie'],
    ['FIÈVRE  de   cheval', 'fievre de cheval'],
    ['Cœur', 'coeur'],
    ['Jean-Pierre', 'jean pierre'],
    ['c’est', "c'est"],
    ['06.12.34.56.02', '0612345602'],
    ['06-12 34/56 02', '0612345602'],
  ])('%j folds to %j', (text, folded) => {
    expect(foldText(text)).toBe(folded);
  });

  it('stores a number in its international and national digits', () => {
    expect(phoneSearchForms('+33612345602')).toEqual(['33612345602', '0612345602']);
    expect(phoneSearchForms('+14155550100')).toEqual(['14155550100', '4155550100']);
    expect(phoneSearchForms('anonymous')).toEqual([]);
  });

  it.each([
    '0612345602',
    '06 12 34 56 02',
    '06.12.34.56.02',
    '+33612345602',
    '+33 6 12 34 56 02',
    '0033612345602',
    '612345602',
    '(415) 555-0100',
    '+1 415 555 0100',
    'fievre',
    'FIÈVRE',
    'ELODIE',
    'loeuvre martin',
    "c'est urgent",
  ])('when searching %j, then the message is found', (input) => {
    expect(finds(input)).toBe(true);
  });

  it.each(['0612345699', 'migraine', '.*', 'Élodie.*Fièvre', '06|migraine'])(
    'when searching %j, then nothing matches (absent, or regex characters taken literally)',
    (input) => {
      expect(finds(input)).toBe(false);
    },
  );

  it('when the input folds to nothing, then there is no search', () => {
    expect(searchPattern('   ')).toBeNull();
  });
});
