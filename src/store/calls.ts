/**
 * Call repository: the record of each call, written once when the call ends (its live state is in
 * Redis until then), `_id` = CallSid.
 */
import { Types } from 'mongoose';
import type { Outcome } from '../flow';
import { isDuplicateKeyError } from './errors';
import { CallModel } from './models';

export type CallStep = { name: string; detail: string; at: Date };

export type CallRecord = {
  callSid: string;
  clientId: string;
  from: string;
  to: string;
  locale: string;
  /** Twilio's last call status (`completed`, `busy`, `no-answer`…). */
  status: string;
  outcome: Outcome | 'in-progress';
  steps: { name: string; detail: string; at: string | Date }[];
  startedAt: Date;
  endedAt: Date;
  durationSeconds?: number;
};

/** One insert; Twilio's retry of the final status callback finds the record there and changes nothing. */
export async function recordCall(call: CallRecord): Promise<void> {
  try {
    await CallModel.collection.insertOne({
      _id: call.callSid as never,
      callSid: call.callSid,
      clientId: new Types.ObjectId(call.clientId),
      from: call.from,
      to: call.to,
      locale: call.locale,
      status: call.status,
      outcome: call.outcome,
      steps: call.steps.map((s) => ({ name: s.name, detail: s.detail, at: new Date(s.at) })),
      startedAt: call.startedAt,
      endedAt: call.endedAt,
      ...(call.durationSeconds !== undefined ? { durationSeconds: call.durationSeconds } : {}),
      createdAt: call.endedAt,
      updatedAt: call.endedAt,
    });
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
  }
}

export async function findCallRecord(callSid: string): Promise<(CallRecord & { steps: CallStep[] }) | null> {
  const doc = await CallModel.findById(callSid).lean();
  if (!doc) return null;
  return {
    callSid: String(doc._id),
    clientId: String(doc.clientId),
    from: doc.from,
    to: doc.to,
    locale: doc.locale ?? 'fr-FR',
    status: doc.status,
    outcome: doc.outcome as CallRecord['outcome'],
    steps: (doc.steps ?? []).map((st) => ({ name: st.name, detail: st.detail ?? '', at: st.at })),
    startedAt: doc.startedAt,
    endedAt: doc.endedAt ?? doc.startedAt,
    ...(doc.durationSeconds != null ? { durationSeconds: doc.durationSeconds } : {}),
  };
}

/** The timeline of a call on record. */
export async function callSteps(callSid: string): Promise<CallStep[]> {
  return (await findCallRecord(callSid))?.steps ?? [];
}
