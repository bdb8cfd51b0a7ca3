/**
 * Calls in words: the kind of each call and its timeline, from step names and details the engine
 * really writes (calls played through the engine, plus the details grepped from src/flow and
 * src/app), in French and English, never showing an internal id.
 */
import { callKind, type StepLike } from '../../../src/domain/call-kind';
import { callKindWords, durationWords, stepWords, timelineWords } from '../../../src/domain/call-words';
import type { Effect } from '../../../src/flow';
import { CALLER, digits, makeProfile, noInput, play, speech } from '../flow/helpers';

const NB = '\u202f';

/** The call record's steps and outcome, as call-end.ts writes them from the engine's effects. */
function record(effects: Effect[]): { outcome: string; status: string; steps: StepLike[] } {
  const steps = effects.flatMap((e) =>
    e.type === 'step' ? [{ name: e.name, detail: e.detail, at: e.at }] : [],
  );
  const outcomes = effects.flatMap((e) => (e.type === 'set-outcome' ? [e.outcome] : []));
  return { outcome: outcomes[outcomes.length - 1] ?? 'abandoned', status: 'completed', steps };
}

const hangup = { type: 'hangup' } as const;
const bridged = { type: 'dial-result', status: 'completed', bridged: true } as const;
const noAnswer = { type: 'dial-result', status: 'no-answer', bridged: false } as const;

/** Internal ids that must never reach a page: step names, details, outcomes, statuses. */
const INTERNAL =
  /no-input|not-understood|not bridged|callback-number|no-answer|state-lost|in-progress|appointment-[a-z]+|\b(gave up|hung up at)\b/;
/** English engine words that would be internal ids on a French page. */
const ENGLISH_IDS =
  /\b(closed|open|done|hangup|start|abandoned|transferred|rejected|vip|calendar|timeout)\b/i;

describe('the kind of a call, from calls played through the engine', () => {
  const profile = makeProfile();
  const noTargets = makeProfile({ transferTargets: [] });

  it.each([
    [
      'urgent, transferred and answered',
      profile,
      [digits('1'), bridged],
      'Transféré, répondu',
      'Transferred, answered',
    ],
    [
      'urgent, transfer not answered, message taken',
      makeProfile({ transferTargets: [{ name: 'Dr Martin', number: '+33611111111', ringSeconds: 20 }] }),
      [digits('1'), noAnswer, speech('Paul Durand'), speech('Ma facture'), hangup],
      'Transfert sans réponse, message pris',
      'Transfer not answered, message taken',
    ],
    [
      'message',
      noTargets,
      [digits('2'), speech('Paul Durand'), speech('Ma facture'), hangup],
      'Message pris',
      'Message taken',
    ],
    ['hung up at the menu', profile, [hangup], 'Raccroché pendant le menu', 'Hung up during the menu'],
    ['silent, then hung up', profile, [noInput, hangup], 'Appelant silencieux', 'Silent caller'],
    [
      'hung up during the message',
      noTargets,
      [digits('2'), speech('Paul Durand'), hangup],
      'Message pris',
      'Message taken',
    ],
    [
      'silent throughout',
      makeProfile({ messageTaking: { recording: 'never' } } as never),
      [noInput, noInput, noInput, noInput, noInput, noInput, noInput, noInput, noInput, noInput, hangup],
      'Appelant silencieux',
      'Silent caller',
    ],
    ['information only', profile, [digits('3'), hangup], 'Renseignement seul', 'Information only'],
  ])('%s', (_label, p, events, fr, en) => {
    const run = play(p, events as never, { stepSeconds: 15 });
    const call = record(run.effects);
    expect(callKindWords(call, 'fr')).toBe(fr);
    expect(callKindWords(call, 'en')).toBe(en);
  });

  it('when the caller chose urgent and was put through, then the call is an urgent transfer; a VIP put through is not', () => {
    const urgent = record(play(makeProfile(), [digits('1'), bridged]).effects);
    expect(callKind(urgent)).toMatchObject({ kind: 'transferred', urgent: true });
    expect(timelineWords(urgent.steps, 'fr').map((s) => s.words)).toContain(
      'Transfert urgent vers le cabinet',
    );
    const vip = record(play(makeProfile({ vipNumbers: [CALLER] }), [bridged]).effects);
    expect(callKind(vip)).toMatchObject({ kind: 'transferred', urgent: false });
    expect(timelineWords(vip.steps, 'en').map((s) => s.words)).toContain('Transfer to the office');
  });

  it('when the caller hangs up within seconds of the greeting, then it says so', () => {
    const call = record(play(makeProfile(), [hangup], { stepSeconds: 4 }).effects);
    expect(callKindWords(call, 'fr')).toBe('Raccroché pendant l’accueil');
    expect(callKindWords(call, 'en')).toBe('Hung up during the greeting');
  });

  it('when a blocked number calls, then the call is "Numéro bloqué", not a rule rejection', () => {
    const run = play(makeProfile({ blockedNumbers: [CALLER] }), []);
    const call = record(run.effects);
    expect(callKind(call)).toMatchObject({ kind: 'blocked', tone: 'muted' });
    expect(callKindWords(call, 'fr')).toBe('Numéro bloqué');
    expect(
      stepWords(
        call.steps.find((s) => s.name === 'rejected')!,
        'fr',
      ),
    ).toBe(`Appel refusé${NB}: numéro bloqué`);
  });

  it('when the engine never saw the end and Twilio says busy, then the call failed', () => {
    expect(callKind({ outcome: 'in-progress', status: 'busy', steps: [] }).kind).toBe('failed');
    expect(callKind({ outcome: 'in-progress', status: 'completed', steps: [] }).kind).toBe('in-progress');
  });

  it('when the live state was lost, then the call failed and its step reads as words', () => {
    const steps = [{ name: 'state-lost', detail: 'live call state lost before its end' }];
    expect(callKindWords({ outcome: 'failed', status: 'completed', steps }, 'fr')).toBe('Échec de l’appel');
    expect(stepWords(steps[0]!, 'en')).toBe('Call tracking lost before the end');
  });

  it('an appointment says whether it was booked, moved or cancelled', () => {
    const at = (detail: string) => ({
      outcome: 'appointment',
      status: 'completed',
      steps: [{ name: 'calendar', detail }],
    });
    expect(callKindWords(at('booked consult at 2026-11-24T09:00:00.000Z (A1)'), 'fr')).toBe(
      'Rendez-vous pris',
    );
    expect(callKindWords(at('moved A1 to 2026-11-24T09:00:00.000Z'), 'en')).toBe('Appointment moved');
    expect(callKindWords(at('cancelled A1'), 'fr')).toBe('Rendez-vous annulé');
  });
});

