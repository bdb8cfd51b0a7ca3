/**
 * `POST /webhooks/sms/incoming`: an SMS to one of the clients' numbers. A caller's "ANNULER" /
 * "CANCEL" goes to the SMS cancellation use case (their next appointment with that client); any
 * other SMS is a reply to a notification, handed to the SMS acknowledgement use case, and when it
 * acknowledges nothing and comes from a caller with an appointment ahead, the answer reminds them
 * of it. This edge
 * only parses the form and words the answer. Signature checked like every /webhooks/ request;
 * always answers TwiML `<Response><Message>…`.
 */
import express, { Router, type Response } from 'express';
import twilio from 'twilio';
import { z } from 'zod';
import { callerSource, type AppointmentDeps } from '../src/app/appointments';
import type { MessageActionDeps } from '../src/app/ports';
import {
  cancelBySms,
  isCancelRequest,
  nextAppointmentBySms,
  type SmsAppointmentCancel,
} from '../src/app/sms-appointment-cancel';
import { appointmentWhen, readablePhone } from '../src/notify/appointment-texts';
import { deName, NNBSP } from '../src/notify/french';
import { toGsm7 } from '../src/notify/gsm';
import { acknowledgeBySms, smsSender, type SmsAcknowledgement } from '../src/app/sms-acknowledgement';
import { multilineSchema } from '../src/domain/text';
import { twimlParserErrors } from './parser-errors';
import { twilioSignature, type SignatureOptions } from './signature';

export const inboundSmsSchema = z.object({
  From: z.string().min(1),
  To: z.string().default(''),
  Body: multilineSchema().default(''),
  MessageSid: z.string().default(''),
});

const NOTHING = `Aucun message urgent en attente${NNBSP}: rien n’a été modifié. / No urgent message pending: nothing was changed.`;
const HELP = `Répondez OK pour prendre en charge le dernier message urgent, ou OK 2 pour celui marqué OK 2. / Reply OK to take the latest urgent message, or OK 2 for the one marked OK 2.`;

/** The answer to an acknowledgement, in the client's language (bilingual when no message is found). */
function wording(result: SmsAcknowledgement): string {
  switch (result.outcome) {
    case 'not-an-acknowledgement':
      return HELP;
    case 'nothing-pending':
      return NOTHING;
    case 'unknown-ref':
      return `Aucun message urgent envoyé à ce numéro ne porte la référence ${result.ref}${NNBSP}: rien n’a été modifié. Répondez OK pour le dernier. / No urgent message sent to this number has the reference ${result.ref}: nothing was changed. Reply OK for the latest.`;
    case 'claimed':
      return result.locale === 'fr-FR'
        ? `Bien reçu${NNBSP}: le message ${deName(result.caller)} est pris en charge par vous.`
        : `Got it: you have taken the message from ${result.caller}.`;
    case 'already-held':
      return alreadyHeld(result);
  }
}

function alreadyHeld(result: Extract<SmsAcknowledgement, { outcome: 'already-held' }>): string {
  const { caller, heldBy } = result;
  if (result.locale === 'fr-FR') {
    const of = `Le message ${deName(caller)}`;
    if (heldBy === 'client') return `${of} est déjà pris en charge par vous.`;
    return heldBy === 'handled'
      ? `${of} est déjà traité${NNBSP}: vous n’avez rien à faire.`
      : `${of} est déjà pris en charge par l’équipe${NNBSP}: vous n’avez rien à faire.`;
  }
  const of = `The message from ${caller}`;
  if (heldBy === 'client') return `${of} is already yours.`;
  return heldBy === 'handled'
    ? `${of} is already handled: nothing to do.`
    : `${of} is already being handled by the team: nothing to do.`;
}

const NO_APPOINTMENT = 'Aucun rendez-vous à annuler. / No appointment to cancel.';
const CANCEL_FAILED =
  'Votre demande n’a pas pu être traitée, réessayez plus tard. / Your request could not be handled, please try again later.';

