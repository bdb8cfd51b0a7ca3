/**
 * What a Redis that lost its data leaves the worker to mend, piece by piece: the sweeper's scan of
 * pending deliveries (jobs queued again at their original time, the scan paging past the entries
 * whose job is alive) and the schedule keeper (missing schedulers restored, present ones untouched).
 */
import { Queue } from 'bullmq';
import { deliveryKey } from '../../../src/notify';
import { createRedis } from '../../../src/infra/redis';
import { enqueueFollowUps } from '../../../src/notify/producer';
import { sweep, type SweepCursor } from '../../../src/notify/sweeper';
import { QUEUES, SCHEDULERS, sweepSchedule } from '../../../src/queue/names';
import { keepSchedules } from '../../../src/queue/schedule-keeper';
import { redisUrl, useTestDatabase } from '../../helpers/db';
import { freshPrefix, makeClient, makeMessage, obliterate, quietLogger } from './helpers';

useTestDatabase(__filename);

const plan = { minuteMs: 60_000 };

test('when pending deliveries lost their jobs, then the sweeper queues them again at their original time, paging past the ones whose job is alive', async () => {
  const prefix = freshPrefix();
  const connection = createRedis(redisUrl(), 'blocking');
  // No worker: every job stays waiting or delayed, every entry pending.
  const queue = new Queue(QUEUES.notifications, { connection, prefix });
  try {
    const client = await makeClient({
      notifications: {
        sms: { enabled: true, to: ['+33622220011'] },
        escalation: { enabled: true, delayMinutes: 1, resends: 1 },
      },
    });
    const messages = [];
    for (let i = 0; i < 3; i += 1) {
      const message = await makeMessage(client, { urgent: true });
      await enqueueFollowUps(queue, message, { plan });
      messages.push(message);
    }
    const last = messages[2]!;
    const lostKey = deliveryKey(last.id, 'sms', 'resend1', 0);
    const aliveKey = deliveryKey(messages[0]!.id, 'sms', 'resend1', 0);
    const alive = (await queue.getJob(aliveKey))!;
    await queue.remove(lostKey);
    expect(await queue.getJob(lostKey)).toBeUndefined();

    // Two entries a sweep: the lost one is the newest, behind four whose jobs are alive.
    const cursor: SweepCursor = { after: null };
    const options = { plan, graceMs: 0, deliveryGraceMs: 0, deliveryBatch: 2 };
    let requeued = 0;
    for (let i = 0; i < 4 && !(await queue.getJob(lostKey)); i += 1) {
      requeued += (await sweep(queue, quietLogger(), options, cursor)).requeued;
    }
    expect(requeued).toBe(1);
    const again = (await queue.getJob(lostKey))!;
    expect(again).toBeDefined();
    // Due a minute after the message was stored, as first planned (not a minute after the sweep).
    const due = again.timestamp + (again.opts.delay ?? 0);
    expect(Math.abs(due - (last.createdAt.getTime() + 60_000))).toBeLessThan(1000);
    // The jobs that were alive are the same jobs.
    expect((await queue.getJob(aliveKey))!.timestamp).toBe(alive.timestamp);
  } finally {
    await queue.close();
    connection.disconnect();
    await obliterate(prefix);
  }
});

test('when a scheduler is missing, then the keeper restores it, and leaves the ones present as they are', async () => {
  const prefix = freshPrefix();
  const connection = createRedis(redisUrl(), 'blocking');
  const queue = new Queue(QUEUES.notifications, { connection, prefix });
  const lines: string[] = [];
  const wanted = [sweepSchedule(60_000), { ...sweepSchedule(60_000), id: 'notifications.other' }];
  const keeper = await keepSchedules({
    queue,
    connection,
    logger: quietLogger(lines),
    schedules: () => wanted,
    checkEveryMs: 3_600_000,
  });
  try {
    const first = await queue.getJobScheduler(SCHEDULERS.sweep);
    expect(first?.every).toBe(60_000);
    expect(await keeper.ensure()).toBe(0);

    await queue.removeJobScheduler('notifications.other');
    expect(await keeper.ensure()).toBe(1);
    expect(await queue.getJobScheduler('notifications.other')).toBeDefined();
    expect(lines.join('')).toContain('1 job scheduler(s) of queue notifications were missing');

    // A reconnection upserts them all: an `every` schedule keeps its next run (it is not pushed back).
    expect(await keeper.ensure(true)).toBe(2);
    expect((await queue.getJobScheduler(SCHEDULERS.sweep))?.next).toBe(first?.next);
  } finally {
    keeper.close();
    await queue.close();
    connection.disconnect();
    await obliterate(prefix);
  }
});
