/** What the notifications say: pure, table-driven. */
import type { Client } from '../../../src/store/clients';
import type { Message } from '../../../src/store/messages';
import { clientProfileSchema } from '../../../src/flow/profile';
import { gsmLength, isGsm7, toGsm7 } from '../../../src/notify/gsm';
import { renderCallTwiml, renderSms, shorten } from '../../../src/notify/render';

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
  // 23:30 UTC on 30 March 2025 = 01:30 on the 31st in Paris (the day after the DST change).
  createdAt: new Date('2025-03-30T23:30:00Z'),
  updatedAt: new Date(0),
  ...over,
});

const BASE = 'https://rx.example.com';
const LONG =
  'Bonjour, je vous appelle parce que le chauffe-eau de la salle de bains fuit depuis ce matin et que l’eau commence à couler chez la voisine du dessous, pouvez-vous venir ?';

describe('SMS text', () => {
  test.each([
    [
      'fr-FR',
      'Europe/Paris',
      message(),
      "Msg de Jean Dupont 31/03 01:30: Fuite d'eau. Rappeler +33698765432. https://rx.example.com/messages/650000000000000000000abc",
    ],
    [
      'en-US',
      'America/New_York',
      message(),
      "Msg from Jean Dupont 03/30, 07:30 PM: Fuite d'eau. Call back +33698765432. https://rx.example.com/messages/650000000000000000000abc",
    ],
    [
      'fr-FR',
      'Europe/Paris',
      message({ urgent: true, callerName: '' }),
      "URGENT Msg de +33612345678 31/03 01:30: Fuite d'eau. Rappeler +33698765432. Rep. OK=vu https://rx.example.com/messages/650000000000000000000abc",
    ],
  ] as const)('%s in %s', (locale, tz, m, expected) => {
    expect(renderSms({ message: m, client: client(locale, tz), publicBaseUrl: BASE }, 'notify')).toBe(
      expected,
    );
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
      expect(sms).toContain('Rappeler +33698765432.');
      expect(sms.endsWith('/messages/650000000000000000000abc')).toBe(true);
      expect(sms).toMatch(/Bonjour, je vous.*\.\. Rappeler/);
    },
  );

  test.each(['notify', 'resend', 'backup'] as const)(
    'an urgent reason is never cut in the %s SMS: it takes a second segment instead',
    (variant) => {
      const sms = renderSms(
        { message: message({ reason: LONG, urgent: true }), client: client('fr-FR'), publicBaseUrl: BASE },
        variant,
      );
      expect(sms).toContain(`${toGsm7(LONG).replace(/[.!]+$/, '')}. Rappeler +33698765432.`);
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
    'Bonjour Dr Martin. Message urgent pour Cabinet Martin. Jean Dupont a appelé le 31/03 01:30.',
  );
  // Said as the caller's number is said during a call: in the client's national pairs.
  expect(twiml).toContain('Numéro de rappel : 06, 98, 76, 54, 32.');
  expect(twiml).toContain('<Pause length="1"/>');
});
