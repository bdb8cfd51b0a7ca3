/**
 * Golden transcripts: the main call paths, French and English, played through the engine and
 * written out as a person would read them — what the receptionist says, what the caller does,
 * what the person taking a transfer hears. Each file in test/fixtures/transcripts/ was reviewed
 * sentence by sentence; a wording change shows as a diff there.
 *
 * After a deliberate change: `UPDATE_TRANSCRIPTS=1 npm test -- test/unit/flow/golden-transcripts`,
 * then read the diff (`git diff test/fixtures/transcripts`) before committing it.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  clientProfileSchema,
  handleEvent,
  startCall,
  type Action,
  type CalendarRequest,
  type CalendarResult,
  type CallState,
  type ClientProfile,
  type ClientProfileInput,
  type FlowEvent,
} from '../../../src/flow';
import { DEMO_CLIENT } from '../../../scripts/lib/seed';

const DIR = path.resolve(__dirname, '../../fixtures/transcripts');
const CLIENTS = path.resolve(__dirname, '../../fixtures/clients');
const UPDATE = process.env.UPDATE_TRANSCRIPTS === '1';

const fixture = (name: string): ClientProfile =>
  clientProfileSchema.parse(JSON.parse(readFileSync(path.join(CLIENTS, `${name}.json`), 'utf8')));

const CLIENT: Record<string, () => ClientProfile> = {
  /** The demo medical practice of `npm run dev`: closed out of hours except for emergencies. */
  demo: () => clientProfileSchema.parse(DEMO_CLIENT satisfies ClientProfileInput),
  /** The same practice before it had appointment types: an appointment request is a message. */
  'demo-no-appointments': () =>
    clientProfileSchema.parse({ ...DEMO_CLIENT, appointments: { types: [] } } satisfies ClientProfileInput),
  garage: () => fixture('rules-office'),
  english: () => fixture('english-office'),
  'closed-message': () => fixture('closed-message'),
};

/** What happens in a call, in order: the caller's turns and the other events Twilio reports. */
type Turn =
  | { press: string }
  | { say: string }
  | { silence: true }
  | { hangup: true }
  /** The dial ends: `answer` rings the whisper and the callee presses 1. */
  | { dial: 'answer' | 'no-answer' | 'busy' }
  | { record: string | null };

interface Path {
  file: string;
  title: string;
  client: keyof typeof CLIENT;
  /** Local wall-clock instant with its offset. */
  at: string;
  from: string;
  known?: string;
  turns: Turn[];
  /** The calendar's answers to the engine's requests, in order. */
  calendar?: CalendarResult[];
}

