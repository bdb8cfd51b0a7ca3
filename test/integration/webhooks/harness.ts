/** Starts the real service on a known port (signatures need the public URL) for webhook tests. */
import request from 'supertest';
import { invalidateClientCache } from '../../../src/app/client-cache';
import type { CallRecords } from '../../../src/app/ports';
import { CALL_RECORDS } from '../../../src/main/call-deps';
import { parseEnv, type Config } from '../../../src/config/env';
import { createLogger } from '../../../src/infra/logger';
import { startWeb, type StartWebOptions, type WebRuntime } from '../../../src/main/runtime';
import type { Message } from '../../../src/store/messages';
import { freePort } from '../../../scripts/lib/services';
import { redisUrl, testDatabaseUri } from '../../helpers/db';
import { sign } from '../../helpers/twilio';

export type WebhookHarness = {
  web: () => WebRuntime;
  config: () => Config;
  notified: Message[];
  /** POSTs a form to a webhook path, signed like Twilio signs it (unless `signature` is given). */
  post: (path: string, params: Record<string, string>, signature?: string | null) => request.Test;
};

export function useWebhookService(
  testFile: string,
  options: Omit<StartWebOptions, 'logger' | 'host' | 'followUps'> & { mongodbUri?: string } = {},
): WebhookHarness {
  let web: WebRuntime;
  let config: Config;
  const notified: Message[] = [];
  beforeAll(async () => {
    invalidateClientCache();
    const port = await freePort();
    config = parseEnv({
      NODE_ENV: 'test',
      PORT: String(port),
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
      MONGODB_URI: options.mongodbUri ?? testDatabaseUri(testFile),
      REDIS_URL: redisUrl(),
    });
    web = await startWeb(config, {
      // Generous by default so a loaded machine does not take the fail-safe path by accident.
      webhookDeadlineMs: 8000,
      ...options,
      logger: createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'error', json: true }),
      host: '127.0.0.1',
      followUps: { messageStored: async (m) => void notified.push(m) },
    });
  });
  afterAll(async () => {
    await web.stop();
  });
  return {
    web: () => web,
    config: () => config,
    notified,
    post: (path, params, signature) => {
      const url = `${config.publicBaseUrl}${path}`;
      const req = request(web.server).post(path).type('form').send(params);
      const sig = signature === undefined ? sign(config.twilio.authToken, url, params) : signature;
      return sig === null ? req : req.set('X-Twilio-Signature', sig);
    },
  };
}

/** The path and query of an absolute callback URL found in TwiML. */
export function pathOf(url: string): string {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
}

/** What a caller answers to each gather of the message-taking flow: menu 2, name, reason, number confirmed, not urgent, confirmed. */
export const MESSAGE_ANSWERS: Record<string, string>[] = [
  { Digits: '2' },
  { SpeechResult: 'Jeanne Durand', Confidence: '0.9' },
  { SpeechResult: 'Une fuite sous l évier', Confidence: '0.9' },
  { Digits: '1' },
  { Digits: '2' },
  { Digits: '1' },
];

/**
 * The real call records, whose message inserts wait first: `delays` holds the wait (ms) of each next
 * insert, in order; tests push to it, or empty it (`delays.length = 0`) between cases.
 */
export function slowInserts(): { records: CallRecords; delays: number[] } {
  const delays: number[] = [];
  const records: CallRecords = {
    ...CALL_RECORDS,
    async insertMessage(input) {
      const delay = delays.shift() ?? 0;
      if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
      return CALL_RECORDS.insertMessage(input);
    },
  };
  return { records, delays };
}
