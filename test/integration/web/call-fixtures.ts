/**
 * Calls of every kind, on record as call-end.ts writes them (recordCall), with the steps the engine
 * writes, the message a message call left and the appointment a booking call left.
 */
import { randomBytes } from 'node:crypto';
import { recordCall } from '../../../src/store/calls';
import { insertAppointment } from '../../../src/store/appointments';
import { makeMessage } from './web-fixture';

type Step = [name: string, detail: string, afterSeconds: number];

export type SeededCall = {
  sid: string;
  kind: string;
  from: string;
  messageId?: string;
  appointmentId?: string;
};

const sid = () => `CA${randomBytes(16).toString('hex')}`;

/** The engine's steps of each kind of call, with seconds after the start. */
export const KINDS: Record<string, { outcome: string; steps: Step[]; duration: number; from: string }> = {
  transferred: {
    outcome: 'transferred',
    from: '+33612345601',
    duration: 125,
    steps: [
      ['start', 'open', 0],
      ['menu', '', 0],
      ['transfer', 'urgent', 6],
      ['done', 'transferred', 30],
    ],
  },
  'transfer-message': {
    outcome: 'message',
    from: '+33612345602',
    duration: 95,
    steps: [
      ['start', 'open', 0],
      ['menu', '', 0],
      ['transfer', 'urgent', 5],
      ['transfer', 'no-answer, not bridged', 25],
      ['name', '', 25],
      ['reason', '', 35],
      ['done', 'message', 80],
    ],
  },
  silent: {
    outcome: 'abandoned',
    from: '+33612345603',
    duration: 41,
    steps: [
      ['start', 'closed', 0],
      ['menu', '', 0],
      ['menu', 'gave up after 3 tries (no-input)', 30],
      ['name', '', 30],
      ['hangup', 'caller hung up at name', 40],
    ],
  },
  blocked: {
    outcome: 'rejected',
    from: '+33612345604',
    duration: 0,
    steps: [['rejected', 'blocked number', 0]],
  },
  'hung-up-menu': {
    outcome: 'abandoned',
    from: '+33612345605',
    duration: 22,
    steps: [
      ['start', 'open', 0],
      ['menu', '', 0],
      ['hangup', 'caller hung up at menu', 21],
    ],
  },
  appointment: {
    outcome: 'appointment',
    from: '+33612345606',
    duration: 150,
    steps: [
      ['start', 'open', 0],
      ['menu', '', 0],
      ['appointment-calendar', 'find-slots consult', 10],
      ['appointment-slots', '8 free, 3 offered', 11],
      ['appointment-name', 'chose 2026-12-03T09:00:00.000Z', 40],
      ['calendar', 'booked consult at 2026-12-03T09:00:00.000Z (APT1)', 120],
      ['done', 'appointment', 120],
    ],
  },
};

/**
 * Records one call of each kind for `clientId` (the newest `transferred`), one minute apart,
 * ending `endAt`; the message and the appointment they left.
 */
export async function seedCalls(
  clientId: string,
  clientNumber: string,
  endAt = new Date(),
): Promise<SeededCall[]> {
  const seeded: SeededCall[] = [];
  const names = Object.keys(KINDS).reverse();
  for (const [i, kind] of names.entries()) {
    const k = KINDS[kind]!;
    const callSid = sid();
    const startedAt = new Date(endAt.getTime() - (names.length - i) * 60_000);
    await recordCall({
      callSid,
      clientId,
      from: k.from,
      to: clientNumber,
      locale: 'fr-FR',
      status: 'completed',
      outcome: k.outcome as never,
      steps: k.steps.map(([name, detail, s]) => ({
        name,
        detail,
        at: new Date(startedAt.getTime() + s * 1000),
      })),
      startedAt,
      endedAt: new Date(startedAt.getTime() + k.duration * 1000),
      durationSeconds: k.duration,
    });
    const call: SeededCall = { sid: callSid, kind, from: k.from };
    if (k.outcome === 'message') {
      const message = await makeMessage(clientId, {
        callSid,
        callerName: 'Élodie Martin',
        callerNumber: k.from,
        urgent: true,
      });
      call.messageId = message.id;
    }
    if (k.outcome === 'appointment') {
      const a = await insertAppointment({
        id: `apt-${randomBytes(6).toString('hex')}`,
        clientId,
        typeId: 'consult',
        typeName: 'Consultation',
        start: new Date(endAt.getTime() + 86_400_000),
        end: new Date(endAt.getTime() + 86_400_000 + 1_800_000),
        bufferMinutes: 0,
        callerName: 'Paul Durand',
        callerNumber: k.from,
        reason: '',
        locale: 'fr-FR',
        callSid,
        bookedVia: 'call',
        calendar: { kind: 'builtin' },
        reminderAt: null,
        history: [],
      } as never);
      call.appointmentId = a.id;
    }
    seeded.push(call);
  }
  return seeded;
}
