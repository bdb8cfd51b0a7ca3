/**
 * What an appointment's notifications say, in French (default) or English, in the client's
 * timezone: the caller's SMS (confirmation, move, cancellation, reminder), the client's SMS, email
 * and webhook. Pure: the appointment, the client and the clock in, text out.
 */
import { clientCountry, displayPhone } from '../domain/phone';
import type { Locale } from '../domain/vocabulary';
import { addDays, localDate, wallClock } from '../domain/zoned-time';
import { spokenTime } from '../flow/hours-text';
import { describeSlotForPeople } from '../flow/slot-text';
import type { Appointment } from '../store/appointments';
import type { Client } from '../store/clients';
import { gsmLength, toGsm7 } from './gsm';

/** Two concatenated GSM-7 segments (153 septets each once the concatenation header is in). */
export const TWO_SEGMENTS = 2 * 153;

export type CallerSmsKind = 'booked' | 'moved' | 'cancelled' | 'reminder';
export type AppointmentChangeKind = 'booked' | 'moved' | 'cancelled';

/** What the texts need of a client (a subset, so the pure tests build it by hand). */
export type ClientForTexts = Pick<Client, 'name' | 'timezone' | 'address' | 'numbers' | 'locale'> & {
  appointments: Pick<Client['appointments'], 'callerChanges'>;
};
export type AppointmentForTexts = Pick<
  Appointment,
  'id' | 'typeName' | 'start' | 'end' | 'callerName' | 'callerNumber' | 'reason' | 'locale'
>;

const NBSP = '\u00a0';

/**
 * "10 h", "10 h 30" / "10 AM", "10:30 AM", "noon": as the receptionist says it (plain spaces keep
 * an SMS in the GSM alphabet).
 */
export function appointmentTime(at: Date, locale: Locale, timeZone: string): string {
  return spokenTime(wallClock(at, timeZone).time, locale);
}

/**
 * "mardi 8 décembre à 10 h" / "Tuesday, December 8 at 10 AM": the words the caller heard
 * (`describeSlotForPeople`); with `now`, a date more than six months ahead carries its year.
 */
export function appointmentWhen(at: Date, locale: Locale, timeZone: string, now?: Date): string {
  return describeSlotForPeople({ start: at }, timeZone, locale, now ? localDate(now, timeZone) : undefined);
}

/** "mar. 8 déc. 10 h" / "Tue, Dec 8 10 AM": the client's SMS, where room is short. */
export function appointmentWhenShort(at: Date, locale: Locale, timeZone: string): string {
  const day = new Intl.DateTimeFormat(locale, {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
  }).format(at);
  return `${day} ${appointmentTime(at, locale, timeZone)}`;
}

/** "aujourd’hui à 10 h", "demain à 10 h", else "le mardi 8 décembre à 10 h" (English alike). */
function relativeWhen(at: Date, now: Date, locale: Locale, timeZone: string): string {
  const day = localDate(at, timeZone);
  const today = localDate(now, timeZone);
  const time = appointmentTime(at, locale, timeZone);
  const fr = locale === 'fr-FR';
  if (day === today) return fr ? `aujourd’hui à ${time}` : `today at ${time}`;
  if (day === addDays(today, 1)) return fr ? `demain à ${time}` : `tomorrow at ${time}`;
  const date = appointmentWhen(at, locale, timeZone, now);
  return fr ? `le ${date}` : `on ${date}`;
}

/** "Consultation" reads "consultation" inside a sentence; an acronym ("IRM") stays as it is. */
export function typeLabel(typeName: string): string {
  return /^\p{Lu}\p{Ll}/u.test(typeName) ? typeName[0]!.toLowerCase() + typeName.slice(1) : typeName;
}

/** A number as people of the client's country write it ("01 80 00 00 00"). */
export const readablePhone = (number: string, client: Pick<Client, 'numbers'>): string =>
  displayPhone(number, clientCountry(client));

/**
 * The caller's SMS, in the appointment's language, folded to GSM-7. Within two segments: the
 * address goes first when the text is too long, then the type.
 */
export function callerSms(
  kind: CallerSmsKind,
  a: AppointmentForTexts,
  client: ClientForTexts,
  options: { now: Date; clientNumber: string },
): string {
  const full = (withPlace: boolean, withType: boolean) =>
    toGsm7(callerSmsText(kind, a, client, options, withPlace, withType));
  for (const [place, type] of [
    [true, true],
    [false, true],
    [false, false],
  ] as const) {
    const text = full(place, type);
    if (gsmLength(text) <= TWO_SEGMENTS) return text;
  }
  return full(false, false);
}

