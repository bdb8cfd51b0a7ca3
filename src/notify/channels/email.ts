/**
 * Notification email over SMTP (nodemailer). 5xx answers are permanent; the rest is retried.
 *
 * SMTP cannot be asked what it accepted, so a resent email carries the same `Message-ID`, derived
 * from the delivery key: mail stores and MTAs that see it twice keep one.
 */
import nodemailer from 'nodemailer';
import { PermanentError, TransientError } from '../errors';

/**
 * A file sent with an email (an appointment's `.ics`), or an image the HTML shows inline: with a
 * `cid`, the HTML refers to it as `cid:<cid>` (nodemailer makes it a related part).
 */
export type EmailAttachment = {
  filename: string;
  content: string | Buffer;
  contentType: string;
  cid?: string;
};

export type EmailSender = {
  sendEmail(input: {
    to: string[];
    subject: string;
    text: string;
    html: string;
    key: string;
    attachments?: EmailAttachment[];
  }): Promise<{ providerId: string }>;
  close(): void;
};

/** `<key@domain>`: one id per notification, the same on every attempt. */
export const stableMessageId = (key: string, domain: string): string => `<${key}@${domain}>`;

/** The domain of our Message-IDs: the host of PUBLIC_BASE_URL, a name this deployment owns. */
export const messageIdDomain = (publicBaseUrl: string): string => new URL(publicBaseUrl).hostname;

export function smtpSender(opts: { smtpUrl: string; from: string; messageIdDomain: string }): EmailSender {
  const url = new URL(opts.smtpUrl);
  for (const [k, v] of Object.entries({
    connectionTimeout: '10000',
    greetingTimeout: '10000',
    socketTimeout: '20000',
  }))
    if (!url.searchParams.has(k)) url.searchParams.set(k, v);
  const transport = nodemailer.createTransport(url.toString());
  return {
    async sendEmail({ to, subject, text, html, key, attachments }) {
      try {
        const info = await transport.sendMail({
          from: opts.from,
          to,
          subject,
          text,
          html,
          ...(attachments?.length ? { attachments } : {}),
          messageId: stableMessageId(key, opts.messageIdDomain),
          headers: { 'X-Delivery-Key': key },
        });
        if (info.rejected.length > 0 && info.accepted.length === 0) {
          throw new PermanentError(`smtp rejected ${info.rejected.join(', ')}`);
        }
        return { providerId: info.messageId };
      } catch (err) {
        throw classifySmtpError(err);
      }
    },
    close: () => transport.close(),
  };
}

export function classifySmtpError(err: unknown): Error {
  if (err instanceof PermanentError || err instanceof TransientError) return err;
  const e = err as { responseCode?: number; code?: string; message?: string; response?: string };
  const text = `smtp${e.responseCode ? ` ${e.responseCode}` : ''}: ${e.response ?? e.message ?? String(err)}`;
  if (e.responseCode && e.responseCode >= 500) return new PermanentError(text);
  if (!e.responseCode && e.code === 'EENVELOPE') return new PermanentError(text);
  return new TransientError(text);
}
