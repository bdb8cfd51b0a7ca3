/**
 * Booking, moving and cancelling appointments in the call, against a fake calendar answering each
 * request at once (as the edge does in the same webhook). Monday 23 November 2026, 10:00 in Paris:
 * "demain" is Tuesday 24.
 */
import { handleEvent, type CalendarRequest } from '../../../src/flow';
import {
  bookingProfile,
  call,
  CONSULTATION,
  SLOTS,
  VACCINATION,
  type BookingRun,
} from './appointment-helpers';
import {
  assertNoSilentEnd,
  CALLER,
  digits,
  makeProfile,
  noInput,
  outcomes,
  speech,
  storedMessage,
  texts,
  types,
} from './helpers';

const said = (run: BookingRun) => texts(run.actions).join(' ');
const KNOWN = { number: CALLER, name: 'Jeanne Dupont', known: true };
const EXISTING = {
  id: 'apt-7',
  typeId: 'consultation',
  typeName: 'Consultation',
  start: SLOTS.tue10.start,
  end: SLOTS.tue10.end,
};
const OFFER_FIRST_TWO =
  'Je peux vous proposer demain à 10 h, ou mercredi 25 novembre à 14 h 30. ' +
  'Tapez 1 pour le premier, 2 pour le second, ou dites-moi un autre jour.';

describe('the menu offers appointments only to clients with appointment types', () => {
  it('when the client has appointment types, then the menu says "tapez 5 pour prendre rendez-vous"', () => {
    const run = call(bookingProfile(), []);
    expect(said(run)).toContain('4 pour notre adresse, 5 pour prendre rendez-vous.');
  });

  it('when the client has none, then the menu, key 5 and an appointment sentence behave as before', () => {
    const profile = makeProfile();
    expect(said(call(profile, []))).not.toContain('rendez-vous');
    expect(call(profile, [digits('5')]).last.state.step).toBe('menu');
    const run = call(profile, [speech('Je voudrais prendre rendez-vous')]);
    expect(run.requests).toEqual([]);
    expect(texts(run.last.actions)[0]).toBe(
      "Je note votre demande de rendez-vous ; nous vous rappellerons pour fixer l'horaire.",
    );
  });
});

