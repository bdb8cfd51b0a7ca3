import {
  clientProfileSchema,
  handleEvent,
  startCall,
  type Action,
  type CallState,
  type ClientProfile,
  type ClientProfileInput,
  type Effect,
  type FlowEvent,
  type Transition,
} from '../../../src/flow';

/** Monday 23 November 2026, 10:00 in Paris (UTC+1): open. */
export const MONDAY_10H = new Date('2026-11-23T09:00:00Z');
/** Monday 23 November 2026, 20:00 in Paris: closed. */
export const MONDAY_20H = new Date('2026-11-23T19:00:00Z');

export const CALLER = '+33612345678';
export const CLIENT_NUMBER = '+33180000000';

export function makeProfile(overrides: Partial<ClientProfileInput> = {}): ClientProfile {
  const split = [
    { start: '09:00', end: '12:00' },
    { start: '14:00', end: '18:00' },
  ];
  return clientProfileSchema.parse({
    name: 'Cabinet Martin',
    numbers: [CLIENT_NUMBER],
    address: '12 rue de la Paix, Paris',
    weeklyHours: {
      mon: split,
      tue: split,
      wed: split,
      thu: split,
      fri: split,
      sat: [{ start: '09:00', end: '12:00' }],
    },
    transferTargets: [
      { name: 'Dr Martin', number: '+33611111111', ringSeconds: 20 },
      { name: 'Secrétariat', number: '+33622222222', ringSeconds: 15 },
    ],
    ...overrides,
  });
}

export interface Run {
  transitions: Transition[];
  last: Transition;
  state: CallState;
  actions: Action[];
  effects: Effect[];
}

/** Plays a whole call: start, then each event 10 s after the previous one. */
export function play(
  profile: ClientProfile,
  events: FlowEvent[],
  opts: { now?: Date; caller?: { number: string; name?: string; known: boolean }; stepSeconds?: number } = {},
): Run {
  const start = opts.now ?? MONDAY_10H;
  const step = (opts.stepSeconds ?? 10) * 1000;
  const first = startCall({
    profile,
    caller: opts.caller ?? { number: CALLER, known: false },
    callSid: 'CA00000000000000000000000000000001',
    now: start,
  });
  const transitions = [first];
  let state = first.state;
  events.forEach((event, i) => {
    // The engine's state must survive a JSON round trip, as it does through MongoDB.
    const persisted = JSON.parse(JSON.stringify(state)) as CallState;
    const t = handleEvent(profile, persisted, event, new Date(start.getTime() + (i + 1) * step));
    transitions.push(t);
    state = t.state;
  });
  const last = transitions[transitions.length - 1] as Transition;
  return {
    transitions,
    last,
    state,
    actions: transitions.flatMap((t) => t.actions),
    effects: transitions.flatMap((t) => t.effects),
  };
}

export const texts = (actions: Action[]): string[] =>
  actions.flatMap((a) =>
    a.type === 'say' ? [a.text] : a.type === 'gather' ? a.prompt.map((s) => s.text) : [],
  );

export const types = (actions: Action[]): string[] => actions.map((a) => a.type);

export const digits = (d: string): FlowEvent => ({ type: 'digits', digits: d });
export const speech = (text: string, confidence = 0.9): FlowEvent => ({ type: 'speech', text, confidence });
export const noInput: FlowEvent = { type: 'no-input' };

export function storedMessage(effects: Effect[]) {
  const stored = effects.filter((e) => e.type === 'store-message');
  const lastStored = stored[stored.length - 1];
  return lastStored?.type === 'store-message' ? lastStored.message : undefined;
}

export function outcomes(effects: Effect[]): string[] {
  return effects.flatMap((e) => (e.type === 'set-outcome' ? [e.outcome] : []));
}

/** Every gather is directly followed by a redirect, every record too: silence is never unhandled. */
export function assertNoSilentEnd(actions: Action[]): void {
  actions.forEach((a, i) => {
    if (a.type === 'gather' || a.type === 'record') {
      const next = actions[i + 1];
      if (next?.type !== 'redirect') throw new Error(`${a.type} at ${i} not followed by a redirect`);
    }
  });
}
