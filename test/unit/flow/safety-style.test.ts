/**
 * Safety first and a spoken style a person would use: the emergency advice where a medical client
 * needs it, nothing a transfer contradicts, the client named with its article, the caller's words
 * quoted naturally, and known callers greeted by name only where the client wants it.
 */
import { emergencyAdvice } from '../../../src/flow';
import { quoted } from '../../../src/flow/prompts';
import {
  CALLER,
  digits,
  makeProfile,
  MONDAY_10H,
  MONDAY_20H,
  noInput,
  play,
  speech,
  texts,
  types,
} from './helpers';

const ADVICE_FR = "En cas d'urgence vitale, raccrochez et composez le 15 ou le 112.";
const medical = (overrides = {}) =>
  makeProfile({ sector: 'medical', spokenName: 'au cabinet Martin', ...overrides });

describe('emergency advice', () => {
  it('when a medical client is closed, then the advice follows the closed notice, before the menu', () => {
    const profile = medical({ transfer: { outOfHours: 'urgent-only' } });
    const said = texts(play(profile, [], { now: MONDAY_20H }).actions);
    const closed = said.findIndex((t) => /ferm/i.test(t));
    expect(closed).toBeGreaterThan(0);
    expect(said[closed + 1]).toBe(ADVICE_FR);
    expect(said[closed + 2]).toMatch(/^Dites-moi ce que vous souhaitez, ou tapez 1 pour une urgence/);
  });

  it('when another client is closed, then no advice is said, unless the client wrote one', () => {
    expect(texts(play(makeProfile(), [], { now: MONDAY_20H }).actions).join(' ')).not.toMatch(/112|15/);
    const custom = makeProfile({
      safety: { emergencyAdvice: 'En cas de fuite de gaz, appelez le 0 800 47 33 33.' },
    });
    expect(texts(play(custom, [], { now: MONDAY_20H }).actions)).toContain(
      'En cas de fuite de gaz, appelez le 0 800 47 33 33.',
    );
  });

  it('when a medical client sets an empty advice, then none is said', () => {
    const said = texts(play(medical({ safety: { emergencyAdvice: '' } }), [], { now: MONDAY_20H }).actions);
    expect(said.join(' ')).not.toMatch(/112/);
  });

  it('when the medical client is open, then no advice is said at the start', () => {
    expect(texts(play(medical(), []).actions).join(' ')).not.toMatch(/112/);
  });

  it('when an urgent message ends the call, then the advice comes after the thanks, before goodbye', () => {
    const run = play(medical({ transferTargets: [] }), [
      digits('1'),
      speech('Sophie Bernard'),
      speech('Mon fils a une forte fièvre'),
      digits('1'),
      digits('1'),
    ]);
    const last = texts(run.last.actions).join(' ');
    expect(last).toBe(
      `Merci, votre message a bien été transmis comme urgent et sera traité en priorité. ${ADVICE_FR} Au revoir.`,
    );
  });

  it('when a caller of an open medical client goes to the voice message, then the advice comes before the beep', () => {
    const run = play(medical(), [digits('2'), noInput, noInput, noInput]);
    const actions = run.last.actions;
    const said = texts(actions);
    expect(said).toContain(ADVICE_FR);
    expect(said.indexOf(ADVICE_FR)).toBeLessThan(said.findIndex((t) => /bip/.test(t)));
    expect(types(actions)).toContain('record');
  });

  it('when the advice was said at the start, then it is not repeated before the recording', () => {
    // Closed, message only: the name question first; silent, the voice message is offered.
    const run = play(medical({ transfer: { outOfHours: 'message' } }), [noInput], {
      now: MONDAY_20H,
    });
    expect(texts(run.actions).filter((t) => t === ADVICE_FR)).toHaveLength(1);
    expect(types(run.last.actions)).toContain('record');
  });

  it.each([
    ['+33180000000', 'fr-FR', ADVICE_FR],
    ['+12025550100', 'en-US', 'If this is a life-threatening emergency, hang up and dial 911.'],
    ['+442071838750', 'en-US', 'If this is a life-threatening emergency, hang up and dial 999 or 112.'],
    ['+33180000000', 'en-US', 'If this is a life-threatening emergency, hang up and dial 15 or 112.'],
    ['+4930901820', 'fr-FR', "En cas d'urgence vitale, raccrochez et composez le 112."],
  ] as const)(
    'when a medical client is reached on %s in %s, then the advice names its country’s numbers',
    (number, locale, expected) => {
      const voice = locale === 'fr-FR' ? 'Polly.Lea-Neural' : 'Polly.Joanna-Neural';
      expect(
        emergencyAdvice(medical({ numbers: [number], locale, voice, timezone: 'Europe/Paris' }), locale),
      ).toBe(expected);
    },
  );
});

