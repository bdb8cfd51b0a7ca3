/**
 * Booking's way forward: where it starts, the type, what is asked of the calendar (a search, the
 * booking or move confirmed), the slots proposed and the one chosen.
 */
import { addMinutes } from '../../domain/zoned-time';
import { proposeSlots } from '../appointment-slots';
import type { Ctx } from '../context';
import type { AppointmentType } from '../profile';
import { cleanReason, INTENT_WORDS, meaningfulWords } from '../reason-text';
import { parseSlotSpeech, preferenceOf } from '../slot-speech';
import { normalise } from '../speech';
import type { AppointmentState, CalendarRequest, SlotTimes } from '../types';
import { apptOf, canChange, today, typeNamed, typeOf, withAppt, withState } from './appointment-state';
import { bookingRequest, givenUp } from './appointment-request';
import { go, type StepResult } from './step';

/** Words that say no more than "an appointment, then": the request itself, its type, when. */
const NOT_A_NOTE = new Set(
  (
    'prendre rendez vous rdv appointment book booking schedule creneau consultation docteur doctor dr ' +
    'lundi mardi mercredi jeudi vendredi samedi dimanche monday tuesday wednesday thursday friday saturday ' +
    'sunday demain tomorrow today aujourd hui matin matinee apres midi soir soiree fin journee morning ' +
    'afternoon evening semaine prochaine next week plutot si possible vers possible rather if'
  ).split(' '),
);

/** What the caller said beyond asking for an appointment ("pour mon fils qui tousse"), for the booking. */
function noteOf(sentence: string, types: readonly AppointmentType[]): string | undefined {
  const reason = cleanReason(sentence);
  if (!reason) return undefined;
  const typeWords = types.flatMap((t) => normalise(t.name).split(' '));
  const noise = new Set([...NOT_A_NOTE, ...INTENT_WORDS, ...typeWords]);
  return meaningfulWords(reason, noise).some((w) => !/^\d/.test(w)) ? reason : undefined;
}

/**
 * Booking starts: the type and the day or part of the day heard in the caller's sentence are kept. A
 * known caller's next appointment is looked up first (they may want to move or cancel it).
 */
export function startAppointment(
  ctx: Ctx,
  intent: AppointmentState['intent'],
  sentence?: string,
): StepResult {
  const types = ctx.profile.appointments.types;
  const heard = sentence ? parseSlotSpeech(sentence, today(ctx)) : {};
  const preference = preferenceOf(heard, { timeZone: ctx.profile.timezone, today: today(ctx) });
  const named = sentence ? typeNamed(sentence, types) : undefined;
  const typeId = types.length === 1 ? types[0]?.id : named === undefined ? undefined : types[named]?.id;
  const note = sentence ? noteOf(sentence, types) : undefined;
  const appointment: AppointmentState = {
    intent,
    ...(typeId ? { typeId } : {}),
    ...(preference ? { preference } : {}),
    ...(note ? { note } : {}),
  };
  const c = withState(ctx, { appointment });
  if (canChange(c)) {
    return go('appointment-calendar', {
      patch: { appointment },
      request: { type: 'next-appointment' },
      detail: 'next-appointment',
    });
  }
  return chooseType(c);
}

/** The type question, unless the type is known (the only one, or named). */
export function chooseType(ctx: Ctx, say: string[] = []): StepResult {
  if (!typeOf(ctx)) return go('appointment-type', { say, patch: withAppt(ctx, {}) });
  return afterType(ctx, say);
}

export function afterType(ctx: Ctx, say: string[] = []): StepResult {
  if (typeOf(ctx)?.newCallers === 'request' && !ctx.state.caller.known) {
    return bookingRequest(ctx, [...say, ctx.p.appointmentNoted]);
  }
  return searchSlots(ctx, {}, say);
}

/** Asks the calendar for free slots of the type, as the caller prefers them. */
export function searchSlots(
  ctx: Ctx,
  changes: Partial<AppointmentState> = {},
  say: string[] = [],
): StepResult {
  const a = { ...apptOf(ctx), ...changes };
  const typeId = a.typeId ?? '';
  const request: CalendarRequest = {
    type: 'find-slots',
    typeId,
    ...(a.preference ? { preference: a.preference } : {}),
    ...(a.intent === 'move' && a.existing ? { excludeAppointmentId: a.existing.id } : {}),
  };
  return go('appointment-calendar', {
    say,
    patch: { appointment: a },
    request,
    detail: `find-slots ${typeId}`,
  });
}

/** The slots to propose out of all the free ones found, spread over half-days as a receptionist would. */
function pickSlots(slots: SlotTimes[], count: number, timeZone: string): SlotTimes[] {
  const dated = slots.map((s) => ({ start: addMinutes(s.start, 0), end: addMinutes(s.end, 0) }));
  return proposeSlots(dated, count, timeZone).map((picked) => slots[dated.indexOf(picked)]!);
}

/** Proposes the best of `slots` (none: says so and offers another day or a booking request). */
export function offer(ctx: Ctx, slots: SlotTimes[], say: string[] = []): StepResult {
  const offered = pickSlots(slots, typeOf(ctx)?.slotsOffered ?? 2, ctx.profile.timezone);
  return go('appointment-slots', {
    say,
    patch: withAppt(ctx, { offered }),
    detail: `${slots.length} free, ${offered.length} offered`,
  });
}

/** A slot chosen: a move goes to its confirmation; a booking asks the name and number first. */
export function choose(ctx: Ctx, slot: SlotTimes): StepResult {
  const next = apptOf(ctx).intent === 'move' ? 'appointment-confirm' : 'appointment-name';
  return go(next, { patch: withAppt(ctx, { chosen: slot }), detail: `chose ${slot.start}` });
}

/** The booking (or move) the caller confirmed, asked of the calendar. */
export function commit(ctx: Ctx): StepResult {
  const a = apptOf(ctx);
  const { message } = ctx.state;
  const number = message.callbackNumber;
  if (!a.chosen) return givenUp(ctx);
  let request: CalendarRequest;
  if (a.intent === 'move' && a.existing) {
    request = { type: 'move', appointmentId: a.existing.id, start: a.chosen.start };
  } else if (number) {
    request = {
      type: 'book',
      typeId: a.typeId ?? '',
      start: a.chosen.start,
      callerName: message.callerName ?? '',
      callerNumber: number,
      ...(a.note ? { reason: a.note } : {}),
    };
  } else return givenUp(ctx);
  return go('appointment-calendar', { request, detail: request.type });
}
