/**
 * Understanding what callers say at every step: yes/no and numbers by speech, the first sentence
 * at the menu kept and acted on, an urgent reason read to the person taking the transfer, speech
 * hints, and a silent caller offered the voice message quickly.
 */
import { clientProfileSchema, handleEvent, type Action, type CallState } from '../../../src/flow';
import { understand } from '../../../src/flow/intents';
import { cleanReason } from '../../../src/flow/reason-text';
import { soundsUrgent, yesNo } from '../../../src/flow/speech';
import { digitsFromSpeech } from '../../../src/flow/spoken-number';
import { DEMO_CLIENT } from '../../../scripts/lib/seed';
import {
  digits,
  makeProfile,
  MONDAY_10H,
  MONDAY_20H,
  noInput,
  play,
  speech,
  storedMessage,
  texts,
  type Run,
} from './helpers';

const gatherOf = (actions: Action[]) => actions.find((a) => a.type === 'gather');
const whisper = (profile: ReturnType<typeof makeProfile>, state: CallState) =>
  texts(handleEvent(profile, state, { type: 'screen' }, MONDAY_10H).actions)[0];
const dialled = (actions: Action[]) =>
  actions.flatMap((a) => (a.type === 'dial' ? a.targets.map((t) => t.number) : []));

describe('yes or no by speech', () => {
  it.each([
    ['oui', true],
    ['Ouais', true],
    ["oui c'est bon", true],
    ['exact', true],
    ['Tout à fait.', true],
    ["d'accord", true],
    ['parfait', true],
    ['absolument', true],
    ['bien sûr', true],
    ["c'est ça", true],
    ['OK', true],
    ['pas de souci', true],
    ['yes', true],
    ['yeah', true],
    ["that's right", true],
    ['correct', true],
    ['sure', true],
    ['non', false],
    ["non c'est pas ça", false],
    ["Non, c'est pas ça.", false],
    ["ce n'est pas le bon numéro", false],
    ['pas du tout', false],
    ["c'est pas bon", false],
    ['no', false],
    ["that's wrong", false],
    ['not really', false],
    ["no that's not right", false],
    ['je ne sais pas', undefined],
    ['la météo de demain', undefined],
    ['', undefined],
  ] as const)('when the caller says "%s", then the answer is %s', (text, expected) => {
    expect(yesNo(text)).toBe(expected);
  });

  it.each([
    ["c'est urgent", true],
    ["ce n'est pas urgent", false],
    ['pas une urgence, je voudrais laisser un message', false],
    ["it's not an emergency", false],
  ] as const)('when the caller says "%s", then urgent is %s', (text, expected) => {
    expect(soundsUrgent(text)).toBe(expected);
  });
});

describe('a phone number said aloud', () => {
  it.each([
    ['06 12 34 56 78', '0612345678'],
    ['0612345678', '0612345678'],
    ['zéro six douze trente-quatre cinquante-six soixante-dix-huit', '0612345678'],
    ['c’est le zéro six, quatre-vingt-dix-neuf, soixante et onze, quatre-vingts, vingt et un', '0699718021'],
    ['+33 6 12 34 56 78', '+33612345678'],
    ['plus trente-trois six douze trente-quatre cinquante-six soixante-dix-huit', '+33612345678'],
    ['four one five five five five one two three four', '4155551234'],
    ['oui', undefined],
    ['douze', undefined],
  ] as const)('when the caller says "%s", then the digits are %s', (text, expected) => {
    expect(digitsFromSpeech(text)).toBe(expected);
  });
});

