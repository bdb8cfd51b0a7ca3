/**
 * Appointments: the record of each one booked (whatever the calendar), and for the built-in book
 * the calendar itself. Every query here is served by an index of `appointments` (models.ts).
 */
import type { AppointmentStatus, Locale } from '../domain/vocabulary';
import { AppointmentModel } from './models';

/** The longest an appointment and its buffers can span (480 min + 2 × 120 min): bounds range queries. */
const LONGEST_SPAN_MS = (480 + 240) * 60_000;

export const BOOKED_VIA = ['call', 'web', 'api'] as const;
export type BookedVia = (typeof BOOKED_VIA)[number];

export type AppointmentChange = {
  at: Date;
  action: 'booked' | 'moved' | 'cancelled' | 'reminded';
  /** `caller`, or the audit log's label of the user or token. */
  by: string;
  via: string;
  previousStart: Date | null;
};

export type CalendarPlace = { kind: 'builtin' | 'caldav'; href?: string; etag?: string };

export type Appointment = {
  id: string;
  clientId: string;
  typeId: string;
  typeName: string;
  start: Date;
  end: Date;
  bufferMinutes: number;
  status: AppointmentStatus;
  callerName: string;
  callerNumber: string;
  reason: string;
  locale: Locale;
  callSid: string;
  bookedVia: BookedVia;
  calendar: CalendarPlace;
  reminderAt: Date | null;
  remindedAt: Date | null;
  confirmationSentAt: Date | null;
  cancelledAt: Date | null;
  history: AppointmentChange[];
  createdAt: Date;
  updatedAt: Date;
};

export type NewAppointment = Omit<
  Appointment,
  'status' | 'remindedAt' | 'confirmationSentAt' | 'cancelledAt' | 'createdAt' | 'updatedAt'
>;

type Doc = Record<string, unknown> & { _id: string };

function toAppointment(doc: Doc): Appointment {
  const d = doc as unknown as Omit<Appointment, 'id'> & { _id: string };
  return {
    id: d._id,
    clientId: d.clientId,
    typeId: d.typeId,
    typeName: d.typeName,
    start: d.start,
    end: d.end,
    bufferMinutes: d.bufferMinutes ?? 0,
    status: d.status,
    callerName: d.callerName ?? '',
    callerNumber: d.callerNumber,
    reason: d.reason ?? '',
    locale: d.locale ?? 'fr-FR',
    callSid: d.callSid ?? '',
    bookedVia: d.bookedVia,
    calendar: {
      kind: d.calendar.kind,
      ...(d.calendar.href ? { href: d.calendar.href } : {}),
      ...(d.calendar.etag ? { etag: d.calendar.etag } : {}),
    },
    reminderAt: d.reminderAt ?? null,
    remindedAt: d.remindedAt ?? null,
    confirmationSentAt: d.confirmationSentAt ?? null,
    cancelledAt: d.cancelledAt ?? null,
    history: (d.history ?? []).map((h) => ({ ...h, previousStart: h.previousStart ?? null })),
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
  };
}

export async function insertAppointment(input: NewAppointment): Promise<Appointment> {
  const { id, ...rest } = input;
  const doc = await AppointmentModel.create({ _id: id, ...rest, status: 'booked' });
  return toAppointment(doc.toObject() as Doc);
}

export async function findAppointment(id: string): Promise<Appointment | null> {
  const doc = await AppointmentModel.findById(id).lean<Doc>();
  return doc ? toAppointment(doc) : null;
}

/**
 * A client's booked appointments that overlap [from, to), buffers included. The index on
 * (clientId, start) serves it: starts are bounded below by the longest possible span.
 */
export async function bookedOverlapping(clientId: string, from: Date, to: Date): Promise<Appointment[]> {
  const docs = await AppointmentModel.find({
    clientId,
    start: {
      $gte: new Date(from.getTime() - LONGEST_SPAN_MS),
      $lt: new Date(to.getTime() + LONGEST_SPAN_MS),
    },
  })
    .sort({ start: 1 })
    .lean<Doc[]>();
  return docs
    .map(toAppointment)
    .filter((a) => a.status === 'booked')
    .filter((a) => paddedEnd(a) > from && paddedStart(a) < to);
}

export const paddedStart = (a: Pick<Appointment, 'start' | 'bufferMinutes'>): Date =>
  new Date(a.start.getTime() - a.bufferMinutes * 60_000);
export const paddedEnd = (a: Pick<Appointment, 'end' | 'bufferMinutes'>): Date =>
  new Date(a.end.getTime() + a.bufferMinutes * 60_000);

