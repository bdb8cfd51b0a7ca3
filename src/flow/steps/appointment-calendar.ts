/**
 * Waiting for the calendar: the step entered with a transition's `request`. Its answer comes as a
 * `calendar` event in the same webhook; anything else means the edge could not do the work.
 */
import { stepEffect, type Ctx } from '../context';
import type { AppointmentBrief, CalendarResult } from '../types';
import {
  ap,
  apptOf,
  calendarUnavailable,
  chooseType,
  offer,
  searchSlots,
  slotText,
  withAppt,
} from './appointment';
import { typeInSentence } from '../appointment-text';
import { go, type StepHandler, type StepResult } from './step';

function done(ctx: Ctx, say: string, detail: string): StepResult {
  return { kind: 'end', say, outcome: 'appointment', effects: [stepEffect(ctx, 'calendar', detail)] };
}

/** The caller's next appointment: offered to keep, move or cancel; none — booking goes on. */
function nextAppointment(ctx: Ctx, existing: AppointmentBrief | null): StepResult {
  const patch = withAppt(ctx, { existing });
  const c = { ...ctx, state: { ...ctx.state, ...patch } };
  const { intent } = apptOf(c);
  const detail = existing ? `next appointment ${existing.start}` : 'no next appointment';
  const effects = [stepEffect(ctx, 'calendar', detail)];
  const withEffects = (r: StepResult): StepResult => (r.kind === 'go' ? { ...r, effects } : r);
  if (!existing) {
    return withEffects(intent === 'book' ? chooseType(c) : go('appointment-existing', { patch }));
  }
  const said = [ap(c).existing(slotText(c, existing.start))];
  if (intent === 'cancel') return withEffects(go('appointment-cancel', { say: said, patch }));
  if (intent === 'move') return withEffects(searchSlots(c, { typeId: existing.typeId }, said));
  return withEffects(go('appointment-existing', { patch }));
}

function answer(ctx: Ctx, result: CalendarResult): StepResult {
  const p = ap(ctx);
  switch (result.type) {
    case 'slots':
      return offer(ctx, result.slots);
    case 'slot-taken':
      return offer(ctx, result.slots, [p.slotTaken]);
    case 'next-appointment':
      return nextAppointment(ctx, result.appointment);
    case 'booked': {
      const a = result.appointment;
      const said = p.booked(typeInSentence(a.typeName), slotText(ctx, a.start));
      return done(ctx, said, `booked ${a.typeId} at ${a.start} (${a.id})`);
    }
    case 'moved':
      return done(
        ctx,
        p.moved(slotText(ctx, result.appointment.start)),
        `moved ${result.appointment.id} to ${result.appointment.start}`,
      );
    case 'cancelled':
      return done(
        ctx,
        p.cancelled(slotText(ctx, result.appointment.start)),
        `cancelled ${result.appointment.id}`,
      );
    case 'unavailable':
      return calendarUnavailable(ctx);
  }
}

export const appointmentCalendar: StepHandler = {
  /** The request is in the transition; the answer follows in the same webhook, so nothing is said. */
  prompt: () => [],
  on: (ctx, event) => (event.type === 'calendar' ? answer(ctx, event.result) : calendarUnavailable(ctx)),
  fallback: calendarUnavailable,
};
