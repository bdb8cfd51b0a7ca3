/**
 * Twilio REST (SMS, outbound calls) through the twilio SDK. A small RequestClient subclass points
 * the SDK at a configurable API base (the benchmark's local stand-in) and turns error responses
 * into our error classes while the headers are still at hand (Retry-After on 429).
 */
import twilio from 'twilio';
import type { Logger } from '../../infra/logger';
import { httpError, TransientError } from '../errors';

const TWILIO_API = 'https://api.twilio.com';

type RequestOptions<T> = Parameters<InstanceType<typeof twilio.RequestClient>['request']>[0] & { data?: T };

class TwilioHttpClient extends twilio.RequestClient {
  constructor(private readonly apiBaseUrl: string) {
    super({ timeout: 15_000, keepAlive: true });
  }

  override async request<T>(opts: RequestOptions<T>) {
    const uri = this.apiBaseUrl === TWILIO_API ? opts.uri : opts.uri.replace(TWILIO_API, this.apiBaseUrl);
    let res;
    try {
      res = await super.request<T>({ ...opts, uri });
    } catch (err) {
      throw new TransientError(`twilio unreachable: ${(err as Error).message}`);
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

export type TwilioSender = {
  sendSms(input: { to: string; from: string; body: string }): Promise<{ providerId: string }>;
  placeCall(input: { to: string; from: string; twiml: string }): Promise<{ providerId: string }>;
};

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
  };
}
