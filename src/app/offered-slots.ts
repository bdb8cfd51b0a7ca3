/**
 * "What would a caller be offered at this time?": for each appointment type of the client, the
 * free slots a caller asking for an appointment at `at` would be proposed — the use case's own
 * search, with its clock set to `at`, so minimum notice and "how far ahead" count from then.
 */
import { findSlots, type AppointmentDeps } from './appointments';
import type { Client } from './clients';
import { slotText } from '../domain/appointment-text';
import { CalendarUnavailableError } from './calendar-port';

export type OfferedSlots = {
  typeId: string;
  typeName: string;
  /** Null when the calendar did not answer: the caller would be told and leave a request. */
  slots: { start: Date; end: Date; local: string }[] | null;
};

export async function slotsOfferedAt(
  deps: AppointmentDeps,
  client: Client,
  at: Date,
  lang: 'fr' | 'en',
): Promise<OfferedSlots[]> {
  const atDeps: AppointmentDeps = { ...deps, now: () => at };
  return Promise.all(
    client.appointments.types.map(async (type) => {
      try {
        const found = await findSlots(atDeps, client, { typeId: type.id, limit: type.slotsOffered });
        const slots = found.map((s) => ({ ...s, local: slotText(s.start, lang, client.timezone) }));
        return { typeId: type.id, typeName: type.name, slots };
      } catch (err) {
        if (err instanceof CalendarUnavailableError)
          return { typeId: type.id, typeName: type.name, slots: null };
        throw err;
      }
    }),
  );
}
