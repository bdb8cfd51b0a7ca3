/** A booked appointment on the built-in book, for the fuzzed moves and cancellations to reach. */
import { randomUUID } from 'node:crypto';
import { insertAppointment } from '../../../src/store/appointments';

/** Tomorrow at 10:00 UTC, a consultation of the demo's types. */
export function makeAppointment(clientId: string) {
  const start = new Date(Date.now() + 86_400_000);
  start.setUTCHours(10, 0, 0, 0);
  return insertAppointment({
    id: randomUUID(),
    clientId,
    typeId: 'consultation',
    typeName: 'Consultation',
    start,
    end: new Date(start.getTime() + 20 * 60_000),
    bufferMinutes: 5,
    callerName: 'Jeanne Dupont',
    callerNumber: '+33612345678',
    reason: '',
    locale: 'fr-FR',
    callSid: '',
    bookedVia: 'api',
    calendar: { kind: 'builtin' },
    reminderAt: null,
    history: [],
  });
}
