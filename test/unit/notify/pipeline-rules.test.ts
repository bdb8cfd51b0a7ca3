/** Plan, keys, retries, timezones, acknowledgement words: the rules of the pipeline, pure. */
import { clientProfileSchema, type ClientProfileInput } from '../../../src/flow/profile';
import type { Client } from '../../../src/store/clients';
import type { Message } from '../../../src/store/messages';
import { digestPattern } from '../../../src/notify/digest';
import {
  backoffDelay,
  httpError,
  parseRetryAfter,
  PermanentError,
  TransientError,
} from '../../../src/notify/errors';
import { deliveryKey, parseDeliveryKey } from '../../../src/notify/keys';
import { planFollowUps } from '../../../src/notify/plan';
import { startOfLocalDay } from '../../../src/domain/zoned-time';
import { yesterdayIn } from '../../../src/notify/timezone';
import { isAcknowledgement, parseAcknowledgement } from '../../../src/app/sms-acknowledgement';

const ID = '650000000000000000000abc';
const client = (notifications: ClientProfileInput['notifications']): Client => ({
  ...clientProfileSchema.parse({ name: 'C', numbers: ['+33180000001'], notifications }),
  id: '650000000000000000000001',
  active: true,
  createdAt: new Date(0),
  updatedAt: new Date(0),
});
const message = (urgent: boolean) => ({ id: ID, urgent, acknowledgedAt: null }) as unknown as Message;

describe('plan', () => {
  const settings = {
    sms: { enabled: true, to: ['+33611111111', '+33622222222'] },
    email: { enabled: true, to: ['a@example.com', 'b@example.com'] },
    webhook: { enabled: true, url: 'https://crm.example.com/hook', secret: 'x'.repeat(16) },
    escalation: {
      enabled: true,
      delayMinutes: 10,
      resends: 1,
      backup: { name: 'B', number: '+33633333333' },
    },
  };
  test('a normal message: SMS to each number, one email, one webhook, no escalation', () => {
    expect(planFollowUps(message(false), client(settings)).map((p) => [p.key, p.delayMs])).toEqual([
      [`${ID}.sms.notify.0`, 0],
      [`${ID}.sms.notify.1`, 0],
      [`${ID}.email.notify.0`, 0],
      [`${ID}.webhook.notify.0`, 0],
    ]);
  });
  test('an urgent message: resends after the delay, then the backup by SMS, then by call', () => {
    const plan = planFollowUps(message(true), client(settings)).filter((p) => p.purpose !== 'notify');
    expect(plan.map((p) => [p.key, p.to, p.delayMs / 60_000])).toEqual([
      [`${ID}.sms.resend1.0`, '+33611111111', 10],
      [`${ID}.sms.resend1.1`, '+33622222222', 10],
      [`${ID}.sms.backup.0`, '+33633333333', 20],
      [`${ID}.call.backup.0`, '+33633333333', 21],
    ]);
  });
  test('keys round-trip and carry no ":" (BullMQ custom ids)', () => {
    const key = deliveryKey(ID, 'call', 'backup');
    expect(key).not.toContain(':');
    expect(parseDeliveryKey(key)).toEqual({ messageId: ID, channel: 'call', purpose: 'backup', index: 0 });
    expect(parseDeliveryKey('nonsense')).toBeNull();
  });
});

describe('errors and retries', () => {
  test.each([
    [429, TransientError],
    [500, TransientError],
    [503, TransientError],
    [400, PermanentError],
    [404, PermanentError],
  ])('HTTP %i is %p', (status, type) => expect(httpError(status, 'x')).toBeInstanceOf(type));
  test('Retry-After as seconds or a date', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(
      parseRetryAfter('Wed, 21 Oct 2015 07:28:05 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT')),
    ).toBe(5000);
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
  test('backoff grows exponentially, is capped, and never undercuts Retry-After', () => {
    const o = { baseMs: 1000, maxMs: 8000 };
    for (const [attempt, max] of [
      [1, 1000],
      [2, 2000],
      [3, 4000],
      [6, 8000],
    ] as const) {
      const d = backoffDelay(attempt, undefined, o);
      expect(d).toBeGreaterThanOrEqual(max / 2);
      expect(d).toBeLessThanOrEqual(max);
    }
    expect(backoffDelay(1, new TransientError('429', 30_000), o)).toBe(30_000);
  });
});

describe('time zones', () => {
  test.each([
    ['2025-03-30', 'Europe/Paris', '2025-03-29T23:00:00.000Z'], // DST starts that night
    ['2025-03-31', 'Europe/Paris', '2025-03-30T22:00:00.000Z'],
    ['2025-10-26', 'Europe/Paris', '2025-10-25T22:00:00.000Z'], // DST ends that night
    ['2025-07-01', 'America/New_York', '2025-07-01T04:00:00.000Z'],
  ])('%s starts in %s at %s', (date, tz, iso) => expect(startOfLocalDay(date, tz).toISOString()).toBe(iso));
  test('yesterday, just after midnight in Paris, is the day before in Paris (a 23-hour day)', () => {
    const y = yesterdayIn(new Date('2025-03-30T22:30:00Z'), 'Europe/Paris');
    expect(y.date).toBe('2025-03-30');
    expect(y.to.getTime() - y.from.getTime()).toBe(23 * 3_600_000);
  });
  test.each([
    ['08:00', '0 8 * * *'],
    ['18:45', '45 18 * * *'],
    ['24:00', '0 0 * * *'],
  ])('digest at %s → cron %s', (hhmm, cron) => expect(digestPattern(hhmm)).toBe(cron));
});

test.each([
  ['OK', true],
  [' ok ! ', true],
  ['Vu.', true],
  ['1', true],
  ['oui', true],
  ['rappelle-moi', false],
  ['', false],
  ['OK 2', true],
  ['ok2', true],
  ['OK n°2', true],
  ['ok 12345', false],
  ['2', false],
])('SMS reply %p acknowledges: %p', (body, expected) => expect(isAcknowledgement(body)).toBe(expected));

test.each([
  ['OK', null],
  ['Vu.', null],
  ['OK 2', 2],
  ['ok2', 2],
  ['OK n°2', 2],
  ['Ok N° 2 !', 2],
  ['ok no 3', 3],
  ['OK #4', 4],
])('SMS reply %p names the reference %p', (body, ref) => expect(parseAcknowledgement(body)).toEqual({ ref }));
