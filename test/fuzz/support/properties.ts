/**
 * What every fuzzed answer must satisfy, whatever was sent. Each check throws an error naming the
 * answer, so fast-check's report says what broke beside the counterexample.
 */
import { DOMParser, type Element } from '@xmldom/xmldom';
import type { FuzzResponse } from './service';

function fail(res: FuzzResponse, why: string): never {
  const logs = res.logs
    .map((l) => {
      const err = l.err as { message?: string } | undefined;
      return `  ${l.level}: ${l.message}${err?.message ? ` (${err.message})` : ''}`;
    })
    .join('\n');
  throw new Error(`${why}\nstatus ${res.status} ${res.contentType}\n${res.text.slice(0, 800)}\n${logs}`);
}

/**
 * Lines that say a handler crashed and a fallback answered for it: behind a 200 they are a 5xx in
 * disguise. (Other error lines on a 200 are deliberate, e.g. a fail-safe recording of a number no
 * client has any more: a message that could not be kept, which operators must see.)
 */
const CRASH = /failed, fallback answered|unhandled error|web error on/;

/**
 * No 5xx; nothing logged at error level for a 4xx (the caller's mistake is not an operator's
 * alarm); no crash hidden behind a 200.
 */
export function expectHandled(res: FuzzResponse): void {
  if (res.status >= 500) fail(res, 'server error');
  const errors = res.logs.filter((l) => l.level === 'error' && (res.status >= 400 || CRASH.test(l.message)));
  if (errors.length > 0) fail(res, `logged at error level: ${errors[0]!.message}`);
}

/**
 * TwiML verbs the voice edge may answer with, and what each may contain (Twilio refuses a nested
 * verb it does not know with error 12100, and the caller hears "an application error").
 */
const VERBS: Record<string, readonly string[] | 'text'> = {
  Say: 'text',
  Play: 'text',
  Pause: [],
  Hangup: [],
  Reject: [],
  Redirect: 'text',
  Record: [],
  Gather: ['Say', 'Play', 'Pause'],
  Dial: ['Number', 'Client', 'Sip'],
  Number: 'text',
  Client: 'text',
  Sip: 'text',
};

/** XML 1.0 allows tab, line feed, carriage return and everything from U+0020 but the non-characters. */
const NOT_XML_CHAR =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Parses strictly: any parser error or warning is a failure. */
function parseXml(res: FuzzResponse): Element {
  const problems: string[] = [];
  const doc = new DOMParser({
    onError: (level, message) => void problems.push(`${level}: ${message}`),
  }).parseFromString(res.text, 'text/xml');
  if (problems.length > 0) fail(res, `TwiML is not well-formed XML: ${problems.join('; ')}`);
  if (NOT_XML_CHAR.test(res.text)) fail(res, 'TwiML carries a character XML 1.0 forbids');
  const root = doc.documentElement;
  if (!root) fail(res, 'TwiML has no root element');
  return root;
}

function checkVerb(res: FuzzResponse, el: Element, allowed: readonly string[], publicBaseUrl: string): void {
  if (!allowed.includes(el.nodeName)) fail(res, `unexpected TwiML element <${el.nodeName}>`);
  const content = VERBS[el.nodeName]!;
  for (const attr of ['action', 'url', 'recordingStatusCallback', 'transcribeCallback']) {
    const value = el.getAttribute(attr);
    // Callbacks go back to this service only: a fuzzed value must never become a URL Twilio fetches.
    if (value && !value.startsWith(`${publicBaseUrl}/webhooks/`))
      fail(res, `<${el.nodeName} ${attr}="${value}">`);
  }
  const children = Array.from({ length: el.childNodes.length }, (_, i) => el.childNodes.item(i)!);
  if (content === 'text') {
    if (children.some((n) => n.nodeType === 1)) fail(res, `<${el.nodeName}> holds elements`);
    if (!(el.textContent ?? '').trim()) fail(res, `<${el.nodeName}> is empty`);
    if (el.nodeName === 'Redirect' && !el.textContent!.trim().startsWith(`${publicBaseUrl}/webhooks/`)) {
      fail(res, `<Redirect> to ${el.textContent}`);
    }
    return;
  }
  for (const child of children) {
    if (child.nodeType === 1) checkVerb(res, child as unknown as Element, content, publicBaseUrl);
    else if (child.nodeType === 3 && (child.nodeValue ?? '').trim())
      fail(res, `text inside <${el.nodeName}>`);
  }
}