function callerSmsText(
  kind: CallerSmsKind,
  a: AppointmentForTexts,
  client: ClientForTexts,
  { now, clientNumber }: { now: Date; clientNumber: string },
  withPlace: boolean,
  withType: boolean,
): string {
  const tz = client.timezone;
  const phone = readablePhone(clientNumber, client);
  const place = withPlace && client.address ? `, ${client.address}` : '';
  const type = withType ? ` (${typeLabel(a.typeName)})` : '';
  const when = appointmentWhen(a.start, a.locale, tz, now);
  const bySms = client.appointments.callerChanges;
  if (a.locale === 'fr-FR') {
    const head = `${client.name}${NBSP}: votre rendez-vous${type}`;
    const cancel = bySms ? 'Pour l’annuler, répondez ANNULER.' : `Pour l’annuler, appelez le ${phone}.`;
    switch (kind) {
      case 'booked':
        return `${head} est confirmé le ${when}${place}. ${cancel}`;
      case 'moved':
        return `${head} est déplacé au ${when}${place}. ${cancel}`;
      case 'reminder':
        return `${client.name}${NBSP}: rappel de votre rendez-vous${type} ${relativeWhen(a.start, now, a.locale, tz)}${place}. ${cancel}`;
      case 'cancelled':
        return `${head} du ${when} est annulé. Pour en prendre un autre, appelez le ${phone}.`;
    }
  }
  const head = `${client.name}: your appointment${type}`;
  const cancel = bySms ? 'Reply CANCEL to cancel it.' : `To cancel it, call ${phone}.`;
  switch (kind) {
    case 'booked':
      return `${head} is confirmed for ${when}${place}. ${cancel}`;
    case 'moved':
      return `${head} has been moved to ${when}${place}. ${cancel}`;
    case 'reminder':
      return `${client.name}: reminder of your appointment${type} ${relativeWhen(a.start, now, a.locale, tz)}${place}. ${cancel}`;
    case 'cancelled':
      return `${head} on ${when} has been cancelled. To book another, call ${phone}.`;
  }
}

// --- The client's notifications ----------------------------------------------------------------

export type ChangeForTexts = {
  change: AppointmentChangeKind;
  /** The start before a move. */
  previousStart: Date | null;
  /** Who cancelled. */
  by: 'caller' | 'staff' | null;
};

const callerOf = (a: AppointmentForTexts, client: ClientForTexts) =>
  [a.callerName.trim(), a.callerNumber ? readablePhone(a.callerNumber, client) : '']
    .filter(Boolean)
    .join(' ');

/** "Nouveau RDV : consultation mar. 8 déc. 10 h, Jeanne Dupont 06 12 34 56 78", folded to GSM-7. */
export function clientSms(a: AppointmentForTexts, client: ClientForTexts, c: ChangeForTexts): string {
  const locale = client.locale;
  const fr = locale === 'fr-FR';
  const tz = client.timezone;
  const when = appointmentWhenShort(a.start, locale, tz);
  const was = c.previousStart ? appointmentWhenShort(c.previousStart, locale, tz) : '';
  const what = `${typeLabel(a.typeName)} ${when}`;
  const who = callerOf(a, client);
  let text: string;
  if (fr) {
    if (c.change === 'booked') text = `Nouveau RDV${NBSP}: ${what}, ${who}`;
    else if (c.change === 'moved') text = `RDV déplacé${NBSP}: ${what} (au lieu de ${was}), ${who}`;
    else text = `RDV annulé${c.by === 'caller' ? ' par l’appelant' : ''}${NBSP}: ${what}, ${who}`;
  } else {
    if (c.change === 'booked') text = `New appointment: ${what}, ${who}`;
    else if (c.change === 'moved') text = `Appointment moved: ${what} (was ${was}), ${who}`;
    else text = `Appointment cancelled${c.by === 'caller' ? ' by the caller' : ''}: ${what}, ${who}`;
  }
  return toGsm7(text);
}

export type AppointmentEmail = { subject: string; text: string; html: string };

