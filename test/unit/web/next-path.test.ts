/** The page opened after sign-in: a same-site path only, never another site (open redirect). */
import { loginUrl, nextPath } from '../../../src/web/next-path';

describe('nextPath', () => {
  test.each([
    ['/messages/650000000000000000000abc', '/messages/650000000000000000000abc'],
    [
      '/?client=650000000000000000000001&from=2026-12-01&to=2026-12-01',
      '/?client=650000000000000000000001&from=2026-12-01&to=2026-12-01',
    ],
    ['/%2F%2Fevil.example', '/%2F%2Fevil.example'],
  ])('a path on this site is followed: %s', (input, expected) => {
    expect(nextPath(input)).toBe(expected);
  });

  test.each([
    ['//evil.example'],
    ['//evil.example/messages'],
    ['https://evil.example'],
    ['http:/evil.example'],
    ['javascript:alert(1)'],
    ['/\\evil.example'],
    ['/\\/evil.example'],
    ['\\\\evil.example'],
    ['/messages\\..\\//evil'],
    ['/\t/evil.example'],
    ['/\n/evil.example'],
    ['/ok\u0000'],
    ['%2F%2Fevil.example'],
    ['evil.example'],
    [''],
    ['/login'],
    ['/login?next=//evil.example'],
    [`/${'a'.repeat(2001)}`],
    [undefined],
    [42],
    [['//evil.example', '/messages']],
  ])('anything else sends to the list: %p', (input) => {
    expect(nextPath(input)).toBe('/');
  });

  test('the sign-in link carries the page asked for, and the expiry', () => {
    expect(loginUrl('/messages/abc?x=1', false)).toBe('/login?next=%2Fmessages%2Fabc%3Fx%3D1');
    expect(loginUrl('/messages/abc', true)).toBe('/login?expired=1&next=%2Fmessages%2Fabc');
    expect(loginUrl('/', false)).toBe('/login');
    expect(loginUrl('//evil.example', true)).toBe('/login?expired=1');
  });
});