const PATHS: Path[] = [
  {
    file: 'fr-message-keypad',
    title: 'Message by keypad, practice open',
    client: 'demo',
    at: '2026-03-16T10:00:00+01:00',
    from: '+33612345699',
    turns: [
      { press: '2' },
      { say: 'Jean Dupont' },
      { say: 'Je voudrais un certificat médical' },
      { press: '1' },
      { press: '2' },
      { press: '1' },
    ],
  },
  {
    file: 'fr-message-speech',
    title: 'Message by speech, every answer spoken',
    client: 'demo',
    at: '2026-03-16T10:00:00+01:00',
    from: '+33612345699',
    turns: [
      { say: 'Je voudrais laisser un message' },
      { say: "Je m'appelle Jean Dupont" },
      { say: 'Pour le résultat de mes analyses' },
      { say: "Oui c'est bon" },
      { say: 'Non' },
      { say: 'Oui' },
    ],
  },
  {
    file: 'fr-urgent-transfer',
    title: 'Urgent call during opening hours, put through to the doctor',
    client: 'demo',
    at: '2026-03-16T10:00:00+01:00',
    from: '+33612345699',
    turns: [{ say: "C'est urgent, mon fils a une forte fièvre" }, { dial: 'answer' }],
  },
  {
    file: 'fr-urgent-nobody-answers',
    title: 'Urgent call, nobody answers: an urgent message',
    client: 'demo',
    at: '2026-03-16T10:00:00+01:00',
    from: '+33612345699',
    turns: [
      { press: '1' },
      { dial: 'no-answer' },
      { dial: 'busy' },
      { say: 'Sophie Bernard' },
      { say: 'Ma mère est tombée et ne peut plus se relever' },
      { press: '1' },
      { press: '1' },
    ],
  },
  {
    file: 'fr-closed-urgent-message',
    title: 'Medical practice closed at night: urgent message with the emergency advice',
    client: 'demo',
    at: '2026-03-16T20:00:00+01:00',
    from: '+33612345699',
    turns: [
      { press: '2' },
      { say: 'Sophie Bernard' },
      { say: 'Douleur à la poitrine' },
      { press: '1' },
      { press: '1' },
    ],
  },
  {
    file: 'fr-hours-address',
    title: 'Hours, then the address, then the caller hangs up',
    client: 'demo',
    at: '2026-03-16T10:00:00+01:00',
    from: '+33612345699',
    turns: [{ press: '3' }, { press: '4' }, { hangup: true }],
  },
  {
    file: 'fr-silent-caller',
    title: 'A caller who says nothing reaches the voice message',
    client: 'demo',
    at: '2026-03-16T10:00:00+01:00',
    from: '+33612345699',
    turns: [{ silence: true }, { record: null }],
  },
  {
    file: 'fr-appointment-request',
    title:
      'The most common call, for a practice without appointment types: "je voudrais prendre rendez-vous"',
    client: 'demo-no-appointments',
    at: '2026-03-16T10:00:00+01:00',
    from: '+33612345699',
    turns: [
      { say: 'Bonjour, je voudrais prendre rendez-vous avec le docteur' },
      { say: 'Camille Martin' },
      { say: 'Oui' },
      { say: 'Non' },
      { say: 'Oui' },
    ],
  },
  {
    file: 'fr-appointment-booking',
    title: 'The most common call: an appointment booked in the call',
    client: 'demo',
    at: '2026-03-16T10:00:00+01:00',
    from: '+33612345699',
    turns: [
      { say: 'Bonjour, je voudrais prendre rendez-vous pour une consultation demain matin' },
      { say: 'le deuxième' },
      { say: 'Camille Martin' },
      { say: 'oui' },
      { press: '1' },
    ],
    calendar: [
      {
        type: 'slots',
        slots: [slot('2026-03-17T08:00:00Z'), slot('2026-03-17T08:30:00Z'), slot('2026-03-17T10:15:00Z')],
      },
      {
        type: 'booked',
        appointment: {
          id: 'apt-42',
          typeId: 'consultation',
          typeName: 'Consultation',
          ...slot('2026-03-17T08:30:00Z'),
        },
      },
    ],
  },
  {
    file: 'fr-closure-message',
    title: 'A dated closure (1 May): closed although the weekly hours say open',
    client: 'closed-message',
    at: '2026-05-01T10:00:00+02:00',
    from: '+33612345699',
    turns: [
      { say: 'Marc Olivier' },
      { say: 'Question sur un devis' },
      { press: '1' },
      { press: '2' },
      { press: '1' },
    ],
  },
  {
    file: 'fr-known-caller-garage',
    title: 'A known caller of a garage, greeted by name',
    client: 'garage',
    at: '2026-03-16T10:00:00+01:00',
    from: '+33612345699',
    known: 'Paul Girard',
    turns: [
      { press: '2' },
      { say: 'La voiture est-elle prête ?' },
      { press: '1' },
      { press: '2' },
      { press: '1' },
    ],
  },
  {
    file: 'en-message-speech',
    title: 'English client: a message by speech',
    client: 'english',
    at: '2026-03-16T10:00:00-04:00',
    from: '+12025550123',
    turns: [
      { say: 'I would like to leave a message' },
      { say: 'My name is John Smith' },
      { say: 'About my invoice' },
      { say: "Yes that's right" },
      { say: 'No' },
      { say: 'Yes' },
    ],
  },
  {
    file: 'en-urgent-transfer',
    title: 'English client: an emergency put through',
    client: 'english',
    at: '2026-03-16T10:00:00-04:00',
    from: '+12025550123',
    turns: [{ say: 'This is an emergency, I broke a tooth' }, { dial: 'answer' }],
  },
  {
    file: 'en-closed-hours',
    title: 'English client, closed: the hours, then a message',
    client: 'english',
    at: '2026-03-16T20:00:00-04:00',
    from: '+12025550123',
    turns: [
      { press: '3' },
      { press: '2' },
      { say: 'Mary Jones' },
      { say: 'Please call me about a cleaning' },
      { press: '1' },
      { press: '2' },
      { press: '1' },
    ],
  },
];

const CALL_SID = 'CA00000000000000000000000000000042';

/** A 20-minute slot starting at `start`, as the calendar answers it. */
function slot(start: string): { start: string; end: string } {
  const at = new Date(start);
  return { start: at.toISOString(), end: new Date(at.getTime() + 20 * 60_000).toISOString() };
}

/** The engine's calendar request, as a line of the transcript. */
function requestLine(r: CalendarRequest): string {
  const what = r.type === 'find-slots' || r.type === 'book' ? `${r.type} ${r.typeId}` : r.type;
  const pref = r.type === 'find-slots' && r.preference ? ` ${JSON.stringify(r.preference)}` : '';
  const start = 'start' in r ? ` at ${r.start}` : '';
  return `  [checks the calendar: ${what}${pref}${start}]`;
}

