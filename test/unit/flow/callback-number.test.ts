/**
 * A callback number typed on the keypad is read in the client's country — the country of the
 * number the caller dialled — and kept in E.164; what is no number is asked again.
 */
import { handleEvent } from '../../../src/flow';
import { digits, makeProfile, MONDAY_10H, play, speech, storedMessage, texts, type Run } from './helpers';

const NAME = speech('Jeanne Durand');
const REASON = speech('Une fuite sous l évier');
const WITHHELD = { number: 'anonymous', known: false };
const BELGIAN_CLIENT = makeProfile({ numbers: ['+3222123456'] });

/** Menu 2, name, reason, then the callback-number answers, "not urgent", "correct". */
function typeNumber(profile = makeProfile(), ...typed: string[]): Run {
  return play(profile, [digits('2'), NAME, REASON, ...typed.map(digits), digits('2'), digits('1')], {
    caller: WITHHELD,
  });
}

describe('a callback number typed on the keypad', () => {
  it('when a French client’s caller types a national number, then it is read back in pairs and stored in E.164', () => {
    const run = typeNumber(makeProfile(), '0698765432#', '1');
    expect(texts(run.transitions[4]?.actions ?? [])[0]).toMatch(
      /^Nous vous rappellerons au 06, 98, 76, 54, 32\./,
    );
    expect(storedMessage(run.effects)).toMatchObject({
      callbackNumber: '+33698765432',
      callerNumber: 'anonymous',
    });
    expect(storedMessage(run.effects)?.summary).toContain('à rappeler au 06 98 76 54 32');
  });

  it('when a Belgian client’s caller types a Belgian national number, then it is stored as a +32 number', () => {
    const run = typeNumber(BELGIAN_CLIENT, '0470123456', '1');
    expect(texts(run.transitions[4]?.actions ?? [])[0]).toMatch(
      /^Nous vous rappellerons au 04, 70, 12, 34, 56\./,
    );
    expect(storedMessage(run.effects)).toMatchObject({ callbackNumber: '+32470123456' });
    expect(storedMessage(run.effects)?.summary).toContain('à rappeler au 0470 12 34 56');
  });

  it('when a caller types a foreign number with the international prefix, then it keeps its own country', () => {
    const run = typeNumber(makeProfile(), '0041446681800', '1');
    expect(texts(run.transitions[4]?.actions ?? [])[0]).toMatch(
      /^Nous vous rappellerons au plus 41, 44, 668, 18, 00\./,
    );
    expect(storedMessage(run.effects)).toMatchObject({ callbackNumber: '+41446681800' });
  });

  it.each([
    ['too short', '061234'],
    ['no French number starts 00 then one digit', '0012345678'],
    ['too long for France', '0612345678901'],
  ])('when the typed number is %s (%s), then it is asked again, not read back', (_why, typed) => {
    const run = play(makeProfile(), [digits('2'), NAME, REASON, digits(typed)], { caller: WITHHELD });
    expect(run.state.step).toBe('callback-number');
    expect(run.state.message.callbackCandidate).toBeUndefined();
    expect(texts(run.last.actions)[0]).toBe("Excusez-moi, je n'ai pas bien compris.");
  });

  it('when an invalid number is followed by a valid one, then the valid one is read back and stored', () => {
    const run = typeNumber(makeProfile(), '0012345678', '0612345678', '1');
    expect(storedMessage(run.effects)).toMatchObject({ callbackNumber: '+33612345678' });
  });
});

describe('the caller ID read back', () => {
  it('when a caller ID is of another country than the client, then it is read in international form', () => {
    const run = play(makeProfile({ locale: 'en-US' }), [digits('2'), NAME, REASON], {
      caller: { number: '+14155551234', known: false },
    });
    expect(texts(run.last.actions)[0]).toBe(
      'We will call you back at plus 1, 4 1 5, 5 5 5, 1 2 3 4. Press 1 to confirm, or type another number followed by the pound key.',
    );
  });

  it('when the caller ID is not a valid number, then it is not offered: the caller is asked to type one', () => {
    const run = play(makeProfile(), [digits('2'), NAME, REASON], {
      caller: { number: '+33012345678', known: false },
    });
    expect(texts(run.last.actions)[0]).toBe(
      'Sur quel numéro pouvons-nous vous rappeler ? Composez-le, suivi de la touche dièse.',
    );
  });

  it("when a transfer target is screened, then the caller's number is whispered in the client's national form", () => {
    const { state } = play(BELGIAN_CLIENT, [], { caller: { number: '+32470123456', known: false } });
    const whisper = handleEvent(BELGIAN_CLIENT, state, { type: 'screen' }, MONDAY_10H).actions;
    const prompt = whisper[0]?.type === 'gather' ? whisper[0].prompt[0]?.text : undefined;
    expect(prompt).toContain('04, 70, 12, 34, 56');
  });
});
