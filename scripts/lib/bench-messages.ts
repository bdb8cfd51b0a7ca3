/** A stored message like a caller leaves, for the notification benchmarks and chaos runs. */
import { randomBytes } from 'node:crypto';
import type { Client } from '../../src/store/clients';
import { insertMessage, type Message } from '../../src/store/messages';

export async function storeBenchMessage(client: Client, i: number): Promise<Message> {
  const key = `CA${randomBytes(16).toString('hex')}`;
  const { message } = await insertMessage({
    key,
    clientId: client.id,
    callSid: key,
    callerName: `Appelant ${i}`,
    callerNumber: '+33612345678',
    callbackNumber: '+33698765432',
    reason: `Demande ${i}`,
    urgent: false,
    summary: `Demande ${i}`,
  });
  return message;
}
