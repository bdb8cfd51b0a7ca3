/**
 * Sends one webhook the way Twilio does: form-encoded, signed over the public URL, timed, and checked
 * against what Twilio accepts back.
 */
import twilio from 'twilio';
import type { Leg, Problem, RequestPurpose, RequestRecord } from './report';
import { problem } from './twiml';

export interface TransportOptions {
  /** The base URL the service believes it is served at (PUBLIC_BASE_URL): every signature uses it. */
  publicBaseUrl: string;
  /** Where requests really go (like a reverse proxy in front of the service); defaults to publicBaseUrl. */
  targetBaseUrl?: string;
  authToken: string;
  /** Twilio gives up on a response after 15 s. @defaultValue 15000 */
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
}

export interface Exchange {
  record: RequestRecord;
  /** The body when the answer was usable TwiML material (2xx, XML content type when required). */
  body: string | null;
  problems: Problem[];
}

export interface SendRequest {
  url: string;
  method: 'GET' | 'POST';
  params: Record<string, string>;
  leg: Leg;
  purpose: RequestPurpose;
  /** Twilio needs TwiML back (not for status, recording-status and transcription callbacks). */
  expectTwiml: boolean;
}

const XML_CONTENT_TYPE = /^(text|application)\/xml\b/i;

export function signature(authToken: string, url: string, params: Record<string, string>): string {
  return twilio.getExpectedTwilioSignature(authToken, url, params);
}

export class Transport {
  private readonly publicBase: string;
  private readonly targetBase: string;
  private readonly timeoutMs: number;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: TransportOptions) {
    this.publicBase = options.publicBaseUrl.replace(/\/+$/, '');
    this.targetBase = (options.targetBaseUrl ?? options.publicBaseUrl).replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 15000;
    this.fetchImpl = options.fetchImpl ?? fetch;
  }

  /** Resolves a TwiML URL (possibly relative) against the document it came from, as Twilio does. */
  resolve(url: string, documentUrl: string): string {
    return new URL(url, documentUrl).toString();
  }

  publicUrl(path: string): string {
    return this.publicBase + path;
  }

  async send(request: SendRequest): Promise<Exchange> {
    let signedUrl = request.url;
    const form = new URLSearchParams(request.params).toString();
    if (request.method === 'GET') {
      signedUrl += (signedUrl.includes('?') ? '&' : '?') + form;
    }
    const headers: Record<string, string> = {
      'X-Twilio-Signature': signature(
        this.options.authToken,
        signedUrl,
        request.method === 'POST' ? request.params : {},
      ),
      'User-Agent': 'TwilioProxy/1.1 (receptionist-simulator)',
      Accept: '*/*',
    };
    if (request.method === 'POST') headers['Content-Type'] = 'application/x-www-form-urlencoded';
    const target = signedUrl.startsWith(this.publicBase)
      ? this.targetBase + signedUrl.slice(this.publicBase.length)
      : signedUrl;

    const problems: Problem[] = [];
    const started = performance.now();
    let status = 0;
    let contentType: string | null = null;
    let text: string | null = null;
    try {
      const response = await this.fetchImpl(target, {
        method: request.method,
        headers,
        body: request.method === 'POST' ? form : undefined,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      status = response.status;
      contentType = response.headers.get('content-type');
      text = await response.text();
    } catch (error) {
      // A DOMException, not always `instanceof Error` across realms: test the name.
      const timedOut = (error as { name?: unknown } | null)?.name === 'TimeoutError';
      problems.push(
        problem(
          11200,
          'error',
          timedOut
            ? `No response within ${this.timeoutMs / 1000} s: Twilio would give up`
            : `HTTP retrieval failure: ${describeError(error)}`,
          request.url,
        ),
      );
    }
    const ms = Math.round((performance.now() - started) * 10) / 10;
    const record: RequestRecord = {
      leg: request.leg,
      purpose: request.purpose,
      method: request.method,
      url: request.url,
      path: new URL(request.url).pathname,
      status,
      ms,
      contentType,
      params: request.params,
    };

    if (status !== 0 && (status < 200 || status >= 300)) {
      const hint = status === 403 ? ' (signature rejected? check PUBLIC_BASE_URL and TWILIO_AUTH_TOKEN)' : '';
      problems.push(problem(11200, 'error', `HTTP ${status} from ${record.path}${hint}`, request.url));
      return { record, body: null, problems };
    }
    if (text === null) return { record, body: null, problems };
    if (request.expectTwiml && !(contentType && XML_CONTENT_TYPE.test(contentType))) {
      problems.push(
        problem(
          12300,
          'error',
          `Invalid content type "${contentType ?? '(none)'}" from ${record.path}: Twilio needs text/xml`,
          request.url,
        ),
      );
      return { record, body: null, problems };
    }
    return { record, body: text, problems };
  }
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as Error & { cause?: unknown }).cause;
  return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
}
