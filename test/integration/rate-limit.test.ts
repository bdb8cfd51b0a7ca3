/** The Redis-backed limiter on the app's ioredis client: started before Redis answers, Redis gone. */
import express from 'express';
import request from 'supertest';
import { createLogger } from '../../src/infra/logger';
import { createRedis } from '../../src/infra/redis';
import { redisRateLimit } from '../../src/infra/rate-limit';
import { redisUrl } from '../helpers/db';

const logger = createLogger({ level: 'error', json: true });

function appWith(limiter: express.RequestHandler) {
  return express().use(limiter, (_req, res) => {
    res.send('ok');
  });
}

describe('Redis rate limiter', () => {
  it('when it is built before the Redis connection is up, then it still counts once Redis answers', async () => {
    const redis = createRedis(redisUrl());
    expect(redis.status).not.toBe('ready');
    const namespace = `rl-test-${process.pid}-${Date.now()}`;
    const limiter = redisRateLimit({ redis, namespace, logger }, 'early', { windowMs: 60_000, limit: 2 });
    await new Promise((resolve) => redis.once('ready', resolve));
    try {
      const app = appWith(limiter);
      await request(app).get('/').expect(200);
      await request(app).get('/').expect(200);
      await request(app).get('/').expect(429);
      const [key, ...others] = await redis.keys(`receptionist:${namespace}:rate-limit:early:*`);
      expect(others).toEqual([]);
      expect(await redis.get(key!)).toBe('3');
    } finally {
      await redis.del(...(await redis.keys(`receptionist:${namespace}:*`)));
      redis.disconnect();
    }
  });

  it('when Redis does not answer, then requests go through rather than fail', async () => {
    const redis = createRedis('redis://127.0.0.1:1');
    redis.on('error', () => undefined);
    try {
      const limiter = redisRateLimit({ redis, namespace: 'nowhere', logger }, 'down', {
        windowMs: 60_000,
        limit: 1,
      });
      const app = appWith(limiter);
      await request(app).get('/').expect(200);
      await request(app).get('/').expect(200);
    } finally {
      redis.disconnect();
    }
  });
});