describe('the timeline in words', () => {
  /** Every (name, detail) form the engine and the call end write; grep `stepEffect(` in src/flow. */
  const REAL: [string, string, string, string][] = [
    ['start', 'closed', `Accueil${NB}: cabinet fermé`, 'Greeting: office closed'],
    ['start', 'open', `Accueil${NB}: cabinet ouvert`, 'Greeting: office open'],
    [
      'start',
      'open, vip',
      `Accueil${NB}: cabinet ouvert, appelant prioritaire`,
      'Greeting: office open, priority caller',
    ],
    ['rejected', 'routing rule', `Appel refusé${NB}: règle d’accueil`, 'Call rejected: routing rule'],
    ['menu', '', 'Menu proposé', 'Menu offered'],
    ['transfer', '', 'Transfert vers le cabinet', 'Transfer to the office'],
    ['transfer', 'urgent', 'Transfert urgent vers le cabinet', 'Urgent transfer to the office'],
    [
      'transfer',
      'no-answer, not bridged',
      `Transfert vers le cabinet${NB}: pas de réponse`,
      'Transfer to the office: no answer',
    ],
    [
      'transfer',
      'busy, not bridged',
      `Transfert vers le cabinet${NB}: occupé`,
      'Transfer to the office: busy',
    ],
    [
      'name',
      'gave up after 3 tries (no-input)',
      `Nom${NB}: pas de réponse après 3 essais`,
      'Name: no answer after 3 tries',
    ],
    [
      'callback-number',
      'gave up after 3 tries (not-understood)',
      `Numéro de rappel${NB}: pas compris après 3 essais`,
      'Callback number: not understood after 3 tries',
    ],
    [
      'menu',
      'silent caller: voice message',
      `Menu${NB}: aucun son, message vocal proposé`,
      'Menu: no sound, voice message offered',
    ],
    ['reason', '', 'Motif demandé', 'Reason asked'],
    ['urgency', '', 'Urgence demandée', 'Urgency asked'],
    ['recording', '', 'Message vocal proposé', 'Voice message offered'],
    ['confirm', '', 'Relecture du message', 'Message read back'],
    ['done', 'message', 'Message enregistré', 'Message recorded'],
    ['done', 'transferred', 'Appel transféré, répondu', 'Call transferred, answered'],
    ['done', 'abandoned', 'Fin de l’appel', 'End of call'],
    [
      'hangup',
      'caller hung up at menu',
      'L’appelant a raccroché pendant le menu',
      'The caller hung up during the menu',
    ],
    [
      'hangup',
      'caller hung up at callback-number',
      'L’appelant a raccroché pendant le message',
      'The caller hung up during the message',
    ],
    [
      'hangup',
      'caller hung up at appointment-slots',
      'L’appelant a raccroché pendant la prise de rendez-vous',
      'The caller hung up while booking',
    ],
    [
      'timeout',
      'after 605 s',
      `Appel coupé${NB}: durée maximale atteinte (10${NB}min 05${NB}s)`,
      'Call cut off: maximum length reached (10 min 05 s)',
    ],
    [
      'calendar',
      'next appointment 2026-11-24T09:00:00.000Z',
      'Rendez-vous à venir trouvé',
      'Upcoming appointment found',
    ],
    ['calendar', 'no next appointment', 'Aucun rendez-vous à venir', 'No upcoming appointment'],
    ['calendar', 'unavailable', 'Agenda indisponible', 'Calendar unavailable'],
    ['appointment-calendar', 'find-slots consult', 'Recherche dans l’agenda', 'Calendar searched'],
    ['appointment-calendar', 'next-appointment', 'Recherche dans l’agenda', 'Calendar searched'],
    ['appointment-slots', '5 free, 3 offered', '3 créneaux proposés', '3 slots offered'],
    ['appointment-name', 'chose 2026-11-24T09:00:00.000Z', 'Créneau choisi', 'Slot chosen'],
    ['appointment-cancel', '', 'Annulation du rendez-vous demandée', 'Appointment cancellation asked'],
    [
      'state-lost',
      'live call state lost before its end',
      'Suivi de l’appel perdu avant la fin',
      'Call tracking lost before the end',
    ],
  ];

  it.each(REAL)('%s / "%s"', (name, detail, fr, en) => {
    expect(stepWords({ name, detail }, 'fr')).toBe(fr);
    expect(stepWords({ name, detail }, 'en')).toBe(en);
  });

  it('when a step is unknown, then it reads as a generic step, never its raw name or detail', () => {
    expect(stepWords({ name: 'whisper-x', detail: 'closed done' }, 'fr')).toBe('Étape de l’appel');
    expect(stepWords({ name: 'whisper-x', detail: 'closed done' }, 'en')).toBe('Call step');
  });

  it('when real calls are played, then no French or English line shows an internal id', () => {
    const profile = makeProfile();
    const runs = [
      play(profile, [digits('1'), noAnswer, noAnswer, noInput, noInput, noInput, noInput, hangup]),
      play(profile, [digits('1'), bridged]),
      play(makeProfile({ blockedNumbers: [CALLER] }), []),
      play(profile, [digits('2'), speech('Paul'), speech('Facture'), hangup], {
        now: new Date('2026-11-23T19:00:00Z'),
      }),
      play(profile, [noInput, noInput, noInput, noInput, hangup]),
    ];
    for (const run of runs) {
      for (const lang of ['fr', 'en'] as const) {
        for (const line of timelineWords(record(run.effects).steps, lang)) {
          expect(line.words).not.toMatch(INTERNAL);
          expect(line.words).not.toBe(lang === 'fr' ? 'Étape de l’appel' : 'Call step');
          if (lang === 'fr') expect(line.words).not.toMatch(ENGLISH_IDS);
          if (lang === 'fr') expect(line.words).not.toMatch(/[^\u202f][:;?!]/);
        }
      }
    }
  });
});

describe('durations', () => {
  it.each([
    [125, `2${NB}min 05${NB}s`, '2 min 05 s'],
    [45, `45${NB}s`, '45 s'],
    [60, `1${NB}min 00${NB}s`, '1 min 00 s'],
  ])('%i s', (s, fr, en) => {
    expect(durationWords(s, 'fr')).toBe(fr);
    expect(durationWords(s, 'en')).toBe(en);
  });
  it('when Twilio gave no duration, then nothing is shown', () => {
    expect(durationWords(undefined, 'fr')).toBe('');
  });
});
