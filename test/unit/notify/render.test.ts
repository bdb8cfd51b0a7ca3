/** What the notifications say: pure, table-driven. */
import type { Client } from '../../../src/store/clients';
import type { Message } from '../../../src/store/messages';
import { clientProfileSchema } from '../../../src/flow/profile';
import { gsmLength, isGsm7, toGsm7 } from '../../../src/notify/gsm';
import { cutAtWord, renderCallTwiml, renderEmail, renderSms, shorten } from '../../../src/notify/render';

const client = (locale: 'fr-FR' | 'en-US', timezone = 'Europe/Paris'): Client => ({
  ...clientProfileSchema.parse({ name: 'Cabinet Martin', numbers: ['+33180000001'], locale, timezone }),
  id: '650000000000000000000001',
  active: true,
  createdAt: new Date(0),
  updatedAt: new Date(0),
});

const message = (over: Partial<Message> = {}): Message => ({
  id: '650000000000000000000abc',
  clientId: '650000000000000000000001',
  callSid: 'CA1',
  callerName: 'Jean Dupont',
  callerNumber: '+33612345678',
  callbackNumber: '+33698765432',
  reason: 'Fuite d’eau',
  urgent: false,
  transcription: '',
  recording: null,
  summary: 'Fuite',
  status: 'new',
  assigneeId: null,
  handledAt: null,
  acknowledgedAt: null,
  notes: [],
  queuedAt: null,
  claimedBy: null,
  smsRef: null,
  // 23:30 UTC on 30 March 2025 = 01:30 on the 31st in Paris (the day after the DST change).
  createdAt: new Date('2025-03-30T23:30:00Z'),
  updatedAt: new Date(0),
  ...over,
});

const BASE = 'https://rx.example.com';
const LONG =
  'Bonjour, je vous appelle parce que le chauffe-eau de la salle de bains fuit depuis ce matin et que l’eau commence à couler chez la voisine du dessous, pouvez-vous venir ?';

describe('SMS text', () => {
  const URL = 'https://rx.example.com/messages/650000000000000000000abc';
  test.each([
    [
      'fr-FR',
      'Europe/Paris',
      message(),
      'notify',
      `Message de Jean Dupont (06 98 76 54 32) à 1 h 30 : Fuite d'eau. ${URL}`,
    ],
    [
      'en-US',
      'America/New_York',
      message(),
      'notify',
      `Message from Jean Dupont (06 98 76 54 32) at 7:30 PM: Fuite d'eau. ${URL}`,
    ],
    [
      'fr-FR',
      'Europe/Paris',
      message({ callerName: 'Élodie Fournier' }),
      'notify',
      `Message d'Élodie Fournier (06 98 76 54 32) à 1 h 30 : Fuite d'eau. ${URL}`,
    ],
    [
      'fr-FR',
      'Europe/Paris',
      message({ urgent: true, callerName: 'Nadia Roux', reason: 'Fièvre de l’enfant', smsRef: 2 }),
      'notify',
      `Urgent - Nadia Roux (06 98 76 54 32) : Fièvre de l'enfant. Répondez OK 2 pour le prendre en charge. ${URL}`,
    ],
    [
      'en-US',
      'America/New_York',
      message({ urgent: true, callerName: 'Nadia Roux', reason: 'Child’s fever', smsRef: 2 }),
      'notify',
      `Urgent - Nadia Roux (06 98 76 54 32): Child's fever. Reply OK 2 to take it. ${URL}`,
    ],
    [
      'fr-FR',
      'Europe/Paris',
      message({ urgent: true, callerName: '', callbackNumber: '', smsRef: 1 }),
      'resend',
      `Rappel - Urgent - 06 12 34 56 78 : Fuite d'eau. Répondez OK 1 pour le prendre en charge. ${URL}`,
    ],
    [
      'fr-FR',
      'Europe/Paris',
      message({ urgent: true, smsRef: 3 }),
      'backup',
      `Urgent pour Cabinet Martin - Jean Dupont (06 98 76 54 32) : Fuite d'eau. Répondez OK 3 pour le prendre en charge. ${URL}`,
    ],
  ] as const)('%s in %s: %p (%s)', (locale, tz, m, variant, expected) => {
    const sms = renderSms({ message: m, client: client(locale, tz), publicBaseUrl: BASE }, variant);
    expect(sms).toBe(expected);
    expect(isGsm7(sms)).toBe(true);
    expect(sms).not.toMatch(/Rep\. OK|Reply OK(?! \d)/);
  });

  test.each(['notify', 'resend'] as const)(
    'a long reason is shortened first so the %s SMS fits one GSM-7 segment, link and callback intact',
    (variant) => {
      const sms = renderSms(
        { message: message({ reason: LONG, urgent: false }), client: client('fr-FR'), publicBaseUrl: BASE },
        variant,
      );
      expect(isGsm7(sms)).toBe(true);
      expect(gsmLength(sms)).toBeLessThanOrEqual(160);
      expect(sms).toContain('Jean Dupont (06 98 76 54 32)');
      expect(sms.endsWith('/messages/650000000000000000000abc')).toBe(true);
      expect(sms).toMatch(/Bonjour, je vous.*\.\.\. https:/);
    },
  );

  test.each(['notify', 'resend', 'backup'] as const)(
    'an urgent reason is never cut in the %s SMS: it takes a second segment instead',
    (variant) => {
      const sms = renderSms(
        { message: message({ reason: LONG, urgent: true }), client: client('fr-FR'), publicBaseUrl: BASE },
        variant,
      );
      expect(sms).toContain(`${toGsm7(LONG).replace(/[.!]+$/, '')}. Répondez OK pour le prendre en charge.`);
      expect(sms).not.toContain('..');
      expect(gsmLength(sms)).toBeGreaterThan(160);
      expect(gsmLength(sms)).toBeLessThanOrEqual(3 * 153);
    },
  );
});

