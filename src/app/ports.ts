/** What the call-handling use cases need from the outside world, injected by the composition root. */
import type { RetryOutcome } from '../domain/vocabulary';
import type { Message, NewMessage, TranscriptionFill } from '../store/messages';
import type { MessageEvent } from '../infra/message-events';
import type { Logger } from '../infra/logger';
import type { CallRecord } from '../store/calls';
import type { Contact } from '../store/contacts';
import type { CalendarRequest, CalendarResult } from '../flow';
import type { Appointment } from '../store/appointments';
import type { LiveCallStore } from './live-call';

/** The follow-up pipeline (notifications, escalations), as every use case sees it. */
export type FollowUpsPort = {
  /** Queues the notifications of a newly complete message. Must not throw (a sweeper catches up). */
  messageStored(message: Message): Promise<void>;
  /**
   * The message's content is complete (its transcription was applied, or failed): a notification
   * held for the transcription goes out now. Must not throw (the hold is bounded anyway).
   */
  messageCompleted(messageId: string): Promise<void>;
  /** A person has the message in hand: its pending escalation steps are cancelled. */
  acknowledge(messageId: string, by: string): Promise<void>;
  /** An admin's retry of a failed notification (the key is the delivery log entry's key). */
  retryDelivery(messageId: string, key: string): Promise<RetryOutcome>;
};

/** The durable records a call leaves in MongoDB: its message, its Call record, its contact. */
export type CallRecords = {
  /** Inserts the message once per key; `created: false` when the key already has one. */
  insertMessage(input: NewMessage): Promise<{ message: Message; created: boolean }>;
  /** Adds what `input` knows and the stored message lacks (the other path's content). */
  mergeMessage(input: NewMessage): Promise<Message | null>;
  /**
   * Adds the transcription and what `complete` fills from it, once per message (one write by key);
   * null when there is no message or it already has its transcription.
   */
  applyTranscription(
    key: string,
    transcription: string,
    complete: (message: Message) => Promise<TranscriptionFill> | TranscriptionFill,
  ): Promise<Message | null>;
  /** Inserts the Call record when the call ends; a second insert for one CallSid is ignored. */
  recordCall(call: CallRecord): Promise<void>;
  findContact(clientId: string, phone: string): Promise<Contact | null>;
  /** Counts the call on the caller's contact card (and remembers the name they gave). */
  countContactCall(clientId: string, phone: string, at: Date, name?: string): Promise<void>;
};

/** A message waiting in Redis for MongoDB: the flow's own, or a fail-safe recording. */
export type ParkedEntry =
  | { kind: 'message'; id: string; message: NewMessage; parkedAt: string }
  | { kind: 'recording'; id: string; recording: FailSafeRecording; parkedAt: string };

export type FailSafeRecording = {
  callSid: string;
  to: string;
  from: string;
  recording: { sid: string; url: string; durationSeconds: number };
};

export type ParkingLot = {
  park(entry: ParkedEntry): Promise<void>;
  /** Takes the oldest entry for this drainer alone; `done` once it is stored. */
  claim(): Promise<{ entry: ParkedEntry; done: () => Promise<void> } | null>;
  /** Entries waiting or being drained. */
  size(): Promise<number>;
};

export type CallDeps = {
  logger: Logger;
  now: () => Date;
  liveCalls: LiveCallStore;
  records: CallRecords;
  followUps: FollowUpsPort;
  /** Publishes a message event outside a call's own save (transcriptions, drains). */
  publish: (event: MessageEvent) => Promise<void>;
  parking: ParkingLot;
  /** Calendar work asked for by the flow (appointments); without it, the flow is told the calendar is unavailable. */
  calendar?: CallCalendar;
  /** How long a message insert may take before the message is parked instead (ms). @defaultValue 600 */
  storeDeadlineMs?: number;
};

/** What people's actions on messages need: the clock, the live list's events, the follow-ups. */
export type MessageActionDeps = {
  logger: Logger;
  now: () => Date;
  publish: (event: MessageEvent) => Promise<void>;
  followUps: FollowUpsPort;
};

/**
 * What follows an appointment's change, for the caller and the client: the confirmation SMS, the
 * reminder (a delayed job, moved or removed with the appointment), the client's notifications
 * (SMS, email with an .ics, webhook). Queued, never sent inline; must not throw.
 */
export type AppointmentFollowUpsPort = {
  booked(appointment: Appointment): Promise<void>;
  moved(appointment: Appointment, previousStart: Date): Promise<void>;
  /** `by`: who cancelled — the caller (phone, SMS) or the client's side (an assistant, the API). */
  cancelled(appointment: Appointment, by: 'caller' | 'staff'): Promise<void>;
};

/** The calendar work a call asks for (`Transition.request`), done for the call's client and caller. */
export type CallCalendar = {
  fulfil(
    call: { callSid: string; clientId: string; from: string },
    request: CalendarRequest,
  ): Promise<CalendarResult>;
};
