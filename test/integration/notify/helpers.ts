/** Shared arrangements of the notification tests: config, clients, messages, queues, waiting. */
import { redisNamespace } from '../../../src/infra/redis';
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { Queue } from 'bullmq';
import express from 'express';
import request from 'supertest';
import twilio from 'twilio';
import { parseEnv, type Config } from '../../../src/config/env';
import { createLogger, type Logger } from '../../../src/infra/logger';
import { createRedis } from '../../../src/infra/redis';
import { publishMessageEvent } from '../../../src/infra/message-events';
import type { FollowUpsPort, MessageActionDeps } from '../../../src/app/ports';
import type { Redis } from 'ioredis';
import type { ClientProfileInput } from '../../../src/flow/profile';
import { createClient, type Client } from '../../../src/store/clients';
import { findDelivery } from '../../../src/store/deliveries';
import { insertMessage, type Message, type NewMessage } from '../../../src/store/messages';
import { QUEUES } from '../../../src/queue/names';
import { createFollowUps, startNotificationWorker, type FollowUps } from '../../../src/notify';
import type { NotificationWorker } from '../../../src/notify/worker';
import { smsWebhookRouter } from '../../../webhooks/sms';
import { redisUrl } from '../../helpers/db';

export const ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';
export const AUTH_TOKEN = 'test-auth-token-0123456789';
export const PUBLIC_BASE_URL = 'https://rx.example.test';

/** The pipeline's config; its webhook receivers run on this machine, hence WEBHOOK_ALLOW_PRIVATE. */
export function testConfig(env: Record<string, string> = {}): Config {
  return parseEnv({
    NODE_ENV: 'test',
    WEBHOOK_ALLOW_PRIVATE: 'true',
    PUBLIC_BASE_URL,
    REDIS_URL: redisUrl(),
    MONGODB_URI: process.env.MONGODB_URI,
    ...env,
  });
}

/** Live Twilio credentials (requests go to nock). */
export const liveTwilio = { TWILIO_ACCOUNT_SID: ACCOUNT_SID, TWILIO_AUTH_TOKEN: AUTH_TOKEN };

export function quietLogger(lines: string[] = []): Logger {
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      if (process.env.NOTIFY_DEBUG) process.stdout.write(String(chunk));
      cb();
    },
  });
  return createLogger({ level: 'debug', json: true, stream });
}

export const freshPrefix = () => `t-${randomBytes(4).toString('hex')}`;

let numberSeq = Math.floor(Math.random() * 1_000_000);
export const uniqueNumber = () => `+3318${String(numberSeq++).padStart(7, '0')}`;

export async function makeClient(input: Partial<ClientProfileInput> = {}): Promise<Client> {
  return createClient({
    name: 'Cabinet Test',
    numbers: [uniqueNumber()],
    locale: 'fr-FR',
    timezone: 'Europe/Paris',
    ...input,
  });
}

export async function makeMessage(client: Client, input: Partial<NewMessage> = {}): Promise<Message> {
  const key = `CA${randomBytes(16).toString('hex')}`;
  const { message } = await insertMessage({
    key,
    clientId: client.id,
    callSid: key,
    callerName: 'Jean Dupont',
    callerNumber: '+33612345678',
    callbackNumber: '+33698765432',
    reason: 'Fuite d’eau dans la cuisine',
    urgent: false,
    summary: 'Jean Dupont signale une fuite d’eau dans la cuisine.',
    ...input,
  });
  return message;
}

export async function waitFor<T>(
  check: () => Promise<T | undefined | null | false>,
  what: string,
  timeoutMs = 25_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export const deliveryOf = async (messageId: string, key: string) => {
  const delivery = await findDelivery(key);
  return delivery?.messageId === messageId ? delivery : undefined;
};

/** Removes every key of a test prefix (never FLUSHALL: Redis is shared). */
export async function obliterate(prefix: string): Promise<void> {
  const connection = createRedis(redisUrl(), 'blocking');
  const queue = new Queue(QUEUES.notifications, { connection, prefix });
  await queue.obliterate({ force: true }).catch(() => undefined);
  await queue.close();
  const keys = await connection.keys(`${prefix}:*`);
  if (keys.length) await connection.del(...keys);
  connection.disconnect();
}

export type Pipeline = {
  followUps: FollowUps;
  worker: NotificationWorker;
  prefix: string;
  close: () => Promise<void>;
};

/** The web side (createFollowUps) and a worker in this process, on a fresh queue prefix. */
export async function startPipeline(
  config: Config,
  options: {
    logger?: Logger;
    minuteMs?: number;
    callAfterSmsMs?: number;
    attempts?: number;
    sweepEveryMs?: number;
  } = {},
): Promise<Pipeline> {
  const prefix = freshPrefix();
  const logger = options.logger ?? quietLogger();
  const redis = createRedis(config.redisUrl);
  const connection = createRedis(config.redisUrl, 'blocking');
  const plan = { minuteMs: options.minuteMs ?? 60_000, callAfterSmsMs: options.callAfterSmsMs };
  const followUps = createFollowUps({
    redis,
    logger,
    config,
    prefix,
    retry: { attempts: options.attempts ?? 4 },
  });
  const worker = await startNotificationWorker({
    connection,
    logger,
    config,
    prefix,
    backoff: { baseMs: 20, maxMs: 200 },
    sweepEveryMs: options.sweepEveryMs ?? 0,
    sweep: { plan, graceMs: 0, retry: { attempts: options.attempts ?? 4 } },
  });
  return {
    followUps,
    worker,
    prefix,
    close: async () => {
      await worker.close();
      await followUps.close();
      await obliterate(prefix);
      redis.disconnect();
      connection.disconnect();
    },
  };
}

/**
 * A Twilio JSON answer for nock with an explicit Content-Length: nock 14 otherwise never ends a
 * response on a keep-alive connection, and twilio-node sends `Connection: keep-alive`
 * (nock/nock#3001, fixed in nock 15).
 */
export function twilioJson(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): [number, string, Record<string, string>] {
  const text = JSON.stringify(body);
  return [
    status,
    text,
    { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(text)), ...headers },
  ];
}

/**
 * The inbound SMS webhook alone in an app, and a reply from a phone to it, signed as Twilio signs
 * it (unless `sign` is false). Events go to the real Redis channel.
 */
export function inboundSms(config: Config, redis: Redis, followUps: () => FollowUpsPort) {
  const messages: MessageActionDeps = {
    logger: quietLogger(),
    now: () => new Date(),
    publish: (event) => publishMessageEvent(redis, redisNamespace(config.mongodbUri), event),
    // Asked for at each reply: the test's pipeline starts after the app is built.
    get followUps() {
      return followUps();
    },
  };
  const app = express();
  const options = {
    authToken: config.twilio.authToken,
    publicBaseUrl: PUBLIC_BASE_URL,
    logger: quietLogger(),
  };
  app.use('/webhooks/sms', smsWebhookRouter({ ...options, messages }));
  return (params: Record<string, string>, sign = true) => {
    const url = `${PUBLIC_BASE_URL}/webhooks/sms/incoming`;
    const req = request(app).post('/webhooks/sms/incoming').type('form');
    const signature = twilio.getExpectedTwilioSignature(config.twilio.authToken, url, params);
    return (sign ? req.set('X-Twilio-Signature', signature) : req).send(params);
  };
}
