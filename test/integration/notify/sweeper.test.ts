/** Nothing is lost when Redis is down: messageStored logs, the sweeper queues later. */
import { useTestDatabase } from '../../helpers/db';
import { createFollowUps, deliveryKey } from '../../../src/notify';
import { createRedis } from '../../../src/infra/redis';
import { OutboxModel } from '../../../src/store/models';
import { deliveriesOf } from '../../../src/store/deliveries';
import { getMessage } from '../../../src/store/messages';
import { makeClient, makeMessage, quietLogger, startPipeline, testConfig, waitFor } from './helpers';

useTestDatabase(__filename);

test('when Redis is down, then messageStored does not throw, and the sweeper queues the message later', async () => {
  const config = testConfig();
  const client = await makeClient({ notifications: { sms: { enabled: true, to: ['+33622220001'] } } });
  const message = await makeMessage(client);

  const lines: string[] = [];
  const deadRedis = createRedis('redis://127.0.0.1:1');
  deadRedis.on('error', () => undefined);
  const followUps = createFollowUps({
    redis: deadRedis,
    logger: quietLogger(lines),
    config,
    enqueueTimeoutMs: 500,
  });
  const started = Date.now();
  await expect(followUps.messageStored(message)).resolves.toBeUndefined();
  expect(Date.now() - started).toBeLessThan(1500);
  expect(lines.join('')).toContain('not queued (the sweeper will)');
  expect((await getMessage(message.id)).queuedAt).toBeNull();
  deadRedis.disconnect();
  void followUps.close().catch(() => undefined);

  const pipeline = await startPipeline(config, { sweepEveryMs: 300 });
  try {
    const key = deliveryKey(message.id, 'sms', 'notify', 0);
    await waitFor(
      async () => (await deliveriesOf(message.id)).find((d) => d.key === key && d.status === 'sent'),
      'the swept SMS',
    );
    expect(await OutboxModel.countDocuments({ key })).toBe(1);
    expect((await getMessage(message.id)).queuedAt).toBeInstanceOf(Date);
  } finally {
    await pipeline.close();
  }
});
