import { previewRoute, startCall, type ClientProfile, type RoutePreview } from '../../../src/flow';
import { CALLER, makeProfile, MONDAY_10H, MONDAY_20H } from './helpers';

const MARTIN = { name: 'Dr Martin', number: '+33611111111', ringSeconds: 20 };
const SECRETARIAT = { name: 'Secrétariat', number: '+33622222222', ringSeconds: 15 };
const GREETING = "Bonjour, vous êtes bien chez Cabinet Martin. Je suis l'assistante virtuelle.";

/** The English reasons are pinned here; the `why` behind each is pinned in preview-why tests. */
type Expected = Omit<Partial<RoutePreview>, 'atStart' | 'afterMenu'> & {
  atStart?: Omit<RoutePreview['atStart'], 'why'>;
  afterMenu?: Omit<NonNullable<RoutePreview['afterMenu']>, 'why'>;
};

interface Case {
  name: string;
  profile: ClientProfile;
  input: Partial<Parameters<typeof previewRoute>[1]>;
  expected: Expected;
}

const cases: Case[] = [
  {
    name: 'a blocked number is rejected before answering, with nothing said',
    profile: makeProfile({ blockedNumbers: [CALLER] }),
    input: {},
    expected: {
      caller: { vip: false, blocked: true, known: false },
      atStart: {
        decision: 'reject',
        rule: null,
        reason: 'caller is in blockedNumbers: rejected before answering',
      },
      greeting: '',
    },
  },
  {
    name: 'a VIP during opening hours is transferred by the built-in rule, targets in hunt order',
    profile: makeProfile({ vipNumbers: [CALLER] }),
    input: {},
    expected: {
      open: true,
      openReason: 'weekly',
      caller: { vip: true, blocked: false, known: false },
      atStart: {
        decision: 'transfer',
        rule: null,
        reason: 'built-in: VIP during opening hours with transfer targets',
      },
      transferTargets: [MARTIN, SECRETARIAT],
      greeting: GREETING,
    },
  },
  {
    name: 'a matching rule is named with its index; rules before it that do not match are skipped',
    profile: makeProfile({
      vipNumbers: [CALLER],
      rules: [
        { name: 'known callers', when: { caller: 'known' }, then: { type: 'message' } },
        { name: 'VIP after hours', when: { caller: 'vip', open: false }, then: { type: 'transfer' } },
      ],
    }),
    input: { at: MONDAY_20H },
    expected: {
      open: false,
      atStart: {
        decision: 'transfer',
        rule: { index: 1, name: 'VIP after hours' },
        reason: "rule #2 'VIP after hours' matched: transfer",
      },
      transferTargets: [MARTIN, SECRETARIAT],
    },
  },
  {
    name: 'a transfer rule without transfer targets says why a message is taken instead',
    profile: makeProfile({
      transferTargets: [],
      rules: [{ name: 'all to the boss', when: {}, then: { type: 'transfer' } }],
    }),
    input: {},
    expected: {
      atStart: {
        decision: 'message',
        rule: { index: 0, name: 'all to the boss' },
        reason: "rule #1 'all to the boss' matched: transfer, but there are no transfer targets, so message",
      },
    },
  },
  {
    name: 'closed with out-of-hours message: message taking',
    profile: makeProfile(),
    input: { at: MONDAY_20H },
    expected: {
      open: false,
      openReason: 'weekly',
      localTime: 'Mon 2026-11-23 20:00 (Europe/Paris)',
      atStart: {
        decision: 'message',
        rule: null,
        reason: 'closed and out-of-hours policy is message: when we reopen is said, then message taking',
      },
      greeting: GREETING,
    },
  },
  {
    name: 'a closure closes a weekday, and says so',
    profile: makeProfile({ closures: [{ from: '2026-11-23', to: '2026-11-23', label: 'pont' }] }),
    input: {},
    expected: {
      open: false,
      openReason: 'closure',
      atStart: expect.objectContaining({ decision: 'message' }),
    },
  },
  {
    name: 'open, no rule: the menu',
    profile: makeProfile(),
    input: {},
    expected: {
      open: true,
      localTime: 'Mon 2026-11-23 10:00 (Europe/Paris)',
      atStart: { decision: 'menu', rule: null, reason: 'no rule matched; open: the menu' },
    },
  },
  {
    name: 'menu key 1 (urgent) while open: transfer, targets listed',
    profile: makeProfile(),
    input: { digits: '1' },
    expected: {
      atStart: expect.objectContaining({ decision: 'menu' }),
      afterMenu: {
        choice: 'urgent',
        decision: 'transfer',
        rule: null,
        reason: "no rule matched; built-in meaning of 'urgent': open with transfer targets, transfer",
      },
      transferTargets: [MARTIN, SECRETARIAT],
    },
  },
  {
    name: 'speech "c\'est urgent" at the menu: transfer',
    profile: makeProfile(),
    input: { speech: "c'est urgent" },
    expected: {
      afterMenu: expect.objectContaining({ choice: 'urgent', decision: 'transfer', rule: null }),
      transferTargets: [MARTIN, SECRETARIAT],
    },
  },
  {
    name: 'urgent speech matching a rule on urgent speech names that rule',
    profile: makeProfile({
      rules: [{ name: 'urgent to message', when: { urgentSpeech: true }, then: { type: 'message' } }],
    }),
    input: { speech: "c'est urgent" },
    expected: {
      atStart: expect.objectContaining({ decision: 'menu', rule: null }),
      afterMenu: {
        choice: 'urgent',
        decision: 'message',
        rule: { index: 0, name: 'urgent to message' },
        reason: "rule #1 'urgent to message' matched: message",
      },
    },
  },
  {
    name: 'an appointment sentence at the menu: read as the engine reads it, a message',
    profile: makeProfile(),
    input: { speech: 'Bonjour, je voudrais prendre rendez-vous avec le docteur' },
    expected: {
      afterMenu: {
        choice: 'message',
        decision: 'message',
        rule: null,
        reason: "no rule matched; built-in meaning of 'message': message taking",
      },
    },
  },
  {
    name: 'an appointment sentence for a client with appointment types: booking',
    profile: makeProfile({ appointments: { types: [{ id: 'consultation', name: 'Consultation' }] } }),
    input: { speech: 'Bonjour, je voudrais prendre rendez-vous' },
    expected: {
      afterMenu: {
        choice: null,
        decision: 'appointment',
        rule: null,
        reason:
          'speech "Bonjour, je voudrais prendre rendez-vous" (an appointment request): appointment booking',
      },
    },
  },
  {
    name: 'menu key 5 for a client with appointment types: booking',
    profile: makeProfile({ appointments: { types: [{ id: 'consultation', name: 'Consultation' }] } }),
    input: { digits: '5' },
    expected: {
      afterMenu: {
        choice: null,
        decision: 'appointment',
        rule: null,
        reason: "key '5': appointment booking",
      },
    },
  },
  {
    name: 'a person asked for by name while open: that person is rung first',
    profile: makeProfile(),
    input: { speech: 'Je voudrais parler au secrétariat' },
    expected: {
      afterMenu: {
        choice: null,
        decision: 'transfer',
        rule: null,
        reason:
          'speech "Je voudrais parler au secrétariat" (a person asked for by name) asking for Secrétariat: transfer',
      },
      transferTargets: [SECRETARIAT, MARTIN],
    },
  },
  {
    name: 'menu key 3: the hours are said, then the menu again',
    profile: makeProfile(),
    input: { digits: '3' },
    expected: {
      afterMenu: {
        choice: 'hours',
        decision: 'say',
        rule: null,
        reason: "no rule matched; built-in meaning of 'hours': opening hours read out, then the menu again",
      },
    },
  },
  {
    name: 'an unknown key: the menu is asked again',
    profile: makeProfile(),
    input: { digits: '9' },
    expected: {
      afterMenu: {
        choice: null,
        decision: 'menu',
        rule: null,
        reason: "key '9' is no menu choice: the menu is asked again",
      },
    },
  },
  {
    name: 'a menu answer when the menu is never reached says so',
    profile: makeProfile(),
    input: { at: MONDAY_20H, digits: '1' },
    expected: {
      atStart: expect.objectContaining({ decision: 'message' }),
      afterMenu: {
        choice: null,
        decision: 'message',
        rule: null,
        reason: 'the menu is not reached: the call goes to message at the start',
      },
    },
  },
];

