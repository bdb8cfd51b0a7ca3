/** The appointment's iCalendar object, read back by ical.js as a calendar app would. */
import ICAL from 'ical.js';
import { appointmentIcs } from '../../../src/infra/appointment-ics';
import type { CalendarEvent } from '../../../src/app/calendar-port';

const appointment: CalendarEvent = {
  uid: '6650f1c2a9d3e4b5c6d7e8f9',
  start: new Date('2026-03-30T08:00:00Z'),
  end: new Date('2026-03-30T08:30:00Z'),
  timeZone: 'Europe/Paris',
  summary: 'Consultation – Jeanne Dupont',
  description:
    'Jeanne Dupont, +33 6 12 34 56 78\nMotif : douleur au dos; première visite, urgente\nPris par téléphone',
  location: '12, rue de la Paix, 75002 Paris',
};

function read(ics: string) {
  const root = new ICAL.Component(ICAL.parse(ics));
  const vevent = root.getFirstSubcomponent('vevent')!;
  return { root, vevent, event: new ICAL.Event(vevent) };
}

describe('an appointment as iCalendar', () => {
  it('is written on the client’s clocks with its zone defined, under the appointment’s id', () => {
    const ics = appointmentIcs(appointment);
    expect(ics).toContain('DTSTART;TZID=Europe/Paris:20260330T100000');
    expect(ics).toContain('DTEND;TZID=Europe/Paris:20260330T103000');
    const { root, event } = read(ics);
    expect(root.getFirstSubcomponent('vtimezone')?.getFirstPropertyValue('tzid')).toBe('Europe/Paris');
    expect(event.uid).toBe(appointment.uid);
    expect(event.startDate.toJSDate()).toEqual(appointment.start);
    expect(event.endDate.toJSDate()).toEqual(appointment.end);
    expect(root.getFirstPropertyValue('method')).toBeNull();
    expect(root.getAllSubcomponents('valarm')).toEqual([]);
  });

  it('keeps the texts whole: accents, commas, semicolons and line breaks', () => {
    const { event } = read(appointmentIcs(appointment));
    expect(event.summary).toBe(appointment.summary);
    expect(event.description).toBe(appointment.description);
    expect(event.location).toBe(appointment.location);
  });

  it('follows the zone across a daylight-saving change and in another zone', () => {
    const winter = appointmentIcs({
      ...appointment,
      start: new Date('2026-10-26T09:00:00Z'),
      end: new Date('2026-10-26T10:00:00Z'),
    });
    expect(winter).toContain('DTSTART;TZID=Europe/Paris:20261026T100000');
    const montreal = appointmentIcs({ ...appointment, timeZone: 'America/Toronto' });
    expect(montreal).toContain('DTSTART;TZID=America/Toronto:20260330T040000');
    expect(read(montreal).event.startDate.toJSDate()).toEqual(appointment.start);
  });

  it('is an invitation (REQUEST) or its cancellation (CANCEL) with the sequence asked for', () => {
    const request = read(appointmentIcs(appointment, { method: 'REQUEST', sequence: 2 }));
    expect(request.root.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(request.event.sequence).toBe(2);

    const cancel = read(appointmentIcs(appointment, { method: 'CANCEL', sequence: 3 }));
    expect(cancel.root.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(cancel.vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(cancel.event.sequence).toBe(3);
  });
});
