/**
 * The `deliver` job: one notification to one channel. Reads the message and the client when it
 * runs (the job carries ids only), skips what is already sent or no longer wanted (an escalation
 * step after an acknowledgement), sends, and records every attempt in its delivery log entry.
 */
import { UnrecoverableError, type Job } from 'bullmq';
import type { Logger } from '../infra/logger';
import { clientForId } from '../app/client-cache';
import type { Client } from '../store/clients';
import { NotFoundError } from '../domain/errors';
import { getMessage, type Message } from '../store/messages';
import type { Transports } from './channels';
import { findDelivery, recordDelivery } from '../store/deliveries';
import { asDeliveryError, PermanentError } from './errors';
import { isEscalation } from './keys';
import { renderCallTwiml, renderEmail, renderSms, renderWebhookBody, type RenderContext } from './render';
import type { DeliverJobData, SendResult } from './types';

export type DeliverDeps = { transports: Transports; logger: Logger; publicBaseUrl: string };

export type DeliverOutcome = SendResult | { skipped: string };

export function deliverProcessor(deps: DeliverDeps) {
  return async (job: Job<DeliverJobData>): Promise<DeliverOutcome> => {
    const d = job.data;
    let message: Message;
    try {
      message = await getMessage(d.messageId);
    } catch (err) {
      if (err instanceof NotFoundError) return { skipped: 'message deleted' };
      throw err;
    }
    const entry = await findDelivery(d.key);
    if (entry?.status === 'sent') return { skipped: 'already sent' };
    if (isEscalation(d.purpose) && message.acknowledgedAt) {
      await recordDelivery(d.messageId, d, { status: 'cancelled', lastError: 'acknowledged' });
      return { skipped: 'acknowledged' };
    }
    const attempts = job.attemptsMade + 1;
    try {
      const client = await clientForId(message.clientId);
      const result = await send(d, { message, client, publicBaseUrl: deps.publicBaseUrl }, deps.transports);
      await recordDelivery(d.messageId, d, {
        status: 'sent',
        attempts,
        providerId: result.providerId,
        lastError: null,
      });
      return result;
    } catch (raw) {
      const err = asDeliveryError(raw);
      const final = err instanceof UnrecoverableError || attempts >= (job.opts.attempts ?? 1);
      await recordDelivery(d.messageId, d, {
        status: final ? 'failed' : 'pending',
        attempts,
        lastError: err.message,
      });
      deps.logger.warn(
        `delivery ${d.key} attempt ${attempts} failed${final ? ' for good' : ''}: ${err.message}`,
      );
      throw err;
    }
  };
}

function send(d: DeliverJobData, ctx: RenderContext, t: Transports): Promise<SendResult> {
  const { message, client } = ctx;
  const ref = { key: d.key, messageId: message.id, clientId: client.id };
  const from = senderNumber(client);
  switch (d.channel) {
    case 'sms': {
      const variant = d.purpose === 'notify' ? 'notify' : d.purpose === 'backup' ? 'backup' : 'resend';
      return t.sms({ ...ref, to: d.to, from, body: renderSms(ctx, variant) });
    }
    case 'call': {
      const backupName = client.notifications.escalation.backup?.name ?? '';
      return t.call({ ...ref, to: d.to, from, twiml: renderCallTwiml(ctx, backupName) });
    }
    case 'email': {
      const email = renderEmail(ctx);
      return t.email({ ...ref, to: d.to.split(','), ...email });
    }
    case 'webhook': {
      const { url, secret } = client.notifications.webhook;
      if (!url || !secret) throw new PermanentError('webhook is no longer configured');
      const event = isEscalation(d.purpose) ? 'message.escalated' : 'message.created';
      return t.webhook({ url, secret, body: renderWebhookBody(ctx, event, d.key), deliveryId: d.key });
    }
  }
}

/** Notifications come from the client's dedicated number, so a reply reaches our SMS webhook. */
const senderNumber = (client: Client): string => client.numbers[0] ?? '';
