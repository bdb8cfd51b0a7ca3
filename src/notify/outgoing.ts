/**
 * One notification as the request it makes: rendered once per attempt, then either sent or, after
 * an attempt whose outcome is unknown, looked for at the provider first.
 */
import type { Client } from '../store/clients';
import type { SentLookup, Transports } from './channels';
import { PermanentError } from './errors';
import { isEscalation } from './keys';
import { renderCallTwiml, renderEmail, renderSms, renderWebhookBody, type RenderContext } from './render';
import type { DeliverJobData, SendResult } from './types';

type Ref = { key: string; messageId: string; clientId: string };

export type Outgoing =
  | { channel: 'sms'; ref: Ref; to: string; from: string; body: string }
  | { channel: 'call'; ref: Ref; to: string; from: string; twiml: string }
  | { channel: 'email'; ref: Ref; to: string[]; subject: string; text: string; html: string }
  | { channel: 'webhook'; url: string; secret: string; body: string; deliveryId: string };

export function prepare(d: DeliverJobData, ctx: RenderContext): Outgoing {
  const { message, client } = ctx;
  const ref = { key: d.key, messageId: message.id, clientId: client.id };
  const from = senderNumber(client);
  switch (d.channel) {
    case 'sms': {
      const variant = d.purpose === 'notify' ? 'notify' : d.purpose === 'backup' ? 'backup' : 'resend';
      return { channel: 'sms', ref, to: d.to, from, body: renderSms(ctx, variant) };
    }
    case 'call': {
      const backupName = client.notifications.escalation.backup?.name ?? '';
      return { channel: 'call', ref, to: d.to, from, twiml: renderCallTwiml(ctx, backupName) };
    }
    case 'email':
      return { channel: 'email', ref, to: d.to.split(','), ...renderEmail(ctx) };
    case 'webhook': {
      const { url, secret } = client.notifications.webhook;
      if (!url || !secret) throw new PermanentError('webhook is no longer configured');
      const event = isEscalation(d.purpose) ? 'message.escalated' : 'message.created';
      return {
        channel: 'webhook',
        url,
        secret,
        body: renderWebhookBody(ctx, event, d.key),
        deliveryId: d.key,
      };
    }
  }
}

export function transmit(o: Outgoing, t: Transports): Promise<SendResult> {
  switch (o.channel) {
    case 'sms':
      return t.sms({ ...o.ref, to: o.to, from: o.from, body: o.body });
    case 'call':
      return t.call({ ...o.ref, to: o.to, from: o.from, twiml: o.twiml });
    case 'email':
      return t.email({ ...o.ref, to: o.to, subject: o.subject, text: o.text, html: o.html });
    case 'webhook':
      return t.webhook({ url: o.url, secret: o.secret, body: o.body, deliveryId: o.deliveryId });
  }
}

/**
 * What to ask the provider about an earlier attempt of `o`; null when sending again is harmless
 * (email and webhooks carry stable ids, the outbox keeps one entry per key).
 */
export function lookupOf(o: Outgoing, since: Date, exclude: ReadonlySet<string>): SentLookup | null {
  if (o.channel === 'sms') return { channel: 'sms', to: o.to, from: o.from, body: o.body, since, exclude };
  if (o.channel === 'call') return { channel: 'call', to: o.to, from: o.from, since, exclude };
  return null;
}

/** Notifications come from the client's dedicated number, so a reply reaches our SMS webhook. */
const senderNumber = (client: Client): string => client.numbers[0] ?? '';
