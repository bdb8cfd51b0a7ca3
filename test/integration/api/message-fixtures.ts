/** Messages inserted as stored documents, with chosen creation times, for list and filter tests. */
import { Types } from 'mongoose';

export const clientA = new Types.ObjectId();
const clientB = new Types.ObjectId();
const base = Date.parse('2026-03-01T08:00:00Z');

/** 30 messages, one a minute, two sharing each instant (ties are broken by id); every 3rd urgent. */
export function seedDocs() {
  return Array.from({ length: 30 }, (_, i) => ({
    _id: new Types.ObjectId(),
    key: `CA${String(i).padStart(32, '0')}`,
    clientId: i % 2 === 0 ? clientA : clientB,
    callSid: `CA${String(i).padStart(32, '0')}`,
    callerName: `Caller ${i}`,
    callerNumber: '+33612345678',
    callbackNumber: '+33698765432',
    reason: 'rappel',
    urgent: i % 3 === 0,
    summary: `Message ${i}`,
    status: 'new',
    assigneeId: null,
    notes: [],
    createdAt: new Date(base + Math.floor(i / 2) * 60_000),
    updatedAt: new Date(base),
  }));
}

/** One sent SMS in the delivery log of each message. */
export function seedDeliveries(messages: ReturnType<typeof seedDocs>) {
  return messages.map((m) => ({
    _id: `${m._id.toString()}.sms.notify.0`,
    messageId: m._id,
    clientId: m.clientId,
    channel: 'sms',
    purpose: 'notify',
    to: '+33600000000',
    status: 'sent',
    attempts: 1,
    createdAt: m.createdAt,
    updatedAt: m.createdAt,
  }));
}
