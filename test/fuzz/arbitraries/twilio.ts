/**
 * Twilio's voice and SMS parameters: what Twilio sends (ids of the right shape, E.164 numbers,
 * keypad digits, speech, recording URLs) with fuzzed content, and the ways a forwarded or forged
 * request differs — fields missing, repeated (a list where one value is expected), unknown, named
 * after Object's prototype.
 */
import fc from 'fast-check';
import { DIAL_STATUSES } from '../../../src/flow';
import { VOICE_ROUTES } from '../../../webhooks/voice';
import { ACCOUNT_SID } from '../../helpers/twilio';
import { mostly, nastyText } from './strings';

export type Params = Record<string, string | string[]>;

const hex = (n: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: n, maxLength: n });

export const callSid = hex(32).map((h) => `CA${h}`);
export const recordingSid = hex(32).map((h) => `RE${h}`);

/** Valid numbers of several countries, Twilio's ways of hiding a caller, and junk. */
export const phoneNumber = (known: readonly string[]) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...known) },
    { weight: 3, arbitrary: fc.integer({ min: 10_000_000, max: 99_999_999 }).map((n) => `+336${n}`) },
    { weight: 1, arbitrary: fc.integer({ min: 2_000_000, max: 9_999_999 }).map((n) => `+1415${n}`) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        'anonymous',
        'Anonymous',
        '+266696687',
        '+7378742833',
        'client:alice',
        'sip:a@b.c',
        '+',
        '+0',
      ),
    },
    { weight: 1, arbitrary: nastyText },
  );

/** Mostly the one key a menu or a yes/no question expects, so that calls get as far as a message. */
const digits = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('1', '2', '3', '9', '0') },
  fc.string({ unit: fc.constantFrom(...'0123456789*#'), maxLength: 4 }),
  fc.string({ unit: fc.constantFrom(...'0123456789*#'), minLength: 38, maxLength: 45 }),
  fc.constantFrom('hangup', 'timeout', '1w2', '٣', '１'),
);

const speech = mostly(
  fc.constantFrom(
    'Jeanne Dupont',
    'Martin',
    'oui',
    'non',
    'c’est urgent',
    'je voudrais laisser un message',
    'le 06 12 34 56 78',
    'zéro six douze',
  ),
);

const twilioRecordingUrl = fc
  .tuple(hex(32), hex(32))
  .map(([a, r]) => `https://api.twilio.com/2010-04-01/Accounts/AC${a}/Recordings/RE${r}`);

const recordingUrl = fc.oneof(
  { weight: 4, arbitrary: twilioRecordingUrl },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'http://169.254.169.254/latest/meta-data/',
      'http://127.0.0.1:6379/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'https://evil.example/x.mp3"><Play>',
      'https://api.twilio.com/../../x',
      'not a url',
    ),
  },
  { weight: 1, arbitrary: nastyText },
);

const number = (min: number, max: number) => mostly(fc.integer({ min, max }).map(String));

/** Every parameter a voice callback may read, each optional: routes take what they know. */
export function voiceFields(
  sid: string,
  to: readonly string[],
  from: readonly string[],
): fc.Arbitrary<Params> {
  return fc.record(
    {
      CallSid: fc.oneof(
        { weight: 9, arbitrary: fc.constant(sid) },
        { weight: 1, arbitrary: mostly(callSid, 1) },
      ),
      AccountSid: fc.oneof(
        { weight: 9, arbitrary: fc.constant(ACCOUNT_SID) },
        { weight: 1, arbitrary: nastyText },
      ),
      From: phoneNumber(from),
      To: fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom(...to) },
        { weight: 1, arbitrary: phoneNumber(to) },
      ),
      CallStatus: mostly(
        fc.constantFrom('ringing', 'in-progress', 'completed', 'busy', 'no-answer', 'failed', 'canceled'),
      ),
      Direction: mostly(fc.constantFrom('inbound', 'outbound-dial')),
      ApiVersion: fc.constant('2010-04-01'),
      Digits: mostly(digits, 4),
      SpeechResult: speech,
      Confidence: mostly(fc.constantFrom('0', '0.2', '0.95', '1', '1.5', '-1', 'NaN', 'Infinity', '1e-7')),
      DialCallStatus: mostly(fc.constantFrom(...DIAL_STATUSES)),
      DialCallDuration: number(0, 4000),
      DialBridged: mostly(fc.constantFrom('true', 'false')),
      RecordingUrl: recordingUrl,
      RecordingSid: mostly(recordingSid),
      RecordingDuration: number(0, 400),
      CallDuration: number(0, 4000),
      TranscriptionText: mostly(fc.constantFrom('Bonjour, c’est Jeanne, rappelez-moi.', '')),
      TranscriptionStatus: mostly(fc.constantFrom('completed', 'failed')),
      CallerName: nastyText,
    },
    { requiredKeys: ['CallSid', 'AccountSid', 'From', 'To'] },
  );
}

