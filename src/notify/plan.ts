/**
 * Which notifications a stored message produces, and when: pure, from the client's notification
 * settings. Escalation steps are delayed jobs that an acknowledgement removes.
 */
import type { Client } from '../store/clients';
import type { Message } from '../store/messages';
import { deliveryKey, type Purpose } from './keys';
import type { DeliveryChannel } from '../domain/vocabulary';

export type PlannedDelivery = {
  key: string;
  channel: DeliveryChannel;
  purpose: Purpose;
  to: string;
  /** Milliseconds after the message was stored. */
  delayMs: number;
};

export type PlanOptions = {
  /** Length of one "minute" of the escalation settings; tests shorten it. @defaultValue 60000 */
  minuteMs?: number;
  /** Gap between the backup SMS and the backup call. @defaultValue one minute */
  callAfterSmsMs?: number;
  /**
   * How long the notifications of a voice-only message wait for its transcription (released as
   * soon as it is applied). @defaultValue 0 (no wait)
   */
  transcriptionWaitMs?: number;
};

/**
 * True when the message's only content is a voice message whose transcription is still to come:
 * its notification is better sent with what the transcription will say. Urgent ones never wait.
 */
export function awaitsTranscription(message: Message, client: Client): boolean {
  return (
    client.messageTaking.transcribe &&
    message.recording !== null &&
    !message.transcription &&
    !message.urgent &&
    !message.callerName &&
    !message.reason
  );
}

export function planFollowUps(
  message: Message,
  client: Client,
  options: PlanOptions = {},
): PlannedDelivery[] {
  const minuteMs = options.minuteMs ?? 60_000;
  const n = client.notifications;
  const plan: PlannedDelivery[] = [];
  const add = (channel: DeliveryChannel, purpose: Purpose, to: string, delayMs: number, index = 0) =>
    plan.push({ key: deliveryKey(message.id, channel, purpose, index), channel, purpose, to, delayMs });

  const hold = awaitsTranscription(message, client) ? (options.transcriptionWaitMs ?? 0) : 0;
  const smsTo = n.sms.enabled ? n.sms.to : [];
  smsTo.forEach((to, i) => add('sms', 'notify', to, hold, i));
  if (n.email.enabled && n.email.to.length > 0) add('email', 'notify', n.email.to.join(','), hold);
  if (n.webhook.enabled && n.webhook.url) add('webhook', 'notify', n.webhook.url, hold);

  const escalation = n.escalation;
  if (message.urgent && escalation.enabled && !message.acknowledgedAt) {
    const step = escalation.delayMinutes * minuteMs;
    for (let r = 1; r <= escalation.resends; r += 1) {
      smsTo.forEach((to, i) => add('sms', `resend${r}`, to, step * r, i));
    }
    if (escalation.backup) {
      const at = step * (escalation.resends + 1);
      add('sms', 'backup', escalation.backup.number, at);
      add('call', 'backup', escalation.backup.number, at + (options.callAfterSmsMs ?? minuteMs));
    }
  }
  return plan;
}
