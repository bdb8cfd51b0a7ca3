import http from 'node:http';
import { type User } from '../../../src/domain/users';
/** Shared set-up of the web tests: the real service on port 0, two clients, users, messages, sign-in. */
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { parseEnv, type Config } from '../../../src/config/env';
import { createLogger } from '../../../src/infra/logger';
import { startWeb, type StartWebOptions, type WebRuntime } from '../../../src/main/runtime';
import { createClient, type Client } from '../../../src/store/clients';
import { insertMessage, type Message, type NewMessage } from '../../../src/store/messages';
import { createUser } from '../../../src/store/users';
import type { WebOptions } from '../../../src/web/router';
import { DEMO_CLIENT } from '../../../scripts/lib/seed';
import { clearRateLimits, redisUrl, testDatabaseUri } from '../../helpers/db';

export const PASSWORD = 'correct horse battery';

export function testConfig(testFile: string, extra: Record<string, string> = {}): Config {
  return parseEnv({
    NODE_ENV: 'test',
    PORT: '0',
    MONGODB_URI: testDatabaseUri(testFile),
    REDIS_URL: redisUrl(),
    LOG_LEVEL: 'error',
    ...extra,
  });
}

export async function startTestWeb(
  config: Config,
  web?: WebOptions,
  more: Omit<StartWebOptions, 'web'> = {},
): Promise<WebRuntime> {
  const runtime = await startWeb(config, {
    logger: createLogger({ level: 'error', json: true }),
    host: '127.0.0.1',
    web,
    ...more,
  });
  await clearRateLimits(runtime.redis, config.mongodbUri);
  const mongoose = (await import('mongoose')).default;
  await mongoose.connection.db!.dropDatabase();
  await Promise.all(Object.values(mongoose.models).map((m) => m.init().then(() => m.syncIndexes())));
  return runtime;
}

const digits = () => String(Math.floor(Math.random() * 1e8)).padStart(8, '0');

export async function makeClient(name: string): Promise<Client> {
  return createClient({ ...DEMO_CLIENT, name, numbers: [`+331${digits()}`] });
}

/** A unique email per run: throttling counters in the shared Redis outlive a run. */
export async function makeUser(
  role: 'admin' | 'assistant',
  clientIds: string[] = [],
  name: string = role,
): Promise<User> {
  const email = `${name.toLowerCase().replace(/\W+/g, '-')}-${randomBytes(4).toString('hex')}@test.local`;
  return createUser({ email, name, role, password: PASSWORD, clientIds });
}

export async function makeMessage(clientId: string, fields: Partial<NewMessage> = {}): Promise<Message> {
  const key = `CA${randomBytes(16).toString('hex')}`;
  const { message } = await insertMessage({
    key,
    clientId,
    callSid: key,
    callerName: 'Jeanne Dupont',
    callerNumber: '+33612345678',
    callbackNumber: '',
    reason: 'Prendre rendez-vous',
    urgent: false,
    summary: 'Jeanne Dupont souhaite un rendez-vous.',
    ...fields,
  });
  return message;
}

/** The CSRF token of the page's forms. */
export function csrfOf(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('no CSRF token in the page');
  return match[1]!;
}

/** Signs in through the form; returns the agent (cookies kept) and the token for later posts. */
export async function signIn(
  server: WebRuntime['server'],
  email: string,
  password = PASSWORD,
  ip = '10.0.0.1',
): Promise<{ agent: ReturnType<typeof request.agent>; csrf: string; cookie: string }> {
  const agent = request.agent(server);
  const page = await agent.get('/login').set('X-Forwarded-For', ip).expect(200);
  const login = await agent
    .post('/login')
    .set('X-Forwarded-For', ip)
    .type('form')
    .send({ _csrf: csrfOf(page.text), email, password })
    .expect(303)
    .expect('Location', '/');
  const cookie = String(login.headers['set-cookie']).split(';')[0]!;
  const list = await agent.get('/').set('X-Forwarded-For', ip).expect(200);
  return { agent, csrf: csrfOf(list.text), cookie };
}

/** Opens /events and collects what arrives until `until` matches. */
export function readEvents(port: number, cookie: string, until: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.get({
      host: '127.0.0.1',
      port,
      path: '/events',
      headers: { cookie, accept: 'text/event-stream' },
    });
    let text = '';
    req.on('response', (res) => {
      if (res.statusCode !== 200) return reject(new Error(`status ${res.statusCode}`));
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
        if (until.test(text)) {
          req.destroy();
          resolve(text);
        }
      });
      res.on('end', () => resolve(text));
    });
    req.on('error', reject);
  });
}