/** A voice webhook's 200 is TwiML: `<Response>` of known verbs whose callbacks come back here. */
export function expectVoiceTwiml(res: FuzzResponse, publicBaseUrl: string): Element {
  if (!/^text\/xml\b/.test(res.contentType)) fail(res, 'a 200 of a voice webhook that is not text/xml');
  const root = parseXml(res);
  if (root.nodeName !== 'Response') fail(res, `TwiML root is <${root.nodeName}>`);
  for (let i = 0; i < root.childNodes.length; i += 1) {
    const n = root.childNodes.item(i)!;
    if (n.nodeType === 1) checkVerb(res, n as unknown as Element, Object.keys(VERBS), publicBaseUrl);
  }
  return root;
}

/** The SMS webhook answers `<Response><Message>text</Message></Response>`. */
export function expectSmsTwiml(res: FuzzResponse): void {
  if (!/^text\/xml\b/.test(res.contentType)) fail(res, 'a 200 of the SMS webhook that is not text/xml');
  const root = parseXml(res);
  if (root.nodeName !== 'Response') fail(res, `TwiML root is <${root.nodeName}>`);
  const messages = Array.from({ length: root.childNodes.length }, (_, i) => root.childNodes.item(i)!).filter(
    (n) => n.nodeType === 1,
  );
  if (messages.length !== 1 || messages[0]!.nodeName !== 'Message' || !messages[0]!.textContent?.trim()) {
    fail(res, 'SMS TwiML is not one non-empty <Message>');
  }
}

/** The admin API's one error shape: `{ error: string, details: [{ path, message }] }`, as JSON. */
export function expectApiError(res: FuzzResponse): void {
  if (!/^application\/json\b/.test(res.contentType)) fail(res, 'an API error that is not JSON');
  let body: unknown;
  try {
    body = JSON.parse(res.text);
  } catch {
    fail(res, 'an API error whose body does not parse as JSON');
  }
  const b = body as { error?: unknown; details?: unknown };
  if (typeof b?.error !== 'string' || !b.error) fail(res, 'API error without an `error` string');
  if (!Array.isArray(b.details)) fail(res, 'API error without a `details` array');
  for (const d of b.details as unknown[]) {
    const detail = d as { path?: unknown; message?: unknown };
    if (typeof detail?.path !== 'string' || typeof detail.message !== 'string') {
      fail(res, `API error detail is not {path, message}: ${JSON.stringify(d)}`);
    }
  }
  if (Object.keys(b).some((k) => !['error', 'details'].includes(k))) fail(res, 'API error with extra fields');
}

/** An API answer that is not an error is JSON (the OpenAPI document included). */
export function expectApiSuccess(res: FuzzResponse): void {
  if (res.status === 204) return;
  if (!/^application\/json\b/.test(res.contentType)) fail(res, 'an API answer that is not JSON');
  JSON.parse(res.text);
}

/** A web page's error is a page (or a plain line before any session), never JSON or a stack trace. */
export function expectWebError(res: FuzzResponse): void {
  if (/^application\/json\b/.test(res.contentType)) fail(res, 'a web form answered with JSON');
  if (!/^text\/(html|plain)\b/.test(res.contentType))
    fail(res, 'a web form error that is neither HTML nor text');
  if (/\n\s+at [^\n]+\(?[^\n]+:\d+:\d+\)?/.test(res.text)) fail(res, 'a stack trace in a web page');
}

export { fail as failResponse };
