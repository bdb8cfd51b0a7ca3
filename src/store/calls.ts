/**
 * Call repository: the engine's state between webhooks, the timeline, the outcome, and the TwiML
 * answered per turn (so a Twilio retry gets the same answer without applying its event twice).
 * Every write is one conditional update on `revision`, so two webhooks of one call never interleave.
 */
import type { Types } from 'mongoose';
import { OUTCOME_RANK, type CallState, type Outcome } from '../flow';
import { isDuplicateKeyError } from './errors';
import { CallModel } from './models';

export type StoredCall = {
  callSid: string;
  clientId: string;
  from: string;
  to: string;
  locale: string;
  state: CallState;
  revision: number;
  outcome: string;
  /** TwiML already answered, by turn. */
  responses: Record<string, string>;
};

export type CallStep = { name: string; detail: string; at: Date };

/** How many past answers are kept for replays; Twilio retries within seconds, never turns later. */
const KEPT_RESPONSES = 4;

function toStored(doc: Record<string, unknown>): StoredCall {
  return {
    callSid: String(doc._id),
    clientId: String(doc.clientId),
    from: String(doc.from),
    to: String(doc.to),
    locale: String(doc.locale ?? 'fr-FR'),
    state: doc.state as CallState,
    revision: Number(doc.revision ?? 0),
    outcome: String(doc.outcome ?? 'in-progress'),
    responses: (doc.responses as Record<string, string>) ?? {},
  };
}

export async function findCall(callSid: string): Promise<StoredCall | null> {
  const doc = await CallModel.findById(callSid).lean();
  return doc ? toStored(doc as never) : null;
}

export type NewCall = {
  callSid: string;
  clientId: Types.ObjectId | string;
  from: string;
  to: string;
  locale: string;
  state: CallState;
  steps: CallStep[];
  outcome?: Outcome;
  response: string;
  startedAt: Date;
};

/** Creates the call; `created: false` when it already exists (Twilio retried the first webhook). */
export async function createCall(call: NewCall): Promise<{ created: boolean; existing?: StoredCall }> {
  try {
    await CallModel.create({
      _id: call.callSid,
      callSid: call.callSid,
      clientId: call.clientId,
      from: call.from,
      to: call.to,
      locale: call.locale,
      state: call.state,
      steps: call.steps,
      outcome: call.outcome ?? 'in-progress',
      responses: { [String(call.state.turn)]: call.response },
      startedAt: call.startedAt,
      status: 'in-progress',
    });
    return { created: true };
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
    const existing = await findCall(call.callSid);
    return existing ? { created: false, existing } : { created: false };
  }
}

export type CallUpdate = {
  state?: CallState;
  steps?: CallStep[];
  outcome?: Outcome;
  /** The TwiML answered for `state.turn`. */
  response?: { turn: number; twiml: string };
};

/** Applies an update if nobody else wrote the call since `revision`; false on a lost race. */
export async function updateCall(call: StoredCall, update: CallUpdate): Promise<boolean> {
  const set: Record<string, unknown> = { revision: call.revision + 1 };
  if (update.state) set.state = update.state;
  if (update.outcome && upgrades(call.outcome, update.outcome)) set.outcome = update.outcome;
  if (update.response) {
    const kept = Object.entries(call.responses)
      .sort(([a], [b]) => Number(a) - Number(b))
      .slice(-(KEPT_RESPONSES - 1));
    set.responses = { ...Object.fromEntries(kept), [String(update.response.turn)]: update.response.twiml };
  }
  const result = await CallModel.updateOne(
    { _id: call.callSid, revision: call.revision },
    { $set: set, ...(update.steps?.length ? { $push: { steps: { $each: update.steps } } } : {}) },
  );
  return result.modifiedCount === 1;
}

/** Records what the status callback says; duplicates and out-of-order deliveries are harmless. */
export async function recordCallStatus(
  callSid: string,
  status: string,
  ended: { at: Date; durationSeconds?: number } | null,
): Promise<void> {
  await CallModel.updateOne(
    { _id: callSid },
    {
      $set: {
        status,
        ...(ended ? { endedAt: ended.at } : {}),
        ...(ended?.durationSeconds !== undefined ? { durationSeconds: ended.durationSeconds } : {}),
      },
    },
  );
}

export function upgrades(current: string, next: Outcome): boolean {
  if (current === 'in-progress') return true;
  const rank = OUTCOME_RANK[current as Outcome] ?? 0;
  return OUTCOME_RANK[next] > rank;
}
