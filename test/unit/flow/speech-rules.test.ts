import {
  firstMatch,
  localTime,
  menuChoiceFromDigits,
  menuChoiceFromSpeech,
  normalise,
  routingRuleSchema,
  soundsUrgent,
  yesNo,
  type RuleContext,
} from '../../../src/flow';

describe('speech keywords', () => {
  it.each([
    ["C'est une URGENCE !", 'urgent'],
    ['urgente', 'urgent'],
    ["it's an emergency", 'urgent'],
    ['je voudrais laisser un message', 'message'],
    ['Leave a message please', 'message'],
    ['Quels sont vos horaires ?', 'hours'],
    ["les heures d'ouverture", 'hours'],
    ['what are your opening hours', 'hours'],
    ['Où êtes-vous ?', 'address'],
    ["c'est quoi votre adresse", 'address'],
    ['what is your address', 'address'],
    ['la météo de demain', undefined],
    ['', undefined],
  ])('when the caller says "%s" at the menu, then the choice is %s', (text, expected) => {
    expect(menuChoiceFromSpeech(text)).toBe(expected);
  });

  it.each([
    ['1', 'urgent'],
    ['2', 'message'],
    ['3', 'hours'],
    ['4', 'address'],
    ['9', undefined],
    ['*', undefined],
  ])('when the caller presses %s at the menu, then the choice is %s', (d, expected) => {
    expect(menuChoiceFromDigits(d)).toBe(expected);
  });

  it('when text has accents, case and punctuation, then normalisation removes them', () => {
    expect(normalise("  Où?  L'ÉTÉ, déjà!  ")).toBe('ou l ete deja');
  });

  it.each([
    ["c'est très urgent", [], true],
    ['au plus vite svp', [], true],
    ['une fuite d’eau', ['fuite'], true],
    ['une fuite d’eau', [], false],
    ['résurgence', [], false],
  ] as const)('when the caller says "%s" (extra words %j), then urgent is %s', (text, extra, expected) => {
    expect(soundsUrgent(text, extra)).toBe(expected);
  });

  it.each([
    ['Oui, exactement', true],
    ["d'accord", true],
    ['yes please', true],
    ['non merci', false],
    ['no', false],
    ['peut-être', undefined],
  ])('when the caller answers "%s", then yes/no is %s', (text, expected) => {
    expect(yesNo(text)).toBe(expected);
  });
});

describe('routing rules', () => {
  const rules = [
    { name: 'vip closed', when: { caller: 'vip', open: false }, then: { type: 'transfer' } },
    { name: 'urgent words', when: { urgentSpeech: true }, then: { type: 'transfer' } },
    { name: 'hours menu', when: { menuChoice: 'hours' }, then: { type: 'say', text: 'Ouvert 24 h sur 24.' } },
    {
      name: 'lunch',
      when: { timeWindow: { days: ['mon'], start: '12:00', end: '14:00' } },
      then: { type: 'message' },
    },
    { name: 'unknown', when: { caller: 'unknown' }, then: { type: 'reject' } },
  ].map((r) => routingRuleSchema.parse(r));

  const ctx = (over: Partial<RuleContext>): RuleContext => ({
    open: true,
    local: localTime(new Date('2026-11-23T09:00:00Z'), 'Europe/Paris'),
    caller: { vip: false, blocked: false, known: true },
    phase: 'menu',
    urgentSpeech: false,
    ...over,
  });

  it.each([
    [
      'a VIP calls while closed',
      { open: false, caller: { vip: true, blocked: false, known: true } },
      'vip closed',
    ],
    ['urgency words are heard after the menu', { urgentSpeech: true }, 'urgent words'],
    [
      'urgency words are known at call start (speech rules are skipped)',
      { urgentSpeech: true, phase: 'start' },
      undefined,
    ],
    ['the caller chose hours', { menuChoice: 'hours' }, 'hours menu'],
    ['a menu-choice rule is evaluated at call start', { menuChoice: 'hours', phase: 'start' }, undefined],
    [
      'it is Monday 12:30 local',
      { local: localTime(new Date('2026-11-23T11:30:00Z'), 'Europe/Paris') },
      'lunch',
    ],
    [
      'it is Tuesday 12:30 local',
      { local: localTime(new Date('2026-11-24T11:30:00Z'), 'Europe/Paris') },
      undefined,
    ],
    [
      'an unknown VIP calls while closed (first match wins)',
      { open: false, caller: { vip: true, blocked: false, known: false } },
      'vip closed',
    ],
    [
      'an unknown caller calls while open',
      { caller: { vip: false, blocked: false, known: false } },
      'unknown',
    ],
    ['nothing matches', {}, undefined],
  ] as const)('when %s, then the rule is %s', (_l, over, expected) => {
    expect(firstMatch(rules, ctx(over as Partial<RuleContext>))?.name).toBe(expected);
  });
});