/** Keys that are not Twilio's: Object's own names, bracket syntax, odd bytes. */
const strangeKey = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    'toString',
    'hasOwnProperty',
    'valueOf',
    'CallSid[]',
    'Digits[0]',
    'a[b][c]',
    '',
    ' ',
    'turn',
    'parent',
  ),
  fc.string({ maxLength: 12 }),
);

/** Turns honest parameters into what a broken proxy or an attacker posts. */
export function mutated(params: fc.Arbitrary<Params>): fc.Arbitrary<Params> {
  return fc
    .tuple(
      params,
      fc.subarray([
        'CallSid',
        'AccountSid',
        'From',
        'To',
        'Digits',
        'SpeechResult',
        'DialCallStatus',
        'CallStatus',
        'TranscriptionStatus',
      ]),
      fc.subarray([
        'CallSid',
        'From',
        'To',
        'Digits',
        'SpeechResult',
        'DialCallStatus',
        'RecordingUrl',
        'CallStatus',
      ]),
      fc.array(fc.tuple(strangeKey, nastyText), { maxLength: 3 }),
    )
    .map(([p, dropped, listed, extra]) => {
      const out: Params = { ...p };
      for (const k of dropped) delete out[k];
      for (const k of listed)
        if (typeof out[k] === 'string') out[k] = [out[k] as string, `${out[k] as string}x`];
      for (const [k, v] of extra)
        Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
      return out;
    });
}

/** Mostly honest parameters, sometimes mutated. */
export function voiceParams(
  sid: string,
  to: readonly string[],
  from: readonly string[],
): fc.Arbitrary<Params> {
  const honest = voiceFields(sid, to, from);
  return fc.oneof({ weight: 3, arbitrary: honest }, { weight: 1, arbitrary: mutated(honest) });
}

/** Where a step posts: a URL the last TwiML gave (how Twilio behaves), or any route, or none. */
export type Target =
  | { kind: 'follow'; index: number }
  | { kind: 'route'; route: string; turn: string | undefined; parent: 'same' | 'other' | 'none' | string };

export const VOICE_ROUTE_NAMES = Object.keys(VOICE_ROUTES);

export const target: fc.Arbitrary<Target> = fc.oneof(
  { weight: 6, arbitrary: fc.nat(5).map((index) => ({ kind: 'follow' as const, index })) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('route' as const),
      route: fc.oneof(
        { weight: 8, arbitrary: fc.constantFrom(...VOICE_ROUTE_NAMES) },
        {
          weight: 1,
          arbitrary: fc.constantFrom('nope', 'Incoming', 'incoming/', 'status%00', 'menu;x', 'menu%2Fx'),
        },
      ),
      turn: fc.option(mostly(fc.nat(12).map(String)), { nil: undefined }),
      parent: fc.oneof(fc.constantFrom('same' as const, 'other' as const, 'none' as const), nastyText),
    }),
  },
);

/** Twilio's inbound SMS parameters. */
export function smsParams(from: readonly string[], to: readonly string[]): fc.Arbitrary<Params> {
  const honest = fc.record(
    {
      MessageSid: mostly(hex(32).map((h) => `SM${h}`)),
      AccountSid: fc.constant(ACCOUNT_SID),
      From: phoneNumber(from),
      To: phoneNumber(to),
      Body: mostly(fc.constantFrom('OK', 'ok', ' Ok. ', 'STOP', 'HELP', 'oui', 'd’accord', '👍')),
      NumMedia: mostly(fc.constantFrom('0', '1')),
    },
    { requiredKeys: ['From', 'Body'] },
  );
  return fc.oneof({ weight: 3, arbitrary: honest }, { weight: 1, arbitrary: mutated(honest) });
}

/** How a request is signed: as Twilio does, or not, or wrongly. */
export const signing = fc.oneof(
  { weight: 12, arbitrary: fc.constant('valid' as const) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'missing' as const,
      'forged' as const,
      'other-url' as const,
      'other-params' as const,
    ),
  },
);
export type Signing = 'valid' | 'missing' | 'forged' | 'other-url' | 'other-params';
