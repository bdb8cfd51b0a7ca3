/** The record of each retention purge run: when, who started it, what it removed (index `startedAt`). */
import { Types } from 'mongoose';
import { PurgeRunModel } from './models';

export const PURGE_TRIGGERS = ['schedule', 'manual'] as const;
export type PurgeTrigger = (typeof PURGE_TRIGGERS)[number];

/** What the purge removed of one client's data (only clients with something removed are kept). */
export type ClientPurge = {
  clientId: string;
  clientName: string;
  messages: number;
  calls: number;
  /** Recordings whose reference was dropped and whose deletion was asked of Twilio. */
  recordings: number;
  transcriptions: number;
  contacts: number;
  /** Appointment records past the client's message period (their calendar events are the client's). */
  appointments: number;
};

export type PurgeTotals = Omit<ClientPurge, 'clientId' | 'clientName'> & {
  /** Clients whose retention was applied. */
  clients: number;
  outbox: number;
  audit: number;
};

export type PurgeRun = {
  id: string;
  startedAt: Date;
  /** null while it runs (or if the process died during the run). */
  finishedAt: Date | null;
  trigger: PurgeTrigger;
  totals: PurgeTotals;
  clients: ClientPurge[];
  /** Why it stopped, '' when it completed. */
  error: string;
};

export const emptyTotals = (): PurgeTotals => ({
  clients: 0,
  messages: 0,
  calls: 0,
  recordings: 0,
  transcriptions: 0,
  contacts: 0,
  appointments: 0,
  outbox: 0,
  audit: 0,
});

type PurgeRunDoc = {
  _id: Types.ObjectId;
  startedAt: Date;
  finishedAt?: Date | null;
  trigger: string;
  totals?: Partial<PurgeTotals>;
  clients?: ClientPurge[];
  error?: string;
};

function toRun(d: PurgeRunDoc): PurgeRun {
  return {
    id: d._id.toString(),
    startedAt: d.startedAt,
    finishedAt: d.finishedAt ?? null,
    trigger: d.trigger === 'manual' ? 'manual' : 'schedule',
    totals: { ...emptyTotals(), ...d.totals },
    clients: d.clients ?? [],
    error: d.error ?? '',
  };
}

/** Puts the run on record as it starts: a run that never finishes still shows. */
export async function startPurgeRun(trigger: PurgeTrigger, startedAt: Date): Promise<string> {
  const doc = await PurgeRunModel.create({ startedAt, trigger, totals: emptyTotals(), clients: [] });
  return doc._id.toString();
}

export async function finishPurgeRun(
  id: string,
  result: { finishedAt: Date; totals: PurgeTotals; clients: ClientPurge[]; error: string },
): Promise<PurgeRun> {
  const doc = await PurgeRunModel.findByIdAndUpdate(new Types.ObjectId(id), { $set: result }, { new: true })
    .lean<PurgeRunDoc>()
    .orFail();
  return toRun(doc);
}

/** The latest runs, newest first. */
export async function latestPurgeRuns(limit: number): Promise<PurgeRun[]> {
  const docs = await PurgeRunModel.find({}).sort({ startedAt: -1 }).limit(limit).lean<PurgeRunDoc[]>();
  return docs.map(toRun);
}