describe('what the first sentence asks for', () => {
  const profile = makeProfile({
    transferTargets: [
      { name: 'Dr Claire Martin', number: '+33611111111', ringSeconds: 20 },
      { name: 'Secrétariat', number: '+33622222222', ringSeconds: 15 },
    ],
  });
  it.each([
    [
      'Bonjour, je voudrais prendre rendez-vous avec le docteur',
      'appointment',
      'prendre rendez-vous avec le docteur',
    ],
    ['un rendez-vous jeudi', 'appointment', 'un rendez-vous jeudi'],
    ["I'd like to book an appointment for next week", 'appointment', 'book an appointment for next week'],
    ["Mon fils a une forte fièvre, c'est urgent", 'urgent', 'Mon fils a une forte fièvre'],
    ["mon fils a une forte fièvre c'est urgent", 'urgent', 'mon fils a une forte fièvre'],
    ['urgence', 'urgent', undefined],
    ["It's an emergency, my father fell down the stairs", 'urgent', 'my father fell down the stairs'],
    ['je voudrais laisser un message pour le docteur', 'message', 'laisser un message pour le docteur'],
    ['Je voudrais laisser un message', 'message', undefined],
    ['Leave a message please', 'message', undefined],
    ['Quels sont vos horaires ?', 'hours', undefined],
    ['what is your address', 'address', undefined],
    ['je voudrais parler au docteur Martin', 'person', undefined],
    ['I would like to speak to Claire', 'person', undefined],
    ["c'est au sujet de ma facture du mois dernier", 'content', 'ma facture du mois dernier'],
    ['Bonjour, c’est bien le cabinet Martin ?', undefined, undefined],
    ['oui bonjour', undefined, undefined],
    ['Bonjour, c’est Claire Dupont', undefined, undefined],
    ['la météo de demain', undefined, undefined],
  ] as const)('when the caller says "%s", then the intent is %s with reason %j', (text, intent, reason) => {
    const u = understand(text, profile);
    expect(u.intent).toBe(intent);
    expect(u.reason).toBe(reason);
  });

  it('when a caller asks for a target by name, then that target is the one understood', () => {
    expect(understand('je voudrais parler au docteur Martin', profile).target).toBe(0);
    expect(understand('le secrétariat, s’il vous plaît', profile).target).toBe(1);
  });

  it('when greetings, fillers and thanks surround the request, then only the request is kept', () => {
    expect(cleanReason('Oui bonjour, euh, je voudrais renouveler mon ordonnance, merci')).toBe(
      'renouveler mon ordonnance',
    );
    expect(cleanReason('Bonjour, merci')).toBeUndefined();
  });
});

describe('the callback number confirmed by speech', () => {
  /** Menu 2, name, reason; then the answers at the callback number. */
  const upToCallback = (...answers: Parameters<typeof handleEvent>[2][]): Run =>
    play(makeProfile(), [digits('2'), speech('Jean Dupont'), speech('Une facture'), ...answers]);

  it('when the number is read back, then the gather listens to speech and the prompt says how to answer', () => {
    const run = upToCallback();
    expect(gatherOf(run.last.actions)).toMatchObject({
      callback: 'callback-number',
      input: 'dtmf speech',
      hints: expect.arrayContaining(['oui', 'non']),
    });
    expect(texts(run.last.actions)[0]).toBe(
      'Nous vous rappellerons au 06, 12, 34, 56, 78. Dites oui ou tapez 1 pour confirmer, ou donnez-nous un autre numéro.',
    );
  });

  it('when the caller says "oui c\'est bon", then the number is accepted and the next question is asked', () => {
    const run = upToCallback(speech("oui c'est bon"));
    expect(run.state.step).toBe('urgency');
    expect(run.state.message.callbackNumber).toBe('+33612345678');
    expect(texts(run.last.actions).join(' ')).not.toMatch(/pas entendu|pas bien compris/);
  });

  it('when the caller says "non, ce n\'est pas le bon numéro", then they are asked for the number', () => {
    const run = upToCallback(speech("non, ce n'est pas le bon numéro"));
    expect(run.state.step).toBe('callback-number');
    expect(texts(run.last.actions)[0]).toBe(
      'Sur quel numéro pouvons-nous vous rappeler ? Dites-le, ou composez-le suivi de la touche dièse.',
    );
  });

  it('when the caller then says a number, then it is read back, and "oui" stores it', () => {
    const run = upToCallback(
      speech('non'),
      speech('zéro six quatre-vingt-dix-huit soixante-seize cinquante-quatre trente-deux'),
      speech('oui'),
      digits('2'),
      digits('1'),
    );
    expect(texts(run.transitions[5]?.actions ?? [])[0]).toMatch(
      /^Nous vous rappellerons au 06, 98, 76, 54, 32\. Dites oui/,
    );
    expect(storedMessage(run.effects)).toMatchObject({ callbackNumber: '+33698765432' });
  });

  it('when the caller says a number straight away, then it is read back for confirmation', () => {
    const run = upToCallback(speech('06 98 76 54 32'));
    expect(run.state.message.callbackCandidate).toBe('+33698765432');
    expect(texts(run.last.actions)[0]).toMatch(/^Nous vous rappellerons au 06, 98, 76, 54, 32\./);
  });

  it('when an English caller says "yeah", then the number is accepted', () => {
    const run = play(makeProfile({ locale: 'en-US' }), [
      digits('2'),
      speech('John Smith'),
      speech('An invoice'),
      speech('yeah'),
    ]);
    expect(run.state.step).toBe('urgency');
  });
});