describe('booking a new appointment', () => {
  it('when the caller takes the first slot, then name, SMS number, recap, and the booking is written', () => {
    const run = call(bookingProfile(), [
      digits('5'),
      digits('1'),
      speech("Je m'appelle Jeanne Dupont"),
      digits('1'),
      digits('1'),
    ]);
    expect(run.requests).toEqual<CalendarRequest[]>([
      { type: 'find-slots', typeId: 'consultation' },
      {
        type: 'book',
        typeId: 'consultation',
        start: SLOTS.tue10.start,
        callerName: 'Jeanne Dupont',
        callerNumber: CALLER,
      },
    ]);
    const lines = run.transitions.map((t) => texts(t.actions).join(' '));
    expect(lines).toEqual([
      expect.stringContaining('Bonjour'),
      '', // the search: no words, the answer follows in the same webhook
      OFFER_FIRST_TWO,
      'À quel nom dois-je noter le rendez-vous ?',
      "Je vous enverrai la confirmation par SMS au 06, 12, 34, 56, 78. Tapez 1 si c'est bien ça, ou tapez un autre numéro.",
      'Je récapitule : consultation demain à 10 h, au nom de Jeanne Dupont. Tapez 1 pour confirmer, 2 pour choisir un autre créneau.',
      '',
      "C'est noté : consultation demain à 10 h. Vous recevrez un SMS de confirmation. Au revoir.",
    ]);
    expect(types(run.last.actions)).toEqual(['say', 'hangup']);
    expect(outcomes(run.effects)).toEqual(['appointment']);
    expect(storedMessage(run.effects)).toBeUndefined();
    expect(run.effects).toContainEqual(
      expect.objectContaining({
        type: 'step',
        name: 'calendar',
        detail: expect.stringContaining('booked consultation'),
      }),
    );
    assertNoSilentEnd(run.actions);
  });

  it('when the caller says "le deuxième", then the second slot is booked', () => {
    const run = call(bookingProfile(), [
      speech('Je voudrais prendre rendez-vous'),
      speech('le deuxième'),
      speech('Jeanne Dupont'),
      speech('oui'),
      speech('oui'),
    ]);
    expect(run.requests.at(-1)).toMatchObject({ type: 'book', start: SLOTS.wed1430.start });
    expect(texts(run.last.actions)[0]).toBe(
      "C'est noté : consultation mercredi 25 novembre à 14 h 30. Vous recevrez un SMS de confirmation. Au revoir.",
    );
  });

  it('when the caller asks for another day, then later days are proposed, and "jeudi à 14 h" is chosen', () => {
    const run = call(bookingProfile(), [
      digits('5'),
      speech('un autre jour'),
      speech('jeudi à 14 h'),
      speech('Jeanne Dupont'),
      digits('1'),
      digits('1'),
    ]);
    // After Wednesday 25, the last day proposed: from Thursday 26, 00:00 in Paris.
    expect(run.requests[1]).toEqual({
      type: 'find-slots',
      typeId: 'consultation',
      preference: { notBefore: '2026-11-25T23:00:00.000Z' },
    });
    expect(said(run)).toContain('Je peux vous proposer jeudi 26 novembre à 9 h, ou à 14 h.');
    expect(run.requests.at(-1)).toMatchObject({ type: 'book', start: SLOTS.thu14.start });
    expect(outcomes(run.effects)).toEqual(['appointment']);
  });

  it('when the first sentence names a day and a part of it, then the first search asks for them', () => {
    const run = call(bookingProfile(), [speech('Bonjour, un rendez-vous jeudi après-midi si possible')]);
    expect(run.requests).toEqual([
      {
        type: 'find-slots',
        typeId: 'consultation',
        preference: { day: '2026-11-26', partOfDay: 'afternoon' },
      },
    ]);
    expect(texts(run.last.actions)[0]).toMatch(
      /^Je peux vous proposer jeudi 26 novembre à 14 h\. Tapez 1 ou dites oui/,
    );
    const yes = call(bookingProfile(), [speech('un rendez-vous jeudi après-midi'), speech('oui')]);
    expect(yes.last.state.appointment?.chosen).toEqual(SLOTS.thu14);
  });

  it('when "plutôt en fin de journée" finds nothing, then the caller hears so and may leave a request with 1', () => {
    const cal = { free: [SLOTS.tue10, SLOTS.wed1430] };
    const run = call(bookingProfile(), [digits('5'), speech('plutôt en fin de journée'), digits('1')], cal);
    expect(said(run)).toContain(
      "Je n'ai pas de créneau libre en fin de journée. Dites-moi un autre jour, ou tapez 1 pour laisser une demande de rendez-vous.",
    );
    expect(said(run)).toContain('Très bien, je prends votre demande de rendez-vous.');
    expect(run.last.state.step).toBe('name');
    expect(run.last.state.message.reason).toBe(
      'Demande de rendez-vous : consultation, de préférence en fin de journée',
    );
  });

  it('when the slot is taken meanwhile, then the next ones are proposed and the caller books one without repeating', () => {
    const cal = { free: Object.values(SLOTS), takenMeanwhile: [SLOTS.tue10.start] };
    const run = call(
      bookingProfile(),
      [digits('5'), digits('1'), speech('Jeanne Dupont'), digits('1'), digits('1'), digits('1'), digits('1')],
      cal,
    );
    expect(said(run)).toContain(
      "Ce créneau vient d'être pris. Je peux vous proposer mercredi 25 novembre à 14 h 30, ou jeudi 26 novembre à 9 h.",
    );
    // The name and number are not asked again: straight to the recap.
    expect(said(run).match(/À quel nom/g)).toHaveLength(1);
    expect(said(run)).toContain(
      'Je récapitule : consultation mercredi 25 novembre à 14 h 30, au nom de Jeanne Dupont.',
    );
    expect(run.requests.map((r) => r.type)).toEqual(['find-slots', 'book', 'book']);
    expect(run.requests.at(-1)).toMatchObject({ start: SLOTS.wed1430.start });
    expect(outcomes(run.effects)).toEqual(['appointment']);
  });

  it('when the caller presses 2 at the recap, then the proposals are said again', () => {
    const run = call(bookingProfile(), [
      digits('5'),
      digits('1'),
      speech('Jeanne Dupont'),
      digits('1'),
      digits('2'),
    ]);
    expect(run.last.state.step).toBe('appointment-slots');
    expect(texts(run.last.actions)).toEqual([OFFER_FIRST_TWO]);
  });

  it('when the caller ID is withheld, then the SMS number is asked, typed, read back and used', () => {
    const run = call(
      bookingProfile(),
      [digits('5'), digits('1'), speech('Jeanne Dupont'), digits('0698765432'), digits('1'), digits('1')],
      undefined,
      { caller: { number: 'anonymous', known: false } },
    );
    expect(said(run)).toContain('À quel numéro puis-je vous envoyer la confirmation par SMS ?');
    expect(said(run)).toContain('par SMS au 06, 98, 76, 54, 32.');
    expect(run.requests.at(-1)).toMatchObject({ type: 'book', callerNumber: '+33698765432' });
  });

  it('when a known caller books, then the name is not asked', () => {
    const run = call(
      bookingProfile({ appointments: { types: [CONSULTATION], callerChanges: false } }),
      [digits('5'), digits('1'), digits('1'), digits('1')],
      undefined,
      { caller: KNOWN },
    );
    expect(said(run)).not.toContain('À quel nom');
    expect(run.requests.at(-1)).toMatchObject({ type: 'book', callerName: 'Jeanne Dupont' });
  });

  it('when a calendar answer arrives, then it is not counted as a turn', () => {
    const run = call(bookingProfile(), [digits('5')]);
    const [start, asked, answered] = run.transitions;
    expect(asked?.state.turn).toBe((start?.state.turn ?? 0) + 1);
    expect(answered?.state.turn).toBe(asked?.state.turn);
  });
});

