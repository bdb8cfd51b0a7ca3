import { CALLER, digits, makeProfile, outcomes, play, speech, storedMessage, texts, types } from './helpers';

const NAME = speech("Je m'appelle Jean Dupont.");
const REASON = speech('Je voudrais déplacer mon rendez-vous de jeudi');

describe('message taking', () => {
  it('when a caller leaves a full message, then every question is asked in order and the message is stored as complete', () => {
    const run = play(makeProfile(), [digits('2'), NAME, REASON, digits('1'), speech('non'), digits('1')]);
    const asked = run.transitions.map((t) => t.state.step);
    expect(asked).toEqual(['menu', 'name', 'reason', 'callback-number', 'urgency', 'confirm', 'done']);
    expect(texts(run.transitions[2]?.actions ?? [])).toEqual([
      "Merci, Jean Dupont. En quelques mots, quel est l'objet de votre appel ?",
    ]);
    expect(texts(run.transitions[3]?.actions ?? [])).toEqual([
      'Nous vous rappellerons au 06, 12, 34, 56, 78. Dites oui ou tapez 1 pour confirmer, ou donnez-nous un autre numéro.',
    ]);
    expect(texts(run.transitions[5]?.actions ?? [])).toEqual([
      'Je récapitule. Vous êtes Jean Dupont. Votre message : je voudrais déplacer mon rendez-vous de jeudi. Nous vous rappellerons au 06, 12, 34, 56, 78.',
      "Si c'est correct, tapez 1 ou dites oui. Pour recommencer, tapez 2 ou dites non.",
    ]);
    expect(texts(run.last.actions)).toEqual([
      'Merci, votre message a bien été transmis. Nous vous rappellerons dans les meilleurs délais. Au revoir.',
    ]);
    expect(types(run.last.actions)).toEqual(['say', 'hangup']);
    expect(storedMessage(run.effects)).toEqual({
      key: 'message:CA00000000000000000000000000000001',
      callSid: 'CA00000000000000000000000000000001',
      callerName: 'Jean Dupont',
      callerNumber: CALLER,
      callbackNumber: CALLER,
      reason: 'Je voudrais déplacer mon rendez-vous de jeudi',
      urgent: false,
      summary:
        'Message de Jean Dupont, à rappeler au 06 12 34 56 78. Objet : Je voudrais déplacer mon rendez-vous de jeudi.',
      final: true,
    });
    expect(outcomes(run.effects)).toEqual(['message']);
  });

  it('when the caller types another callback number, then it is read back, confirmed with 1 and stored in E.164', () => {
    const run = play(makeProfile(), [
      digits('2'),
      NAME,
      REASON,
      digits('0698765432'),
      digits('1'),
      digits('2'),
      digits('1'),
    ]);
    expect(texts(run.transitions[4]?.actions ?? [])[0]).toMatch(
      /^Nous vous rappellerons au 06, 98, 76, 54, 32\. Dites oui ou tapez 1/,
    );
    expect(storedMessage(run.effects)).toMatchObject({
      callbackNumber: '+33698765432',
      callerNumber: CALLER,
    });
    expect(storedMessage(run.effects)?.summary).toContain('à rappeler au 06 98 76 54 32');
  });

  it('when the caller ID is withheld, then the callback number is asked for, not read back', () => {
    const run = play(makeProfile(), [digits('2'), NAME, REASON], {
      caller: { number: 'anonymous', known: false },
    });
    expect(texts(run.last.actions)).toEqual([
      'Sur quel numéro pouvons-nous vous rappeler ? Dites-le, ou composez-le suivi de la touche dièse.',
    ]);
    const typed = play(makeProfile(), [digits('2'), NAME, REASON, digits('1')], {
      caller: { number: 'anonymous', known: false },
    });
    expect(texts(typed.last.actions)[0]).toBe("Excusez-moi, je n'ai pas bien compris.");
  });

  it('when the reason already sounds urgent, then the urgency question is skipped and the message is urgent', () => {
    const run = play(makeProfile(), [digits('2'), NAME, speech("C'est urgent, j'ai une fuite"), digits('1')]);
    expect(run.state.step).toBe('confirm');
    expect(run.state.message.urgent).toBe(true);
    const done = play(makeProfile(), [
      digits('2'),
      NAME,
      speech("C'est urgent, j'ai une fuite"),
      digits('1'),
      speech('oui'),
    ]);
    expect(texts(done.last.actions)[0]).toMatch(/transmis comme urgent/);
    expect(storedMessage(done.effects)?.summary).toMatch(/URGENT\.$/);
  });

  it.each([
    [digits('1'), true],
    [speech('oui'), true],
    [digits('2'), false],
    [speech('non, pas du tout'), false],
  ])('when asked about urgency the caller answers %j, then urgent is %s', (answer, urgent) => {
    const run = play(makeProfile(), [digits('2'), NAME, REASON, digits('1'), answer]);
    expect(run.state.message.urgent).toBe(urgent);
  });

  it('when the caller says no at the read-back, then the message starts again once, and the second no still stores it', () => {
    const events = [digits('2'), NAME, REASON, digits('1'), digits('2'), digits('2')];
    const restarted = play(makeProfile(), events);
    expect(texts(restarted.last.actions)[0]).toBe('Très bien, reprenons.');
    expect(restarted.state.step).toBe('name');
    expect(restarted.state.message).toEqual({});
    const again = play(makeProfile(), [
      ...events,
      speech('Paul Martin'),
      REASON,
      digits('1'),
      digits('2'),
      digits('2'),
    ]);
    expect(storedMessage(again.effects)?.callerName).toBe('Paul Martin');
    expect(outcomes(again.effects)).toEqual(['message']);
  });

  it('when the English client takes a message, then prompts and summary are in English', () => {
    const p = makeProfile({ locale: 'en-US', numbers: ['+14155550100'] });
    const run = play(
      p,
      [
        digits('2'),
        speech('My name is John Smith'),
        speech('About my invoice'),
        digits('1'),
        speech('yes'),
        digits('1'),
      ],
      {
        caller: { number: '+14155551234', known: false },
      },
    );
    expect(texts(run.transitions[3]?.actions ?? [])[0]).toBe(
      'We will call you back at 4 1 5, 5 5 5, 1 2 3 4. Say yes or press 1 to confirm, or give us another number.',
    );
    expect(storedMessage(run.effects)?.summary).toBe(
      'Message from John Smith, call back at (415) 555-1234. About: About my invoice. URGENT.',
    );
    expect(texts(run.last.actions)[0]).toBe(
      'Thank you, your message has been passed on as urgent and will be handled first. Goodbye.',
    );
  });

  it('when recording is always on, then a voice message follows the questions and is in the stored message', () => {
    const p = makeProfile({ messageTaking: { recording: 'always' } });
    const run = play(p, [
      digits('2'),
      NAME,
      REASON,
      digits('1'),
      digits('2'),
      { type: 'recording', url: 'https://api.twilio.com/rec/RE1', sid: 'RE1', durationSeconds: 12 },
      digits('1'),
    ]);
    const recordStep = run.transitions[5]?.actions ?? [];
    expect(types(recordStep)).toEqual(['say', 'record', 'redirect']);
    expect(recordStep[1]).toEqual({
      type: 'record',
      maxLengthSeconds: 120,
      timeoutSeconds: 5,
      transcribe: true,
      callback: 'recording',
      transcribeCallback: 'transcription',
      playBeep: true,
    });
    expect(recordStep[2]).toEqual({ type: 'redirect', callback: 'recording-empty' });
    expect(texts(run.transitions[6]?.actions ?? [])[0]).toContain('Vous avez laissé un message vocal');
    expect(storedMessage(run.effects)?.recording).toEqual({
      url: 'https://api.twilio.com/rec/RE1',
      sid: 'RE1',
      durationSeconds: 12,
    });
    expect(storedMessage(run.effects)?.summary).toMatch(/Message vocal joint\.$/);
  });

  it('when recording is always on but the caller records nothing after answering, then the read-back still follows', () => {
    const p = makeProfile({ messageTaking: { recording: 'always' } });
    const run = play(p, [digits('2'), NAME, REASON, digits('1'), digits('2'), { type: 'recording-empty' }]);
    expect(run.state.step).toBe('confirm');
  });

  it('when the caller hangs up after giving their name, then what was collected is stored as a message', () => {
    const run = play(makeProfile(), [digits('2'), NAME, { type: 'hangup' }]);
    expect(run.last.actions).toEqual([]);
    expect(storedMessage(run.effects)).toMatchObject({ callerName: 'Jean Dupont', final: true });
    expect(outcomes(run.effects)).toEqual(['message']);
  });

  it('when the hangup status arrives twice, then the second one changes nothing', () => {
    const run = play(makeProfile(), [digits('2'), NAME, { type: 'hangup' }, { type: 'hangup' }]);
    expect(run.last.effects).toEqual([]);
  });
});
