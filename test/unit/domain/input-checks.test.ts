/** The domain's input checks: calendar days, business time zones, clean text, outbound URLs. */
import { calendarDateSchema, isCalendarDate } from '../../../src/domain/calendar';
import {
  forbiddenAddressReason,
  outboundUrlProblem,
  STRICT_OUTBOUND_POLICY,
} from '../../../src/domain/outbound-url';
import { cleanText, lineSchema, multilineSchema } from '../../../src/domain/text';
import { isBusinessTimeZone, isKnownTimeZone } from '../../../src/domain/time-zones';

describe('calendar days', () => {
  it.each([
    ['2026-02-28', true],
    ['2026-02-29', false],
    ['2028-02-29', true],
    ['2100-02-29', false],
    ['2000-02-29', true],
    ['2026-02-30', false],
    ['2026-13-45', false],
    ['2026-00-10', false],
    ['2026-04-31', false],
    ['2026-12-31', true],
    ['2026-01-00', false],
    ['2026-1-05', false],
    ['26-01-05', false],
  ])('when %s is checked, then it exists: %s', (day, exists) => {
    expect(isCalendarDate(day)).toBe(exists);
    expect(calendarDateSchema.safeParse(day).success).toBe(exists);
  });

  it('when a day does not exist, then the message says so (not just the shape)', () => {
    const r = calendarDateSchema.safeParse('2026-02-30');
    expect(r.error?.issues.map((i) => i.message)).toEqual(['no such day in the calendar']);
  });
});

describe('time zones a business can be in', () => {
  it.each([
    'Europe/Paris',
    'America/Argentina/Buenos_Aires',
    'America/Indiana/Indianapolis',
    'America/New_York',
    'Asia/Kolkata',
    'Europe/Kyiv',
    'Pacific/Auckland',
    'Australia/Sydney',
  ])('when %s is given, then it is accepted', (tz) => {
    expect(isBusinessTimeZone(tz)).toBe(true);
  });

  it.each([
    'EST',
    'UTC',
    'GMT',
    'Etc/GMT+5',
    'Etc/UTC',
    'EST5EDT',
    'CST6CDT',
    'SystemV/EST5',
    'US/Eastern',
    'Mars/Olympus',
    'Europe/Atlantis',
    'europe/paris',
    '',
  ])('when %s is given, then it is refused', (tz) => {
    expect(isBusinessTimeZone(tz)).toBe(false);
  });

  it('when a legacy zone was stored, then it is still known (read back, not offered)', () => {
    expect(isKnownTimeZone('UTC')).toBe(true);
    expect(isKnownTimeZone('EST')).toBe(true);
    expect(isKnownTimeZone('Mars/Olympus')).toBe(false);
  });
});

describe('free text loses its control characters', () => {
  it.each([
    ['a NUL', 'Jean\u0000ne', 'Jeanne', 'Jeanne'],
    ['an ANSI colour', '\u001b[31mRouge\u001b[0m', 'Rouge', 'Rouge'],
    ['a 256-colour escape', '\u001b[38;5;196mX', 'X', 'X'],
    ['an OSC title', 'a\u001b]0;pwned\u0007b', 'ab', 'ab'],
    ['a C1 CSI', 'a\u009b2Jb', 'ab', 'ab'],
    ['a bell and a delete', 'a\u0007b\u007fc', 'abc', 'abc'],
    ['line breaks', 'un\r\ndeux\rtrois', 'un deux trois', 'un\ndeux\ntrois'],
    ['a tab', 'a\tb', 'a b', 'a\tb'],
    ['accents, CJK and emoji', 'Zoé 漢字 🙂', 'Zoé 漢字 🙂', 'Zoé 漢字 🙂'],
  ])('when a text carries %s, then it is cleaned', (_what, input, line, multiline) => {
    expect(cleanText(input)).toBe(line);
    expect(cleanText(input, { multiline: true })).toBe(multiline);
  });

  it('when a name is only controls and spaces, then it is empty and min(1) refuses it', () => {
    expect(lineSchema().min(1).safeParse(' \u0000\u001b[0m ').success).toBe(false);
    expect(lineSchema().max(5).parse('  ab\u0000c  ')).toBe('abc');
    expect(multilineSchema().parse(' a\r\nb ')).toBe('a\nb');
  });
});

describe('outbound webhook URLs', () => {
  const dev = { requireHttps: false, allowPrivate: false };
  it.each([
    'http://127.0.0.1:6390/',
    'http://2130706433/',
    'http://0x7f.1/',
    'http://017700000001/',
    'http://[::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:a00:1]/',
    'http://10.0.0.1/',
    'http://172.16.5.4/',
    'http://192.168.1.1/',
    'http://100.64.0.1/',
    'http://169.254.169.254/latest/meta-data',
    'http://[fd00:ec2::254]/',
    'http://[fe80::1]/',
    'http://[fc00::1]/',
    'http://0.0.0.0/',
    'http://[::]/',
    'http://224.0.0.1/',
    'http://255.255.255.255/',
    'http://localhost:3000/',
    'http://api.localhost/',
    'http://redis:6379/',
    'http://metadata.google.internal/',
    'http://[64:ff9b::7f00:1]/',
  ])('when a webhook points at %s, then it is refused', (url) => {
    expect(outboundUrlProblem(url, dev)).toMatch(/^must point to a public host/);
  });

  it.each([
    'https://hooks.example.com/crm',
    'http://hooks.example.com/crm',
    'http://8.8.8.8/x',
    'http://[2606:4700::1111]/',
  ])('when a webhook points at the public %s outside production, then it is accepted', (url) => {
    expect(outboundUrlProblem(url, dev)).toBeNull();
  });

  it('when in production, then plain http is refused and https accepted', () => {
    expect(outboundUrlProblem('http://hooks.example.com/', STRICT_OUTBOUND_POLICY)).toBe(
      'expected an https URL',
    );
    expect(outboundUrlProblem('https://hooks.example.com/', STRICT_OUTBOUND_POLICY)).toBeNull();
    expect(outboundUrlProblem('ftp://hooks.example.com/', STRICT_OUTBOUND_POLICY)).toBe(
      'expected an http(s) URL',
    );
  });

  it('when private addresses are allowed (tests, development), then a loopback receiver is accepted', () => {
    expect(
      outboundUrlProblem('http://127.0.0.1:6390/', { requireHttps: false, allowPrivate: true }),
    ).toBeNull();
  });

  it('when an IPv4-mapped IPv6 address is judged, then it is judged as the IPv4 it carries', () => {
    expect(forbiddenAddressReason('::ffff:169.254.169.254')).toBe('169.254.169.254 is a link-local address');
    expect(forbiddenAddressReason('::ffff:8.8.8.8')).toBeNull();
  });
});
