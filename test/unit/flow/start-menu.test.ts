import { startCall, type Action } from '../../../src/flow';
import {
  assertNoSilentEnd,
  CALLER,
  digits,
  makeProfile,
  MONDAY_10H,
  MONDAY_20H,
  noInput,
  outcomes,
  play,
  speech,
  texts,
  types,
} from './helpers';

const gatherOf = (actions: Action[]) => actions.find((a) => a.type === 'gather');

describe('call start', () => {
  it('when a caller reaches an open client, then they are greeted in French by name, told about recording, and offered the menu', () => {
    const { actions, state } = play(makeProfile(), []);
    expect(texts(actions)[0]).toBe(
      "Bonjour, vous êtes bien chez Cabinet Martin. Je suis l'assistante virtuelle.",
    );
    expect(texts(actions)[1]).toMatch(/enregistré/);
    expect(actions[0]).toMatchObject({ type: 'say', voice: 'Polly.Lea-Neural', language: 'fr-FR' });
    expect(gatherOf(actions)).toMatchObject({
      callback: 'menu',
      input: 'dtmf speech',
      numDigits: 1,
      language: 'fr-FR',
    });
    expect(state.step).toBe('menu');
    assertNoSilentEnd(actions);
  });

  it('when the client is English with a chosen voice and a custom greeting, then that greeting and voice are used', () => {
    const p = makeProfile({
      locale: 'en-US',
      voice: 'Polly.Matthew-Neural',
      greeting: 'Thanks for calling Martin & Co.',
    });
    const { actions } = play(p, []);
    expect(actions[0]).toEqual({
      type: 'say',
      text: 'Thanks for calling Martin & Co.',
      voice: 'Polly.Matthew-Neural',
      language: 'en-US',
    });
    expect(gatherOf(actions)).toMatchObject({ language: 'en-US' });
  });

  it('when a known caller calls, then they are greeted by name and not asked their name later', () => {
    const run = play(makeProfile(), [digits('2')], {
      caller: { number: CALLER, name: 'Jeanne Durand', known: true },
    });
    expect(texts(run.actions)[0]).toBe(
      "Bonjour Jeanne Durand, vous êtes bien chez Cabinet Martin. Je suis l'assistante virtuelle.",
    );
    expect(run.state.step).toBe('reason');
    expect(texts(run.last.actions).join(' ')).toMatch(/Merci, Jeanne Durand\. En quelques mots/);
  });

  it('when the recording notice is off, then no notice is said', () => {
    const { actions } = play(makeProfile({ consent: { recordingNotice: false } }), []);
    expect(texts(actions).some((t) => t.includes('enregistré'))).toBe(false);
  });

  it('when a blocked number calls, then reject is the very first and only action', () => {
    const t = startCall({
      profile: makeProfile({ blockedNumbers: [CALLER] }),
      caller: { number: CALLER, known: true },
      callSid: 'CA1',
      now: MONDAY_10H,
    });
    expect(t.actions).toEqual([{ type: 'reject', reason: 'rejected' }]);
    expect(outcomes(t.effects)).toEqual(['rejected']);
    expect(t.state.step).toBe('done');
  });

  it('when a rule rejects unknown callers, then reject is the very first action', () => {
    const p = makeProfile({
      rules: [{ name: 'no strangers', when: { caller: 'unknown' }, then: { type: 'reject' } }],
    });
    expect(play(p, []).actions).toEqual([{ type: 'reject', reason: 'rejected' }]);
  });

  it('when a VIP calls during opening hours, then the call is transferred straight away (built-in)', () => {
    const { actions, state } = play(makeProfile({ vipNumbers: [CALLER] }), []);
    expect(types(actions)).toEqual(['say', 'say', 'say', 'dial']);
    expect(state.step).toBe('transfer');
  });

  it('when a VIP calls after hours, then they get the out-of-hours path like anyone else', () => {
    const { state, actions } = play(makeProfile({ vipNumbers: [CALLER] }), [], { now: MONDAY_20H });
    expect(state.step).toBe('name');
    expect(texts(actions)).toContain('Nous sommes fermés pour le moment, nous rouvrons demain à 9 h.');
  });

  it('when a VIP calls after hours and a rule says transfer VIPs when closed, then the call is transferred', () => {
    const p = makeProfile({
      vipNumbers: [CALLER],
      rules: [{ name: 'vip', when: { caller: 'vip', open: false }, then: { type: 'transfer' } }],
    });
    expect(play(p, [], { now: MONDAY_20H }).state.step).toBe('transfer');
  });

  it('when the client is closed and out-of-hours is message only, then the reopening is said and the message starts', () => {
    const { actions, state } = play(makeProfile(), [], { now: MONDAY_20H });
    const said = texts(actions);
    expect(said).toContain('Nous sommes fermés pour le moment, nous rouvrons demain à 9 h.');
    expect(said).not.toContainEqual(expect.stringMatching(/Nous sommes ouverts/));
    expect(state.step).toBe('name');
    expect(gatherOf(actions)).toMatchObject({ callback: 'name', input: 'speech' });
  });

  it('when the client is closed with urgent-only transfers, then the menu is offered and urgent transfers', () => {
    const p = makeProfile({ transfer: { outOfHours: 'urgent-only' } });
    const start = play(p, [], { now: MONDAY_20H });
    expect(start.state.step).toBe('menu');
    const urgent = play(p, [digits('1')], { now: MONDAY_20H });
    expect(urgent.state.step).toBe('transfer');
    expect(urgent.state.message.urgent).toBe(true);
  });

  it('when the default action is a rule at start time (open), then a start rule wins over the menu', () => {
    const p = makeProfile({
      rules: [{ name: 'always message', when: { open: true }, then: { type: 'message' } }],
    });
    expect(play(p, []).state.step).toBe('name');
  });
});

