/** Demo messages for the browser test and its screenshots: a few ordinary ones and an urgent one with everything. */
import { Types } from 'mongoose';
import type { Client } from '../../../src/store/clients';
import { CallModel, DeliveryModel } from '../../../src/store/models';
import { makeMessage } from '../../integration/web/web-fixture';

/** Returns the id of the urgent message that has a recording, a call timeline and deliveries. */
export async function seedMessages(client: Client, accountSid: string): Promise<string> {
  const names = ['Jeanne Dupont', 'Marc Lefèvre', 'Sophie Bernard', 'Lucas Moreau'];
  for (const [i, name] of names.entries()) {
    await makeMessage(client.id, {
      callerName: name,
      reason: ['Prendre rendez-vous', 'Résultats d’analyse', 'Annulation', 'Question sur une facture'][i]!,
      callerNumber: `+3361234567${i}`,
    });
  }
  const sid = `RE${'c3'.repeat(16)}`;
  const m = await makeMessage(client.id, {
    callerName: 'Hélène Garnier',
    callerNumber: '+33677889900',
    callbackNumber: '+33478112233',
    reason: 'Douleur thoracique depuis ce matin',
    urgent: true,
    summary:
      'Hélène Garnier signale une douleur thoracique depuis ce matin et demande à être rappelée au plus vite.',
    transcription:
      'Bonjour, c’est Hélène Garnier, j’ai une douleur dans la poitrine depuis ce matin, pouvez-vous me rappeler ?',
    recording: {
      sid,
      url: `https://api.twilio.com/2010-04-01/Accounts/${accountSid}/Recordings/${sid}`,
      durationSeconds: 2,
    },
  });
  const at = (s: number) => new Date(m.createdAt.getTime() - 60_000 + s * 1000);
  await CallModel.create({
    _id: m.callSid,
    callSid: m.callSid,
    clientId: client.id,
    from: m.callerNumber,
    to: client.numbers[0],
    status: 'completed',
    outcome: 'message',
    startedAt: at(0),
    steps: [
      { at: at(0), name: 'greeting', detail: 'fr-FR' },
      { at: at(8), name: 'urgency-detected', detail: 'douleur thoracique' },
      { at: at(10), name: 'transfer-attempt', detail: 'no answer' },
      { at: at(35), name: 'message-taken' },
    ],
  });
  const logEntry = {
    messageId: new Types.ObjectId(m.id),
    clientId: new Types.ObjectId(client.id),
    purpose: 'notify',
    createdAt: at(36),
  };
  await DeliveryModel.collection.insertMany([
    {
      ...logEntry,
      _id: `${m.id}.sms.notify.0`,
      channel: 'sms',
      to: '+33612345678',
      status: 'sent',
      attempts: 1,
      updatedAt: at(40),
    },
    {
      ...logEntry,
      _id: `${m.id}.email.notify.0`,
      channel: 'email',
      to: 'cabinet@example.fr',
      status: 'failed',
      attempts: 3,
      lastError: 'mailbox unavailable',
      updatedAt: at(90),
    },
  ] as never[]);
  return m.id;
}
