/**
 * The client's SMS reply to a notification: "OK", "vu", "1"… acknowledges the latest unacknowledged
 * urgent message whose SMS went to that number. The message is marked acknowledged (its status and
 * assignee stay as they are), the audit log names the number, the assistants' live list shows it,
 * and its pending escalation is cancelled.
 */
import type { ActionSource } from '../domain/access';
import type { Locale } from '../domain/vocabulary';
import { findLatestUrgentSentTo } from '../store/deliveries';
import { markAcknowledged } from '../store/message-follow-ups';
import { audit } from './audit';
import { clientForId } from './client-cache';
import type { MessageActionDeps } from './ports';

const ACK_WORDS = new Set([
  'ok',
  'okay',
  'vu',
  'lu',
  '1',
  'oui',
  'yes',
  'ack',
  'recu',
  'reçu',
  'bien recu',
  'bien reçu',
]);

/** "OK", "ok !", " Vu." all acknowledge; anything else does not. */
export function isAcknowledgement(body: string): boolean {
  const word = body
    .trim()
    .toLowerCase()
    .replace(/[\s.!👍]+$/u, '');
  return ACK_WORDS.has(word);
}

/** The sender of an SMS reply, as the audit log and the delivery log name them: their number. */
export function smsSender(from: string, ip: string): ActionSource {
  return { actor: { type: 'system', id: from, label: `sms:${from}` }, ip, via: 'sms' };
}

export type SmsAcknowledgement =
  | { outcome: 'not-an-acknowledgement' }
  | { outcome: 'nothing-pending' }
  /** `caller`: the caller's name, else their number, for the reply. */
  | { outcome: 'acknowledged'; messageId: string; locale: Locale; caller: string };

export async function acknowledgeBySms(
  deps: MessageActionDeps,
  source: ActionSource,
  reply: { from: string; body: string },
): Promise<SmsAcknowledgement> {
  if (!isAcknowledgement(reply.body)) return { outcome: 'not-an-acknowledgement' };
  const pending = await findLatestUrgentSentTo(reply.from);
  if (!pending) return { outcome: 'nothing-pending' };

  const at = deps.now();
  const message = await markAcknowledged(pending.id, at);
  if (!message) return { outcome: 'nothing-pending' };
  // Someone acknowledged it between the read and the write: theirs is the action on record.
  if (message.acknowledgedAt?.getTime() === at.getTime()) {
    const { id, clientId, urgent } = message;
    await audit(source, { action: 'message.acknowledge', target: { type: 'message', id }, clientId }, at);
    await deps
      .publish({ type: 'message.updated', messageId: id, clientId, urgent })
      .catch((err: Error) => deps.logger.warn(`live list not told of message ${id}: ${err.message}`));
  }
  // Best effort: should the queue be out of reach, each escalation step still sees the
  // acknowledgement when it runs, and cancels itself.
  await deps.followUps
    .acknowledge(message.id, source.actor.label)
    .catch((err: Error) =>
      deps.logger.warn(`escalation of message ${message.id} not cancelled yet: ${err.message}`),
    );

  const client = await clientForId(message.clientId);
  return {
    outcome: 'acknowledged',
    messageId: message.id,
    locale: client.locale,
    caller: message.callerName || message.callerNumber,
  };
}
