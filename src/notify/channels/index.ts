/**
 * The transports of each channel, chosen from the configuration: Twilio when its credentials are
 * live, SMTP when SMTP_URL is set, the outbox otherwise (offline demo). Webhooks always use HTTP.
 *
 * Sending again after an attempt whose outcome is unknown is harmless everywhere but at Twilio:
 * the outbox keeps one entry per delivery key, an email keeps its Message-ID and a webhook its
 * X-Delivery-Id, for receivers to dedupe. So only Twilio is asked first (`findSent`).
 */
import type { Config } from '../../config/env';
import type { Logger } from '../../infra/logger';
import type { SendResult } from '../types';
import { messageIdDomain, smtpSender, type EmailAttachment } from './email';
import { writeOutbox } from './outbox';
import { twilioSender } from './twilio';
import { httpWebhookSender } from './webhook';

type Ref = { key: string; messageId?: string; clientId?: string };

/**
 * An earlier attempt of an SMS or call whose outcome is unknown: what it sent, and from when
 * (clock skew included). Records already adopted by other notifications are in `exclude`.
 */
export type SentLookup = { to: string; from: string; since: Date; exclude: ReadonlySet<string> } & (
  { channel: 'sms'; body: string } | { channel: 'call' }
);

export type Transports = {
  sms(input: Ref & { to: string; from: string; body: string }): Promise<SendResult>;
  call(input: Ref & { to: string; from: string; twiml: string }): Promise<SendResult>;
  email(
    input: Ref & {
      to: string[];
      subject: string;
      text: string;
      html: string;
      attachments?: EmailAttachment[];
    },
  ): Promise<SendResult>;
  webhook(input: { url: string; secret: string; body: string; deliveryId: string }): Promise<SendResult>;
  /**
   * What the provider itself recorded of an earlier attempt (null: nothing, send). Absent when
   * sending again is idempotent (the outbox). Throws a TransientError when the provider cannot say.
   */
  findSent?(lookup: SentLookup): Promise<SendResult | null>;
  close(): void;
};

export function createTransports(config: Config, logger: Logger): Transports {
  const twilio = config.twilio.live
    ? twilioSender({
        accountSid: config.twilio.accountSid,
        authToken: config.twilio.authToken,
        apiBaseUrl: config.twilio.apiBaseUrl,
        logger,
      })
    : null;
  const smtp = config.mail.smtpUrl
    ? smtpSender({
        smtpUrl: config.mail.smtpUrl,
        from: config.mail.from,
        messageIdDomain: messageIdDomain(config.publicBaseUrl),
      })
    : null;
  const webhooks = httpWebhookSender({ policy: config.outbound });
  return {
    sms: (i) =>
      twilio
        ? twilio.sendSms(i)
        : writeOutbox(
            {
              key: i.key,
              channel: 'sms',
              to: i.to,
              body: i.body,
              messageId: i.messageId,
              clientId: i.clientId,
            },
            logger,
          ),
    call: (i) =>
      twilio
        ? twilio.placeCall(i)
        : writeOutbox(
            {
              key: i.key,
              channel: 'call',
              to: i.to,
              body: i.twiml,
              messageId: i.messageId,
              clientId: i.clientId,
            },
            logger,
          ),
    email: (i) =>
      smtp
        ? smtp.sendEmail(i)
        : writeOutbox(
            {
              key: i.key,
              channel: 'email',
              to: i.to.join(', '),
              subject: i.subject,
              // The outbox keeps text: an attachment is named, its content is not kept (the weekly
              // report's charts included: the offline demo shows its text, the admin preview its HTML).
              body: i.attachments?.length
                ? `${i.text}\n[${i.attachments.map((a) => a.filename).join(', ')}]`
                : i.text,
              messageId: i.messageId,
              clientId: i.clientId,
            },
            logger,
          ),
    webhook: (i) => webhooks.postWebhook(i),
    ...(twilio && {
      findSent: (l: SentLookup) => (l.channel === 'sms' ? twilio.findSms(l) : twilio.findCall(l)),
    }),
    close: () => {
      smtp?.close();
      webhooks.close?.();
    },
  };
}
