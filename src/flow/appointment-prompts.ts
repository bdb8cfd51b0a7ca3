/**
 * Every word the receptionist says while booking, moving or cancelling an appointment, one table per
 * locale (the rest of the call is `prompts.ts`). Times arrive already spoken ("mardi 8 décembre à 10 h").
 */
import type { Locale } from '../domain/vocabulary';
import { deOrElided } from './prompts';

export interface AppointmentPrompts {
  /** The menu with the appointment key, said only when the client has appointment types. */
  menu: string;
  menuHints: string[];
  /** "Pour quel type de rendez-vous : consultation ou vaccination ?" and the keys. */
  askType: (names: string[]) => string;
  /** "Je peux vous proposer …" and how to choose, for 1 to 3 slots. */
  offer: (slots: string, count: number) => string;
  /** Nothing free (for what was asked, when something was): another day, or a booking request. */
  noSlots: (asked?: string) => string;
  slotTaken: string;
  askName: string;
  smsConfirm: (spokenNumber: string) => string;
  smsEnter: string;
  recap: (type: string, slot: string, name?: string) => string;
  recapMove: (slot: string) => string;
  booked: (type: string, slot: string) => string;
  moved: (slot: string) => string;
  /** The caller's next appointment, and what they may do with it. */
  existing: (slot: string) => string;
  existingChoices: string;
  noneFound: string;
  kept: string;
  cancelConfirm: string;
  cancelled: (slot: string) => string;
  unavailable: string;
  unavailableChange: string;
  /** A booking request taken as a message instead (no slot suits, or the caller asked for one). */
  requestTaken: string;
  /** The caller stopped answering: what is known is passed on. */
  givenUp: string;
  /** The reason of a booking request message; `slot` is the slot chosen, else what was asked for. */
  requestReason: (type?: string, slot?: string) => string;
  moveReason: (slot: string) => string;
  cancelReason: (slot: string) => string;
  /** Words the booking questions expect: weekdays, parts of the day, choices. */
  hints: string[];
  existingHints: string[];
}

const frWeekdays = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'];
const enWeekdays = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const fr: AppointmentPrompts = {
  menu:
    'Dites-moi ce que vous souhaitez, ou tapez 1 pour une urgence, 2 pour laisser un message, ' +
    '3 pour nos horaires, 4 pour notre adresse, 5 pour prendre rendez-vous.',
  menuHints: ['prendre rendez-vous', 'rendez-vous', 'annuler mon rendez-vous', 'déplacer mon rendez-vous'],
  askType: (names) =>
    `Pour quel type de rendez-vous : ${names.slice(0, -1).join(', ')} ou ${names[names.length - 1]} ? ` +
    `Tapez ${names.map((n, i) => `${i + 1} pour ${n}`).join(', ')}.`,
  offer: (slots, count) =>
    `Je peux vous proposer ${slots}. ` +
    (count === 1
      ? 'Tapez 1 ou dites oui pour le réserver, ou dites-moi un autre jour.'
      : count === 2
        ? 'Tapez 1 pour le premier, 2 pour le second, ou dites-moi un autre jour.'
        : 'Tapez 1 pour le premier, 2 pour le deuxième, 3 pour le troisième, ou dites-moi un autre jour.'),
  noSlots: (asked) =>
    `${asked ? `Je n'ai pas de créneau libre ${asked}.` : "Je n'ai pas de créneau libre pour le moment."} ` +
    'Dites-moi un autre jour, ou tapez 1 pour laisser une demande de rendez-vous.',
  slotTaken: "Ce créneau vient d'être pris.",
  askName: 'À quel nom dois-je noter le rendez-vous ?',
  smsConfirm: (n) =>
    `Je vous enverrai la confirmation par SMS au ${n}. Tapez 1 si c'est bien ça, ou tapez un autre numéro.`,
  smsEnter:
    'À quel numéro puis-je vous envoyer la confirmation par SMS ? Dites-le, ou composez-le suivi de la touche dièse.',
  recap: (type, slot, name) =>
    `Je récapitule : ${type} ${slot}${name ? `, au nom de ${name}` : ''}. ` +
    'Tapez 1 pour confirmer, 2 pour choisir un autre créneau.',
  recapMove: (slot) =>
    `Je déplace votre rendez-vous à ${slot}. Tapez 1 pour confirmer, 2 pour choisir un autre créneau.`,
  booked: (type, slot) => `C'est noté : ${type} ${slot}. Vous recevrez un SMS de confirmation. Au revoir.`,
  moved: (slot) =>
    `C'est noté : votre rendez-vous est déplacé à ${slot}. Vous recevrez un SMS de confirmation. Au revoir.`,
  existing: (slot) => `Vous avez rendez-vous ${slot}.`,
  existingChoices:
    "Tapez 1 pour le garder, 2 pour le déplacer, 3 pour l'annuler, ou 4 pour prendre un autre rendez-vous.",
  noneFound:
    'Je ne trouve pas de rendez-vous à venir pour votre numéro. Tapez 1 ou dites oui pour prendre rendez-vous, ' +
    'ou tapez 2 pour laisser un message.',
  kept: 'Très bien, votre rendez-vous est maintenu. Au revoir.',
  cancelConfirm: "Vous confirmez l'annulation ? Tapez 1 pour annuler le rendez-vous, 2 pour le garder.",
  cancelled: (slot) => `C'est noté : votre rendez-vous ${deOrElided(slot)} est annulé. Au revoir.`,
  unavailable:
    "Je ne peux pas consulter l'agenda pour le moment. Je prends votre demande de rendez-vous, " +
    'nous vous rappellerons pour la confirmer.',
  unavailableChange:
    "Je ne peux pas consulter l'agenda pour le moment. Je prends votre demande, nous vous rappellerons.",
  requestTaken: 'Très bien, je prends votre demande de rendez-vous.',
  givenUp:
    "Je transmets votre demande de rendez-vous ; nous vous rappellerons pour fixer l'horaire. Au revoir.",
  requestReason: (type, slot) =>
    `Demande de rendez-vous${type ? ` : ${type}` : ''}${slot ? `, de préférence ${slot}` : ''}`,
  moveReason: (slot) => `Demande de déplacement du rendez-vous ${deOrElided(slot)}`,
  cancelReason: (slot) => `Demande d'annulation du rendez-vous ${deOrElided(slot)}`,
  hints: [
    ...frWeekdays,
    'demain',
    'après-demain',
    'matin',
    'après-midi',
    'fin de journée',
    'la semaine prochaine',
    'un autre jour',
    'le premier',
    'le deuxième',
    'oui',
    'non',
  ],
  existingHints: ['garder', 'déplacer', 'changer', 'annuler', 'nouveau rendez-vous'],
};

