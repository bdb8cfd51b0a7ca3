import { cockpitTexts, deFr } from '../../../src/web/cockpit-texts';

const outcome = (o: Partial<Parameters<ReturnType<typeof cockpitTexts>['bulkResult']>[1]>) => ({
  done: 0,
  takenByOther: 0,
  alreadyHandled: 0,
  refused: 0,
  notFound: 0,
  ...o,
});

describe('cockpit texts', () => {
  it.each([
    ['Marc', 'de Marc'],
    ['Élodie', 'd’Élodie'],
    ['Anne', 'd’Anne'],
    ['Yves', 'd’Yves'],
    ['Hélène', 'de Hélène'],
    ['Œdipe', 'd’Œdipe'],
  ])('when the name is %s, then French says « %s »', (name, expected) => {
    expect(deFr(name)).toBe(expected);
  });

  it('when a bulk action partly applies, then each language says what happened, with its own typography', () => {
    const fr = cockpitTexts('fr');
    const en = cockpitTexts('en');
    expect(fr.bulkResult('handle', outcome({ done: 3, takenByOther: 1 }))).toBe(
      '3 messages traités, 1 déjà pris par quelqu’un d’autre.',
    );
    expect(fr.bulkResult('claim', outcome({ done: 1, alreadyHandled: 2, notFound: 1 }))).toBe(
      '1 message pris, 2 déjà traités, 1 introuvable.',
    );
    expect(en.bulkResult('assign', outcome({ done: 2, refused: 1 }))).toBe(
      '2 messages assigned, 1 outside that person’s clients.',
    );
    expect(fr.nextFlash).toBe('Message traité. Message suivant\u202f:');
    expect(en.nextFlash).toBe('Message handled. Next message:');
    expect(fr.urgentArrived('Élodie Garnier')).toBe('Message urgent d’Élodie Garnier');
  });

  it('when French text has a colon, semicolon, question or exclamation mark, then a narrow no-break space precedes it', () => {
    const { shortcutList, ...rest } = cockpitTexts('fr');
    const leaves = (v: unknown): string[] =>
      typeof v === 'string' ? [v] : v && typeof v === 'object' ? Object.values(v).flatMap(leaves) : [];
    const strings = [...leaves(rest), ...shortcutList.map(([, what]) => what)];
    expect(strings.filter((s) => /[^\u202f][;:!?]/u.test(s))).toEqual([]);
    expect(strings.filter((s) => /[;:!?]/u.test(s)).length).toBeGreaterThan(2);
  });
});