describe('nothing a transfer contradicts', () => {
  it('when a VIP calls while closed and a rule puts them through, then they hear no closed notice', () => {
    const profile = medical({
      vipNumbers: [CALLER],
      rules: [
        { name: 'VIP hors horaires', when: { caller: 'vip', open: false }, then: { type: 'transfer' } },
      ],
    });
    const { actions } = play(profile, [], { now: MONDAY_20H });
    const said = texts(actions).join(' ');
    expect(said).not.toMatch(/ferm/i);
    expect(said).not.toMatch(/112/);
    expect(types(actions)).toContain('dial');
  });

  it('when the rule would transfer but there is no one to transfer to, then the closed notice is said', () => {
    const profile = makeProfile({
      transferTargets: [],
      rules: [{ name: 'Tout transférer', when: { open: false }, then: { type: 'transfer' } }],
    });
    expect(texts(play(profile, [], { now: MONDAY_20H }).actions).join(' ')).toMatch(/ferm/i);
  });
});

describe('spoken style', () => {
  it('when a client has a spoken name, then the greeting uses it; else "chez" and the name', () => {
    expect(texts(play(medical(), []).actions)[0]).toBe(
      "Bonjour, vous êtes bien au cabinet Martin. Je suis l'assistante virtuelle.",
    );
    expect(texts(play(makeProfile({ name: 'Plomberie Durand' }), []).actions)[0]).toBe(
      "Bonjour, vous êtes bien chez Plomberie Durand. Je suis l'assistante virtuelle.",
    );
  });

  it('when a known caller calls a medical client, then they are not greeted by name and are asked it', () => {
    const caller = { number: CALLER, name: 'Sophie Bernard', known: true };
    const run = play(medical(), [digits('2')], { caller });
    expect(texts(run.actions).join(' ')).not.toMatch(/Sophie/);
    expect(run.state.step).toBe('name');
  });

  it('when a medical client chooses to greet known callers, then it does', () => {
    const caller = { number: CALLER, name: 'Sophie Bernard', known: true };
    const run = play(medical({ greetKnownCallers: true }), [], { caller });
    expect(texts(run.actions)[0]).toMatch(/^Bonjour Sophie Bernard, vous êtes bien au cabinet Martin/);
  });

  it('when another client does not want known callers greeted, then they are not', () => {
    const caller = { number: CALLER, name: 'Sophie Bernard', known: true };
    expect(texts(play(makeProfile({ greetKnownCallers: false }), [], { caller }).actions)[0]).toMatch(
      /^Bonjour, vous êtes bien/,
    );
  });

  it('when the reason is read back, then the caller’s words are quoted in lower case, with pauses after the name', () => {
    const run = play(makeProfile(), [
      digits('2'),
      speech('Sophie Bernard'),
      speech('Mon fils a une forte fièvre, c’est urgent.'),
      digits('1'),
    ]);
    const said = texts(run.actions).join(' ');
    expect(said).toContain('Merci, Sophie Bernard. En quelques mots');
    expect(said).toContain(
      'Je récapitule. Vous êtes Sophie Bernard. Votre message : mon fils a une forte fièvre, c’est urgent. Nous vous rappellerons au 06, 12, 34, 56, 78.',
    );
    expect(said).not.toMatch(/Je le transmets comme urgent/);
  });

  it('when the caller chose urgent without saying it, then the read-back says it once', () => {
    const run = play(makeProfile({ transferTargets: [] }), [
      digits('1'),
      speech('Sophie Bernard'),
      speech('Ma mère est tombée'),
      digits('1'),
    ]);
    const said = texts(run.last.actions).join(' ');
    expect(said).toContain('Votre message : ma mère est tombée.');
    expect(said.match(/urgent/g)).toHaveLength(1);
  });

  it.each([
    ['Mon fils a de la fièvre.', 'mon fils a de la fièvre'],
    ['SAMU déjà appelé', 'SAMU déjà appelé'],
    ["I'm locked out", "I'm locked out"],
    ['I need a plumber!', 'I need a plumber'],
    ['Renouvellement ordonnance…', 'renouvellement ordonnance'],
  ])('quoted(%j) is %j', (words, expected) => {
    expect(quoted(words)).toBe(expected);
  });

  it('when an English client reads back, then it speaks US English', () => {
    const p = makeProfile({
      locale: 'en-US',
      voice: 'Polly.Joanna-Neural',
      numbers: ['+12025550100'],
      timezone: 'America/New_York',
    });
    const run = play(
      p,
      [digits('2'), speech('John Smith'), speech("I'm locked out of my office"), digits('1'), digits('2')],
      { now: MONDAY_10H, caller: { number: '+12025550188', known: false } },
    );
    const said = texts(run.actions).join(' ');
    expect(said).toContain("Your message: I'm locked out of my office.");
    expect(said).toContain('We will call you back at 2 0 2, 5 5 5, 0 1 8 8.');
    expect(said).not.toMatch(/call you back on|dialled/);
  });
});
