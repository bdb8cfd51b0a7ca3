/**
 * Deliveries of one message running at once on a worker with concurrency > 1: the case that once
 * needed per-message serialization (FerretDB v1 loses concurrent updates of one document). Each
 * delivery now writes only its own log document, so every outcome is recorded.
 */
import { useTestDatabase } from '../../helpers/db';
import { createFollowUps, startNotificationWorker } from '../../../src/notify';
import type { Transports } from '../../../src/notify/channels';
import type { SendResult } from '../../../src/notify/types';
import { createRedis } from '../../../src/infra/redis';
import { deliveriesOf } from '../../../src/store/deliveries';
import {
  freshPrefix,
  makeClient,
  makeMessage,
  obliterate,
  quietLogger,
  testConfig,
  waitFor,
} from './helpers';

useTestDatabase(__filename);

/** Holds every send until `size` are in flight, then answers them all at the same moment. */
function barrierTransports(size: number): { transports: Transports; started: string[] } {
  const started: string[] = [];
  let waiting: (() => void)[] = [];
  const send = (key: string) =>
    new Promise<SendResult>((resolve) => {
      started.push(key);
      waiting.push(() => resolve({ providerId: `P-${key}` }));
      if (waiting.length === size) {
        const release = waiting;
        waiting = [];
        for (const r of release) r();
      }
    });
  return {
    started,
    transports: {
      sms: (i) => send(i.key),
      call: (i) => send(i.key),
      email: (i) => send(i.key),
      webhook: (i) => send(i.deliveryId),
      close: () => undefined,
    },
  };
}

test('when SMS, email and webhook of one message are delivered at once, then each is recorded as sent', async () => {
  const config = testConfig();
  const prefix = freshPrefix();
  const redis = createRedis(config.redisUrl);
  const connection = createRedis(config.redisUrl, 'blocking');
  const perMessage = 5; // three SMS, one email, one webhook
  const { transports, started } = barrierTransports(perMessage);
  const worker = await startNotificationWorker({
    connection,
    logger: quietLogger(),
    config,
    prefix,
    concurrency: perMessage,
    sweepEveryMs: 0,
    transports,
  });
  const followUps = createFollowUps({ redis, logger: quietLogger(), config, prefix });
  try {
    const client = await makeClient({
      notifications: {
        sms: { enabled: true, to: ['+33611112221', '+33611112222', '+33611112223'] },
        email: { enabled: true, to: ['cabinet@example.test'] },
        webhook: { enabled: true, url: 'https://crm.example.test/hook', secret: 'whsec-0123456789abcdef' },
      },
    });
    for (let round = 0; round < 3; round += 1) {
      const message = await makeMessage(client, { reason: `Demande ${round}` });
      await followUps.messageStored(message);
      const log = await waitFor(async () => {
        const entries = await deliveriesOf(message.id);
        return entries.length === perMessage && entries.every((d) => d.status === 'sent') && entries;
      }, `the five deliveries of round ${round} recorded as sent`);
      expect(log.map((d) => d.channel).sort()).toEqual(['email', 'sms', 'sms', 'sms', 'webhook']);
      for (const d of log) expect(d).toMatchObject({ attempts: 1, providerId: `P-${d.key}` });
    }
    // The barrier only opens when all five sends of a message are in flight together.
    expect(started).toHaveLength(3 * perMessage);
  } finally {
    await worker.close();
    await followUps.close();
    await obliterate(prefix);
    redis.disconnect();
    connection.disconnect();
  }
});
