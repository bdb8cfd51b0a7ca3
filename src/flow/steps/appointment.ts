/**
 * Decisions shared by the appointment steps: where booking starts, what is asked of the calendar, and
 * the safe paths — a booking request taken as a message — whenever booking cannot go on, so nothing
 * the caller asked for is lost.
 */
import { addMinutes } from '../../domain/zoned-time';
import { APPOINTMENT_PROMPTS, type AppointmentPrompts } from '../appointment-prompts';
import { proposeSlots } from '../appointment-slots';
import { spokenPreference, spokenSlot, typeInSentence } from '../appointment-text';
import { stepEffect, type Ctx } from '../context';
import { localTime } from '../hours';
import type { AppointmentType } from '../profile';
import { parseSlotSpeech, preferenceOf } from '../slot-speech';
import { normalise } from '../speech';
import type { AppointmentState, CalendarRequest, CallState, SlotTimes } from '../types';
import { go, type GoOptions, type StepResult } from './step';

export const ap = (ctx: Ctx): AppointmentPrompts => APPOINTMENT_PROMPTS[ctx.state.locale];

export const apptOf = (ctx: Ctx): AppointmentState => ctx.state.appointment ?? { intent: 'book' };

export function withAppt(ctx: Ctx, changes: Partial<AppointmentState>): Partial<CallState> {
  return { appointment: { ...apptOf(ctx), ...changes } };
}

const withState = (ctx: Ctx, patch: Partial<CallState>): Ctx => ({
  ...ctx,
  state: { ...ctx.state, ...patch },
});

/** The client books appointments in calls: it has appointment types. */
export const canBook = (ctx: Ctx): boolean => ctx.profile.appointments.types.length > 0;

/** Known callers may hear, move or cancel their next appointment. */
export const canChange = (ctx: Ctx): boolean =>
  canBook(ctx) && ctx.state.caller.known && ctx.profile.appointments.callerChanges;

export function typeOf(ctx: Ctx): AppointmentType | undefined {
  const id = apptOf(ctx).typeId;
  return ctx.profile.appointments.types.find((t) => t.id === id);
}

export const slotText = (ctx: Ctx, start: string): string =>
  spokenSlot(start, ctx.profile.timezone, ctx.now, ctx.state.locale);

export const today = (ctx: Ctx): string => localTime(ctx.now, ctx.profile.timezone).date;

/** The type whose name's words are heard most ("vaccination" for "Vaccination grippe"); undefined when none or tied. */
export function typeNamed(text: string, types: readonly AppointmentType[]): number | undefined {
  const heard = ` ${normalise(text)} `;
  const scores = types.map(
    (t) =>
      normalise(t.name)
        .split(' ')
        .filter((w) => w.length > 2 && heard.includes(` ${w} `)).length,
  );
  const best = Math.max(0, ...scores);
  return best > 0 && scores.filter((s) => s === best).length === 1 ? scores.indexOf(best) : undefined;
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
  const appointment: AppointmentState = {
    intent,
    ...(typeId ? { typeId } : {}),
    ...(preference ? { preference } : {}),
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

/** What the caller asked for, as the reason of a booking request message. */
export function requestReason(ctx: Ctx): string {
  const a = apptOf(ctx);
  if (a.intent !== 'book' && a.existing) {
    const at = slotText(ctx, a.existing.start);
    return a.intent === 'move' ? ap(ctx).moveReason(at) : ap(ctx).cancelReason(at);
  }
  const type = typeOf(ctx);
  const slot = a.chosen
    ? slotText(ctx, a.chosen.start)
    : spokenPreference(a.preference, ctx.profile.timezone, ctx.now, ctx.state.locale);
  return ap(ctx).requestReason(type ? typeInSentence(type.name) : undefined, slot);
}

/** The message-taking path with the request as its reason, introduced by `say`. */
export function bookingRequest(ctx: Ctx, say: string[], opts: GoOptions = {}): StepResult {
  const { state } = ctx;
  const message = { ...state.message, reason: requestReason(ctx), urgent: state.urgentHeard };
  return go('name', { ...opts, say, patch: { message } });
}

/** The caller stopped answering: the request is stored as a message and the call ends. */
export function givenUp(ctx: Ctx): StepResult {
  const message = { ...ctx.state.message, reason: requestReason(ctx) };
  return { kind: 'end', say: ap(ctx).givenUp, outcome: 'message', patch: { message } };
}

/** The calendar could not be read or written: a booking request, nothing lost. */
export function calendarUnavailable(ctx: Ctx): StepResult {
  const say = apptOf(ctx).intent === 'book' ? ap(ctx).unavailable : ap(ctx).unavailableChange;
  return bookingRequest(ctx, [say], { effects: [stepEffect(ctx, 'calendar', 'unavailable')] });
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
    };
  } else return givenUp(ctx);
  return go('appointment-calendar', { request, detail: request.type });
}

/** The state a hang-up or the time limit leaves: mid-booking, the request becomes the message's reason. */
export function withBookingRequest(ctx: Ctx): Ctx {
  const { state } = ctx;
  if (!state.appointment || state.outcome || state.message.reason) return ctx;
  return withState(ctx, { message: { ...state.message, reason: requestReason(ctx) } });
}
