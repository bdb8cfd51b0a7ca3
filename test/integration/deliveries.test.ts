/** The delivery log repository on the real store: one document per delivery, `_id` = its key. */
import { Types } from 'mongoose';
import {
  deliveriesOf,
  ensureDeliveries,
  findDelivery,
  findLatestUrgentSentTo,
  recordDelivery,
  type DeliveryRef,
} from '../../src/store/deliveries';
import { markAcknowledged } from '../../src/store/message-follow-ups';
import { insertMessage } from '../../src/store/messages';
import { DeliveryModel } from '../../src/store/models';
import { useTestDatabase } from '../helpers/db';

useTestDatabase(__filename);

const clientId = new Types.ObjectId().toString();

async function message(urgent = false) {
  const key = `CA${new Types.ObjectId().toString()}`;
  const { message } = await insertMessage({
    key,
    clientId,
    callSid: key,
    callerName: 'Jean',
    callerNumber: '+33612345678',
    callbackNumber: '',
    reason: 'rappel',
    urgent,
    summary: 'Jean demande un rappel.',
  });
  return message;
}

const sms = (messageId: string, to: string, purpose = 'notify', index = 0): DeliveryRef => ({
  key: `${messageId}.sms.${purpose}.${index}`,
  channel: 'sms',
  purpose,
  to,
});

describe('delivery log', () => {
  it('when entries are ensured twice at once and again with one more, then each exists once and none is reset', async () => {
    const m = await message();
    const first = [sms(m.id, '+33600000001'), sms(m.id, '+33600000002', 'notify', 1)];
    await Promise.all([ensureDeliveries(m.id, first), ensureDeliveries(m.id, first)]);
    await recordDelivery(m.id, first[0]!, { status: 'sent', attempts: 1, providerId: 'SM1' });

    await ensureDeliveries(m.id, [...first, sms(m.id, '+33600000003', 'notify', 2)]);

    const log = await deliveriesOf(m.id);
    expect(log.map((d) => [d.key, d.status])).toEqual([
      [first[0]!.key, 'sent'],
      [first[1]!.key, 'pending'],
      [`${m.id}.sms.notify.2`, 'pending'],
    ]);
    expect(log[0]).toMatchObject({ messageId: m.id, clientId, channel: 'sms', purpose: 'notify' });
    expect(await DeliveryModel.countDocuments({ messageId: new Types.ObjectId(m.id) })).toBe(3);
  });

  it('when an outcome is recorded for an entry that was never created, then it is created; not for a missing message', async () => {
    const m = await message();
    const ref = sms(m.id, '+33600000004');
    await recordDelivery(m.id, ref, { status: 'failed', attempts: 2, lastError: '21211 invalid number' });
    expect(await findDelivery(ref.key)).toMatchObject({
      status: 'failed',
      attempts: 2,
      lastError: '21211 invalid number',
    });
    await recordDelivery(m.id, ref, { status: 'pending', attempts: 0, lastError: null });
    expect((await findDelivery(ref.key))?.lastError).toBeUndefined();

    const gone = new Types.ObjectId().toString();
    await recordDelivery(gone, sms(gone, '+33600000004'), { status: 'sent' });
    expect(await findDelivery(sms(gone, '+33600000004').key)).toBeNull();
  });

  it('when an SMS reply comes, then the latest unacknowledged urgent message sent to that phone is found', async () => {
    const phone = '+33600000005';
    const sent = async (urgent: boolean) => {
      const m = await message(urgent);
      await ensureDeliveries(m.id, [sms(m.id, phone)]);
      await recordDelivery(m.id, sms(m.id, phone), { status: 'sent', attempts: 1 });
      return m;
    };
    const older = await sent(true);
    const latest = await sent(true);
    await sent(false);
    const unsent = await message(true);
    await ensureDeliveries(unsent.id, [sms(unsent.id, phone)]);

    expect((await findLatestUrgentSentTo(phone))?.id).toBe(latest.id);
    await markAcknowledged(latest.id);
    expect((await findLatestUrgentSentTo(phone))?.id).toBe(older.id);
    await markAcknowledged(older.id);
    expect(await findLatestUrgentSentTo(phone)).toBeNull();
    expect(await findLatestUrgentSentTo('+33600009999')).toBeNull();
  });
});