/** A client's appointments starting in [from, to), cancelled ones included, in order: the day and week views. */
export async function appointmentsStarting(clientId: string, from: Date, to: Date): Promise<Appointment[]> {
  const docs = await AppointmentModel.find({ clientId, start: { $gte: from, $lt: to } })
    .sort({ start: 1 })
    .limit(2000)
    .lean<Doc[]>();
  return docs.map(toAppointment);
}

/** The caller's next booked appointment with this client starting at or after `after`. */
export async function nextAppointmentFor(
  clientId: string,
  callerNumber: string,
  after: Date,
): Promise<Appointment | null> {
  const docs = await AppointmentModel.find({ clientId, callerNumber, start: { $gte: after } })
    .sort({ start: 1 })
    .limit(20)
    .lean<Doc[]>();
  return docs.map(toAppointment).find((a) => a.status === 'booked') ?? null;
}

/** Moves a booked appointment (one write by `_id`); null when it is not booked any more. */
export async function moveAppointmentRecord(
  id: string,
  next: { start: Date; end: Date; calendar: CalendarPlace; reminderAt: Date | null },
  change: AppointmentChange,
): Promise<Appointment | null> {
  const doc = await AppointmentModel.findOneAndUpdate(
    { _id: id, status: 'booked' },
    {
      $set: {
        start: next.start,
        end: next.end,
        calendar: next.calendar,
        reminderAt: next.reminderAt,
        remindedAt: null,
      },
      $push: { history: change },
    },
    { new: true },
  ).lean<Doc>();
  return doc ? toAppointment(doc) : null;
}

/** Cancels a booked appointment (one write by `_id`); null when it was not booked (already cancelled). */
export async function cancelAppointmentRecord(
  id: string,
  change: AppointmentChange,
): Promise<Appointment | null> {
  const doc = await AppointmentModel.findOneAndUpdate(
    { _id: id, status: 'booked' },
    { $set: { status: 'cancelled', cancelledAt: change.at, reminderAt: null }, $push: { history: change } },
    { new: true },
  ).lean<Doc>();
  return doc ? toAppointment(doc) : null;
}

/** Removes a record whose calendar write failed after it was inserted (nothing was booked). */
export async function deleteAppointmentRecord(id: string): Promise<void> {
  await AppointmentModel.deleteOne({ _id: id });
}

export async function setAppointmentCalendar(id: string, calendar: CalendarPlace): Promise<void> {
  await AppointmentModel.updateOne({ _id: id }, { $set: { calendar } });
}

/** The confirmation SMS went (once). */
export async function markConfirmationSent(id: string, at: Date): Promise<void> {
  await AppointmentModel.updateOne(
    { _id: id, confirmationSentAt: null },
    { $set: { confirmationSentAt: at } },
  );
}

/**
 * The reminder is sent for the time it was due at: a reminder for an appointment moved since (its
 * `reminderAt` changed) or cancelled matches nothing, so it is not sent. True when this call marked it.
 */
export async function markReminded(id: string, dueAt: Date, at: Date): Promise<boolean> {
  const res = await AppointmentModel.updateOne(
    { _id: id, status: 'booked', reminderAt: dueAt, remindedAt: null },
    {
      $set: { remindedAt: at },
      $push: { history: { at, action: 'reminded', by: 'system', via: 'system', previousStart: null } },
    },
  );
  return res.modifiedCount === 1;
}

/** Every appointment of a caller's number, in one client or all (index `callerNumber, start`). */
export async function appointmentsOfCaller(callerNumber: string, clientId?: string): Promise<Appointment[]> {
  const docs = await AppointmentModel.find({ callerNumber }).sort({ start: -1 }).lean<Doc[]>();
  return docs.map(toAppointment).filter((a) => !clientId || a.clientId === clientId);
}

/** Deletes appointment records (an erasure): by `_id`. */
export async function deleteAppointments(ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  return (await AppointmentModel.deleteMany({ _id: { $in: ids } })).deletedCount;
}

/**
 * Booked appointments whose reminder is due in [from, to) and not sent, still ahead of `now`:
 * the maintenance sweep puts back their reminder jobs when Redis lost them. Index `reminderAt`.
 */
export async function remindersDue(from: Date, to: Date, now: Date, limit = 500): Promise<Appointment[]> {
  const docs = await AppointmentModel.find({ reminderAt: { $gte: from, $lt: to } })
    .sort({ reminderAt: 1 })
    .limit(limit)
    .lean<Doc[]>();
  return docs
    .map(toAppointment)
    .filter((a) => a.status === 'booked' && a.remindedAt === null && a.start > now);
}
