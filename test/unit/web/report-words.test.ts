/** The reports' numbers in words: durations, periods across months and years, comparisons. */
import { comparisonWords, durationText, periodWords } from '../../../src/web/reports/report-words';

const NB = '\u202f';
const SP = '\u00a0';
const nb = (s: string) => s.replace(/ /g, SP);

describe('durationText', () => {
  it.each([
    [null, 'fr', ''],
    [45, 'fr', '45 s'],
    [12 * 60 + 10, 'fr', '12 min'],
    [3600, 'fr', '1 h'],
    [3900, 'fr', '1 h 05'],
    [3900, 'en', '1 h 5 min'],
    [2 * 86400 + 3 * 3600, 'fr', '2 j 3 h'],
    [2 * 86400 + 3 * 3600, 'en', '2 d 3 h'],
    [86400, 'fr', '1 j'],
  ] as const)('%s seconds in %s read "%s"', (seconds, lang, words) => {
    expect(durationText(seconds, lang)).toBe(nb(words));
  });
});

describe('periodWords', () => {
  it.each([
    [
      { kind: 'week', from: '2026-11-23', to: '2026-11-29' },
      'fr',
      'semaine du lundi 23 au dimanche 29 novembre 2026',
    ],
    [
      { kind: 'week', from: '2026-11-30', to: '2026-12-06' },
      'fr',
      'semaine du lundi 30 novembre au dimanche 6 décembre 2026',
    ],
    [
      { kind: 'week', from: '2026-12-28', to: '2027-01-03' },
      'fr',
      'semaine du lundi 28 décembre 2026 au dimanche 3 janvier 2027',
    ],
    [{ kind: 'day', from: '2026-12-01', to: '2026-12-01' }, 'fr', 'mardi 1er décembre 2026'],
    [{ kind: 'month', from: '2026-11-01', to: '2026-11-30' }, 'fr', 'novembre 2026'],
    [
      { kind: 'custom', from: '2026-11-01', to: '2026-11-15' },
      'fr',
      'du dimanche 1er au dimanche 15 novembre 2026',
    ],
    [
      { kind: 'week', from: '2026-11-23', to: '2026-11-29' },
      'en',
      'week of Monday, November 23 to Sunday, November 29, 2026',
    ],
    [{ kind: 'month', from: '2026-11-01', to: '2026-11-30' }, 'en', 'November 2026'],
  ] as const)('%j in %s reads "%s"', (period, lang, words) => {
    expect(periodWords(period, lang)).toBe(words);
  });
});

describe('comparisonWords', () => {
  it.each([
    [56, 50, 'week', 'fr', `+12${NB}% par rapport à la semaine précédente`, 'up'],
    [40, 50, 'month', 'fr', `−20${NB}% par rapport au mois précédent`, 'down'],
    [50, 50, 'day', 'fr', 'stable par rapport à la veille', 'same'],
    [3, 0, 'week', 'fr', 'contre 0 la semaine précédente', 'up'],
    [0, 0, 'week', 'fr', '', 'none'],
    [56, 50, 'week', 'en', '+12% compared with the week before', 'up'],
  ] as const)('%i after %i (%s, %s) reads "%s"', (now, before, kind, lang, text, trend) => {
    expect(comparisonWords(now, before, kind, lang)).toEqual({ text, trend });
  });
});