/** The answer to "ANNULER" / "CANCEL", in the appointment's language (else the client's). */
function cancelWording(result: Exclude<SmsAppointmentCancel, { outcome: 'not-a-cancel' }>): string {
  if (result.outcome === 'unknown-number') return NO_APPOINTMENT;
  const { client, locale } = result;
  const phone = readablePhone(client.number, client);
  const fr = locale === 'fr-FR';
  const call = fr ? `appelez ${client.name} au ${phone}` : `call ${client.name} at ${phone}`;
  switch (result.outcome) {
    case 'cancelled': {
      const when = appointmentWhen(result.appointment.start, locale, client.timezone, result.at);
      return fr
        ? `Votre rendez-vous du ${when} est annulé. Pour en prendre un autre, ${call}.`
        : `Your appointment on ${when} is cancelled. To book another, ${call}.`;
    }
    case 'nothing-to-cancel':
      return fr
        ? `Nous ne trouvons aucun rendez-vous à venir pour ce numéro. Pour toute question, ${call}.`
        : `We found no upcoming appointment for this number. For any question, ${call}.`;
    case 'by-phone-only':
      return fr ? `Pour annuler votre rendez-vous, ${call}.` : `To cancel your appointment, please ${call}.`;
    case 'unavailable':
      return fr
        ? `Votre rendez-vous n’a pas pu être annulé pour le moment. Réessayez dans quelques minutes ou ${call}.`
        : `Your appointment could not be cancelled just now. Please try again in a few minutes or ${call}.`;
  }
}

/** To a caller with an appointment ahead who wrote something else: when it is, how to cancel. */
function nextAppointmentWording(next: NonNullable<Awaited<ReturnType<typeof nextAppointmentBySms>>>): string {
  const { client, locale } = next;
  const fr = locale === 'fr-FR';
  const when = appointmentWhen(next.start, locale, client.timezone, next.at);
  const phone = readablePhone(client.number, client);
  if (fr) {
    const cancel = next.callerChanges ? ' Pour l’annuler, répondez ANNULER.' : '';
    return `Votre prochain rendez-vous avec ${client.name} : ${when}.${cancel} Pour toute question, appelez le ${phone}.`;
  }
  const cancel = next.callerChanges ? ' Reply CANCEL to cancel it.' : '';
  return `Your next appointment with ${client.name}: ${when}.${cancel} For any question, call ${phone}.`;
}

function reply(res: Response, text: string): void {
  const twiml = new twilio.twiml.MessagingResponse();
  twiml.message(text);
  res.type('text/xml').send(twiml.toString());
}

export type SmsWebhookOptions = SignatureOptions & {
  messages: MessageActionDeps;
  /** The appointment use cases' dependencies; without them an "ANNULER" gets the acknowledgement's help. */
  appointments?: AppointmentDeps;
};

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
      const { From: from, To: to, Body: body } = parsed.data;
      try {
        if (options.appointments) {
          const source = callerSource(from, req.ip ?? '', 'sms');
          const cancel = await cancelBySms(options.appointments, source, { from, to, body });
          if (cancel.outcome !== 'not-a-cancel') return reply(res, toGsm7(cancelWording(cancel)));
        }
        const result = await acknowledgeBySms(options.messages, smsSender(from, req.ip ?? ''), {
          from,
          body,
        });
        const next =
          result.outcome === 'not-an-acknowledgement' && options.appointments
            ? await nextAppointmentBySms(options.appointments, { from, to })
            : null;
        reply(res, next ? toGsm7(nextAppointmentWording(next)) : wording(result));
      } catch (err) {
        options.logger.error(`inbound SMS from ${from} not handled: ${(err as Error).message}`);
        reply(res, options.appointments && isCancelRequest(body) ? toGsm7(CANCEL_FAILED) : HELP);
      }
    },
  );
  router.use(twimlParserErrors(options.logger));
  return router;
}