describe('appointment types', () => {
  const twoTypes = () => bookingProfile({ appointments: { types: [CONSULTATION, VACCINATION] } });

  it.each([
    ['key 2', digits('2')],
    ['its name', speech('une vaccination')],
  ])('when there are several types and the caller gives %s, then that type is searched', (_how, answer) => {
    const run = call(twoTypes(), [digits('5'), answer]);
    expect(texts(run.transitions[1]?.actions ?? [])).toEqual([
      'Pour quel type de rendez-vous : consultation ou vaccination ? Tapez 1 pour consultation, 2 pour vaccination.',
    ]);
    expect(run.requests).toEqual([{ type: 'find-slots', typeId: 'vaccination' }]);
  });

  it('when the first sentence names the type, then the question is not asked', () => {
    const run = call(twoTypes(), [speech('Je voudrais un rendez-vous pour une vaccination')]);
    expect(said(run)).not.toContain('Pour quel type');
    expect(run.requests).toEqual([{ type: 'find-slots', typeId: 'vaccination' }]);
  });

  it('when new callers may only leave a request, then an unknown caller leaves a booking request message', () => {
    const profile = bookingProfile({ appointments: { types: [{ ...CONSULTATION, newCallers: 'request' }] } });
    const run = call(profile, [digits('5'), speech('Jeanne Dupont'), digits('1'), digits('1')]);
    expect(run.requests).toEqual([]);
    expect(said(run)).toContain(
      "Je note votre demande de rendez-vous ; nous vous rappellerons pour fixer l'horaire.",
    );
    expect(storedMessage(run.effects)).toMatchObject({
      callerName: 'Jeanne Dupont',
      reason: 'Demande de rendez-vous : consultation',
      urgent: false,
    });
    expect(outcomes(run.effects)).toEqual(['message']);
    // A caller the service knows books as anyone.
    const known = call(profile, [digits('5')], undefined, { caller: { ...KNOWN, known: true } });
    expect(known.requests.map((r) => r.type)).toEqual(['next-appointment', 'find-slots']);
  });
});

describe('the calendar cannot be reached', () => {
  it('when the search fails, then the caller is told and a booking request message is taken', () => {
    const cal = { free: Object.values(SLOTS), down: ['find-slots' as const] };
    const run = call(bookingProfile(), [digits('5'), speech('Jeanne Dupont'), digits('1'), digits('1')], cal);
    expect(said(run)).toContain(
      "Je ne peux pas consulter l'agenda pour le moment. Je prends votre demande de rendez-vous, nous vous rappellerons pour la confirmer.",
    );
    expect(storedMessage(run.effects)).toMatchObject({
      callerName: 'Jeanne Dupont',
      callbackNumber: CALLER,
      reason: 'Demande de rendez-vous : consultation',
      final: true,
    });
    expect(outcomes(run.effects)).toEqual(['message']);
  });

  it('when the booking fails, then the chosen slot is kept in the request, name and number not asked again', () => {
    const cal = { free: Object.values(SLOTS), down: ['book' as const] };
    const run = call(
      bookingProfile(),
      [digits('5'), digits('1'), speech('Jeanne Dupont'), digits('1'), digits('1'), digits('1'), digits('1')],
      cal,
    );
    expect(said(run).match(/À quel nom|Puis-je avoir votre nom/g)).toHaveLength(1);
    expect(storedMessage(run.effects)).toMatchObject({
      callerName: 'Jeanne Dupont',
      callbackNumber: CALLER,
      reason: 'Demande de rendez-vous : consultation, de préférence demain à 10 h',
    });
    expect(outcomes(run.effects)).toEqual(['message']);
  });
});

