/**
 * The envelope around a body: content types and charsets, encodings that lie, and bodies that are
 * not what their type says (malformed, deep, huge, too many fields). Mostly the honest envelope, so
 * that handlers are reached; the rest aims at the parsers in front of them.
 */
import fc from 'fast-check';

export const FORM = 'application/x-www-form-urlencoded';

/** Charsets clients really send; body-parser knows only UTF-8 and ISO-8859-1 for forms. */
export const CHARSETS = [
  'utf-8',
  'UTF-8',
  'iso-8859-1',
  'latin1',
  'windows-1252',
  'koi8-r',
  'utf-16',
  'ascii',
  'x-unknown',
] as const;

export type Envelope = {
  /** Undefined: no Content-Type header at all. */
  contentType: string | undefined;
  /** A Content-Encoding header that the body does not honour. */
  contentEncoding?: string;
  /** Replaces the body built from the fields. */
  rawBody?: string | Buffer;
};

const otherTypes = fc.constantFrom(
  'application/json',
  'text/plain',
  'text/xml',
  'multipart/form-data; boundary=x',
  'application/octet-stream',
  'APPLICATION/X-WWW-FORM-URLENCODED',
  `${FORM};;;`,
  `${FORM}; charset="utf-8"`,
  `${FORM}; boundary=x; charset=`,
  '*/*',
  'form',
);

const charsetType = (base: string) => fc.constantFrom(...CHARSETS).map((c) => `${base}; charset=${c}`);

/** Bodies no honest client sends: what the parsers in front of the handlers must survive. */
export const hostileBody: fc.Arbitrary<string | Buffer> = fc.oneof(
  fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a)),
  fc.constantFrom(
    '%',
    '%%%',
    '=&=&',
    '&&&&',
    '=',
    'a',
    'a=%E9t%E9',
    'a=%C3%28',
    '\u0000=\u0000',
    '{"a":1}',
    '[]',
  ),
  fc.integer({ min: 201, max: 2000 }).map((n) => Array.from({ length: n }, (_, i) => `p${i}=1`).join('&')),
  fc.integer({ min: 65, max: 300 }).map((kb) => `a=${'x'.repeat(kb * 1024)}`),
  fc.integer({ min: 100, max: 20_000 }).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`),
);

/** The envelope of a form post. */
export const formEnvelope: fc.Arbitrary<Envelope> = fc.oneof(
  { weight: 12, arbitrary: fc.constant({ contentType: FORM }) },
  { weight: 2, arbitrary: fc.constant({ contentType: `${FORM}; charset=utf-8` }) },
  { weight: 2, arbitrary: charsetType(FORM).map((contentType) => ({ contentType })) },
  { weight: 1, arbitrary: otherTypes.map((contentType) => ({ contentType })) },
  { weight: 1, arbitrary: fc.constant({ contentType: undefined }) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('gzip', 'deflate', 'br', 'x-unknown', 'identity, gzip')
      .map((contentEncoding) => ({ contentType: FORM, contentEncoding })),
  },
  { weight: 2, arbitrary: hostileBody.map((rawBody) => ({ contentType: FORM, rawBody })) },
);

/** The envelope of a JSON body. */
export const jsonEnvelope: fc.Arbitrary<Envelope> = fc.oneof(
  { weight: 12, arbitrary: fc.constant({ contentType: 'application/json' }) },
  { weight: 2, arbitrary: fc.constant({ contentType: 'application/merge-patch+json' }) },
  { weight: 2, arbitrary: charsetType('application/json').map((contentType) => ({ contentType })) },
  { weight: 1, arbitrary: otherTypes.map((contentType) => ({ contentType })) },
  { weight: 1, arbitrary: fc.constant({ contentType: undefined }) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('gzip', 'deflate', 'br', 'x-unknown')
      .map((contentEncoding) => ({ contentType: 'application/json', contentEncoding })),
  },
  {
    weight: 3,
    arbitrary: fc
      .oneof(
        hostileBody,
        fc.constantFrom(
          '{',
          '{"a":',
          'nul',
          '"str"',
          '1',
          'null',
          '[]',
          '\uFEFF{}',
          '{"a":1,"a":2}',
          '{"__proto__":{"x":1}}',
        ),
        fc.json({ depthSize: 'large' }),
        fc.integer({ min: 201, max: 400 }).map((kb) => JSON.stringify({ name: 'x'.repeat(kb * 1024) })),
      )
      .map((rawBody) => ({ contentType: 'application/json', rawBody })),
  },
);

export function envelopeHeaders(envelope: Envelope): Record<string, string> {
  return {
    ...(envelope.contentType !== undefined ? { 'content-type': envelope.contentType } : {}),
    ...(envelope.contentEncoding ? { 'content-encoding': envelope.contentEncoding } : {}),
  };
}
