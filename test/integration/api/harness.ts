/**
 * Starts the web runtime in-process on port 0 against this file's own fresh database on the
 * FerretDB that `npm test` started, and gives authenticated supertest requests to `/api/v1`.
 */
import mongoose from 'mongoose';
import request from 'supertest';
import { parseEnv } from '../../../src/config/env';
import { createLogger } from '../../../src/infra/logger';
import { startWeb, type StartWebOptions, type WebRuntime } from '../../../src/main/runtime';
import { clearRateLimits, redisUrl, testDatabaseUri } from '../../helpers/db';

export const TOKEN = 'test-admin-api-token-0123456789';

export type ApiHarness = {
  web: () => WebRuntime;
  /** A supertest request to `/api/v1{path}` carrying the bearer token. */
  api: (method: 'get' | 'post' | 'put' | 'patch' | 'delete', path: string) => request.Test;
};

export function useApi(testFile: string, api: StartWebOptions['api'] = {}): ApiHarness {
  let web: WebRuntime;
  beforeAll(async () => {
    const config = parseEnv({
      NODE_ENV: 'test',
      PORT: '0',
      MONGODB_URI: testDatabaseUri(testFile),
      REDIS_URL: redisUrl(),
      ADMIN_API_TOKEN: TOKEN,
    });
    web = await startWeb(config, {
      logger: createLogger({ level: 'error', json: true }),
      host: '127.0.0.1',
      api,
    });
    await clearRateLimits(web.redis, config.mongodbUri);
    await mongoose.connection.db!.dropDatabase();
    await Promise.all(Object.values(mongoose.models).map((m) => m.init().then(() => m.syncIndexes())));
  });
  afterAll(async () => {
    await web.stop();
  });
  return {
    web: () => web,
    api: (method, path) =>
      request(web.server)[method](`/api/v1${path}`).set('Authorization', `Bearer ${TOKEN}`),
  };
}

export const profileInput = (numbers: string[], name = 'Cabinet Martin') => ({
  name,
  numbers,
  timezone: 'Europe/Paris',
});