describe('previewRoute', () => {
  it.each(cases)('when $name', ({ profile, input, expected }) => {
    const preview = previewRoute(profile, { from: CALLER, at: MONDAY_10H, ...input });
    expect(preview).toMatchObject(expected);
    // Plain JSON: what the API returns is exactly what was computed.
    expect(JSON.parse(JSON.stringify(preview))).toEqual(preview);
    if (expected.transferTargets === undefined) expect(preview.transferTargets).toBeUndefined();
    if (input.digits === undefined && input.speech === undefined) expect(preview.afterMenu).toBeUndefined();
  });

  it('when targets ring simultaneously, then all are listed', () => {
    const profile = makeProfile({ vipNumbers: [CALLER], transfer: { mode: 'simultaneous' } });
    expect(previewRoute(profile, { from: CALLER, at: MONDAY_10H }).transferTargets).toEqual([
      MARTIN,
      SECRETARIAT,
    ]);
  });

  it('when a known caller with a name is previewed, then the greeting is the one the engine says', () => {
    const profile = makeProfile();
    const input = { from: CALLER, at: MONDAY_10H, known: true, callerName: 'Jeanne Durand' };
    const preview = previewRoute(profile, input);
    const real = startCall({
      profile,
      caller: { number: CALLER, known: true, name: 'Jeanne Durand' },
      callSid: 'CA1',
      now: MONDAY_10H,
    });
    expect(preview.greeting).toBe(real.actions[0]?.type === 'say' ? real.actions[0].text : undefined);
    expect(preview.greeting).toMatch(/^Bonjour Jeanne Durand/);
    expect(preview.caller.known).toBe(true);
  });
});
