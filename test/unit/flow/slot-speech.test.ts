/**
 * What callers say about a time for an appointment, French and English, read against Monday
 * 7 December 2026 in Paris: the slot they choose, or what the next search should look for.
 */
import { parseSlotSpeech, preferenceOf, type SlotSpeech } from '../../../src/flow/slot-speech';

/** Monday. */
const TODAY = '2026-12-07';
const TZ = 'Europe/Paris';

describe('a caller choosing or asking for a time', () => {
  it.each<[string, SlotSpeech]>([
    ['le premier', { ordinal: 0 }],
    ['Le deuxième.', { ordinal: 1 }],
    ["le second s'il vous plaît", { ordinal: 1 }],
    ['le troisième', { ordinal: 2 }],
    ['le dernier', { ordinal: -1 }],
    ['the first one', { ordinal: 0 }],
    ['the second one please', { ordinal: 1 }],
    ['oui', { yes: true }],
    ["oui c'est parfait", { yes: true }],
    ['non', { yes: false }],
    ['yes please', { yes: true }],
    ['mardi', { day: '2026-12-08' }],
    ['Mardi à 10 h', { day: '2026-12-08', time: '10:00' }],
    ['mercredi 9 décembre à 14 h 30', { day: '2026-12-09', time: '14:30' }],
    ['jeudi', { day: '2026-12-10' }],
    // Said on a Monday, "lundi" is next Monday, as is "lundi prochain".
    ['lundi', { day: '2026-12-14' }],
    ['lundi prochain', { day: '2026-12-14' }],
    ['demain', { day: '2026-12-08' }],
    ['après-demain', { day: '2026-12-09' }],
    ["aujourd'hui", { day: '2026-12-07' }],
    ['le 12', { day: '2026-12-12' }],
    // The 3rd has passed this month: next month's.
    ['le 3', { day: '2027-01-03' }],
    ['12 décembre', { day: '2026-12-12' }],
    ['le 1er janvier', { day: '2027-01-01' }],
    ['le premier février', { day: '2027-02-01' }],
    ['10 h', { time: '10:00' }],
    ['10 heures', { time: '10:00' }],
    ['14h30', { time: '14:30' }],
    ['14 h 30', { time: '14:30' }],
    ['à 10 h et demie', { time: '10:30' }],
    ['à midi', { time: '12:00' }],
    ['14:30', { time: '14:30' }],
    ['après 16 h', { after: '16:00' }],
    ['à partir de 14 heures', { after: '14:00' }],
    ['un autre jour', { otherDay: true }],
    ['plus tard', { otherDay: true }],
    ['aucun des deux', { otherDay: true }],
    ['la semaine prochaine', { nextWeek: true }],
    ["plutôt l'après-midi", { partOfDay: 'afternoon' }],
    ['en fin de journée', { partOfDay: 'evening' }],
    ["en fin d'après-midi", { partOfDay: 'evening' }],
    ['le matin', { partOfDay: 'morning' }],
    ['jeudi après-midi', { day: '2026-12-10', partOfDay: 'afternoon' }],
    ['vendredi matin vers 10 h', { day: '2026-12-11', partOfDay: 'morning', time: '10:00' }],
    ['je préfère laisser un message', { message: true }],
    ['Tuesday at 2 pm', { day: '2026-12-08', time: '14:00' }],
    ['at 3', { time: '15:00' }],
    ['10:30 am', { time: '10:30' }],
    ['after 4 pm', { after: '16:00' }],
    ['December 12th', { day: '2026-12-12' }],
    ['the 12th', { day: '2026-12-12' }],
    ['tomorrow afternoon', { day: '2026-12-08', partOfDay: 'afternoon' }],
    ['in the morning', { partOfDay: 'morning' }],
    ['late afternoon', { partOfDay: 'evening' }],
    ['next week', { nextWeek: true }],
    ['another day', { otherDay: true }],
    ['next Monday', { day: '2026-12-14' }],
    ['la météo', {}],
  ])('when the caller says "%s", then it is read as %j', (text, expected) => {
    expect(parseSlotSpeech(text, TODAY)).toEqual(expected);
  });
});

describe('the search the words ask for', () => {
  const pref = (text: string, opts: { around?: string; lastOffered?: string } = {}) =>
    preferenceOf(parseSlotSpeech(text, TODAY), { timeZone: TZ, today: TODAY, ...opts });

  it.each([
    ['jeudi', {}, { day: '2026-12-10' }],
    ["plutôt l'après-midi", {}, { partOfDay: 'afternoon' }],
    ['jeudi en fin de journée', {}, { day: '2026-12-10', partOfDay: 'evening' }],
    // 16:00 in Paris on the first day proposed is 15:00 UTC.
    ['après 16 h', { around: '2026-12-08' }, { notBefore: '2026-12-08T15:00:00.000Z' }],
    [
      'jeudi après 16 h',
      { around: '2026-12-08' },
      { day: '2026-12-10', notBefore: '2026-12-10T15:00:00.000Z' },
    ],
    // Next Monday 00:00 in Paris.
    ['la semaine prochaine', {}, { notBefore: '2026-12-13T23:00:00.000Z' }],
    ['mardi de la semaine prochaine', {}, { day: '2026-12-15' }],
    // The day after the last day proposed.
    ['un autre jour', { lastOffered: '2026-12-09' }, { notBefore: '2026-12-09T23:00:00.000Z' }],
    ['another day', {}, { notBefore: '2026-12-07T23:00:00.000Z' }],
  ] as const)('when the caller says "%s" (%j), then the search is %j', (text, opts, expected) => {
    expect(pref(text, opts)).toEqual(expected);
  });

  it.each(['oui', 'le premier', 'la météo'])(
    'when the caller says "%s", then no new search is asked',
    (text) => {
      expect(pref(text)).toBeUndefined();
    },
  );
});
