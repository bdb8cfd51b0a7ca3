/**
 * `POST /webhooks/sms/incoming`: a reply to a notification SMS. "OK", "vu", "1"… acknowledges the
 * latest urgent message notified to that number, which cancels its pending escalation. Signature
 * checked like every /webhooks/ request; always answers TwiML `<Response><Message>…`.
 */
import express, { Router } from 'express';
import twilio from 'twilio';
import { z } from 'zod';
import type { Logger } from '../src/infra/logger';
import { findLatestUrgentSentTo, type FollowUps } from '../src/notify';
import { getClient } from '../src/store/clients';
import { twilioSignature } from './signature';

export const inboundSmsSchema = z.object({
  From: z.string().min(1),
  To: z.string().default(''),
  Body: z.string().default(''),
  MessageSid: z.string().default(''),
});

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

const REPLIES = {
  'fr-FR': {
    done: (caller: string) =>
      `Bien reçu : le message de ${caller} est pris en charge, les relances sont annulées.`,
  },
  'en-US': {
    done: (caller: string) => `Got it: the message from ${caller} is acknowledged, reminders cancelled.`,
  },
} as const;
const NOTHING = 'Aucun message urgent en attente. / No urgent message pending.';
const HELP =
  'Répondez OK pour acquitter le dernier message urgent. / Reply OK to acknowledge the latest urgent message.';

export type SmsWebhookOptions = {
  authToken: string;
  publicBaseUrl: string;
  logger: Logger;
  followUps: Pick<FollowUps, 'acknowledge'>;
};

/** Mount at `/webhooks/sms`. */
export function smsWebhookRouter(options: SmsWebhookOptions): Router {
  const router = Router();
  router.post(
    '/incoming',
    express.urlencoded({ extended: false }),
    twilioSignature(options),
    async (req, res) => {
      const reply = (text: string) => {
        const twiml = new twilio.twiml.MessagingResponse();
        twiml.message(text);
        res.type('text/xml').send(twiml.toString());
      };
      const parsed = inboundSmsSchema.safeParse(req.body);
      if (!parsed.success) return reply(HELP);
      const { From, Body } = parsed.data;
      if (!isAcknowledgement(Body)) return reply(HELP);
      try {
        const message = await findLatestUrgentSentTo(From);
        if (!message) return reply(NOTHING);
        await options.followUps.acknowledge(message.id, `sms:${From}`);
        const client = await getClient(message.clientId);
        return reply(REPLIES[client.locale].done(message.callerName || message.callerNumber));
      } catch (err) {
        options.logger.error(`inbound SMS from ${From} not handled: ${(err as Error).message}`);
        return reply(HELP);
      }
    },
  );
  return router;
}
