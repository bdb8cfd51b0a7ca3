/**
 * A caller's SMS "ANNULER" / "CANCEL" to the client's number cancels their next appointment with
 * that client, through the appointment use case (calendar, record, audit, follow-ups), as if the
 * caller had cancelled by phone. Nothing to cancel, or callers not allowed to: the answer says
 * whom to call. The edge parses and words; this decides.
 */
import type { ActionSource } from '../domain/access';
import { ConflictError, NotFoundError } from '../domain/errors';
import type { Locale } from '../domain/vocabulary';
import { cancelAppointment, nextAppointmentOf, type AppointmentDeps } from './appointments';
import { CalendarUnavailableError } from './calendar-port';
import { clientForNumber } from './client-cache';

/** What callers write to cancel, folded (lower case, no accents, no closing punctuation). */
const CANCEL_WORDS = new Set([
  'annuler',
  'annule',
  'annulation',
  'annuler rdv',
  'annuler le rdv',
  'annuler mon rdv',
  'annuler rendez-vous',
  'annuler le rendez-vous',
  'annuler mon rendez-vous',
  'cancel',
  'cancel appointment',
  'cancel my appointment',
  'cancel the appointment',
]);

/** "ANNULER", "Annuler RDV !", "annulér", "Cancel appointment." cancel; anything else does not. */
export function isCancelRequest(body: string): boolean {
  const folded = body
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\s.!]+$/u, '')
    .replace(/\s+/g, ' ')
    .trim();
  return CANCEL_WORDS.has(folded);
}

/** The client as the answer names it: its name and the number the caller wrote to. */
export type AnsweringClient = { name: string; number: string; numbers: string[]; timezone: string };

export type SmsAppointmentCancel =
  | { outcome: 'not-a-cancel' }
  /** The SMS went to a number no client has. */
  | { outcome: 'unknown-number' }
  | {
      outcome: 'nothing-to-cancel' | 'by-phone-only' | 'unavailable';
      locale: Locale;
      client: AnsweringClient;
    }
  | {
      outcome: 'cancelled';
      locale: Locale;
      client: AnsweringClient;
      appointment: { id: string; start: Date };
      /** When it was cancelled: a date far ahead is written with its year. */
      at: Date;
    };

export async function cancelBySms(
  deps: AppointmentDeps,
  source: ActionSource,
  sms: { from: string; to: string; body: string },
): Promise<SmsAppointmentCancel> {
  if (!isCancelRequest(sms.body)) return { outcome: 'not-a-cancel' };
  const client = await clientForNumber(sms.to);
  if (!client) return { outcome: 'unknown-number' };
  const answering: AnsweringClient = {
    name: client.name,
    number: sms.to,
    numbers: client.numbers,
    timezone: client.timezone,
  };
  const next = await nextAppointmentOf(client.id, sms.from, deps.now());
  const locale = next?.locale ?? client.locale;
  if (!next) return { outcome: 'nothing-to-cancel', locale, client: answering };
  if (!client.appointments.callerChanges) return { outcome: 'by-phone-only', locale, client: answering };
  try {
    const cancelled = await cancelAppointment(deps, source, next.id, 'caller');
    return {
      outcome: 'cancelled',
      locale,
      client: answering,
      appointment: { id: cancelled.id, start: cancelled.start },
      at: deps.now(),
    };
  } catch (err) {
    // Cancelled meanwhile (by phone, by an assistant): nothing is left to cancel.
    if (err instanceof ConflictError || err instanceof NotFoundError) {
      return { outcome: 'nothing-to-cancel', locale, client: answering };
    }
    if (err instanceof CalendarUnavailableError) {
      deps.logger.warn(`SMS cancellation of appointment ${next.id} waits for the calendar: ${err.message}`);
      return { outcome: 'unavailable', locale, client: answering };
    }
    throw err;
  }
}

/**
 * Any other SMS from a caller who has an appointment with the client ("merci", "à quelle heure ?"):
 * their next appointment, so the answer can say when it is and how to cancel, instead of the
 * client's acknowledgement help. null when the sender has none (not a caller, or nothing ahead).
 */
export async function nextAppointmentBySms(
  deps: Pick<AppointmentDeps, 'now'>,
  sms: { from: string; to: string },
): Promise<{
  locale: Locale;
  client: AnsweringClient;
  start: Date;
  callerChanges: boolean;
  at: Date;
} | null> {
  const client = await clientForNumber(sms.to);
  if (!client) return null;
  const at = deps.now();
  const next = await nextAppointmentOf(client.id, sms.from, at);
  if (!next) return null;
  return {
    locale: next.locale,
    client: { name: client.name, number: sms.to, numbers: client.numbers, timezone: client.timezone },
    start: next.start,
    callerChanges: client.appointments.callerChanges,
    at,
  };
}
