/**
 * Redis loses everything under a running worker (FLUSHALL; a failover to a fresh replica or a new
 * instance looks the same): the schedulers come back by themselves, the deliveries whose jobs were
 * lost are queued again at their original time, and every notification goes out once.
 */
import { Queue } from 'bullmq';
import { createFollowUps, deliveryKey } from '../../../src/notify';
import { createRedis } from '../../../src/infra/redis';
import { MAINTENANCE_SCHEDULES, QUEUES, SCHEDULERS } from '../../../src/queue/names';
import { keepSchedules } from '../../../src/queue/schedule-keeper';
import { findDelivery } from '../../../src/store/deliveries';
import { useTestDatabase } from '../../helpers/db';
import { makeClient, makeMessage, quietLogger, testConfig, waitFor } from '../notify/helpers';
import { privateRedis, startCountingWorker } from './private-redis';

useTestDatabase(__filename);
const redis = privateRedis('flush');
beforeAll(() => redis.start());
afterAll(() => redis.stop());

test('when Redis is flushed under a running worker, then its schedulers come back without a restart and each notification goes out once', async () => {
  const config = testConfig({ REDIS_URL: redis.url() });
  const logger = quietLogger();
  const client = await makeClient({
    notifications: {
      sms: { enabled: true, to: ['+33622220001'] },
      escalation: { enabled: true, delayMinutes: 1, resends: 1 },
      digest: { enabled: true, localTime: '08:00' },
    },
  });
  const web = createRedis(config.redisUrl);
  const connection = createRedis(config.redisUrl, 'blocking');
  const followUps = createFollowUps({ redis: web, logger, config });
  const { worker, sent, sweeps } = await startCountingWorker({
    connection,
    logger,
    config,
    // One escalation "minute" is 8 s: the resend is still waiting when Redis is flushed.
    sweep: { plan: { minuteMs: 8000 }, graceMs: 0, deliveryGraceMs: 300 },
  });
  // The worker process keeps the maintenance queue's schedules with the same keeper.
  const maintenanceQueue = new Queue(QUEUES.maintenance, { connection });
  const maintenance = await keepSchedules({
    queue: maintenanceQueue,
    connection,
    logger,
    schedules: () => MAINTENANCE_SCHEDULES,
    checkEveryMs: 300,
  });
  try {
    const before = await makeMessage(client, { urgent: true });
    await followUps.messageStored(before);
    const notifyBefore = deliveryKey(before.id, 'sms', 'notify', 0);
    const resendBefore = deliveryKey(before.id, 'sms', 'resend1', 0);
    await waitFor(async () => sent.get(notifyBefore) === 1, 'the first SMS');

    await redis.flush();
    expect((await findDelivery(resendBefore))?.status).toBe('pending');

    const after = await makeMessage(client, { urgent: false });
    await followUps.messageStored(after);
    const notifyAfter = deliveryKey(after.id, 'sms', 'notify', 0);

    const ids = [SCHEDULERS.sweep, SCHEDULERS.digestOf(client.id), ...MAINTENANCE_SCHEDULES.map((s) => s.id)];
    await waitFor(
      async () =>
        await Promise.all([
          worker.queue.getJobScheduler(SCHEDULERS.sweep),
          worker.queue.getJobScheduler(SCHEDULERS.digestOf(client.id)),
          ...MAINTENANCE_SCHEDULES.map((s) => maintenanceQueue.getJobScheduler(s.id)),
        ]).then((found) => found.every(Boolean)),
      `schedulers ${ids.join(', ')} back in Redis`,
    );
    await waitFor(
      async () => sent.get(resendBefore) === 1 && sent.get(notifyAfter) === 1,
      'the lost resend and the new message’s SMS',
      30_000,
    );
    // A few more sweeps: nothing goes out twice, the first SMS included (its job was lost too).
    const seen = sweeps();
    await waitFor(async () => sweeps() >= seen + 3, 'three more sweeps');
    expect(Object.fromEntries(sent)).toEqual({ [notifyBefore]: 1, [resendBefore]: 1, [notifyAfter]: 1 });
    for (const key of [notifyBefore, resendBefore, notifyAfter]) {
      expect((await findDelivery(key))?.status).toBe('sent');
    }
  } finally {
    maintenance.close();
    await worker.close();
    await maintenanceQueue.close();
    await followUps.close();
    web.disconnect();
    connection.disconnect();
  }
}, 60_000);
