/**
 * The built-in appointment book, for clients without a calendar of their own: the appointments
 * collection is the calendar, so busy times are the booked appointments (with their buffers) and
 * writing an event is the appointment's own insert.
 */
import { bookedOverlapping, paddedEnd, paddedStart } from '../store/appointments';
import type { Client } from '../store/clients';
import type { CalendarBackend } from './calendar-port';

export function builtinCalendar(client: Pick<Client, 'id'>): CalendarBackend {
  return {
    kind: 'builtin',
    async busy(from, to) {
      const booked = await bookedOverlapping(client.id, from, to);
      return booked.map((a) => ({ start: paddedStart(a), end: paddedEnd(a), uid: a.id }));
    },
    create: async () => null,
    update: async (ref) => ref,
    remove: async () => undefined,
  };
}
