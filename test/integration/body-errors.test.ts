/**
 * A body the parsers refuse (a charset other than UTF-8, a compression they do not read) is the
 * sender's mistake: each edge answers a 4xx in its own form — TwiML on the Twilio webhooks, an HTML
 * page on the web pages, `{ error, details }` on the API — writes nothing and logs no error.
 */
import mongoose from 'mongoose';
import request from 'supertest';
import { parseEnv } from '../../src/config/env';
import { createLogger } from '../../src/infra/logger';
import { startWeb, type WebRuntime } from '../../src/main/runtime';
import { clearRateLimits, redisUrl, testDatabaseUri } from '../helpers/db';

const TOKEN = 'test-admin-api-token-0123456789';
const logger = createLogger({ level: 'error', json: true });
let web: WebRuntime;
let errorLog: jest.SpyInstance;

beforeAll(async () => {
  const config = parseEnv({
    NODE_ENV: 'test',
    PORT: '0',
    MONGODB_URI: testDatabaseUri(__filename),
    REDIS_URL: redisUrl(),
    ADMIN_API_TOKEN: TOKEN,
  });
  web = await startWeb(config, { logger, host: '127.0.0.1' });
  await clearRateLimits(web.redis, config.mongodbUri);
  await mongoose.connection.db!.dropDatabase();
});
afterAll(async () => {
  await web.stop();
});
beforeEach(() => {
  errorLog = jest.spyOn(logger, 'error');
});
afterEach(() => {
  errorLog.mockRestore();
});

async function documentCount(): Promise<number> {
  const collections = await mongoose.connection.db!.listCollections().toArray();
  const counts = await Promise.all(
    collections.map((c) => mongoose.connection.db!.collection(c.name).countDocuments()),
  );
  return counts.reduce((a, b) => a + b, 0);
}

const FORM = 'CallSid=CA1&From=%2B33612345678&To=%2B33180000001&Body=ok&email=a%40b.fr&password=x';
const CHARSETS = ['latin1', 'windows-1252', 'koi8'];

describe('a body in an unsupported charset', () => {
  it.each(CHARSETS)(
    'when a Twilio webhook gets a %s form, then 415 with an empty TwiML answer, nothing written, no error log',
    async (charset) => {
      for (const path of ['/webhooks/voice/incoming', '/webhooks/sms/incoming']) {
        const res = await request(web.server)
          .post(path)
          .set('Content-Type', `application/x-www-form-urlencoded; charset=${charset}`)
          .set('X-Twilio-Signature', 'forged')
          .send(FORM);
        expect(res.status).toBe(415);
        expect(res.type).toBe('text/xml');
        expect(res.text).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
      }
      expect(await documentCount()).toBe(0);
      expect(errorLog).not.toHaveBeenCalled();
    },
  );

  it.each(CHARSETS)(
    'when the sign-in form comes as %s, then a French HTML 415 page, no error log',
    async (charset) => {
      const res = await request(web.server)
        .post('/login')
        .set('Content-Type', `application/x-www-form-urlencoded; charset=${charset}`)
        .send(FORM);
      expect(res.status).toBe(415);
      expect(res.type).toBe('text/html');
      expect(res.text).toContain('format non pris en charge');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(errorLog).not.toHaveBeenCalled();
    },
  );

  it.each(CHARSETS)(
    'when the API gets JSON in %s, then 415 with { error, details } naming the charset, nothing written',
    async (charset) => {
      const res = await request(web.server)
        .post('/api/v1/clients')
        .set('Authorization', `Bearer ${TOKEN}`)
        .set('Content-Type', `application/json; charset=${charset}`)
        .send(JSON.stringify({ name: 'Cabinet', numbers: ['+33180000001'] }));
      expect(res.status).toBe(415);
      expect(res.body).toEqual({
        error: 'unsupported charset: send UTF-8',
        details: [{ path: 'content-type', message: `charset "${charset}" is not supported` }],
      });
      expect(await documentCount()).toBe(0);
      expect(errorLog).not.toHaveBeenCalled();
    },
  );

  it('when a body is compressed in an unknown encoding, then 415 on each edge', async () => {
    const voice = await request(web.server)
      .post('/webhooks/voice/incoming')
      .set('Content-Type', 'application/x-www-form-urlencoded')
      .set('Content-Encoding', 'zstd-ish')
      .send(FORM);
    expect(voice.status).toBe(415);
    expect(voice.text).toContain('<Response/>');
    const api = await request(web.server)
      .post('/api/v1/clients')
      .set('Authorization', `Bearer ${TOKEN}`)
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', 'zstd-ish')
      .send('{}');
    expect(api.status).toBe(415);
    expect(api.body.details).toEqual([{ path: 'content-encoding', message: '"zstd-ish" is not supported' }]);
    expect(errorLog).not.toHaveBeenCalled();
  });
});
