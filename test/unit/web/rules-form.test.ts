/**
 * The routing-rules builder's fields and the API's JSON are one thing: every rule shape the API
 * accepts, turned into the builder's fields and read back, is the same rule.
 */
import { routingRuleSchema, type RoutingRule } from '../../../src/flow/profile';
import { rulesFromForm, rulesToForm, applyRulesOp, ruleField } from '../../../src/web/admin/rules-form';
import { validateClientForm } from '../../../src/web/admin/client-save';
import { adminTexts } from '../../../src/web/admin/admin-texts';
import { formFromProfile } from '../../../src/web/admin/client-form-fill';
import { clientProfileSchema } from '../../../src/flow/profile';

/** Every condition alone and together, every action with its parameters, as the API takes them. */
const ACCEPTED: unknown[] = [
  { name: 'Tout', when: {}, then: { type: 'message' } },
  { name: 'VIP hors horaires', when: { caller: 'vip', open: false }, then: { type: 'transfer' } },
  { name: 'Ouvert', when: { open: true }, then: { type: 'transfer' } },
  { name: 'Bloqués', when: { caller: 'blocked' }, then: { type: 'reject' } },
  { name: 'Connus', when: { caller: 'known' }, then: { type: 'message' } },
  { name: 'Inconnus', when: { caller: 'unknown' }, then: { type: 'message' } },
  { name: 'Urgences dites', when: { urgentSpeech: true }, then: { type: 'transfer' } },
  { name: 'Pas urgent', when: { urgentSpeech: false }, then: { type: 'message' } },
  ...['urgent', 'message', 'hours', 'address'].map((c) => ({
    name: c,
    when: { menuChoice: c },
    then: { type: 'transfer' },
  })),
  { name: 'Midi', when: { timeWindow: { start: '12:00', end: '14:00' } }, then: { type: 'message' } },
  {
    name: 'Week-end',
    when: { timeWindow: { days: ['sat', 'sun'], start: '00:00', end: '24:00' } },
    then: { type: 'reject' },
  },
  {
    name: 'Semaine matin',
    when: {
      timeWindow: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '08:00', end: '09:00' },
      caller: 'vip',
    },
    then: { type: 'say', text: 'Le cabinet ouvre à 9 heures.\nMerci de rappeler.', thenMenu: false },
  },
  { name: 'Info', when: { open: false }, then: { type: 'say', text: 'Fermé aujourd’hui.' } },
  {
    name: 'Tout à la fois',
    when: {
      open: true,
      timeWindow: { days: ['wed'], start: '09:30', end: '10:45' },
      caller: 'known',
      menuChoice: 'urgent',
      urgentSpeech: true,
    },
    then: { type: 'say', text: 'Un instant.', thenMenu: true },
  },
];

describe('the routing-rules builder', () => {
  it('when every rule shape the API accepts goes through the form fields, then it comes back deep-equal', () => {
    const rules = ACCEPTED.map((r) => routingRuleSchema.parse(r));
    const back = rulesFromForm(rulesToForm(rules)).input.map((r) => routingRuleSchema.parse(r));
    expect(back).toEqual(rules);
  });

  it('when a whole profile with rules is shown and saved unchanged, then the rules are exactly the same', () => {
    const rules = ACCEPTED.map((r) => routingRuleSchema.parse(r)) as RoutingRule[];
    const profile = clientProfileSchema.parse({ name: 'Cabinet', numbers: ['+33180000000'], rules });
    const saved = validateClientForm(formFromProfile(profile), adminTexts('fr'));
    expect('profile' in saved && saved.profile.rules).toEqual(profile.rules);
  });

  it('when days alone are ticked, then the rule holds all day on those days', () => {
    const v = {
      [ruleField(0, 'name')]: 'Samedi',
      'rules[0][days][sat]': 'on',
      [ruleField(0, 'action')]: 'reject',
    };
    expect(rulesFromForm(v).input).toEqual([
      {
        name: 'Samedi',
        when: { timeWindow: { days: ['sat'], start: '00:00', end: '24:00' } },
        then: { type: 'reject' },
      },
    ]);
  });

  it('when the trailing block is left blank, then it is no rule; a blank block in between is skipped too', () => {
    const v = {
      ...rulesToForm([routingRuleSchema.parse(ACCEPTED[1])]),
      [ruleField(1, 'open')]: '',
      [ruleField(1, 'action')]: 'transfer',
      [ruleField(1, 'thenMenu')]: 'on',
      ...Object.fromEntries(
        Object.entries(rulesToForm([routingRuleSchema.parse(ACCEPTED[2])])).map(([k, x]) => [
          k.replace('rules[0]', 'rules[2]'),
          x,
        ]),
      ),
    };
    const { input, blocks } = rulesFromForm(v);
    expect(input.map((r) => (r as RoutingRule).name)).toEqual(['VIP hors horaires', 'Ouvert']);
    expect(blocks).toEqual([0, 2]);
  });

  it('when a rule is invalid, then its error lands on the field of its own block, in French', () => {
    const profile = clientProfileSchema.parse({ name: 'Cabinet', numbers: ['+33180000000'] });
    const v = {
      ...formFromProfile(profile),
      [ruleField(0, 'name')]: '',
      [ruleField(0, 'caller')]: 'vip',
      [ruleField(0, 'action')]: 'transfer',
      [ruleField(1, 'name')]: 'Info',
      [ruleField(1, 'start')]: '25:00',
      [ruleField(1, 'end')]: '10:00',
      [ruleField(1, 'action')]: 'say',
      [ruleField(1, 'text')]: '',
      [ruleField(2, 'name')]: 'Choix',
      [ruleField(2, 'caller')]: 'robot',
      [ruleField(2, 'action')]: 'fax',
    };
    const result = validateClientForm(v, adminTexts('fr'));
    if (!('errors' in result)) throw new Error('expected errors');
    expect(result.errors[ruleField(0, 'name')]).toEqual(['Ce champ est obligatoire.']);
    expect(result.errors[ruleField(1, 'start')]?.[0]).toMatch(/^Heure attendue au format HH:MM/);
    expect(result.errors[ruleField(1, 'text')]).toEqual(['Ce champ est obligatoire.']);
    expect(result.errors[ruleField(2, 'caller')]).toEqual(['Choix inconnu.']);
    expect(result.errors[ruleField(2, 'action')]).toEqual(['Choix inconnu.']);
  });

  it('when the buttons are used without JavaScript, then rules move, go and come in order', () => {
    const rules = ACCEPTED.slice(1, 4).map((r) => routingRuleSchema.parse(r));
    const v = { name: 'Cabinet', ...rulesToForm(rules) };
    const names = (x: Record<string, string> | null) =>
      rulesFromForm(x ?? {}).input.map((r) => (r as RoutingRule).name);
    expect(names(applyRulesOp(v, 'up:1'))).toEqual(['Ouvert', 'VIP hors horaires', 'Bloqués']);
    expect(names(applyRulesOp(v, 'down:1'))).toEqual(['VIP hors horaires', 'Bloqués', 'Ouvert']);
    expect(names(applyRulesOp(v, 'remove:0'))).toEqual(['Ouvert', 'Bloqués']);
    expect(applyRulesOp(v, 'up:0')?.name).toBe('Cabinet');
    expect(Object.keys(applyRulesOp(v, 'add') ?? {})).toContain(ruleField(3, 'name'));
    expect(applyRulesOp(v, 'explode')).toBeNull();
  });
});
