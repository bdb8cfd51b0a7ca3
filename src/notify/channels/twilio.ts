/**
 * Twilio REST (SMS, outbound calls) through the twilio SDK. A small RequestClient subclass points
 * the SDK at a configurable API base (the benchmark's local stand-in) and turns error responses
 * into our error classes while the headers are still at hand (Retry-After on 429).
 *
 * `findSms` and `findCall` read Twilio's own record (the Messages and Calls lists) for an attempt
 * whose outcome we do not know: what Twilio created is adopted instead of being sent again.
 */
import twilio from 'twilio';
import type { Logger } from '../../infra/logger';
import { httpError, TransientError, UnknownOutcomeError } from '../errors';

const TWILIO_API = 'https://api.twilio.com';

type RequestOptions<T> = Parameters<InstanceType<typeof twilio.RequestClient>['request']>[0] & { data?: T };

/** The SDK's HTTP client with our API base and error classes (the recording deletions use it too). */
export class TwilioHttpClient extends twilio.RequestClient {
  constructor(private readonly apiBaseUrl: string) {
    super({ timeout: 15_000, keepAlive: true });
  }

  override async request<T>(opts: RequestOptions<T>) {
    const uri = this.apiBaseUrl === TWILIO_API ? opts.uri : opts.uri.replace(TWILIO_API, this.apiBaseUrl);
    let res;
    try {
      res = await super.request<T>({ ...opts, uri });
    } catch (err) {
      const text = `twilio unreachable: ${(err as Error).message}`;
      // A POST that got no answer may still have been created at Twilio.
      throw opts.method.toLowerCase() === 'post' ? new UnknownOutcomeError(text) : new TransientError(text);
    }
    if (res.statusCode >= 400) {
      const body = parseBody(res.body);
      const headers = (res.headers ?? {}) as Record<string, string | undefined>;
      const code = body?.code ? ` ${body.code}` : '';
      throw httpError(
        res.statusCode,
        `twilio${code}: ${body?.message ?? 'request failed'} (HTTP ${res.statusCode})`,
        headers['retry-after'],
      );
    }
    return res;
  }
}

function parseBody(body: unknown): { code?: number; message?: string } | null {
  if (body && typeof body === 'object') return body as { code?: number; message?: string };
  try {
    return JSON.parse(String(body)) as { code?: number; message?: string };
  } catch {
    return null;
  }
}

/** An earlier attempt to look for: created at or after `since`, and not one of `exclude`. */
export type SentQuery = { to: string; from: string; since: Date; exclude: ReadonlySet<string> };

export type TwilioSender = {
  sendSms(input: { to: string; from: string; body: string }): Promise<{ providerId: string }>;
  placeCall(input: { to: string; from: string; twiml: string }): Promise<{ providerId: string }>;
  /** The SMS Twilio holds with this exact body; null when there is none. Errors are transient. */
  findSms(input: SentQuery & { body: string }): Promise<{ providerId: string } | null>;
  /** The call Twilio holds; null when there is none. Errors are transient. */
  findCall(input: SentQuery): Promise<{ providerId: string } | null>;
};

type Listed = { sid: string; dateCreated: Date };
type ListPage<T> = { instances: T[]; nextPage(): Promise<ListPage<T>> | undefined };

/** Twilio filters by day only: the rest is checked here, page after page, until a match. */
async function firstMatch<T extends Listed>(
  what: string,
  first: () => Promise<ListPage<T>>,
  q: SentQuery,
  matches: (record: T) => boolean = () => true,
): Promise<{ providerId: string } | null> {
  try {
    for (let page: ListPage<T> | undefined = await first(); page; page = await page.nextPage()) {
      const found = page.instances.find(
        (r) => r.dateCreated.getTime() >= q.since.getTime() && !q.exclude.has(r.sid) && matches(r),
      );
      if (found) return { providerId: found.sid };
    }
    return null;
  } catch (err) {
    // Never send blind: an unanswered lookup is retried like a failed send.
    throw new TransientError(`twilio ${what} lookup failed: ${(err as Error).message}`);
  }
}

/** `DateSent>=` and `StartTime>=` are days at Twilio: midnight UTC of the day `since` falls in. */
const dayOf = (since: Date) =>
  new Date(Date.UTC(since.getUTCFullYear(), since.getUTCMonth(), since.getUTCDate()));

const PAGE_SIZE = 200;

export function twilioSender(opts: {
  accountSid: string;
  authToken: string;
  apiBaseUrl: string;
  logger: Logger;
}): TwilioSender {
  const client = twilio(opts.accountSid, opts.authToken, {
    httpClient: new TwilioHttpClient(opts.apiBaseUrl),
  });
  return {
    async sendSms({ to, from, body }) {
      const sms = await client.messages.create({ to, from, body });
      return { providerId: sms.sid };
    },
    async placeCall({ to, from, twiml }) {
      const call = await client.calls.create({ to, from, twiml });
      return { providerId: call.sid };
    },
    findSms: (q) =>
      firstMatch(
        'Messages',
        () =>
          client.messages.page({
            to: q.to,
            from: q.from,
            dateSentAfter: dayOf(q.since),
            pageSize: PAGE_SIZE,
          }),
        q,
        (sms) => sms.body === q.body,
      ),
    findCall: (q) =>
      firstMatch(
        'Calls',
        () =>
          client.calls.page({ to: q.to, from: q.from, startTimeAfter: dayOf(q.since), pageSize: PAGE_SIZE }),
        q,
      ),
  };
}
