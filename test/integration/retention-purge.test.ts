import { Types } from 'mongoose';
import { purgeExpired } from '../../src/app/retention';
import { createClient } from '../../src/store/clients';
import { deliveriesOf } from '../../src/store/deliveries';
import { CallModel, DeliveryModel, MessageModel } from '../../src/store/models';
import { useTestDatabase } from '../helpers/db';

useTestDatabase(__filename);

const NOW = new Date('2026-06-01T03:30:00Z');
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000);

async function message(clientId: string, key: string, createdAt: Date) {
  const { insertedId } = await MessageModel.collection.insertOne({
    key,
    clientId: new Types.ObjectId(clientId),
    callSid: key,
    callerNumber: '+33612345678',
    summary: key,
    urgent: false,
    status: 'new',
    recording: { sid: `RE${key}`, url: 'https://api.twilio.com/x', durationSeconds: 5 },
    createdAt,
    updatedAt: createdAt,
  });
  await DeliveryModel.create({
    _id: `${insertedId.toString()}.sms.notify.0`,
    messageId: insertedId,
    clientId,
    channel: 'sms',
    purpose: 'notify',
    to: '+33600000000',
    status: 'sent',
  });
  return insertedId.toString();
}

describe('retention purge (the nightly maintenance job)', () => {
  it("when messages and calls pass the client's retention, then they are deleted, and recordings go sooner", async () => {
    const client = await createClient({
      name: 'Cabinet Martin',
      numbers: ['+33180000991'],
      retention: { messageDays: 30, recordingDays: 7 },
    });
    const old = await message(client.id, 'old', daysAgo(40));
    const mid = await message(client.id, 'mid', daysAgo(10));
    await message(client.id, 'new', daysAgo(1));
    const call = (sid: string, startedAt: Date) =>
      CallModel.create({ _id: sid, callSid: sid, clientId: client.id, from: '+336', to: '+331', startedAt });
    await call('CAold', daysAgo(40));
    await call('CAnew', daysAgo(1));

    const result = await purgeExpired(NOW);

    expect(result).toMatchObject({ messagesDeleted: 1, callsDeleted: 1, recordingsDropped: 1 });
    const left = await MessageModel.find({ clientId: client.id }).sort({ key: 1 }).lean();
    expect(left.map((m) => [m.key, Boolean(m.recording)])).toEqual([
      ['mid', false],
      ['new', true],
    ]);
    expect(await CallModel.exists({ _id: 'CAold' })).toBeNull();
    // The delivery log goes with its message.
    expect(await deliveriesOf(old)).toEqual([]);
    expect(await deliveriesOf(mid)).toHaveLength(1);
  });
});
