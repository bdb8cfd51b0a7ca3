/**
 * The appointment part of the call's state and what every appointment step reads from it: the
 * prompts, the type, the slots as said, whether the client books and the caller may change theirs.
 */
import { APPOINTMENT_PROMPTS, type AppointmentPrompts } from '../appointment-prompts';
import { spokenSlot } from '../appointment-text';
import type { Ctx } from '../context';
import { localTime } from '../hours';
import type { AppointmentType } from '../profile';
import { normalise } from '../speech';
import type { AppointmentState, CallState } from '../types';

export const ap = (ctx: Ctx): AppointmentPrompts => APPOINTMENT_PROMPTS[ctx.state.locale];

export const apptOf = (ctx: Ctx): AppointmentState => ctx.state.appointment ?? { intent: 'book' };

export function withAppt(ctx: Ctx, changes: Partial<AppointmentState>): Partial<CallState> {
  return { appointment: { ...apptOf(ctx), ...changes } };
}

export const withState = (ctx: Ctx, patch: Partial<CallState>): Ctx => ({
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