describe('a known caller and their next appointment', () => {
  const cal = () => ({ free: [SLOTS.wed1430, SLOTS.thu9], existing: EXISTING });

  it('when they move it, then slots are searched without it, chosen, confirmed and moved', () => {
    const run = call(bookingProfile(), [digits('5'), digits('2'), digits('1'), digits('1')], cal(), {
      caller: KNOWN,
    });
    expect(said(run)).toContain(
      "Vous avez rendez-vous demain à 10 h. Tapez 1 pour le garder, 2 pour le déplacer, 3 pour l'annuler, ou 4 pour prendre un autre rendez-vous.",
    );
    expect(said(run)).toContain(
      'Je déplace votre rendez-vous à mercredi 25 novembre à 14 h 30. Tapez 1 pour confirmer, 2 pour choisir un autre créneau.',
    );
    expect(run.requests).toEqual([
      { type: 'next-appointment' },
      { type: 'find-slots', typeId: 'consultation', excludeAppointmentId: 'apt-7' },
      { type: 'move', appointmentId: 'apt-7', start: SLOTS.wed1430.start },
    ]);
    expect(texts(run.last.actions)[0]).toBe(
      "C'est noté : votre rendez-vous est déplacé à mercredi 25 novembre à 14 h 30. Vous recevrez un SMS de confirmation. Au revoir.",
    );
    expect(outcomes(run.effects)).toEqual(['appointment']);
  });

  it('when they say "je voudrais annuler mon rendez-vous", then it is read and cancelled once confirmed', () => {
    const run = call(
      bookingProfile(),
      [speech('Je voudrais annuler mon rendez-vous'), speech('oui')],
      cal(),
      {
        caller: KNOWN,
      },
    );
    expect(said(run)).toContain(
      "Vous avez rendez-vous demain à 10 h. Vous confirmez l'annulation ? Tapez 1 pour annuler le rendez-vous, 2 pour le garder.",
    );
    expect(run.requests).toEqual([{ type: 'next-appointment' }, { type: 'cancel', appointmentId: 'apt-7' }]);
    expect(texts(run.last.actions)[0]).toBe(
      "C'est noté : votre rendez-vous de demain à 10 h est annulé. Au revoir.",
    );
    expect(outcomes(run.effects)).toEqual(['appointment']);
  });

  it('when they say "déplacer mon rendez-vous", then the search starts at once', () => {
    const run = call(bookingProfile(), [speech('je dois déplacer mon rendez-vous')], cal(), {
      caller: KNOWN,
    });
    expect(run.requests.map((r) => r.type)).toEqual(['next-appointment', 'find-slots']);
    expect(said(run)).toContain('Vous avez rendez-vous demain à 10 h. Je peux vous proposer');
  });

  it('when they keep it, then the call ends with nothing changed', () => {
    const run = call(bookingProfile(), [digits('5'), speech('je le garde')], cal(), { caller: KNOWN });
    expect(texts(run.last.actions)[0]).toBe('Très bien, votre rendez-vous est maintenu. Au revoir.');
    expect(run.requests).toEqual([{ type: 'next-appointment' }]);
    expect(outcomes(run.effects)).toEqual(['information']);
    // Their name alone is no message to pass on.
    expect(storedMessage(run.effects)).toBeUndefined();
  });

  it('when they have none and asked to cancel, then they hear so and may book one', () => {
    const run = call(
      bookingProfile(),
      [speech('annuler mon rendez-vous'), digits('1')],
      { free: [SLOTS.thu9] },
      {
        caller: KNOWN,
      },
    );
    expect(said(run)).toContain('Je ne trouve pas de rendez-vous à venir pour votre numéro.');
    expect(run.requests.map((r) => r.type)).toEqual(['next-appointment', 'find-slots']);
  });

  it('when an unknown caller asks to cancel, then it is a message', () => {
    const run = call(bookingProfile(), [speech('Je voudrais annuler mon rendez-vous de jeudi')]);
    expect(run.requests).toEqual([]);
    expect(texts(run.last.actions)[0]).toBe('Très bien, je note votre demande.');
    expect(run.last.state.message.reason).toBe('annuler mon rendez-vous de jeudi');
  });
});

