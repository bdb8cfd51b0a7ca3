/** What an appointment's notifications say: French and English, the client's timezone, GSM-7, two segments. */
import {
  appointmentTime,
  appointmentWhen,
  callerSms,
  clientEmail,
  clientSms,
  TWO_SEGMENTS,
  typeLabel,
  type AppointmentForTexts,
  type ClientForTexts,
} from '../../../src/notify/appointment-texts';
import { gsmLength, isGsm7 } from '../../../src/notify/gsm';

const client: ClientForTexts = {
  name: 'Cabinet Martin',
  timezone: 'Europe/Paris',
  address: '12 rue des Lilas, Lyon',
  numbers: ['+33180000000'],
  locale: 'fr-FR',
  appointments: { callerChanges: true },
};
// Tuesday 8 December 2026, 10:00 in Paris (UTC+1).
const appointment: AppointmentForTexts = {
  id: 'a1',
  typeName: 'Consultation',
  start: new Date('2026-12-08T09:00:00Z'),
  end: new Date('2026-12-08T09:30:00Z'),
  callerName: 'Jeanne Dupont',
  callerNumber: '+33612345678',
  reason: 'Douleur au genou',
  locale: 'fr-FR',
};
const en = { ...appointment, locale: 'en-US' as const };
const options = { now: new Date('2026-12-02T15:00:00Z'), clientNumber: '+33180000000' };

test.each([
  ['2026-12-08T09:00:00Z', 'fr-FR', '10 h'],
  ['2026-12-08T09:30:00Z', 'fr-FR', '10 h 30'],
  ['2026-12-08T13:05:00Z', 'fr-FR', '14 h 05'],
  ['2026-12-08T09:00:00Z', 'en-US', '10 AM'],
  ['2026-12-08T13:30:00Z', 'en-US', '2:30 PM'],
  ['2026-12-08T11:00:00Z', 'en-US', 'noon'],
  // Summer time: 10:00 in Paris is 08:00 UTC.
  ['2026-07-07T08:00:00Z', 'fr-FR', '10 h'],
] as const)('the time %s reads, in %s, "%s"', (at, locale, expected) => {
  expect(appointmentTime(new Date(at), locale, 'Europe/Paris')).toBe(expected);
});

test('the date reads as people write it, in the client’s timezone', () => {
  expect(appointmentWhen(appointment.start, 'fr-FR', 'Europe/Paris')).toBe('mardi 8 décembre à 10 h');
  expect(appointmentWhen(appointment.start, 'en-US', 'America/New_York')).toBe('Tuesday, December 8 at 4 AM');
  // More than six months ahead: the year is written.
  expect(appointmentWhen(appointment.start, 'fr-FR', 'Europe/Paris', new Date('2026-03-01T10:00:00Z'))).toBe(
    'mardi 8 décembre 2026 à 10 h',
  );
});

test('when an appointment is booked, then the caller’s French confirmation names the client, the date, the address and how to cancel', () => {
  const sms = callerSms('booked', appointment, client, options);
  expect(sms).toBe(
    "Cabinet Martin : votre rendez-vous (consultation) est confirmé le mardi 8 décembre à 10 h, 12 rue des Lilas, Lyon. Pour l'annuler, répondez ANNULER.",
  );
  expect(isGsm7(sms)).toBe(true);
});

test('when an appointment is booked in English, then the confirmation says "Reply CANCEL"', () => {
  expect(callerSms('booked', en, client, options)).toBe(
    'Cabinet Martin: your appointment (consultation) is confirmed for Tuesday, December 8 at 10 AM, 12 rue des Lilas, Lyon. Reply CANCEL to cancel it.',
  );
});

test('when callers may not change appointments by SMS, then the SMS gives the number to call instead', () => {
  const sms = callerSms(
    'booked',
    appointment,
    { ...client, appointments: { callerChanges: false } },
    options,
  );
  expect(sms).toMatch(/Pour l'annuler, appelez le 01 80 00 00 00\.$/);
  expect(sms).not.toContain('ANNULER');
});

test('a move, a cancellation by the client’s side and the reminder each say what happened', () => {
  expect(callerSms('moved', appointment, client, options)).toContain(
    'votre rendez-vous (consultation) est déplacé au mardi 8 décembre à 10 h, 12 rue des Lilas',
  );
  expect(callerSms('cancelled', appointment, client, options)).toBe(
    'Cabinet Martin : votre rendez-vous (consultation) du mardi 8 décembre à 10 h est annulé. Pour en prendre un autre, appelez le 01 80 00 00 00.',
  );
  const eve = { ...options, now: new Date('2026-12-07T09:00:00Z') };
  expect(callerSms('reminder', appointment, client, eve)).toBe(
    "Cabinet Martin : rappel de votre rendez-vous (consultation) demain à 10 h, 12 rue des Lilas, Lyon. Pour l'annuler, répondez ANNULER.",
  );
  expect(callerSms('reminder', en, client, { ...options, now: new Date('2026-12-08T06:00:00Z') })).toContain(
    'reminder of your appointment (consultation) today at 10 AM',
  );
  expect(callerSms('reminder', appointment, client, options)).toContain('le mardi 8 décembre à 10 h');
});

test('when the texts would take more than two segments, then the address goes first', () => {
  const long = { ...client, address: `${'Bâtiment C, escalier 4, '.repeat(8)}Lyon` };
  const sms = callerSms('booked', appointment, long, options);
  expect(gsmLength(sms)).toBeLessThanOrEqual(TWO_SEGMENTS);
  expect(sms).not.toContain('escalier');
  expect(sms).toContain('le mardi 8 décembre à 10 h. Pour');
});

test('an acronym keeps its capitals inside a sentence', () => {
  expect(typeLabel('Consultation')).toBe('consultation');
  expect(typeLabel('IRM')).toBe('IRM');
});

test('the client’s SMS is short: type, date, caller and number', () => {
  const change = { change: 'booked' as const, previousStart: null, by: null };
  expect(clientSms(appointment, client, change)).toBe(
    'Nouveau RDV : consultation mar. 8 déc. 10 h, Jeanne Dupont 06 12 34 56 78',
  );
  const moved = { change: 'moved' as const, previousStart: new Date('2026-12-07T14:00:00Z'), by: null };
  expect(clientSms(appointment, client, moved)).toBe(
    'RDV déplacé : consultation mar. 8 déc. 10 h (au lieu de lun. 7 déc. 15 h), Jeanne Dupont 06 12 34 56 78',
  );
  const cancelled = { change: 'cancelled' as const, previousStart: null, by: 'caller' as const };
  expect(clientSms(appointment, { ...client, locale: 'en-US' }, cancelled)).toBe(
    'Appointment cancelled by the caller: consultation Tue, Dec 8 10 AM, Jeanne Dupont 06 12 34 56 78',
  );
});

test('the client’s email has a subject that says it all and the details as lines', () => {
  const mail = clientEmail(appointment, client, { change: 'booked', previousStart: null, by: null });
  expect(mail.subject.replace(/\u00a0/g, ' ')).toBe(
    'Nouveau rendez-vous : consultation le mardi 8 décembre à 10 h — Jeanne Dupont',
  );
  const text = mail.text.replace(/\u00a0/g, ' ');
  expect(text).toContain('Date : mardi 8 décembre à 10 h – 10 h 30');
  expect(text).toContain('Numéro : 06 12 34 56 78');
  expect(text).toContain('Motif : Douleur au genou');
  expect(text).toContain('Lieu : 12 rue des Lilas, Lyon');
  expect(mail.html).toContain('<th align="left">Motif</th><td>Douleur au genou</td>');
});
