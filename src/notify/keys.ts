/**
 * Delivery keys: one stable id per notification, derived from message + channel + purpose (+ the
 * recipient's index). It is the BullMQ job id and the key of the delivery log entry, so replaying
 * `messageStored` or the sweeper never queues a notification twice.
 */
import type { DeliveryChannel } from '../domain/vocabulary';
import type { Purpose } from './types';

export type { Purpose };

export function deliveryKey(
  messageId: string,
  channel: DeliveryChannel,
  purpose: Purpose,
  index = 0,
): string {
  // BullMQ refuses ':' in custom ids, so dots.
  return `${messageId}.${channel}.${purpose}.${index}`;
}

export function parseDeliveryKey(
  key: string,
): { messageId: string; channel: DeliveryChannel; purpose: Purpose; index: number } | null {
  const m = /^([0-9a-f]{24})\.(sms|email|webhook|call)\.(notify|resend\d+|backup)\.(\d+)$/.exec(key);
  if (!m) return null;
  return {
    messageId: m[1]!,
    channel: m[2] as DeliveryChannel,
    purpose: m[3] as Purpose,
    index: Number(m[4]),
  };
}

export const isEscalation = (purpose: Purpose): boolean => purpose !== 'notify';