const en: AppointmentPrompts = {
  menu:
    'Tell me what you need, or press 1 for an emergency, 2 to leave a message, 3 for our hours, ' +
    '4 for our address, 5 to book an appointment.',
  menuHints: ['book an appointment', 'appointment', 'cancel my appointment', 'move my appointment'],
  askType: (names) =>
    `What kind of appointment: ${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}? ` +
    `Press ${names.map((n, i) => `${i + 1} for ${n}`).join(', ')}.`,
  offer: (slots, count) =>
    `I can offer you ${slots}. ` +
    (count === 1
      ? 'Press 1 or say yes to book it, or tell me another day.'
      : count === 2
        ? 'Press 1 for the first, 2 for the second, or tell me another day.'
        : 'Press 1 for the first, 2 for the second, 3 for the third, or tell me another day.'),
  noSlots: (asked) =>
    `${asked ? `I have no free time ${asked}.` : 'I have no free time at the moment.'} ` +
    'Tell me another day, or press 1 to leave an appointment request.',
  slotTaken: 'That time has just been taken.',
  askName: 'What name should I put the appointment under?',
  smsConfirm: (n) =>
    `I will text the confirmation to ${n}. Press 1 if that is right, or type another number.`,
  smsEnter: 'What number should I text the confirmation to? Say it, or type it followed by the pound key.',
  recap: (type, slot, name) =>
    `Let me read that back: ${type} ${slot}${name ? `, for ${name}` : ''}. ` +
    'Press 1 to confirm, 2 to choose another time.',
  recapMove: (slot) =>
    `I am moving your appointment to ${slot}. Press 1 to confirm, 2 to choose another time.`,
  booked: (type, slot) => `All set: ${type} ${slot}. You will receive a confirmation text. Goodbye.`,
  moved: (slot) =>
    `All set: your appointment is moved to ${slot}. You will receive a confirmation text. Goodbye.`,
  existing: (slot) => `You have an appointment ${slot}.`,
  existingChoices: 'Press 1 to keep it, 2 to move it, 3 to cancel it, or 4 to book another appointment.',
  noneFound:
    'I cannot find an upcoming appointment for your number. Press 1 or say yes to book one, ' +
    'or press 2 to leave a message.',
  kept: 'Very well, your appointment stays as it is. Goodbye.',
  cancelConfirm: 'Do you confirm the cancellation? Press 1 to cancel the appointment, 2 to keep it.',
  cancelled: (slot) => `All set: your appointment for ${slot} is cancelled. Goodbye.`,
  unavailable:
    'I cannot check the calendar right now. I will take your appointment request, and we will call you ' +
    'back to confirm it.',
  unavailableChange:
    'I cannot check the calendar right now. I will take your request, and we will call you back.',
  requestTaken: 'Very well, I will take your appointment request.',
  givenUp: 'I will pass on your appointment request; we will call you back to set a time. Goodbye.',
  requestReason: (type, slot) =>
    `Appointment request${type ? `: ${type}` : ''}${slot ? `, preferably ${slot}` : ''}`,
  moveReason: (slot) => `Request to move the appointment for ${slot}`,
  cancelReason: (slot) => `Request to cancel the appointment for ${slot}`,
  hints: [
    ...enWeekdays,
    'tomorrow',
    'morning',
    'afternoon',
    'end of the day',
    'next week',
    'another day',
    'the first one',
    'the second one',
    'yes',
    'no',
  ],
  existingHints: ['keep', 'move', 'reschedule', 'cancel', 'new appointment'],
};

export const APPOINTMENT_PROMPTS: Record<Locale, AppointmentPrompts> = { 'fr-FR': fr, 'en-US': en };
