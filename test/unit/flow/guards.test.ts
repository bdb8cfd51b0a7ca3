import { deOrElided } from '../../../src/flow/prompts';
import {
  clientProfileSchema,
  failSafe,
  failSafeAfterDial,
  handleEvent,
  unknownNumber,
  type FlowEvent,
} from '../../../src/flow';
import {
  assertNoSilentEnd,
  digits,
  makeProfile,
  MONDAY_20H,
  noInput,
  outcomes,
  play,
  speech,
  storedMessage,
  texts,
  types,
} from './helpers';

const silence = (n: number): FlowEvent[] => Array.from({ length: n }, () => noInput);

describe('a caller who never answers', () => {
  it('when the caller stays silent at the menu, then "Allô ?" and straight to a voice recording', () => {
    const run = play(makeProfile(), silence(1));
    // The menu, then the voice message: no menu again, no name nor reason questions.
    expect(run.transitions.map((t) => t.state.step)).toEqual(['menu', 'recording']);
    expect(types(run.last.actions)).toEqual(['say', 'record', 'redirect']);
    expect(texts(run.last.actions)[0]).toBe(
      'Allô ? Je ne vous entends pas. Après le bip, laissez votre nom, votre numéro et votre message.',
    );
  });

  it('when the silent caller then leaves a voice message, then it is stored with the caller ID to call back', () => {
    const rec: FlowEvent = {
      type: 'recording',
      url: 'https://api.twilio.com/rec/RE9',
      sid: 'RE9',
      durationSeconds: 20,
    };
    const run = play(makeProfile(), [...silence(1), rec]);
    expect(storedMessage(run.effects)).toMatchObject({
      callbackNumber: '+33612345678',
      recording: { sid: 'RE9' },
      final: true,
    });
    expect(storedMessage(run.effects)?.summary).toBe(
      "Message d'un appelant non identifié, à rappeler au 06 12 34 56 78. Objet : non précisé. Message vocal joint.",
    );
    expect(outcomes(run.effects)).toEqual(['message']);
  });

  it('when the recording comes back empty, then the caller hears closing words and the call is abandoned', () => {
    const run = play(makeProfile(), [...silence(1), { type: 'recording-empty' }]);
    expect(texts(run.last.actions)).toEqual([
      "Je n'ai pas reçu de message. N'hésitez pas à nous rappeler. Au revoir.",
    ]);
    expect(types(run.last.actions)).toEqual(['say', 'hangup']);
    expect(outcomes(run.effects)).toEqual(['abandoned']);
    expect(storedMessage(run.effects)).toBeUndefined();
  });

  it('when the name was given but the reason never, and the recording is empty, then what was collected is still stored', () => {
    const run = play(makeProfile(), [
      digits('2'),
      speech('Jean'),
      ...silence(3),
      { type: 'recording-empty' },
    ]);
    expect(outcomes(run.effects)).toEqual(['abandoned']);
    expect(storedMessage(run.effects)).toMatchObject({ callerName: 'Jean', final: true });
  });

  it('when recording is disabled, then a silent caller goes through every question and a message with the caller ID is kept', () => {
    const run = play(makeProfile({ messageTaking: { recording: 'never' } }), silence(18));
    expect(run.state.step).toBe('done');
    expect(types(run.actions)).not.toContain('record');
    expect(storedMessage(run.effects)).toMatchObject({ callbackNumber: '+33612345678', urgent: false });
  });

  it('when speech comes back with a very low confidence, then it counts as not understood', () => {
    const run = play(makeProfile(), [digits('2'), speech('Jean', 0.05)]);
    expect(run.state.step).toBe('name');
    expect(texts(run.last.actions)[0]).toBe("Excusez-moi, je n'ai pas bien compris.");
  });
});

describe('every gather is followed by a redirect', () => {
  const scenarios: [string, FlowEvent[], Parameters<typeof play>[2]][] = [
    ['silent caller', silence(8), {}],
    [
      'full message',
      [digits('2'), speech('Jean'), speech('facture'), digits('1'), digits('2'), digits('1')],
      {},
    ],
    ['hours then message', [digits('3'), digits('4'), digits('2'), noInput, speech('Jean')], {}],
    [
      'failed transfer',
      [
        digits('1'),
        { type: 'dial-result', status: 'no-answer' },
        { type: 'dial-result', status: 'busy' },
        noInput,
      ],
      {},
    ],
    ['closed', silence(8), { now: MONDAY_20H }],
    ['always recording', [digits('2'), speech('Jean'), speech('facture'), digits('1'), digits('2')], {}],
  ];
  it.each(scenarios)(
    'when the call is a %s, then no gather or record can end in silence',
    (_l, events, opts) => {
      const profile =
        _l === 'always recording' ? makeProfile({ messageTaking: { recording: 'always' } }) : makeProfile();
      const run = play(profile, events, opts);
      for (const t of run.transitions) assertNoSilentEnd(t.actions);
      expect(run.transitions.every((t) => t.actions.length > 0)).toBe(true);
    },
  );
});

