/**
 * `POST /webhooks/sms/incoming`: a reply to a notification SMS, handed to the SMS acknowledgement use
 * case; this edge only parses the form and words the answer. Signature checked like every
 * /webhooks/ request; always answers TwiML `<Response><Message>…`.
 */
import express, { Router, type Response } from 'express';
import twilio from 'twilio';
import { z } from 'zod';
import type { MessageActionDeps } from '../src/app/ports';
import { acknowledgeBySms, smsSender, type SmsAcknowledgement } from '../src/app/sms-acknowledgement';
import { multilineSchema } from '../src/domain/text';
import type { Locale } from '../src/domain/vocabulary';
import { twimlParserErrors } from './parser-errors';
import { twilioSignature, type SignatureOptions } from './signature';

export const inboundSmsSchema = z.object({
  From: z.string().min(1),
  To: z.string().default(''),
  Body: multilineSchema().default(''),
  MessageSid: z.string().default(''),
});

const DONE: Record<Locale, (caller: string) => string> = {
  'fr-FR': (caller) => `Bien reçu : le message de ${caller} est pris en charge, les relances sont annulées.`,
  'en-US': (caller) => `Got it: the message from ${caller} is acknowledged, reminders cancelled.`,
};
const NOTHING = 'Aucun message urgent en attente. / No urgent message pending.';
const HELP =
  'Répondez OK pour acquitter le dernier message urgent. / Reply OK to acknowledge the latest urgent message.';

function wording(result: SmsAcknowledgement): string {
  if (result.outcome === 'acknowledged') return DONE[result.locale](result.caller);
  return result.outcome === 'nothing-pending' ? NOTHING : HELP;
}

function reply(res: Response, text: string): void {
  const twiml = new twilio.twiml.MessagingResponse();
  twiml.message(text);
  res.type('text/xml').send(twiml.toString());
}

export type SmsWebhookOptions = SignatureOptions & { messages: MessageActionDeps };

/** Mount at `/webhooks/sms`. */
export function smsWebhookRouter(options: SmsWebhookOptions): Router {
  const router = Router();
  router.post(
    '/incoming',
    // As the voice callbacks: an SMS of 1600 characters and Twilio's ~30 fields fit many times over.
    express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 200 }),
    twilioSignature(options),
    async (req, res) => {
      const parsed = inboundSmsSchema.safeParse(req.body);
      if (!parsed.success) return reply(res, HELP);
      const { From: from, Body: body } = parsed.data;
      try {
        const result = await acknowledgeBySms(options.messages, smsSender(from, req.ip ?? ''), {
          from,
          body,
        });
        reply(res, wording(result));
      } catch (err) {
        options.logger.error(`inbound SMS from ${from} not handled: ${(err as Error).message}`);
        reply(res, HELP);
      }
    },
  );
  router.use(twimlParserErrors(options.logger));
  return router;
}
