import { handleEvent, type Action, type CallState, type FlowEvent } from '../../../src/flow';
import {
  CALLER,
  CLIENT_NUMBER,
  digits,
  makeProfile,
  MONDAY_10H,
  outcomes,
  play,
  speech,
  texts,
  types,
} from './helpers';

const dialResult = (status: 'completed' | 'busy' | 'no-answer' | 'failed', bridged?: boolean): FlowEvent => ({
  type: 'dial-result',
  status,
  ...(bridged !== undefined ? { bridged } : {}),
});
const dialOf = (actions: Action[]) => actions.find((a) => a.type === 'dial');

describe('screened transfer', () => {
  it('when the caller picks urgent, then the first target is dialled alone (hunt) with screening and the client number as caller ID', () => {
    const { last } = play(makeProfile(), [digits('1')]);
    expect(texts(last.actions)[0]).toBe('Je vous mets en relation, merci de patienter quelques instants.');
    expect(dialOf(last.actions)).toEqual({
      type: 'dial',
      targets: [{ number: '+33611111111', ringSeconds: 20 }],
      callerId: CLIENT_NUMBER,
      timeLimitSeconds: 590,
      screening: true,
      callback: 'dial-result',
    });
  });

  it('when the profile shows the caller number, then the caller ID is the caller', () => {
    const { last } = play(makeProfile({ transfer: { callerId: 'caller' } }), [digits('1')]);
    expect(dialOf(last.actions)).toMatchObject({ callerId: CALLER });
  });

  it('when the caller ID is withheld and the caller number is asked for, then the client number is shown', () => {
    const p = makeProfile({ transfer: { callerId: 'caller' } });
    const { last } = play(p, [digits('1')], { caller: { number: 'anonymous', known: false } });
    expect(dialOf(last.actions)).toMatchObject({ callerId: CLIENT_NUMBER });
  });

  it('when the mode is simultaneous, then all targets ring in one dial', () => {
    const { last } = play(makeProfile({ transfer: { mode: 'simultaneous' } }), [digits('1')]);
    expect(dialOf(last.actions)?.type === 'dial' && dialOf(last.actions)).toMatchObject({
      targets: [
        { number: '+33611111111', ringSeconds: 20 },
        { number: '+33622222222', ringSeconds: 15 },
      ],
    });
  });

  it('when the first target does not answer, then the next one is dialled', () => {
    const run = play(makeProfile(), [digits('1'), dialResult('no-answer')]);
    expect(types(run.last.actions)).toEqual(['dial']);
    expect(dialOf(run.last.actions)).toMatchObject({
      targets: [{ number: '+33622222222', ringSeconds: 15 }],
    });
    expect(run.state.transferIndex).toBe(1);
  });

  it('when every target is busy or does not answer (hunt), then the caller is apologised to and the message is taken', () => {
    const run = play(makeProfile(), [digits('1'), dialResult('no-answer'), dialResult('busy')]);
    expect(texts(run.last.actions)[0]).toBe(
      "Je suis désolée, personne n'est disponible pour le moment. Je vais prendre votre message.",
    );
    expect(run.state.step).toBe('name');
    expect(run.state.message.urgent).toBe(true);
  });

  it('when a screened target declines (dial completed without bridge), then it counts as not answered', () => {
    const run = play(makeProfile(), [digits('1'), dialResult('completed', false)]);
    expect(run.state.step).toBe('transfer');
    expect(run.state.transferIndex).toBe(1);
  });

  it('when the simultaneous dial fails, then message taking starts', () => {
    const run = play(makeProfile({ transfer: { mode: 'simultaneous' } }), [
      digits('1'),
      dialResult('failed'),
    ]);
    expect(run.state.step).toBe('name');
  });

  it('when a target accepts and the bridged call ends, then the caller is hung up and the outcome is transferred', () => {
    const run = play(makeProfile(), [digits('1'), dialResult('completed', true)]);
    expect(run.last.actions).toEqual([{ type: 'hangup' }]);
    expect(outcomes(run.effects)).toEqual(['transferred']);
    expect(run.state.step).toBe('done');
  });

  it('when DialBridged is missing with screening on, then a completed dial is treated as declined (no message lost)', () => {
    const run = play(makeProfile({ transfer: { mode: 'simultaneous' } }), [
      digits('1'),
      dialResult('completed'),
    ]);
    expect(run.state.step).toBe('name');
  });

  it('when DialBridged is missing without screening, then a completed dial is a transfer', () => {
    const run = play(makeProfile({ transfer: { screening: false } }), [digits('1'), dialResult('completed')]);
    expect(outcomes(run.effects)).toEqual(['transferred']);
  });

  it('when the caller hangs up during the transfer and the bridged result arrives late, then the outcome is upgraded to transferred', () => {
    const run = play(makeProfile(), [digits('1'), { type: 'hangup' }, dialResult('completed', true)]);
    expect(outcomes(run.effects)).toEqual(['abandoned', 'transferred']);
  });
});

describe('screening the transfer target', () => {
  const profile = makeProfile();
  // The target's leg goes through the engine like every other event.
  const whisper = (state: CallState) => handleEvent(profile, state, { type: 'screen' }, MONDAY_10H).actions;
  const pressed = (state: CallState, d: string | undefined) =>
    handleEvent(
      profile,
      state,
      { type: 'screen-result', ...(d === undefined ? {} : { digits: d }) },
      MONDAY_10H,
    ).actions;

  it("when the target answers or presses a key, then the caller's call is left as it was: same state, same turn, nothing recorded", () => {
    const { state } = play(profile, [digits('1')]);
    for (const event of [{ type: 'screen' }, { type: 'screen-result', digits: '1' }] as FlowEvent[]) {
      const t = handleEvent(profile, state, event, MONDAY_10H);
      expect(t.state).toBe(state);
      expect(t.effects).toEqual([]);
    }
  });

  it('when the target answers, then they hear who is calling and why, and must press 1', () => {
    const run = play(profile, [speech("c'est urgent")], {
      caller: { number: CALLER, name: 'Jeanne Durand', known: true },
    });
    const actions = whisper(run.state);
    expect(actions[0]).toMatchObject({
      type: 'gather',
      input: 'dtmf',
      numDigits: 1,
      callback: 'screen-result',
    });
    expect(texts(actions)).toEqual([
      "Appel urgent pour Cabinet Martin, de Jeanne Durand, au 06, 12, 34, 56, 78. Tapez 1 pour prendre l'appel.",
    ]);
    expect(actions[1]).toEqual({ type: 'redirect', callback: 'screen-result' });
  });

  it('when the caller ID is withheld, then the whisper says so instead of reading a number', () => {
    const run = play(profile, [digits('1')], { caller: { number: 'anonymous', known: false } });
    expect(texts(whisper(run.state))[0]).toBe(
      "Appel urgent pour Cabinet Martin, numéro masqué. Tapez 1 pour prendre l'appel.",
    );
  });

  it('when the target presses 1, then the response is empty so the parties are joined', () => {
    expect(pressed(play(profile, []).state, '1')).toEqual([]);
  });

  it.each([['2'], [undefined], ['']])(
    'when the target answers %p (or a voicemail stays silent), then the leg hangs up',
    (d) => {
      const actions = pressed(play(profile, []).state, d);
      expect(types(actions)).toEqual(['say', 'hangup']);
    },
  );
});