describe('a caller who stops answering or hangs up', () => {
  it('when the caller is silent at the proposals, then after the retries the request is stored as a message', () => {
    const run = call(bookingProfile(), [digits('5'), noInput, noInput, noInput]);
    expect(said(run).match(/Je peux vous proposer/g)).toHaveLength(3);
    expect(texts(run.last.actions)[0]).toBe(
      "Je transmets votre demande de rendez-vous ; nous vous rappellerons pour fixer l'horaire. Au revoir.",
    );
    expect(storedMessage(run.effects)).toMatchObject({
      reason: 'Demande de rendez-vous : consultation',
      callbackNumber: CALLER,
      final: true,
    });
    expect(outcomes(run.effects)).toEqual(['message']);
    expect(run.requests.map((r) => r.type)).toEqual(['find-slots']);
  });

  it('when the caller hangs up at the recap, then nothing is booked and the request is kept', () => {
    const run = call(bookingProfile(), [
      digits('5'),
      digits('1'),
      speech('Jeanne Dupont'),
      digits('1'),
      { type: 'hangup' },
    ]);
    expect(run.requests.map((r) => r.type)).toEqual(['find-slots']);
    expect(storedMessage(run.effects)).toMatchObject({
      callerName: 'Jeanne Dupont',
      reason: 'Demande de rendez-vous : consultation, de préférence demain à 10 h',
    });
    expect(outcomes(run.effects)).toEqual(['message']);
  });

  it('when the call is past its maximum length, then a calendar answer is still said', () => {
    const profile = bookingProfile({ maxCallSeconds: 60 });
    const run = call(profile, [digits('5'), digits('1'), speech('Jeanne Dupont'), digits('1')]);
    const late = new Date(Date.parse(run.state.startedAt) + 120_000);
    const t = handleEvent(
      profile,
      { ...run.state, step: 'appointment-calendar' },
      {
        type: 'calendar',
        result: { type: 'booked', appointment: { ...EXISTING, id: 'apt-9' } },
      },
      late,
    );
    expect(texts(t.actions)[0]).toMatch(/^C'est noté : consultation demain à 10 h/);
  });
});

describe('an English client', () => {
  it('when a caller books, then the slots, recap and confirmation are in natural English', () => {
    const profile = bookingProfile({ locale: 'en-US', voice: 'Polly.Joanna-Neural' });
    const run = call(profile, [
      speech('I would like to book an appointment'),
      speech('the second one'),
      speech('Jane Doe'),
      speech('yes'),
      speech('yes'),
    ]);
    expect(said(run)).toContain(
      'I can offer you tomorrow at 10 AM, or Wednesday, November 25 at 2:30 PM. Press 1 for the first, 2 for the second, or tell me another day.',
    );
    expect(said(run)).toContain(
      'Let me read that back: consultation Wednesday, November 25 at 2:30 PM, for Jane Doe.',
    );
    expect(texts(run.last.actions)[0]).toBe(
      'All set: consultation Wednesday, November 25 at 2:30 PM. You will receive a confirmation text. Goodbye.',
    );
    expect(outcomes(run.effects)).toEqual(['appointment']);
  });
});

describe('choosing among the proposals by voice', () => {
  it.each([
    ['le premier', SLOTS.tue10],
    ['oui, le second', SLOTS.wed1430],
    ['mercredi', SLOTS.wed1430],
    ['celui de 10 h', SLOTS.tue10],
    ['demain', SLOTS.tue10],
    ['le dernier', SLOTS.wed1430],
  ])('when the caller says "%s", then that slot is chosen', (text, expected) => {
    const run = call(bookingProfile(), [digits('5'), speech(text)]);
    expect(run.last.state.appointment?.chosen).toEqual(expected);
    expect(run.requests).toHaveLength(1);
  });

  it.each([
    ['le premier de l’après-midi', { partOfDay: 'afternoon' }],
    ['jeudi', { day: '2026-11-26' }],
    ['après 16 h', { notBefore: '2026-11-24T15:00:00.000Z' }],
    ['non', { notBefore: '2026-11-25T23:00:00.000Z' }],
  ])('when the caller says "%s", then slots are searched again for %j', (text, preference) => {
    const run = call(bookingProfile(), [digits('5'), speech(text)]);
    expect(run.requests[1]).toEqual({ type: 'find-slots', typeId: 'consultation', preference });
  });

  it('when the caller says something else, then the proposals are said again', () => {
    const run = call(bookingProfile(), [digits('5'), speech('la météo est belle')]);
    expect(texts(run.last.actions)).toEqual(["Excusez-moi, je n'ai pas bien compris.", OFFER_FIRST_TWO]);
  });
});
