import { parseArgs, UsageError } from '../../../scripts/simulator/args';
import { BehaviourError } from '../../../scripts/simulator/behaviour';

describe('CLI arguments', () => {
  it('keeps --press and --say in command-line order', () => {
    const args = parseArgs(['--to', '+33180000000', '--press', '2', '--say', "C'est urgent", '--press', '1']);

    expect(args.caller).toEqual([
      { kind: 'press', digits: '2' },
      { kind: 'say', text: "C'est urgent" },
      { kind: 'press', digits: '1' },
    ]);
  });

  it('reads the --press right after --answer as the callee key', () => {
    const args = parseArgs([
      '--to',
      '+33180000000',
      '--press',
      '2',
      '--answer',
      '--press',
      '1',
      '--press',
      '3',
    ]);

    expect(args.callees).toEqual([{ kind: 'answer', press: '1' }]);
    expect(args.caller).toEqual([
      { kind: 'press', digits: '2' },
      { kind: 'press', digits: '3' },
    ]);
  });

  it('accepts --callee specs and the aliases in order', () => {
    const args = parseArgs([
      '--to=+33180000000',
      '--callee',
      'no-answer',
      '--busy',
      '--decline',
      '--callee',
      'answer',
    ]);

    expect(args.callees).toEqual([
      { kind: 'no-answer' },
      { kind: 'busy' },
      { kind: 'decline' },
      { kind: 'answer' },
    ]);
  });

  it('rejects what it cannot read', () => {
    expect(() => parseArgs(['--press', '1'])).toThrow(UsageError);
    expect(() => parseArgs(['--to', '+33180000000', '--callee', 'maybe'])).toThrow(BehaviourError);
    expect(() => parseArgs(['--to', '+33180000000', '--press', 'abc'])).toThrow(BehaviourError);
    expect(() => parseArgs(['--to', '+33180000000', '--frobnicate'])).toThrow(UsageError);
    expect(() => parseArgs(['--scenario', 'x.json', '--press', '1'])).toThrow(UsageError);
  });
});