describe('yes and no by speech at the urgency question and the read-back', () => {
  const toUrgency = [digits('2'), speech('Jean Dupont'), speech('Une facture'), digits('1')];

  it.each([
    ['tout à fait', true],
    ["oui c'est urgent", true],
    ["c'est urgent", true],
    ["non ce n'est pas urgent", false],
    ['pas du tout', false],
  ] as const)('when the caller answers "%s" at the urgency question, then urgent is %s', (text, urgent) => {
    const run = play(makeProfile(), [...toUrgency, speech(text)]);
    expect(run.state.step).toBe('confirm');
    expect(run.state.message.urgent).toBe(urgent);
  });

  it('when the caller says "c\'est parfait" at the read-back, then the message is kept', () => {
    const run = play(makeProfile(), [...toUrgency, digits('2'), speech("c'est parfait")]);
    expect(run.state.outcome).toBe('message');
  });

  it('when the caller says "non, c\'est pas ça" at the read-back, then message taking starts again', () => {
    const run = play(makeProfile(), [...toUrgency, digits('2'), speech("non, c'est pas ça")]);
    expect(run.state.step).toBe('name');
  });
});

describe('the first sentence at the menu is kept', () => {
  it('when the caller asks for an appointment, then a message is taken with the sentence as its reason, and the reason is not asked', () => {
    const run = play(makeProfile(), [
      speech('Bonjour, je voudrais prendre rendez-vous avec le docteur'),
      speech('Jean Dupont'),
      digits('1'),
      digits('2'),
      digits('1'),
    ]);
    const said = texts(run.actions).join(' ');
    expect(said).toContain(
      "Je note votre demande de rendez-vous ; nous vous rappellerons pour fixer l'horaire.",
    );
    expect(said).not.toMatch(/pas bien compris|objet de votre appel/);
    expect(said).toContain('Votre message : prendre rendez-vous avec le docteur.');
    expect(storedMessage(run.effects)).toMatchObject({
      callerName: 'Jean Dupont',
      reason: 'prendre rendez-vous avec le docteur',
      urgent: false,
      final: true,
    });
  });

  it('when the caller asks to leave a message about something, then the reason is pre-filled', () => {
    const run = play(makeProfile(), [speech('je voudrais laisser un message pour le docteur')]);
    expect(run.state.step).toBe('name');
    expect(run.state.message.reason).toBe('laisser un message pour le docteur');
  });

  it('when the caller only asks to leave a message, then the reason is still asked', () => {
    const run = play(makeProfile(), [speech('Je voudrais laisser un message'), speech('Jean Dupont')]);
    expect(run.state.step).toBe('reason');
  });

  it('when the sentence has no intent but real content, then a message is taken with it at once', () => {
    const run = play(makeProfile(), [speech("c'est au sujet de ma facture du mois dernier")]);
    expect(run.state.step).toBe('name');
    expect(run.state.message.reason).toBe('ma facture du mois dernier');
    expect(texts(run.last.actions)[0]).toBe('Très bien, je note votre demande.');
  });

  it('when the sentence says it is not urgent, then the call is not treated as urgent', () => {
    const run = play(makeProfile(), [speech("ce n'est pas urgent, je voudrais laisser un message")]);
    expect(run.state.step).toBe('name');
    expect(run.state.urgentHeard).toBe(false);
  });

  it('when an English caller asks to book an appointment, then the English words are said', () => {
    const run = play(makeProfile({ locale: 'en-US' }), [speech("I'd like to book an appointment")]);
    expect(texts(run.last.actions)[0]).toBe(
      'I will note your appointment request; we will call you back to set a time.',
    );
    expect(run.state.message.reason).toBe('book an appointment');
  });
});

