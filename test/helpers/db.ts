/**
 * Gives a test file its own database on the real FerretDB/MongoDB that `npm test` started
 * (MONGODB_URI), dropped before use, so files can run in parallel without seeing each other.
 */
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import mongoose from 'mongoose';
import { redisNamespace } from '../../src/infra/redis';
import { connectMongo } from '../../src/store/mongo';

export function testDatabaseUri(name: string): string {
  const base = process.env.MONGODB_URI;
  if (!base) throw new Error('MONGODB_URI is not set: run the suite with `npm test`');
  const url = new URL(base);
  const db = `t_${createHash('sha1').update(name).digest('hex').slice(0, 12)}`;
  url.pathname = `/${db}`;
  return url.toString();
}

export function redisUrl(): string {
  const url = process.env.REDIS_URL;
  if (!url) throw new Error('REDIS_URL is not set: run the suite with `npm test`');
  return url;
}

/** Connects mongoose to a fresh database named after the calling test file. */
export function useTestDatabase(testFile: string): { uri: string } {
  const uri = testDatabaseUri(testFile);
  beforeAll(async () => {
    await connectMongo(uri);
    await mongoose.connection.db!.dropDatabase();
    // Dropping the database drops the indexes too; build them again.
    await Promise.all(Object.values(mongoose.models).map((m) => m.init().then(() => m.syncIndexes())));
  });
  afterAll(async () => {
    await mongoose.disconnect();
  });
  return { uri };
}

/** Throttle counters in the shared Redis outlive a run (15 minutes): each run of a file starts from none. */
export async function clearRateLimits(redis: Redis, mongodbUri: string): Promise<void> {
  const keys = await redis.keys(`receptionist:${redisNamespace(mongodbUri)}:rate-limit:*`);
  if (keys.length) await redis.del(...keys);
}