describe('maximum call length', () => {
  it('when the call has lasted maxCallSeconds, then the next event ends it politely and keeps what was said', () => {
    const p = makeProfile({ maxCallSeconds: 120 });
    const run = play(p, [digits('2'), speech('Jean Dupont'), speech('facture')], { stepSeconds: 40 });
    expect(texts(run.last.actions)).toEqual([
      'Je suis désolée, nous devons écourter cet appel. Ce que vous avez dit a bien été noté. Au revoir.',
    ]);
    expect(storedMessage(run.effects)).toMatchObject({ callerName: 'Jean Dupont', final: true });
    expect(outcomes(run.effects)).toEqual(['message']);
  });

  it('when the edge reports a timeout, then the call ends even before the limit', () => {
    const run = play(makeProfile(), [{ type: 'timeout' }]);
    expect(types(run.last.actions)).toEqual(['say', 'hangup']);
    expect(outcomes(run.effects)).toEqual(['abandoned']);
  });

  it('when a transfer starts late in the call, then the dial time limit is what remains', () => {
    const p = makeProfile({ maxCallSeconds: 300 });
    const run = play(p, [speech('bof'), digits('1')], { stepSeconds: 100 });
    expect(run.last.actions.find((a) => a.type === 'dial')).toMatchObject({ timeLimitSeconds: 100 });
  });

  it('when a bridged transfer ends after the limit, then it is still recorded as transferred', () => {
    const p = makeProfile({ maxCallSeconds: 60 });
    const start = play(p, [digits('1')]);
    const t = handleEvent(
      p,
      start.state,
      { type: 'dial-result', status: 'completed', bridged: true },
      new Date(Date.parse(start.state.startedAt) + 3_600_000),
    );
    expect(outcomes(t.effects)).toEqual(['transferred']);
  });
});

describe('timeline and persistence', () => {
  it('when the call moves between steps, then each step is emitted with the instant it happened', () => {
    const run = play(makeProfile(), [digits('2')]);
    const steps = run.effects.filter((e) => e.type === 'step');
    expect(steps).toEqual([
      { type: 'step', name: 'start', detail: 'open', at: '2026-11-23T09:00:00.000Z' },
      { type: 'step', name: 'menu', detail: '', at: '2026-11-23T09:00:00.000Z' },
      { type: 'step', name: 'name', detail: '', at: '2026-11-23T09:00:10.000Z' },
    ]);
  });

  it('when events are applied, then the turn counts them so the edge can spot a Twilio retry', () => {
    const run = play(makeProfile(), [digits('2'), speech('Jean')]);
    expect(run.transitions.map((t) => t.state.turn)).toEqual([0, 1, 2]);
    const screened = handleEvent(makeProfile(), run.state, { type: 'screen' }, MONDAY_20H);
    expect(screened.state.turn).toBe(2);
  });

  it('when an event arrives after the end, then the engine just hangs up', () => {
    const run = play(makeProfile(), [digits('2'), { type: 'hangup' }, digits('1')]);
    expect(run.last).toMatchObject({ actions: [{ type: 'hangup' }], effects: [] });
  });
});

describe('when the service itself fails', () => {
  it('when there is no profile, then the caller hears an apology in French and can leave a voice message', () => {
    const actions = failSafe();
    expect(types(actions)).toEqual(['say', 'say', 'record', 'say', 'hangup']);
    expect(actions[2]).toMatchObject({ callback: 'failsafe-recording', transcribeCallback: 'transcription' });
    expect(actions[0]).toMatchObject({ voice: 'Polly.Lea-Neural', language: 'fr-FR' });
  });

  it('when the profile has a fallback number, then it is dialled, and a voice message is taken if nobody answers', () => {
    const p = makeProfile({ fallbackNumber: '+33633333333', locale: 'en-US' });
    const actions = failSafe(p);
    expect(actions[actions.length - 1]).toMatchObject({
      type: 'dial',
      targets: [{ number: '+33633333333' }],
      callback: 'failsafe-dial',
    });
    expect(texts(actions)[0]).toBe('We are sorry, we are experiencing a technical problem.');
    expect(types(failSafeAfterDial(p, false))).toContain('record');
    expect(failSafeAfterDial(p, true)).toEqual([{ type: 'hangup' }]);
  });

  it('when the dialled number belongs to no client, then a French then English sentence is said and the call ends', () => {
    const actions = unknownNumber();
    expect(actions.map((a) => (a.type === 'say' ? a.language : a.type))).toEqual([
      'fr-FR',
      'en-US',
      'hangup',
    ]);
  });

  it('when a profile is parsed from minimal input, then the engine still runs on its defaults', () => {
    const minimal = clientProfileSchema.parse({ name: 'Mini', numbers: ['+33180000001'] });
    // Closed: the name question first; silent, the voice message is offered.
    const run = play(minimal, silence(1));
    expect(run.transitions[0]?.state.step).toBe('name');
    expect(run.state.step).toBe('recording');
    expect(texts(run.transitions[0]?.actions ?? [])).toContain('Nous sommes actuellement fermés.');
  });
});

describe('French summary wording', () => {
  it.each([
    ['Jean Dupont', 'de Jean Dupont'],
    ['Élodie Martin', "d'Élodie Martin"],
    ['Hugo Leroy', "d'Hugo Leroy"],
    ['anne', "d'anne"],
  ])('when the caller is %s, then the summary says "Message %s"', (name, expected) => {
    expect(deOrElided(name)).toBe(expected);
  });
});