describe('a person asked for by name', () => {
  const profile = makeProfile({
    transferTargets: [
      { name: 'Dr Claire Martin', number: '+33611111111', ringSeconds: 20 },
      { name: 'Secrétariat', number: '+33622222222', ringSeconds: 15 },
    ],
  });

  it('when open, then the named target is dialled first, then the others', () => {
    const run = play(profile, [
      speech('je voudrais parler au secrétariat'),
      { type: 'dial-result', status: 'no-answer' },
    ]);
    expect(dialled(run.transitions[1]?.actions ?? [])).toEqual(['+33622222222']);
    expect(dialled(run.last.actions)).toEqual(['+33611111111']);
  });

  it('when the caller says it is urgent and names a target, then that target is dialled first', () => {
    const run = play(profile, [speech("c'est urgent, je dois parler au secrétariat")]);
    expect(run.state.step).toBe('transfer');
    expect(dialled(run.last.actions)).toEqual(['+33622222222']);
  });

  it('when closed, then a message is taken for them and its reason says for whom', () => {
    const closedWithMenu = makeProfile({
      transferTargets: profile.transferTargets,
      transfer: { outOfHours: 'urgent-only' },
    });
    const run = play(
      closedWithMenu,
      [speech('je voudrais parler au docteur Martin'), speech('Jean Dupont'), speech('mes résultats')],
      { now: MONDAY_20H },
    );
    expect(texts(run.transitions[1]?.actions ?? [])[0]).toBe(
      'Je vais prendre votre message pour Dr Claire Martin.',
    );
    expect(run.state.message.reason).toBe('Pour Dr Claire Martin : mes résultats');
  });
});

describe('an urgent reason said at the menu', () => {
  const SENTENCE = "Mon fils a une forte fièvre, c'est urgent";

  it('when the target answers, then the whisper reads the reason', () => {
    const profile = makeProfile();
    const run = play(profile, [speech(SENTENCE)], {
      caller: { number: '+33612345678', name: 'Jean Dupont', known: true },
    });
    expect(run.state.step).toBe('transfer');
    expect(whisper(profile, run.state)).toBe(
      "Appel urgent pour Cabinet Martin, de Jean Dupont, au 06, 12, 34, 56, 78. Motif : mon fils a une forte fièvre. Tapez 1 pour prendre l'appel.",
    );
  });

  it('when an English target answers, then the English whisper reads the reason', () => {
    const profile = makeProfile({ locale: 'en-US' });
    const run = play(profile, [speech("It's an emergency, my father fell down the stairs")]);
    expect(whisper(profile, run.state)).toContain('Reason: my father fell down the stairs. Press 1');
  });

  it('when nobody takes the call, then the reason is not asked again and is stored on the message', () => {
    const run = play(makeProfile(), [
      speech(SENTENCE),
      { type: 'dial-result', status: 'no-answer' },
      { type: 'dial-result', status: 'busy' },
      speech('Jean Dupont'),
      digits('1'),
      digits('1'),
    ]);
    expect(texts(run.actions).join(' ')).not.toMatch(/objet de votre appel|Votre demande est-elle urgente/);
    expect(storedMessage(run.effects)).toMatchObject({
      reason: 'Mon fils a une forte fièvre',
      urgent: true,
      final: true,
    });
  });
});

