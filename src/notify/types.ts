/** Shared types of the follow-up pipeline. */
import type { DeliveryChannel } from '../domain/vocabulary';

/** Why a notification is sent. `resendN` and `backup` are escalation steps (cancelled by an ack). */
export type Purpose = 'notify' | `resend${number}` | 'backup';

/** Payload of a `deliver` job: everything else is read from MongoDB when the job runs. */
export type DeliverJobData = {
  key: string;
  messageId: string;
  clientId: string;
  channel: DeliveryChannel;
  purpose: Purpose;
  /** Phone number, comma-separated email addresses, or webhook URL. */
  to: string;
  /** When the message was stored (ms); the benchmark measures from it. */
  storedAt: number;
};

export type DigestJobData = { clientId: string };

/** Payload of a `follow-ups` job: the message whose notifications to plan and queue. */
export type FollowUpsJobData = { messageId: string };

/** What a channel answers after a successful send. */
export type SendResult = { providerId: string };
