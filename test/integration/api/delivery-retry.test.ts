import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { Types } from 'mongoose';
import { DeliveryModel, MessageModel } from '../../../src/store/models';
import { redisUrl } from '../../helpers/db';
import { useApi } from './harness';

const { api } = useApi(__filename);

async function messageWithFailedSms() {
  const _id = new Types.ObjectId();
  const key = `${_id.toString()}.sms.notify.0`;
  const clientId = new Types.ObjectId();
  await MessageModel.create({
    _id,
    key: `retry-${_id.toString()}`,
    clientId,
    callSid: `CA${'f'.repeat(32)}`,
    callerNumber: '+33612345678',
    summary: 'Rappeler M. Petit',
  });
  await DeliveryModel.create({
    _id: key,
    messageId: _id,
    clientId,
    channel: 'sms',
    purpose: 'notify',
    to: '+33600000000',
    status: 'failed',
    attempts: 1,
    lastError: '21211 invalid number',
  });
  return { id: _id.toString(), key };
}

describe('admin API: retrying a failed notification', () => {
  const connection = new Redis(redisUrl(), { maxRetriesPerRequest: null });
  const queue = new Queue('notifications', { connection });
  afterAll(async () => {
    await queue.close();
    connection.disconnect();
  });

  it('when an admin retries a failed SMS, then it is queued again and its log entry is pending', async () => {
    const { id, key } = await messageWithFailedSms();
    const res = await api('post', `/messages/${id}/deliveries/${encodeURIComponent(key)}/retry`).expect(202);
    expect(res.body.outcome).toBe('requeued');
    expect(res.body.message.deliveries[0]).toMatchObject({ key, status: 'pending', attempts: 0 });
    const job = await queue.getJob(key);
    expect(job?.id).toBe(key);
    await job?.remove();
  });

  it('when the delivery or the message does not exist, then 404', async () => {
    const { id } = await messageWithFailedSms();
    const missing = await api('post', `/messages/${id}/deliveries/nope/retry`).expect(404);
    // The API's one error shape, as for every other error (found by the fuzz suite).
    expect(missing.body).toEqual({
      error: 'no such notification on this message',
      details: [{ path: 'key', message: 'no such notification on this message' }],
    });
    await api('post', `/messages/${new Types.ObjectId().toString()}/deliveries/x/retry`).expect(404);
  });
});