/** One line per thing heard or done; `[…]` for what the phone does without words. */
function describe_(actions: Action[], who = 'Receptionist'): string[] {
  return actions.flatMap((a): string[] => {
    switch (a.type) {
      case 'say':
        return [`${who}: ${a.text}`];
      case 'pause':
        return [`  [pause ${a.seconds} s]`];
      case 'gather': {
        const lines = a.prompt.map((p) => `${who}: ${p.text}`);
        const how = a.input === 'dtmf' ? 'a key' : a.input === 'speech' ? 'speech' : 'a key or speech';
        const hints = a.hints?.length ? `; expects words like ${a.hints.slice(0, 4).join(', ')}` : '';
        return [...lines, `  [listens for ${how}, ${a.timeoutSeconds} s${hints}]`];
      }
      case 'redirect':
        return [];
      case 'dial':
        return [`  [rings ${a.targets.map((t) => t.number).join(', ')}${a.screening ? ', screened' : ''}]`];
      case 'record':
        return [`  [beep; records up to ${a.maxLengthSeconds} s${a.transcribe ? ', transcribed' : ''}]`];
      case 'hangup':
        return ['  [hangs up]'];
      case 'reject':
        return ['  [rejects the call]'];
    }
  });
}

function eventsOf(turn: Turn): { caller?: string; events: FlowEvent[] } {
  if ('press' in turn)
    return { caller: `Caller presses ${turn.press}`, events: [{ type: 'digits', digits: turn.press }] };
  if ('say' in turn)
    return { caller: `Caller: ${turn.say}`, events: [{ type: 'speech', text: turn.say, confidence: 0.92 }] };
  if ('silence' in turn) return { caller: 'Caller: (silence)', events: [{ type: 'no-input' }] };
  if ('hangup' in turn) return { caller: 'Caller hangs up', events: [{ type: 'hangup' }] };
  if ('record' in turn) {
    if (turn.record === null)
      return { caller: 'Caller: (says nothing after the beep)', events: [{ type: 'recording-empty' }] };
    const url =
      'https://api.twilio.com/2010-04-01/Accounts/AC0/Recordings/RE00000000000000000000000000000042';
    return {
      caller: `Caller records: ${turn.record}`,
      events: [{ type: 'recording', url, sid: 'RE00000000000000000000000000000042', durationSeconds: 12 }],
    };
  }
  if (turn.dial === 'answer') {
    return {
      events: [
        { type: 'screen' },
        { type: 'screen-result', digits: '1' },
        { type: 'dial-result', status: 'completed', bridged: true, durationSeconds: 60 },
      ],
    };
  }
  return { caller: `  [${turn.dial}]`, events: [{ type: 'dial-result', status: turn.dial, bridged: false }] };
}

function transcript(p: Path): string {
  const profile = CLIENT[p.client]!();
  let now = new Date(p.at);
  const first = startCall({
    profile,
    caller: { number: p.from, known: p.known !== undefined, ...(p.known ? { name: p.known } : {}) },
    callSid: CALL_SID,
    now,
    calledNumber: profile.numbers[0]!,
  });
  const lines = [
    `# ${p.title}`,
    `# ${profile.name}, ${p.at}, caller ${p.from}${p.known ? ` (known as ${p.known})` : ''}`,
    '',
  ];
  lines.push(...describe_(first.actions));
  let state: CallState = first.state;
  const answers = [...(p.calendar ?? [])];
  for (const turn of p.turns) {
    const { caller, events } = eventsOf(turn);
    if (caller) lines.push(caller);
    for (const event of events) {
      now = new Date(now.getTime() + 8000);
      let t = handleEvent(profile, state, event, now);
      const callee = event.type === 'screen' || event.type === 'screen-result';
      if (event.type === 'screen-result') lines.push('Callee presses 1');
      lines.push(...describe_(t.actions, callee ? 'Callee hears' : 'Receptionist'));
      // The edge's calendar work, in the same webhook.
      while (t.request) {
        lines.push(requestLine(t.request));
        const result = answers.shift() ?? { type: 'unavailable' };
        t = handleEvent(profile, t.state, { type: 'calendar', result }, now);
        lines.push(...describe_(t.actions));
      }
      state = t.state;
    }
  }
  lines.push('', `Outcome: ${state.outcome ?? 'in progress'}`);
  const m = state.message;
  const booked = state.outcome === 'appointment' ? state.appointment?.chosen : undefined;
  if (booked) {
    lines.push(
      `Appointment: ${[state.appointment?.typeId, booked.start, m.callerName, m.callbackNumber].join(' | ')}`,
    );
  } else if (m.callerName || m.reason) {
    lines.push(
      `Message: ${[m.callerName, m.reason, m.callbackNumber, m.urgent ? 'urgent' : undefined].filter(Boolean).join(' | ')}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

describe('golden transcripts of the main call paths', () => {
  if (UPDATE) mkdirSync(DIR, { recursive: true });

  it.each(PATHS.map((p) => [p.file, p] as const))('%s reads as reviewed', (file, p) => {
    const target = path.join(DIR, `${file}.txt`);
    const actual = transcript(p);
    if (UPDATE || !existsSync(target)) {
      writeFileSync(target, actual);
      if (!UPDATE) throw new Error(`${file}.txt was missing: written, review it and commit it`);
      return;
    }
    expect(actual).toBe(readFileSync(target, 'utf8'));
  });
});
