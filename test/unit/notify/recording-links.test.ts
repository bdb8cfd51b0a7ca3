/** Signed recording links: what the notifications carry instead of Twilio's media URL. */
import { checkRecordingLink, recordingLink } from '../../../src/app/recording-links';
import { clientProfileSchema } from '../../../src/flow/profile';
import { renderEmail, renderSms, renderWebhookBody } from '../../../src/notify/render';
import type { Client } from '../../../src/store/clients';
import type { Message } from '../../../src/store/messages';

const KEY = { secret: 'a-test-secret-of-at-least-32-characters!', ttlMs: 7 * 86_400_000 };
const BASE = 'https://rx.example.com';
const RECEIVED = new Date('2026-03-02T09:00:00Z');

const client: Client = {
  ...clientProfileSchema.parse({ name: 'Cabinet Martin', numbers: ['+33180000001'], locale: 'fr-FR' }),
  id: '650000000000000000000001',
  active: true,
  createdAt: new Date(0),
  updatedAt: new Date(0),
};

const message: Message = {
  id: '650000000000000000000abc',
  clientId: client.id,
  callSid: 'CA1',
  callerName: 'Camille Martin',
  callerNumber: '+33612345678',
  callbackNumber: '+33698765432',
  reason: 'Le renouvellement de mon ordonnance',
  urgent: false,
  transcription: 'Bonjour, c’est Camille Martin…',
  recording: {
    sid: `RE${'a1'.repeat(16)}`,
    url: `https://api.twilio.com/2010-04-01/Accounts/AC${'0'.repeat(32)}/Recordings/RE${'a1'.repeat(16)}`,
    durationSeconds: 12,
  },
  summary: 'Message de Camille Martin',
  status: 'new',
  assigneeId: null,
  handledAt: null,
  acknowledgedAt: null,
  notes: [],
  queuedAt: null,
  claimedBy: null,
  smsRef: null,
  createdAt: RECEIVED,
  updatedAt: RECEIVED,
};

const partsOf = (link: string) => {
  const url = new URL(link);
  return {
    id: url.pathname.split('/').pop()!,
    expires: url.searchParams.get('expires')!,
    sig: url.searchParams.get('sig')!,
  };
};

describe('a signed recording link', () => {
  const link = recordingLink(BASE, message, KEY)!;
  const { id, expires, sig } = partsOf(link);
  const later = (ms: number) => new Date(RECEIVED.getTime() + ms);

  it('is on the service, for this message, expiring after the TTL counted from reception', () => {
    expect(link.startsWith(`${BASE}/recordings/${message.id}?`)).toBe(true);
    expect(Number(expires) * 1000).toBe(RECEIVED.getTime() + KEY.ttlMs);
    expect(recordingLink(BASE, message, KEY)).toBe(link);
  });

  it.each([
    ['valid within its lifetime', id, expires, sig, later(86_400_000), 'valid'],
    ['expired once its lifetime is over', id, expires, sig, later(KEY.ttlMs), 'expired'],
    ['invalid with another expiry', id, String(Number(expires) + 3600), sig, later(0), 'invalid'],
    ['invalid for another message', '650000000000000000000abd', expires, sig, later(0), 'invalid'],
    ['invalid with a tampered signature', id, expires, `${sig.slice(0, -1)}A`, later(0), 'invalid'],
    ['invalid without signature', id, expires, undefined, later(0), 'invalid'],
    ['invalid with a non-numeric expiry', id, 'tomorrow', sig, later(0), 'invalid'],
  ])('is %s', (_what, messageId, exp, s, now, expected) => {
    expect(checkRecordingLink(messageId, exp, s, KEY, now)).toBe(expected);
  });

  it('is refused under another secret', () => {
    expect(checkRecordingLink(id, expires, sig, { secret: 'x'.repeat(40) }, later(0))).toBe('invalid');
  });

  it('is none for a message without recording', () => {
    expect(recordingLink(BASE, { ...message, recording: null }, KEY)).toBeNull();
  });
});

describe('notifications link the recording through the service only', () => {
  const ctx = { message, client, publicBaseUrl: BASE, recordingUrl: recordingLink(BASE, message, KEY) };

  it('the email links the signed service URL', () => {
    const email = renderEmail(ctx);
    expect(email.text).toContain(`Enregistrement\u202f: ${ctx.recordingUrl}`);
    expect(email.html).toContain(`href="${ctx.recordingUrl!.replace(/&/g, '&amp;')}"`);
    expect(`${email.text}${email.html}`).not.toContain('api.twilio.com');
  });

  it('the webhook payload carries the signed service URL as recordingUrl', () => {
    const body = JSON.parse(renderWebhookBody(ctx, 'message.created', 'k')) as {
      message: { recordingUrl: string };
    };
    expect(body.message.recordingUrl).toBe(ctx.recordingUrl);
    expect(JSON.stringify(body)).not.toContain('api.twilio.com');
  });

  it('the SMS carries no Twilio URL', () => {
    expect(renderSms(ctx, 'notify')).not.toContain('twilio.com');
  });
});
