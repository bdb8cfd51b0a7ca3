/** What the weekly report says and when it runs: pure, from a week's figures and open items. */
import { lastCompleteWeek } from '../../../src/app/weekly-report';
import { reportFigures, type ReportFigures } from '../../../src/domain/report-figures';
import { notificationSettingsSchema, storedClientProfileSchema } from '../../../src/flow/profile';
import { chartCid, composeWeeklyReport, type WeeklyReportInput } from '../../../src/notify/weekly-report';
import { weeklyReportPattern } from '../../../src/notify/weekly-report-send';
import { change, duration, weekRange } from '../../../src/notify/weekly-report-texts';
import type { Message } from '../../../src/store/messages';

const N = '\u202f';
const CLIENT_ID = '650000000000000000000001';

test.each([
  [1, '08:00', '0 8 * * 1'],
  [5, '17:30', '30 17 * * 5'],
  [6, '00:05', '5 0 * * 6'],
  // Sunday is 0 in cron, 7 in ISO.
  [7, '23:59', '59 23 * * 0'],
])(
  'the report on ISO weekday %i at %s runs on the cron pattern %s (in the client’s zone)',
  (day, time, pattern) => {
    expect(weeklyReportPattern(day, time)).toBe(pattern);
  },
);

test.each([
  // A Monday morning in Paris: the week before, Monday to Sunday.
  ['2026-11-30T07:00:00Z', 'Europe/Paris', '2026-11-23', '2026-11-29'],
  // Sunday 23:30 in Paris is still that Sunday's week: its previous week is reported.
  ['2026-11-29T22:30:00Z', 'Europe/Paris', '2026-11-16', '2026-11-22'],
  // The same instant is already Monday in Paris, still Sunday in New York.
  ['2026-11-29T23:30:00Z', 'Europe/Paris', '2026-11-23', '2026-11-29'],
  ['2026-11-29T23:30:00Z', 'America/New_York', '2026-11-16', '2026-11-22'],
])('at %s in %s, the last complete week runs from %s to %s', (now, zone, from, to) => {
  expect(lastCompleteWeek(new Date(now), zone)).toEqual({ from, to });
});

test('a stored client without the setting loads with the report off, Monday 08:00, no own recipients', () => {
  const old = storedClientProfileSchema.parse({
    name: 'Cabinet Ancien',
    numbers: ['+33180000001'],
    notifications: { email: { enabled: true, to: ['a@example.test'] }, digest: { enabled: true } },
  });
  expect(old.notifications.weeklyReport).toEqual({ enabled: false, weekday: 1, localTime: '08:00', to: [] });
  expect(notificationSettingsSchema.parse({}).weeklyReport.enabled).toBe(false);
  expect(
    notificationSettingsSchema.safeParse({ weeklyReport: { weekday: 8 } }).success ||
      notificationSettingsSchema.safeParse({ weeklyReport: { to: Array(6).fill('a@b.fr') } }).success,
  ).toBe(false);
});

const figures = (over: (f: ReportFigures) => void, from = '2026-11-23', to = '2026-11-29') => {
  const f = reportFigures([], { from, to });
  over(f);
  return f;
};
const week = figures((f) => {
  f.calls.total = 42;
  f.calls.answered = 40;
  f.calls.byOutcome.transferred = 9;
  f.calls.afterHours = 5;
  f.messages.total = 18;
  f.messages.urgent = 3;
  f.messages.medianHandleSeconds = 3 * 3600 + 5 * 60;
  f.topReasons = [
    { word: 'fuite', count: 4 },
    { word: 'devis', count: 3 },
  ];
});
const before = figures(
  (f) => {
    f.calls.total = 37;
    f.calls.answered = 40;
    f.calls.byOutcome.transferred = 0;
    f.calls.afterHours = 10;
    f.messages.total = 18;
    f.messages.urgent = 0;
    f.messages.medianHandleSeconds = null;
  },
  '2026-11-16',
  '2026-11-22',
);
const message = (over: Partial<Message>): Message =>
  ({
    id: '650000000000000000000101',
    clientId: CLIENT_ID,
    callSid: 'CA1',
    callerName: 'Jean Dupont',
    callerNumber: '+33612345678',
    callbackNumber: '',
    reason: 'Fuite d’eau',
    urgent: false,
    transcription: '',
    recording: null,
    summary: '',
    status: 'new',
    createdAt: new Date('2026-11-27T13:05:00Z'),
    updatedAt: new Date(0),
    ...over,
  }) as Message;

const input = (locale: 'fr-FR' | 'en-US'): WeeklyReportInput => ({
  client: {
    id: CLIENT_ID,
    name: 'Cabinet Martin',
    locale,
    timezone: 'Europe/Paris',
    numbers: ['+33180000001'],
  },
  week: { kind: 'week', from: '2026-11-23', to: '2026-11-29' },
  figures: week,
  previous: before,
  open: [
    message({ id: '650000000000000000000102', urgent: true, reason: 'Fuite urgente' }),
    message({ callerName: '', reason: '' }),
  ],
  openTotal: 12,
  reportUrl: `https://rx.example.test/reports?client=${CLIENT_ID}&period=week&date=2026-11-23`,
  publicBaseUrl: 'https://rx.example.test',
});