describe('menu', () => {
  it.each([
    ['1', 'transfer'],
    ['2', 'name'],
    ['3', 'menu'],
    ['4', 'menu'],
  ])('when the caller presses %s, then the next step is %s', (d, step) => {
    expect(play(makeProfile(), [digits(d)]).state.step).toBe(step);
  });

  it.each([
    ["C'est urgent", 'transfer'],
    ['Je voudrais laisser un message', 'name'],
    ["Vos heures d'ouverture ?", 'menu'],
    ['Où êtes-vous situés ?', 'menu'],
  ])('when the caller says "%s", then the next step is %s', (text, step) => {
    expect(play(makeProfile(), [speech(text)]).state.step).toBe(step);
  });

  it.each([
    ['emergency', 'transfer'],
    ['I want to leave a message', 'name'],
  ])('when an English caller says "%s", then the next step is %s', (text, step) => {
    expect(play(makeProfile({ locale: 'en-US' }), [speech(text)]).state.step).toBe(step);
  });

  it('when the caller asks for the hours, then the hours and until when we are open are read, then the menu', () => {
    const { last } = play(makeProfile(), [digits('3')]);
    expect(texts(last.actions)[0]).toBe(
      'Nous sommes ouverts du lundi au vendredi de 9 h à 12 h et de 14 h à 18 h, et le samedi de 9 h à 12 h. ' +
        "Nous sommes ouverts en ce moment, jusqu'à 12 h.",
    );
    expect(texts(last.actions)[1]).toBe('Puis-je faire autre chose pour vous ?');
    expect(gatherOf(last.actions)).toMatchObject({ callback: 'menu' });
    assertNoSilentEnd(last.actions);
  });

  it('when the caller asks for the address then hangs up, then the outcome is information', () => {
    const run = play(makeProfile(), [speech('adresse'), { type: 'hangup' }]);
    expect(texts(run.transitions[1]?.actions ?? [])[0]).toBe('Notre adresse est : 12 rue de la Paix, Paris.');
    expect(outcomes(run.effects)).toEqual(['information']);
  });

  it('when the caller says something unrelated, then they are re-prompted twice and then the default action applies', () => {
    const run = play(makeProfile(), [speech('la météo'), digits('9'), speech('bof')]);
    expect(texts(run.transitions[1]?.actions ?? [])[0]).toBe("Excusez-moi, je n'ai pas bien compris.");
    expect(run.transitions[2]?.state.step).toBe('menu');
    expect(run.transitions[2]?.state.attempts).toBe(2);
    expect(run.state.step).toBe('name');
    expect(texts(run.last.actions)).toContain('Je vais prendre votre message.');
  });

  it('when a rule on the menu choice says something, then it is said and the menu comes back', () => {
    const p = makeProfile({
      rules: [
        {
          name: 'hours',
          when: { menuChoice: 'hours' },
          then: { type: 'say', text: 'Ouvert tous les jours.' },
        },
      ],
    });
    const { last } = play(p, [digits('3')]);
    expect(texts(last.actions)[0]).toBe('Ouvert tous les jours.');
    expect(last.state.step).toBe('menu');
  });

  it('when a rule rejects a menu choice after answering, then the caller hears a goodbye and the call ends as rejected', () => {
    const p = makeProfile({
      rules: [{ name: 'no address', when: { menuChoice: 'address' }, then: { type: 'reject' } }],
    });
    const run = play(p, [digits('4')]);
    expect(types(run.last.actions)).toEqual(['say', 'hangup']);
    expect(outcomes(run.effects)).toEqual(['rejected']);
  });

  it('when the caller picks urgent while open and there are no transfer targets, then the message is taken as urgent', () => {
    const run = play(makeProfile({ transferTargets: [] }), [digits('1')]);
    expect(run.state.step).toBe('name');
    expect(run.state.message.urgent).toBe(true);
  });

  it('when the menu times out before the caller said anything, then the voice message is offered, not the whole menu again', () => {
    const { last } = play(makeProfile(), [noInput]);
    expect(texts(last.actions)[0]).toMatch(/^Allô \? Je ne vous entends pas\./);
    expect(last.actions.map((a) => a.type)).toContain('record');
  });

  it('when the menu times out after the caller spoke, then they are told they were not heard and the menu repeats', () => {
    const { last } = play(makeProfile(), [speech('la météo de demain'), noInput]);
    expect(texts(last.actions)[0]).toBe('Excusez-moi, je ne vous ai pas entendu.');
    expect(texts(last.actions)[1]).toMatch(/^Dites-moi ce que vous souhaitez, ou tapez 1 pour une urgence/);
    expect(gatherOf(last.actions)).toMatchObject({ callback: 'menu' });
  });
});
