/**
 * The messages a generated history's calls left, and their notifications: stored as the message
 * store and the delivery log store them, with each message's life (taken, handled, claimed by the
 * client's SMS reply) laid out in time and cut at `now`, so recent ones are still new or in
 * progress and older ones mostly handled.
 */
import { Types } from 'mongoose';
import { displayNumber, PROMPTS } from '../../src/flow';
import { nextOpening } from '../../src/flow/opening';
import type { Client } from '../../src/store/clients';
import { messageIdFor, searchFields } from '../../src/store/messages';
import { FIRST_NAMES, LAST_NAMES, REASONS, URGENT_REASONS } from './history-words';
import type { Rng } from './history-random';

export type HistoryAssistant = { id: string; name: string };

export type MessageDoc = Record<string, unknown> & {
  _id: Types.ObjectId;
  status: 'new' | 'in_progress' | 'handled';
  urgent: boolean;
  createdAt: Date;
  updatedAt: Date;
};
export type DeliveryDoc = Record<string, unknown> & {
  _id: string;
  status: string;
  attempts: number;
  createdAt: Date;
};

export function callerName(rng: Rng): string {
  return `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
}

const MIN = 60_000;
const HOUR = 3_600_000;

/** The first moment someone is at the desk at or after `at`, plus a few minutes. */
function atDesk(client: Client, at: Date, rng: Rng): Date {
  const open = nextOpening(client, at);
  if (!open || open.getTime() <= at.getTime()) return at;
  return new Date(open.getTime() + rng.between(2, 45) * MIN);
}

/** The message a call left, as `insertMessage` stores it, then changed as assistants worked on it. */
export function messageFor(
  rng: Rng,
  client: Client,
  assistants: readonly HistoryAssistant[],
  call: { callSid: string; from: string; name: string; at: Date; urgent: boolean },
  now: Date,
): MessageDoc {
  const reason = rng.weighted(call.urgent ? URGENT_REASONS : REASONS);
  const callbackNumber = rng.chance(0.85) ? call.from : `+336${rng.digits(8)}`;
  const summary = PROMPTS[client.locale].summary({
    callerName: call.name,
    reason,
    callbackNumber: displayNumber(callbackNumber, client.numbers[0] ?? ''),
    urgent: call.urgent,
    recording: false,
  });
  const searchable = { callerName: call.name, callerNumber: call.from, callbackNumber, reason, summary };
  const created = call.at;
  const doc: MessageDoc = {
    _id: messageIdFor(call.callSid),
    key: call.callSid,
    clientId: new Types.ObjectId(client.id),
    callSid: call.callSid,
    ...searchable,
    transcription: '',
    urgent: call.urgent,
    recording: null,
    status: 'new',
    assigneeId: null,
    handledAt: null,
    handledBy: null,
    takenAt: null,
    takenBy: null,
    acknowledgedAt: null,
    notes: [],
    queuedAt: new Date(created.getTime() + 1000),
    claimedBy: null,
    smsRef: call.urgent ? rng.between(1, 9) : null,
    ...searchFields({ ...searchable, transcription: '' }),
    createdAt: created,
    updatedAt: created,
  };
  const taker = rng.weighted(assistants.map((a, i) => [a, i === 0 ? 3 : 1] as const));
  const changes: Date[] = [];
  const past = (at: Date) => at.getTime() <= now.getTime();
  // The client answers an urgent message's SMS ("OK") within minutes, half the time.
  const clientClaim = call.urgent && client.transferTargets[0] && rng.chance(0.5);
  let taken: Date | null = null;
  if (clientClaim) {
    const at = new Date(created.getTime() + rng.between(2, 20) * MIN);
    if (past(at)) {
      const target = client.transferTargets[0]!;
      doc.claimedBy = { kind: 'client', label: target.name, phone: target.number, at };
      doc.acknowledgedAt = at;
      doc.status = 'in_progress';
      changes.push(at);
    }
  } else if (!rng.chance(0.03)) {
    const delay = call.urgent ? rng.between(3, 30) * MIN : rng.logNormal(25 * MIN, 1.1);
    taken = new Date(atDesk(client, new Date(created.getTime() + delay), rng).getTime());
    if (past(taken)) {
      doc.takenAt = taken;
      doc.takenBy = new Types.ObjectId(taker.id);
      doc.assigneeId = new Types.ObjectId(taker.id);
      doc.status = 'in_progress';
      changes.push(taken);
    }
  }
  // Some are never finished: a caller who cannot be reached, a question left for the doctor.
  const handles = !rng.chance(clientClaim ? 0.1 : 0.04);
  const start = taken ?? (doc.claimedBy ? (doc.claimedBy as { at: Date }).at : null);
  if (handles && start) {
    const handled = atDesk(client, new Date(start.getTime() + rng.logNormal(1.5 * HOUR, 1.2)), rng);
    if (past(handled)) {
      const handler = taken ? taker : rng.pick(assistants);
      doc.status = 'handled';
      doc.handledAt = handled;
      doc.handledBy = new Types.ObjectId(handler.id);
      // Handling a message nobody had taken takes it (message-actions.ts's firstTaking).
      doc.takenAt ??= handled;
      doc.takenBy ??= new Types.ObjectId(handler.id);
      if (rng.chance(0.2))
        (doc.notes as unknown[]).push({
          _id: new Types.ObjectId(),
          at: handled,
          authorId: new Types.ObjectId(handler.id),
          authorName: handler.name,
          text: rng.pick([
            'Rappelé, c’est réglé.',
            'Message laissé sur le répondeur.',
            'Transmis au docteur.',
          ]),
        });
      changes.push(handled);
    }
  }
  doc.updatedAt = new Date(Math.max(created.getTime(), ...changes.map((d) => d.getTime())));
  return doc;
}

/** The notifications of a stored message, as the delivery log holds them once the worker is done. */
export function deliveriesFor(rng: Rng, client: Client, message: MessageDoc): DeliveryDoc[] {
  const n = client.notifications;
  const targets = [
    ...(n.sms.enabled ? n.sms.to.map((to, i) => ['sms', to, i] as const) : []),
    ...(n.email.enabled ? n.email.to.map((to, i) => ['email', to, i] as const) : []),
  ];
  return targets.map(([channel, to, index]) => {
    const createdAt = new Date(message.createdAt.getTime() + 1000);
    const roll = rng.next();
    const failed = roll < 0.02;
    const attempts = failed ? 3 : roll < 0.07 ? rng.between(2, 3) : 1;
    const updatedAt = new Date(createdAt.getTime() + (attempts - 1) * rng.between(30, 300) * 1000 + 2000);
    return {
      _id: `${message._id.toString()}.${channel}.notify.${index}`,
      messageId: message._id,
      clientId: message.clientId,
      channel,
      purpose: 'notify',
      to,
      status: failed ? 'failed' : 'sent',
      attempts,
      ...(failed
        ? { lastError: 'Twilio 30003: Unreachable destination handset' }
        : { providerId: `${channel === 'sms' ? 'SM' : 'EM'}${rng.hex(32)}` }),
      createdAt,
      updatedAt,
    };
  });
}
