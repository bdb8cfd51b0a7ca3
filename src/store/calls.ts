/**
 * Call repository: the engine's state between webhooks, the timeline and the outcome.
 *
 * A call's document in `calls` is written twice: when the call starts and when its flow ends. In
 * between, each webhook's write goes to `livecalls` (see LiveCallModel for why); reads merge both.
 */
import type { Types } from 'mongoose';
import { OUTCOME_RANK, type CallState, type Outcome } from '../flow';
import { isDuplicateKeyError } from './errors';
import { CallModel, LiveCallModel } from './models';

export type StoredCall = {
  callSid: string;
  clientId: string;
  from: string;
  to: string;
  locale: string;
  state: CallState;
  revision: number;
  outcome: string;
};

export type CallStep = { name: string; detail: string; at: Date };

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
  };
}

export async function findCall(callSid: string): Promise<StoredCall | null> {
  const [doc, live] = await Promise.all([
    CallModel.findById(callSid).lean(),
    LiveCallModel.findById(callSid).lean(),
  ]);
  if (!doc) return null;
  return toStored({
    ...doc,
    ...(live ? { state: live.state, revision: live.revision, outcome: live.outcome } : {}),
  });
}

/** The whole timeline of a call, live part included (for tests and the call's page). */
export async function callSteps(callSid: string): Promise<CallStep[]> {
  const [doc, live] = await Promise.all([
    CallModel.findById(callSid).select({ steps: 1 }).lean(),
    LiveCallModel.findById(callSid).select({ steps: 1 }).lean(),
  ]);
  return [...(doc?.steps ?? []), ...(live?.steps ?? [])].map((st) => ({
    name: st.name,
    detail: st.detail ?? '',
    at: st.at,
  }));
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
};

/**
 * Applies an update to the call (the caller holds the call's lock). While the flow runs, the write
 * goes to the small `livecalls` collection; when the flow ends (step `done`), the live part is folded
 * into the Call document with one write and the live document removed. Filters are `_id` alone:
 * the only filter FerretDB v1 pushes down to SQLite.
 */
export async function updateCall(call: StoredCall, update: CallUpdate): Promise<void> {
  const set: Record<string, unknown> = { revision: call.revision + 1 };
  if (update.state) set.state = update.state;
  if (update.outcome && upgrades(call.outcome, update.outcome)) set.outcome = update.outcome;
  const steps = update.steps ?? [];
  const live = await LiveCallModel.findById(call.callSid).lean();
  const ended = update.state?.step === 'done';
  if (!ended) {
    await LiveCallModel.updateOne(
      { _id: call.callSid },
      { $set: set, ...(steps.length ? { $push: { steps: { $each: steps } } } : {}) },
      { upsert: true },
    );
    return;
  }
  const allSteps = [...(live?.steps ?? []), ...steps];
  await CallModel.updateOne(
    { _id: call.callSid },
    {
      $set: { state: call.state, outcome: call.outcome, ...set },
      ...(allSteps.length ? { $push: { steps: { $each: allSteps } } } : {}),
    },
  );
  if (live) await LiveCallModel.deleteOne({ _id: call.callSid });
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

/**
 * Folds into their Call the live calls not touched since `before` (a call whose end Twilio never
 * reported): the flow stops where it was, and an unfinished call counts as abandoned.
 */
export async function closeStaleLiveCalls(before: Date): Promise<number> {
  const stale = await LiveCallModel.find({ updatedAt: { $lt: before } }).lean();
  for (const live of stale) {
    const outcome = live.outcome === 'in-progress' ? 'abandoned' : live.outcome;
    await CallModel.updateOne(
      { _id: live._id },
      {
        $set: { state: live.state, revision: live.revision, outcome },
        $push: { steps: { $each: live.steps } },
      },
    );
    await LiveCallModel.deleteOne({ _id: live._id });
  }
  return stale.length;
}
