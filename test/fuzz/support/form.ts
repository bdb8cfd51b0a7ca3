/**
 * Form bodies as bytes, and the parameters the server will see in them: a Twilio signature covers
 * the parsed parameters, so a fuzzed body is signed over exactly what body-parser makes of it —
 * the `qs` call and options of `express.urlencoded({ extended: false })` — or the signature check
 * would refuse every odd case before any handler runs.
 */
import qs from 'qs';
import { sign } from '../../helpers/twilio';

/** A repeated field is a list; the order of entries is kept. */
export type FormEntries = [string, string][];

const UNRESERVED = /[A-Za-z0-9\-_.~]/;

/** Percent-encodes the UTF-8 bytes (a lone surrogate becomes U+FFFD, as any HTTP client sends it). */
export function encode(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const ch = String.fromCharCode(byte);
    out += UNRESERVED.test(ch) ? ch : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

export function encodeForm(entries: FormEntries): string {
  return entries.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&');
}

export function entriesOf(params: Record<string, string | string[]>): FormEntries {
  return Object.entries(params).flatMap(([k, v]) =>
    (Array.isArray(v) ? v : [v]).map((one): [string, string] => [k, one]),
  );
}

/** What `express.urlencoded({ extended: false, parameterLimit })` parses `body` into. */
export function parsedForm(
  body: string,
  contentType: string,
  parameterLimit: number,
): Record<string, unknown> {
  if (!/^\s*application\/x-www-form-urlencoded\s*(;|$)/i.test(contentType) || body === '') return {};
  const charset = /charset="?([^";]+)/i.exec(contentType)?.[1]?.toLowerCase() ?? 'utf-8';
  const count = body.split('&').length;
  try {
    return qs.parse(body, {
      allowPrototypes: true,
      arrayLimit: count,
      depth: 0,
      charset: charset === 'iso-8859-1' ? 'iso-8859-1' : 'utf-8',
      parameterLimit,
      strictDepth: true,
    });
  } catch {
    return {};
  }
}

/** The X-Twilio-Signature Twilio would send for this body posted to `url`. */
export function signatureFor(
  authToken: string,
  url: string,
  body: string,
  contentType: string,
  parameterLimit: number,
): string {
  return sign(authToken, url, parsedForm(body, contentType, parameterLimit) as Record<string, string>);
}
