/** What the daily digest says: pure, from the day's messages and counts. */
import { composeDigest, dayTitle, digestHtml } from '../../../src/notify/digest';
import type { Message } from '../../../src/store/messages';

const N = '\u202f';
const BASE = 'https://rx.example.com';
const CLIENT_ID = '650000000000000000000001';
const client = (locale: 'fr-FR' | 'en-US') => ({
  id: CLIENT_ID,
  name: 'Cabinet Martin',
  locale,
  timezone: 'Europe/Paris',
  numbers: ['+33180000001'],
});

let seq = 0;
const message = (over: Partial<Message> = {}): Message => ({
  id: `65000000000000000000${String(seq++).padStart(4, '0')}`,
  clientId: CLIENT_ID,
  callSid: `CA${seq}`,
  callerName: 'Jean Dupont',
  callerNumber: '+33612345678',
  callbackNumber: '',
  reason: 'Fuite d’eau',
  urgent: false,
  transcription: '',
  recording: null,
  summary: 'Message de +33612345678 (appel interrompu).',
  status: 'new',
  assigneeId: null,
  handledAt: null,
  acknowledgedAt: null,
  notes: [],
  queuedAt: null,
  claimedBy: null,
  smsRef: null,
  createdAt: new Date('2026-12-02T09:00:00Z'),
  updatedAt: new Date(0),
  ...over,
});
const at = (hhmm: string) => new Date(`2026-12-02T${hhmm}:00+01:00`);

test.each([
  ['fr-FR', 'mercredi 2 décembre'],
  ['en-US', 'Wednesday, December 2'],
] as const)('the day reads as a date people say (%s)', (locale, expected) => {
  expect(dayTitle('2026-12-02', locale)).toBe(expected);
});

test('the French subject counts with French plurals, never "(s)"', () => {
  const many = composeDigest({
    client: client('fr-FR'),
    date: '2026-12-02',
    calls: 19,
    messages: [message(), message(), message({ status: 'handled' })],
    publicBaseUrl: BASE,
  });
  expect(many.subject).toBe(`Récapitulatif du mercredi 2 décembre${N}: 19 appels, 3 messages, 2 à traiter`);
  const few = composeDigest({
    client: client('fr-FR'),
    date: '2026-12-02',
    calls: 1,
    messages: [],
    publicBaseUrl: BASE,
  });
  expect(few.subject).toBe(`Récapitulatif du mercredi 2 décembre${N}: 1 appel, 0 message, 0 à traiter`);
  expect(few.text).not.toContain('(s)');
});

test('the English subject reads as English', () => {
  const digest = composeDigest({
    client: client('en-US'),
    date: '2026-12-02',
    calls: 1,
    messages: [message()],
    publicBaseUrl: BASE,
  });
  expect(digest.subject).toBe('Summary for Wednesday, December 2: 1 call, 1 message, 1 open');
  expect(digest.sms).toBe(
    `Summary for Wednesday, December 2: 1 call, 1 message, 1 open. To see them: ${BASE}/?client=${CLIENT_ID}&from=2026-12-02&to=2026-12-02`,
  );
});

test('a caller who called three times is one line with the three times; voicemails read as words, not raw summaries', () => {
  const nadia = [
    message({
      callerName: 'Nadia Roux',
      callerNumber: '+33612345602',
      reason: 'Fièvre de l’enfant',
      createdAt: at('09:12'),
    }),
    message({
      callerName: 'Nadia Roux',
      callerNumber: '+33612345602',
      reason: 'Fièvre de l’enfant',
      createdAt: at('10:40'),
    }),
    message({
      callerName: 'Nadia Roux',
      callerNumber: '+33612345602',
      reason: 'Fièvre de l’enfant',
      createdAt: at('11:02'),
      urgent: true,
    }),
  ];
  const voicemail = message({
    callerName: '',
    callerNumber: '+33698765432',
    reason: '',
    transcription: 'Bonjour, je voudrais déplacer mon rendez-vous de jeudi.',
    recording: { sid: 'RE1', url: 'x', durationSeconds: 9 },
    createdAt: at('14:05'),
  });
  const digest = composeDigest({
    client: client('fr-FR'),
    date: '2026-12-02',
    calls: 5,
    messages: [...nadia, voicemail],
    publicBaseUrl: BASE,
  });
  const lines = digest.text.split('\n');
  expect(lines).toContain(
    `- [Urgent] Nadia Roux (06 12 34 56 02) — 3 appels (9 h 12, 10 h 40, 11 h 02)${N}: Fièvre de l’enfant — ${nadia
      .map((m) => `${BASE}/messages/${m.id}`)
      .join(' ; ')}`,
  );
  expect(lines).toContain(
    `- 14 h 05 – 06 98 76 54 32${N}: «${N}Bonjour, je voudrais déplacer mon rendez-vous de jeudi.${N}» — ${BASE}/messages/${voicemail.id}`,
  );
  expect(digest.text).not.toContain('appel interrompu');
  expect(digest.text).not.toContain('+336');
  expect(lines[lines.length - 1]).toBe(
    `Tous les messages du mercredi 2 décembre${N}: ${BASE}/?client=${CLIENT_ID}&from=2026-12-02&to=2026-12-02`,
  );
  expect(digest.text).not.toMatch(/\/messages(\s|$)/);
});

test('the calls section prints the lines it is given, after the messages', () => {
  const digest = composeDigest({
    client: client('fr-FR'),
    date: '2026-12-02',
    calls: 2,
    messages: [],
    publicBaseUrl: BASE,
    callLines: ['- 9 h 12 – 06 12 34 56 02 — transféré', '- 9 h 30 – 06 12 34 56 03 — raccroché'],
  });
  expect(digest.text).toContain('Appels (2)\n- 9 h 12 – 06 12 34 56 02 — transféré\n');
});

test('the digest email’s HTML keeps the text, escaped, with its links clickable', () => {
  const html = digestHtml(
    `- 9 h – <b>Jean</b> : fuite — ${BASE}/messages/abc\nTous : ${BASE}/?client=1&from=2026-12-02`,
  );
  expect(html).toContain('&lt;b&gt;Jean&lt;/b&gt;');
  expect(html).toContain(`<a href="${BASE}/messages/abc">${BASE}/messages/abc</a>`);
  expect(html).toContain(`<a href="${BASE}/?client=1&amp;from=2026-12-02">`);
});