describe('GSM-7', () => {
  test.each([
    ['Fuite d’eau «urgente» — ça coule', 'Fuite d\'eau "urgente" - ca coule'],
    ['Hôpital, forêt, où, été, Ça', 'Hopital, foret, où, été, Ça'],
    ['cœur… 😀', 'coeur... ?'],
  ])('%s → %s', (input, expected) => {
    expect(toGsm7(input)).toBe(expected);
    expect(isGsm7(toGsm7(input))).toBe(true);
  });
  test('extension characters take two septets', () => {
    expect(gsmLength('a€[')).toBe(5);
  });
  test('shorten cuts on a word boundary and marks the cut', () => {
    expect(shorten('un deux trois quatre', 12)).toBe('un deux..');
    expect(shorten('court', 10)).toBe('court');
  });
});

test('the backup call says the message twice in the client’s language and voice', () => {
  const twiml = renderCallTwiml(
    {
      message: message({ urgent: true }),
      client: { ...client('fr-FR'), voice: 'Polly.Lea-Neural' },
      publicBaseUrl: BASE,
    },
    'Dr Martin',
  );
  expect(twiml.match(/<Say language="fr-FR" voice="Polly.Lea-Neural">/g)).toHaveLength(2);
  expect(twiml).toContain(
    'Bonjour Dr Martin. Message urgent pour Cabinet Martin. Jean Dupont a appelé le lundi 31 mars à 1 h 30.',
  );
  // Said as the caller's number is said during a call: in the client's national pairs.
  expect(twiml).toContain('Numéro de rappel : 06, 98, 76, 54, 32.');
  expect(twiml).toContain('<Pause length="1"/>');
});

describe('email', () => {
  const N = '\u202f';
  test('the subject elides "de" before a vowel, keeps "de" before a consonant, and never cuts a word', () => {
    const long =
      'Le chauffe-eau de la salle de bains fuit depuis ce matin et l’eau coule chez la voisine du dessous';
    const elodie = renderEmail({
      message: message({ callerName: 'Élodie Fournier', reason: long, urgent: true }),
      client: client('fr-FR'),
      publicBaseUrl: BASE,
    });
    expect(elodie.subject).toBe(
      '[Urgent] Message d’Élodie Fournier — Le chauffe-eau de la salle de bains fuit depuis ce matin et l’eau coule chez la…',
    );
    const marc = renderEmail({
      message: message({ callerName: 'Marc' }),
      client: client('fr-FR'),
      publicBaseUrl: BASE,
    });
    expect(marc.subject).toBe('Message de Marc — Fuite d’eau');
  });

  test('the French body uses French typography, a readable date and the national number', () => {
    const mail = renderEmail({
      message: message({ createdAt: new Date('2026-12-02T13:05:00Z') }),
      client: client('fr-FR'),
      publicBaseUrl: BASE,
    });
    expect(mail.text).toContain(`Reçu le${N}: mercredi 2 décembre à 14 h 05\n`);
    expect(mail.text).toContain(`Numéro de rappel${N}: 06 98 76 54 32\n`);
    expect(mail.text).toContain(`Voir le message${N}: ${BASE}/messages/650000000000000000000abc`);
    expect(mail.text).not.toMatch(/[^\u202f]: /);
  });

  test('the English body uses English typography, the date month first', () => {
    const mail = renderEmail({
      message: message({ createdAt: new Date('2026-12-02T19:05:00Z') }),
      client: client('en-US', 'America/New_York'),
      publicBaseUrl: BASE,
    });
    expect(mail.subject).toBe('Message from Jean Dupont — Fuite d’eau');
    expect(mail.text).toContain('Received: Wednesday, December 2 at 2:05 PM\n');
    expect(mail.text).not.toContain('\u202f');
  });

  test.each([
    ['un deux trois quatre', 12, 'un deux…'],
    ['court', 10, 'court'],
    ['mot, suivant', 6, 'mot…'],
  ])('cutAtWord(%p, %p) → %p', (text, max, expected) => {
    expect(cutAtWord(text, max)).toBe(expected);
  });
});
