/**
 * The services `npm run dev` starts are supervised: a FerretDB killed with SIGKILL comes back on
 * the same port with the same data, and a mongoose connection made before the kill works again
 * without reconnecting by hand (what the web and worker processes rely on).
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import mongoose from 'mongoose';
import { connectMongo, disconnectMongo, pingMongo } from '../../src/store/mongo';
import { ROOT, startFerretDB, startRedisServer, type Service } from '../../scripts/lib/services';
import type { SupervisorEvent } from '../../scripts/lib/supervisor';

async function eventually<T>(attempt: () => Promise<T>, what: string, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await attempt();
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`${what}: ${(err as Error).message}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

describe('supervised FerretDB', () => {
  const dataDir = path.join(ROOT, 'var', 'test', 'ferretdb-supervised');
  const events: SupervisorEvent[] = [];
  let ferret: Service;

  beforeAll(async () => {
    rmSync(dataDir, { recursive: true, force: true });
    ferret = await startFerretDB(dataDir, 'supervised', undefined, undefined, {
      initialDelayMs: 100,
      log: () => undefined,
      onEvent: (e) => events.push(e),
    });
    await connectMongo(ferret.url);
  });

  afterAll(async () => {
    await disconnectMongo();
    await ferret.stop();
  });

  it('when FerretDB is killed with SIGKILL, then it answers again on the same port with its data, and mongoose reconnects by itself', async () => {
    const notes = mongoose.connection.db!.collection('notes');
    await notes.insertOne({ text: 'written before the kill' });
    const pid = ferret.supervisor!.pid!;

    process.kill(pid, 'SIGKILL');

    // The same URL (same port): the connection made before the kill is reused.
    const found = await eventually(
      () => notes.findOne({ text: 'written before the kill' }),
      'the note was not readable again',
      20_000,
    );
    expect(found).toMatchObject({ text: 'written before the kill' });
    await eventually(() => pingMongo(), 'the readiness ping did not recover', 20_000);
    expect(ferret.supervisor!.pid).not.toBe(pid);
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'exited', signal: 'SIGKILL', restartInMs: 100 }),
    );
  });

  it('when stopped, then it is not restarted', async () => {
    const pid = ferret.supervisor!.pid!;
    await ferret.stop();
    await new Promise((r) => setTimeout(r, 500));
    expect(ferret.supervisor!.pid).toBeUndefined();
    expect(() => process.kill(pid, 0)).toThrow();
  });
});

describe('supervised redis-server', () => {
  it('when a project-started redis-server is killed with SIGKILL, then it answers again on the same port and the client reconnects', async () => {
    const redis = await startRedisServer(path.join(ROOT, 'var', 'test', 'redis-supervised'), {
      supervise: { initialDelayMs: 100, log: () => undefined },
    });
    const client = new Redis(redis.url, { maxRetriesPerRequest: null, retryStrategy: () => 100 });
    client.on('error', () => undefined); // refused while it is down: expected
    try {
      expect(await client.ping()).toBe('PONG');
      const pid = redis.supervisor!.pid!;

      process.kill(pid, 'SIGKILL');

      await eventually(
        async () => {
          if (redis.supervisor!.pid === pid || redis.supervisor!.pid === undefined)
            throw new Error('not yet');
          return client.ping();
        },
        'redis-server did not answer again',
        20_000,
      );
      expect(await client.ping()).toBe('PONG');
    } finally {
      client.disconnect();
      await redis.stop();
    }
  });
});