describe('speech hints', () => {
  const profile = makeProfile({ vocabulary: ['docteur Martin', 'ordonnance', 'certificat, médical'] });
  const hintsOf = (actions: Action[]) => {
    const g = gatherOf(actions);
    return g?.type === 'gather' ? (g.hints ?? []) : [];
  };

  it('when the menu is asked, then its hints hold the menu words, the vocabulary and the targets’ names', () => {
    const hints = hintsOf(play(profile, []).actions);
    expect(hints).toEqual(
      expect.arrayContaining(['urgence', 'rendez-vous', 'ordonnance', 'Dr Martin', 'Secrétariat']),
    );
    expect(hints).toContain('certificat médical');
  });

  it('when the name and reason are asked, then the vocabulary is hinted', () => {
    const run = play(profile, [digits('2'), speech('Jean Dupont')]);
    expect(hintsOf(run.transitions[1]?.actions ?? [])).toContain('ordonnance');
    expect(hintsOf(run.last.actions)).toContain('ordonnance');
  });

  it('when a yes/no question is asked, then yes/no words are hinted', () => {
    const run = play(profile, [digits('2'), speech('Jean'), speech('facture'), digits('1')]);
    expect(hintsOf(run.last.actions)).toEqual(expect.arrayContaining(['oui', 'non']));
  });

  it('when the vocabulary is long, then the hints stay within Twilio’s limits', () => {
    const big = makeProfile({
      vocabulary: Array.from({ length: 100 }, (_, i) => `mot numéro ${i} ${'x'.repeat(40)}`),
    });
    const hints = hintsOf(play(big, []).actions);
    expect(hints.length).toBeLessThanOrEqual(100);
    expect(hints.every((h) => h.length <= 100 && !h.includes(','))).toBe(true);
  });
});

describe('a silent caller', () => {
  /** The simulator's clock (scripts/simulator/verbs.ts): 14 characters a second of speech, the gather's timeout. */
  const CHARS_PER_SECOND = 14;
  const spoken = (a: Action): number =>
    (a.type === 'say' ? [a.text] : a.type === 'gather' ? a.prompt.map((p) => p.text) : []).reduce(
      (sum, t) => sum + Math.ceil(t.length / CHARS_PER_SECOND),
      0,
    );
  /** Simulated seconds until the beep (the `record` verb), the caller silent throughout. */
  function secondsUntilBeep(profile: ReturnType<typeof clientProfileSchema.parse>, now?: Date): number {
    for (let silences = 0; silences <= 12; silences += 1) {
      const run = play(
        profile,
        Array.from({ length: silences }, () => noInput),
        now ? { now } : {},
      );
      if (run.state.step !== 'recording') continue;
      const actions = run.transitions.flatMap((t) => t.actions);
      const beep = actions.findIndex((a) => a.type === 'record');
      return actions
        .slice(0, beep)
        .reduce((sum, a) => sum + spoken(a) + (a.type === 'gather' ? a.timeoutSeconds : 0), 0);
    }
    return Infinity;
  }

  it('when the demo client’s caller says nothing, then the beep of the voice message comes within 45 s of call time', () => {
    const demo = clientProfileSchema.parse(DEMO_CLIENT);
    expect(secondsUntilBeep(demo)).toBeLessThanOrEqual(45);
  });

  it('when the medical client is closed and the caller says nothing, then the beep still comes within 45 s', () => {
    const demo = clientProfileSchema.parse(DEMO_CLIENT);
    expect(secondsUntilBeep(demo, MONDAY_20H)).toBeLessThanOrEqual(45);
  });

  it('when the call starts with the name question (closed) and the caller is silent, then "Allô ?" and the voice message at once', () => {
    const run = play(makeProfile(), [noInput], { now: MONDAY_20H });
    expect(run.state.step).toBe('recording');
    expect(texts(run.last.actions)).toContain(
      'Allô ? Je ne vous entends pas. Après le bip, laissez votre nom, votre numéro et votre message.',
    );
    expect(run.last.actions.some((a) => a.type === 'record')).toBe(true);
  });

  it('when the caller spoke once, then a later silence gets the normal retries', () => {
    const run = play(makeProfile(), [speech('la météo'), noInput, noInput]);
    expect(run.state.step).not.toBe('recording');
  });

  it('when recording is never allowed, then a silent caller gets the normal retries', () => {
    const run = play(makeProfile({ messageTaking: { recording: 'never' } }), [noInput, noInput]);
    expect(run.state.step).toBe('menu');
    expect(texts(run.last.actions)[0]).toBe('Excusez-moi, je ne vous ai pas entendu.');
  });
});
