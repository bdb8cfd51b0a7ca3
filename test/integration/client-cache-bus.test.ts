/**
 * The client-profile cache and its Redis bus, against the real Redis and FerretDB: announcements
 * stay within their namespace, a lost subscription asks for a full re-read, and an expired profile
 * is read again while the last known one still serves the fail-safe answer.
 */
import {
  clientForNumber,
  expireClient,
  invalidateClientCache,
  lastKnownClient,
} from '../../src/app/client-cache';
import { profileOf } from '../../src/app/clients';
import { startClientCacheBus, type ClientChange } from '../../src/infra/client-cache-bus';
import { createLogger } from '../../src/infra/logger';
import { createRedis } from '../../src/infra/redis';
import { createClient, updateClient } from '../../src/store/clients';
import { redisUrl, useTestDatabase } from '../helpers/db';
import { waitFor } from './notify/helpers';

useTestDatabase(__filename);
const logger = createLogger({ level: 'error', json: true });
const redis = createRedis(redisUrl());
afterAll(() => redis.disconnect());

function bus(namespace: string) {
  const changes: ClientChange[] = [];
  let resyncs = 0;
  const subscriber = createRedis(redisUrl(), 'blocking');
  const started = startClientCacheBus({
    redis,
    subscriber,
    namespace,
    logger,
    onChange: (change) => changes.push(change),
    onResync: () => (resyncs += 1),
  });
  return { ...started, subscriber, changes, resyncs: () => resyncs };
}

describe('client cache bus', () => {
  it('when a change is announced, then every subscriber of that namespace applies it, and no other', async () => {
    const [a1, a2, b] = [bus('ns-a'), bus('ns-a'), bus('ns-b')];
    await Promise.all([a1.ready, a2.ready, b.ready]);
    await redis.publish('receptionist:ns-a:client-changes', 'not json');
    await redis.publish('receptionist:ns-a:client-changes', JSON.stringify({ id: 42 }));
    const change = { id: '0123456789abcdef01234567', numbers: ['+33180000001'] };
    await a1.announce(change);
    const both = async () => a1.changes.length > 0 && a2.changes.length > 0;
    await waitFor(both, 'the change on both subscribers', 1000);
    expect(a1.changes).toEqual([change]);
    expect(a2.changes).toEqual([change]);
    expect(b.changes).toEqual([]);
    await Promise.all([a1.close(), a2.close(), b.close()]);
  });

  it('when the subscription comes back after a disconnection, then a full re-read is asked for', async () => {
    const a = bus('ns-c');
    await a.ready;
    expect(a.resyncs()).toBe(0);
    a.subscriber.disconnect(true);
    await waitFor(async () => a.resyncs() > 0, 'the re-read after reconnection', 5000);
    const change = { id: '0123456789abcdef01234567', numbers: [] };
    await a.announce(change);
    await waitFor(async () => a.changes.length > 0, 'a change after reconnection', 1000);
    await a.close();
  });
});

describe('client cache expiry', () => {
  it('when a client is expired, then it is read again, while the last known profile still serves the fail-safe', async () => {
    invalidateClientCache();
    const number = '+33180000002';
    const client = await createClient({ name: 'Avant', numbers: [number], timezone: 'Europe/Paris' });
    expect((await clientForNumber(number))?.name).toBe('Avant');
    // Straight to the store, as another instance's edit would be seen from here.
    await updateClient(client.id, { ...profileOf(client), name: 'Après' });
    expect((await clientForNumber(number))?.name).toBe('Avant');

    expireClient({ id: client.id, numbers: [number] });
    expect(lastKnownClient(number)?.name).toBe('Avant');
    expect((await clientForNumber(number))?.name).toBe('Après');
  });
});
