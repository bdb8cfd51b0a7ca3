/**
 * The client's SMS reply to a notification. "OK", "vu", "1"… claims the latest unacknowledged
 * urgent message whose SMS went to that number; "OK 2", "ok2", "OK n°2" claims the one whose SMS
 * carried the reference 2 (see `assignSmsRef` for the scheme). Claiming means the client takes it:
 * the message goes in progress with `claimedBy` the client, and is acknowledged. A message already
 * handled, or in an assistant's or the client's hands, is only acknowledged, and the reply says who
 * has it. Either way the audit log names the number, the assistants' live list is told, and the
 * pending escalation is cancelled.
 */
import type { ActionSource } from '../domain/access';
import { clientCountry, displayPhone } from '../domain/phone';
import type { Locale } from '../domain/vocabulary';
import { findLatestUrgentSentTo, findUrgentSentToByRef } from '../store/deliveries';
import { claimForClient } from '../store/message-follow-ups';
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

/** "OK 2", "ok2", "OK n°2", "OK no 2", "OK #2": an acknowledgement word and a reference. */
const WITH_REF = /^(ok|okay|vu|lu|oui|yes|ack|re[cç]u|bien re[cç]u)\s*(?:n\s*[°o]\.?|no\.?|#)?\s*(\d{1,4})$/u;

const normalise = (body: string) =>
  body
    .trim()
    .toLowerCase()
    .replace(/[\s.!👍]+$/u, '');

/**
 * What a reply asks: `null` when it is no acknowledgement; `ref` null for a plain "OK" (the latest
 * urgent message), else the reference it names.
 */
export function parseAcknowledgement(body: string): { ref: number | null } | null {
  const word = normalise(body);
  if (ACK_WORDS.has(word)) return { ref: null };
  const match = WITH_REF.exec(word);
  return match ? { ref: Number(match[2]) } : null;
}

/** "OK", "ok !", " Vu.", "OK 2" all acknowledge; anything else does not. */
export function isAcknowledgement(body: string): boolean {
  return parseAcknowledgement(body) !== null;
}

/** The sender of an SMS reply, as the audit log and the delivery log name them: their number. */
export function smsSender(from: string, ip: string): ActionSource {
  return { actor: { type: 'system', id: from, label: `sms:${from}` }, ip, via: 'sms' };
}

/** Who already had the message when the client answered. */
export type HeldBy = 'handled' | 'assistant' | 'client';

export type SmsAcknowledgement =
  | { outcome: 'not-an-acknowledgement' }
  | { outcome: 'nothing-pending' }
  /** "OK 7" when no urgent SMS to this number carried the reference 7. */
  | { outcome: 'unknown-ref'; ref: number }
  /** `caller`: the caller's name, else their number, for the reply. */
  | { outcome: 'claimed'; messageId: string; locale: Locale; caller: string }
  | { outcome: 'already-held'; heldBy: HeldBy; messageId: string; locale: Locale; caller: string };

export async function acknowledgeBySms(
  deps: MessageActionDeps,
  source: ActionSource,
  reply: { from: string; body: string },
): Promise<SmsAcknowledgement> {
  const asked = parseAcknowledgement(reply.body);
  if (!asked) return { outcome: 'not-an-acknowledgement' };
  const pending =
    asked.ref === null
      ? await findLatestUrgentSentTo(reply.from)
      : await findUrgentSentToByRef(reply.from, asked.ref);
  if (!pending)
    return asked.ref === null ? { outcome: 'nothing-pending' } : { outcome: 'unknown-ref', ref: asked.ref };

  const at = deps.now();
  const client = await clientForId(pending.clientId);
  const label = displayPhone(reply.from, clientCountry(client));
  const result = await claimForClient(pending.id, { kind: 'client', label, phone: reply.from, at });
  if (!result) return { outcome: 'nothing-pending' };
  const { message, claimed, acknowledged } = result;
  // Someone acted on it between the read and the write: theirs is the action on record.
  if (claimed || acknowledged) {
    const { id, clientId, urgent } = message;
    const detail = { from: reply.from, ref: asked.ref, claimed };
    await audit(
      source,
      { action: 'message.acknowledge', target: { type: 'message', id }, clientId, detail },
      at,
    );
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

  const about = {
    messageId: message.id,
    locale: client.locale,
    caller: message.callerName.trim() || displayPhone(message.callerNumber, clientCountry(client)),
  };
  if (claimed) return { outcome: 'claimed', ...about };
  const heldBy: HeldBy =
    message.status === 'handled' ? 'handled' : message.assigneeId ? 'assistant' : 'client';
  return { outcome: 'already-held', heldBy, ...about };
}
