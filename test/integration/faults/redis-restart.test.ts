/**
 * Redis stops, and comes back empty (a restart without persistence): what was stored meanwhile is
 * notified once it answers, by the worker that kept running — no restart by hand.
 */
import { createFollowUps, deliveryKey } from '../../../src/notify';
import { createRedis } from '../../../src/infra/redis';
import { SCHEDULERS } from '../../../src/queue/names';
import { findDelivery } from '../../../src/store/deliveries';
import { getMessage } from '../../../src/store/messages';
import { useTestDatabase } from '../../helpers/db';
import { makeClient, makeMessage, quietLogger, testConfig, waitFor } from '../notify/helpers';
import { privateRedis, startCountingWorker } from './private-redis';

useTestDatabase(__filename);
const redis = privateRedis('restart');
beforeAll(() => redis.start());
afterAll(() => redis.stop());

test('when Redis stops and comes back empty, then the messages stored meanwhile are notified once, without restarting the worker', async () => {
  const config = testConfig({ REDIS_URL: redis.url() });
  const lines: string[] = [];
  const logger = quietLogger(lines);
  const client = await makeClient({ notifications: { sms: { enabled: true, to: ['+33622220002'] } } });
  const web = createRedis(config.redisUrl);
  web.on('error', () => undefined);
  const connection = createRedis(config.redisUrl, 'blocking');
  connection.on('error', () => undefined);
  const followUps = createFollowUps({ redis: web, logger, config, enqueueTimeoutMs: 500 });
  const { worker, sent, sweeps } = await startCountingWorker({
    connection,
    logger,
    config,
    sweep: { graceMs: 0, deliveryGraceMs: 300 },
  });
  try {
    await redis.stop();
    const during = await makeMessage(client);
    await followUps.messageStored(during);
    expect(lines.join('')).toContain(`follow-ups of message ${during.id} not queued (the sweeper will)`);
    expect((await getMessage(during.id)).queuedAt).toBeNull();

    await redis.restartEmpty();
    const key = deliveryKey(during.id, 'sms', 'notify', 0);
    await waitFor(async () => sent.get(key) === 1, 'the SMS of the message stored while Redis was down');
    expect(await worker.queue.getJobScheduler(SCHEDULERS.sweep)).toBeDefined();
    const seen = sweeps();
    await waitFor(async () => sweeps() >= seen + 3, 'three more sweeps');
    expect(Object.fromEntries(sent)).toEqual({ [key]: 1 });
    expect((await findDelivery(key))?.status).toBe('sent');
    expect((await getMessage(during.id)).queuedAt).toBeInstanceOf(Date);
  } finally {
    await worker.close();
    await followUps.close().catch(() => undefined);
    web.disconnect();
    connection.disconnect();
  }
});