const noPng = () => Buffer.alloc(0);

test('the French report: the week in its subject, each figure against the previous week, the open items with links', () => {
  const email = composeWeeklyReport(input('fr-FR'), noPng);
  expect(email.subject).toBe(`Votre semaine du 23 au 29 novembre${N}: 42 appels, 18 messages`);
  const lines = email.text.split('\n');
  expect(lines).toContain(`- Appels reçus${N}: 42 (semaine précédente${N}: 37, +14${N}%)`);
  expect(lines).toContain(`- Appels répondus${N}: 40 (semaine précédente${N}: 40, stable)`);
  expect(lines).toContain(`- Appels transférés${N}: 9 (semaine précédente${N}: 0, nouveau)`);
  expect(lines).toContain(`- Appels hors horaires${N}: 5 (semaine précédente${N}: 10, \u221250${N}%)`);
  expect(lines).toContain(`- Délai médian de traitement${N}: 3${N}h${N}05 (semaine précédente${N}: —)`);
  expect(lines).toContain(`Motifs les plus fréquents${N}: fuite (4), devis (3)`);
  expect(lines).toContain('À traiter (12, les 2 premiers ci-dessous)');
  expect(email.text).toMatch(
    /- \[Urgent\] ven\. 27 nov\. 14 h 05 – Jean Dupont \(06 12 34 56 78\)\u202f: Fuite urgente — https:\/\/rx\.example\.test\/messages\/650000000000000000000102/,
  );
  expect(email.text).toContain(`– 06 12 34 56 78${N}: sans motif — `);
  expect(lines[lines.length - 1]).toBe(
    `Le rapport complet${N}: https://rx.example.test/reports?client=${CLIENT_ID}&period=week&date=2026-11-23`,
  );
  expect(email.text + email.html).not.toMatch(/NaN|undefined|null|medianHandleSeconds|afterHours|byOutcome/);
});

test('the English report reads in English with English numbers', () => {
  const email = composeWeeklyReport(input('en-US'), noPng);
  expect(email.subject).toBe('Your week of November 23–29: 42 calls, 18 messages');
  expect(email.text).toContain('- Calls received: 42 (previous week: 37, +14%)');
  expect(email.text).toContain('- Calls after hours: 5 (previous week: 10, \u221250%)');
  expect(email.text).toContain('Open (12, the first 2 below)');
  expect(email.text).toContain('The full report: https://rx.example.test/reports?');
  expect(email.text + email.html).not.toMatch(/NaN|undefined|[Àà] traiter|semaine/);
});

test('the HTML shows each chart as an inline image with an alt text, and escapes what people typed', () => {
  const data = input('fr-FR');
  data.client = { ...data.client, name: 'Cabinet <Martin> & fils' };
  const email = composeWeeklyReport(data, noPng);
  expect(email.images.map((i) => [i.cid, i.contentType])).toEqual([
    [chartCid('calls'), 'image/png'],
    [chartCid('hours'), 'image/png'],
    [chartCid('handling'), 'image/png'],
  ]);
  for (const i of email.images) {
    expect(email.html).toContain(`src="cid:${i.cid}" alt="${i.alt}"`);
    expect(i.alt.length).toBeGreaterThan(10);
  }
  expect(email.images[0]!.alt).toContain('lundi 0, mardi 0');
  expect(email.html).toContain('Cabinet &lt;Martin&gt; &amp; fils');
  expect(email.html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
});

test.each([
  ['2026-11-23', '2026-11-29', 'fr-FR', 'du 23 au 29 novembre'],
  ['2026-11-30', '2026-12-06', 'fr-FR', 'du 30 novembre au 6 décembre'],
  ['2026-06-01', '2026-06-07', 'fr-FR', 'du 1er au 7 juin'],
  ['2025-12-29', '2026-01-04', 'fr-FR', 'du 29 décembre 2025 au 4 janvier 2026'],
  ['2026-11-30', '2026-12-06', 'en-US', 'November 30 – December 6'],
  ['2025-12-29', '2026-01-04', 'en-US', 'December 29, 2025 – January 4, 2026'],
] as const)('the week %s–%s in %s reads %s', (from, to, locale, text) => {
  expect(weekRange(from, to, locale)).toBe(text);
});

test.each([
  [50, 40, 'fr-FR', `+25${N}%`],
  [0, 0, 'fr-FR', 'stable'],
  [3, 0, 'en-US', 'new'],
  [null, 10, 'en-US', ''],
  [1, 3, 'en-US', '\u221267%'],
] as const)('%s against %s in %s reads %s', (now, prev, locale, text) => {
  expect(change(now, prev, locale)).toBe(text);
});

test.each([
  [20, 'fr-FR', 'moins d’une minute'],
  [12 * 60, 'fr-FR', `12${N}min`],
  [2 * 86400 + 4 * 3600, 'fr-FR', `2${N}j 4${N}h`],
  [3 * 3600 + 5 * 60, 'en-US', `3${N}h 5${N}min`],
] as const)('%i seconds in %s read %s', (s, locale, text) => {
  expect(duration(s, locale)).toBe(text);
});