/** The client's email: a subject that says it all, and the appointment's details as a table. */
export function clientEmail(
  a: AppointmentForTexts,
  client: ClientForTexts,
  c: ChangeForTexts,
): AppointmentEmail {
  const locale = client.locale;
  const fr = locale === 'fr-FR';
  const tz = client.timezone;
  const when = appointmentWhen(a.start, locale, tz);
  const who = a.callerName.trim() || readablePhone(a.callerNumber, client);
  const title = fr
    ? { booked: 'Nouveau rendez-vous', moved: 'Rendez-vous déplacé', cancelled: 'Rendez-vous annulé' }[
        c.change
      ]
    : { booked: 'New appointment', moved: 'Appointment moved', cancelled: 'Appointment cancelled' }[c.change];
  const subject = `${title}${fr ? NBSP : ''}: ${typeLabel(a.typeName)} ${fr ? 'le' : 'on'} ${when} — ${who}`;
  const rows: [string, string][] = [
    [fr ? 'Rendez-vous' : 'Appointment', a.typeName],
    [fr ? 'Date' : 'Date', `${when} – ${appointmentTime(a.end, locale, tz)}`],
  ];
  if (c.change === 'moved' && c.previousStart) {
    rows.push([fr ? 'Ancienne date' : 'Previously', appointmentWhen(c.previousStart, locale, tz)]);
  }
  if (c.change === 'cancelled') {
    const by = c.by === 'caller' ? (fr ? 'l’appelant' : 'the caller') : fr ? 'votre équipe' : 'your team';
    rows.push([fr ? 'Annulé par' : 'Cancelled by', by]);
  }
  rows.push([fr ? 'Appelant' : 'Caller', a.callerName.trim() || (fr ? 'non précisé' : 'not given')]);
  rows.push([fr ? 'Numéro' : 'Number', readablePhone(a.callerNumber, client)]);
  if (a.reason) rows.push([fr ? 'Motif' : 'Reason', a.reason]);
  if (client.address) rows.push([fr ? 'Lieu' : 'Place', client.address]);
  const colon = fr ? `${NBSP}:` : ':';
  const note = fr
    ? c.change === 'cancelled'
      ? 'Le fichier joint retire ce rendez-vous de votre agenda.'
      : 'Le fichier joint ajoute ce rendez-vous à votre agenda.'
    : c.change === 'cancelled'
      ? 'The attached file removes this appointment from your calendar.'
      : 'The attached file adds this appointment to your calendar.';
  const text = `${rows.map(([k, v]) => `${k}${colon} ${v}`).join('\n')}\n\n${note}\n\n— ${client.name}\n`;
  const html = `<table>${rows
    .map(([k, v]) => `<tr><th align="left">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`)
    .join('')}</table><p>${escapeHtml(note)}</p><p>— ${escapeHtml(client.name)}</p>`;
  return { subject, text, html };
}

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!,
  );

/** The calendar event of the .ics: "Consultation – Jeanne Dupont", with the caller's details. */
export function icsSummary(a: AppointmentForTexts): { summary: string; description: string } {
  const who = a.callerName.trim() || a.callerNumber;
  const lines = [`Tél. / Phone: ${a.callerNumber}`, ...(a.reason ? [`Motif / Reason: ${a.reason}`] : [])];
  return { summary: `${a.typeName} – ${who}`, description: lines.join('\n') };
}

export const WEBHOOK_EVENTS = {
  booked: 'appointment.booked',
  moved: 'appointment.moved',
  cancelled: 'appointment.cancelled',
} as const satisfies Record<AppointmentChangeKind, string>;

/** JSON body of the signed webhook: the event, and the appointment as it stands after the change. */
export function appointmentWebhookBody(
  a: Appointment,
  client: Pick<Client, 'id' | 'name' | 'timezone'>,
  c: ChangeForTexts & { start: Date; end: Date },
  deliveryId: string,
): string {
  return JSON.stringify({
    event: WEBHOOK_EVENTS[c.change],
    deliveryId,
    client: { id: client.id, name: client.name },
    appointment: {
      id: a.id,
      typeId: a.typeId,
      typeName: a.typeName,
      start: c.start.toISOString(),
      end: c.end.toISOString(),
      timeZone: client.timezone,
      status: c.change === 'cancelled' ? 'cancelled' : 'booked',
      previousStart: c.previousStart?.toISOString() ?? null,
      cancelledBy: c.change === 'cancelled' ? c.by : null,
      callerName: a.callerName,
      callerNumber: a.callerNumber,
      reason: a.reason,
      locale: a.locale,
      callSid: a.callSid,
      bookedVia: a.bookedVia,
    },
  });
}
